"""A professional writes down on her phone what her team expects to hear and a question to ask,
opens the consultation, and finds what was written kept as it was."""
from conftest import screenshot
from test_pages import expect_accessible, sign_in


def test_beliefs_written_on_a_phone_are_kept_once_the_consultation_opens(browser, base_url):
    phone = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB", is_mobile=True, has_touch=True).new_page()
    sign_in(phone, base_url, "sanne@houten.demo")
    phone.get_by_role("link", name="Consultations").first.click()
    phone.get_by_role("link", name="Is the information desk there when you need it?").click()
    phone.locator("summary", has_text="Write down a belief").click()
    phone.get_by_label("What you expect to hear").fill("People find the desk's opening hours on the website.")
    phone.get_by_label("Whose belief it is").fill("Information desk")
    phone.get_by_label("How sure (0 to 100 %)").fill("70")
    phone.get_by_label("What you would do differently if it is wrong").fill("Put the hours on paper in the library and the mosque.")
    phone.get_by_role("button", name="Save").click()
    assert phone.get_by_text("Written down.").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    expect_accessible(phone, "ledger on a phone")
    screenshot(phone, "ledger-on-phone")

    # A question: a scale takes exactly its two ends, and says so.
    phone.locator("summary", has_text="Add a question").click()
    phone.get_by_label("A scale from 1 to 5").check()
    phone.get_by_label("The question").fill("How easy is it to reach the desk?")
    phone.get_by_label("Choices, one per line").fill("Very hard\nSo-so\nVery easy")
    phone.locator("#questions button[type=submit]").click()
    assert phone.get_by_text("for a scale, exactly two lines").first.is_visible()
    expect_accessible(phone, "a question with a problem")
    screenshot(phone, "question-problem-on-phone")
    phone.get_by_label("Choices, one per line").fill("Very hard\nVery easy")
    phone.locator("#questions button[type=submit]").click()
    assert phone.get_by_text("The question is added.").is_visible()
    assert phone.locator("#questions strong", has_text="How easy is it to reach the desk?").first.is_visible()

    phone.get_by_role("link", name="Open the consultation").click()
    assert phone.get_by_text("the 2 beliefs written down are kept as they are").is_visible()
    expect_accessible(phone, "opening a consultation")
    phone.get_by_role("button", name="Open it now").click()
    assert phone.get_by_text("The consultation is open.").is_visible()
    assert phone.get_by_text("nobody can change or remove these any more").is_visible()
    assert phone.get_by_role("link", name="Change or remove").count() == 0
    screenshot(phone, "ledger-frozen-on-phone")
    phone.context.close()
