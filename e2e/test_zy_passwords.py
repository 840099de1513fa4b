"""A professional at the desk hands a citizen a code for a forgotten password; the citizen sets
a new one on her phone, signs in with it, and on "My information" changes it back. Runs after
the other page tests (it changes Fatima's password, and puts it back)."""
import re

from conftest import screenshot
from test_pages import PASSWORD, expect_accessible, sign_in

NEW_PASSWORD = "a brand new password 1"


def test_a_professional_hands_a_code_and_a_citizen_sets_a_new_password_on_a_phone(browser, base_url):
    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB").new_page()
    sign_in(desk, base_url, "sanne@houten.demo")
    desk.get_by_role("link", name="Give someone who forgot their password a code").first.click()
    expect_accessible(desk, "giving a code")
    desk.get_by_label("Their email or username").fill("fatima@houten.demo")
    desk.get_by_role("button", name="Give a code").click()
    code = desk.locator(".invitation-code").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{5}-[A-Z0-9]{5}", code)
    expect_accessible(desk, "a code given")
    screenshot(desk, "password-code-given")
    desk.context.close()

    phone = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB", is_mobile=True, has_touch=True).new_page()
    phone.goto(base_url + "/sign-in")
    phone.get_by_role("link", name="Forgot your password?").click()
    expect_accessible(phone, "setting a new password")
    phone.get_by_label("Email or username", exact=True).fill("fatima@houten.demo")
    phone.get_by_label("The code you were given").fill(code.lower().replace("-", " "))
    phone.get_by_label("Your new password").fill(NEW_PASSWORD)
    phone.get_by_role("button", name="Set my new password").click()
    phone.wait_for_url(re.compile(r".*/sign-in\?notice=password-set"))
    assert phone.get_by_text("Your new password is set").is_visible()
    phone.get_by_label("Email or username", exact=True).fill("fatima@houten.demo")
    phone.get_by_label("Password").fill(NEW_PASSWORD)
    phone.get_by_role("button", name="Sign in").click()
    phone.wait_for_url(base_url + "/")

    # On "My information" she changes it again, to the one she had.
    phone.goto(base_url + "/me")
    phone.locator("summary", has_text="Change your password").click()
    phone.get_by_label("Your password now").fill(NEW_PASSWORD)
    phone.get_by_label("Your new password").fill(PASSWORD)
    phone.get_by_role("button", name="Change the password").click()
    assert phone.get_by_text("Your password is changed.").is_visible()
    expect_accessible(phone, "password changed")
    assert "Gave you a code to set a new password" in phone.content()  # on her trace
    screenshot(phone, "password-changed-on-a-phone")
    phone.context.close()
