"""A professional writes on a citizen's plan while the citizen has Kanssa open on her phone: the
header counts it, the notices page shows it, and once seen it is no longer counted. The citizen
then asks for the daily e-mail and is told what to fix first."""
from conftest import screenshot
from test_pages import expect_accessible, sign_in


def test_a_note_on_her_plan_is_counted_until_she_sees_it(browser, base_url):
    phone = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB", is_mobile=True, has_touch=True).new_page()
    sign_in(phone, base_url, "fatima@houten.demo")

    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB").new_page()
    sign_in(desk, base_url, "sanne@houten.demo")
    desk.goto(base_url + "/caseload")
    desk.locator("a[href^='/plans/']", has_text="Fatima").first.click()
    desk.locator("summary", has_text="Write a note").first.click()
    desk.get_by_label("A new note").fill("Thank you for coming in today.")
    desk.get_by_role("button", name="Add note").click()
    desk.context.close()

    phone.goto(base_url + "/plan")
    badge = phone.locator("header .badge")
    assert badge.inner_text() == "1 new"
    screenshot(phone, "notice-counted-on-phone")
    phone.get_by_role("link", name="Notices").click()
    assert phone.get_by_role("link", name="Sanne Bakker wrote a note on your plan.").first.is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    expect_accessible(phone, "notices on a phone")
    screenshot(phone, "notices-on-phone")
    phone.goto(base_url + "/plan")
    assert phone.locator("header .badge").count() == 0

    phone.goto(base_url + "/me/notices")
    phone.get_by_label("Yes, at most once a day").check()
    phone.get_by_role("button", name="Save").click()
    assert phone.get_by_text("Write the e-mail address to send it to, or choose no.").first.is_visible()
    expect_accessible(phone, "e-mail choice with a problem")
    phone.get_by_label("Your e-mail address").fill("fatima@example.org")
    phone.get_by_role("button", name="Save").click()
    assert phone.get_by_text("A short e-mail goes to fatima@example.org at most once a day").is_visible()
    phone.context.close()
