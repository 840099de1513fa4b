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


def test_someone_answers_on_a_phone_with_the_code_from_a_poster_and_the_team_reads_it(browser, base_url):
    """No account: the code typed from the poster, one question a screen, a story with permission
    to quote it, and the private code that brings the answers back on another device."""
    phone = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB", is_mobile=True, has_touch=True).new_page()
    phone.goto(base_url + "/c")
    expect_accessible(phone, "typing a consultation's code")
    phone.get_by_label("The code on the poster or leaflet").fill("tra-baj")
    phone.get_by_role("button", name="Go to the questions").click()
    assert phone.get_by_role("heading", name="What would help you into work?").is_visible()
    expect_accessible(phone, "a consultation's welcome")
    phone.get_by_role("link", name="Start").click()
    phone.get_by_label("Has children").check()
    expect_accessible(phone, "about you")
    phone.get_by_role("button", name="Save and go on").click()
    phone.get_by_label("No", exact=True).check()
    expect_accessible(phone, "a choice question")
    phone.get_by_role("button", name="Save and go on").click()
    # "No": the question asked only after "Yes" is not put.
    assert phone.get_by_role("heading", name="What would help you more than a course?").is_visible()
    phone.get_by_role("button", name="Save and go on").click()
    phone.get_by_label("Evenings").check()
    phone.get_by_role("button", name="Save and go on").click()
    expect_accessible(phone, "a scale")
    phone.get_by_role("button", name="Skip this question").click()
    phone.get_by_label("Your answer").fill("A mentor answered my messages at night, when I could work on my plan.")
    phone.get_by_label("You may quote it inside your organisation").check()
    expect_accessible(phone, "a story with its permissions")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "answer-story-on-phone")
    phone.get_by_role("button", name="Save and go on").click()
    assert phone.get_by_text("Thank you. Your answers are saved.").is_visible()
    assert phone.get_by_text("A mentor answered my messages at night").is_visible()
    expect_accessible(phone, "your answers")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "your-answers-on-phone")
    private_code = phone.locator(".invitation-code").inner_text()
    phone.context.close()

    # Another device: nothing shown until the private code is typed.
    other = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB").new_page()
    other.goto(base_url + "/c/TRABAJ/answers")
    assert other.get_by_text("You have not answered anything yet.").is_visible()
    other.goto(base_url + "/c/TRABAJ/return")
    expect_accessible(other, "coming back with a private code")
    other.get_by_label("Your private code").fill(private_code.lower())
    other.get_by_role("button", name="Find my answers").click()
    assert other.get_by_text("A mentor answered my messages at night").is_visible()
    other.context.close()

    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB").new_page()
    sign_in(desk, base_url, "mentor@valencia.demo")
    desk.get_by_role("link", name="Consultations").first.click()
    desk.get_by_role("link", name="What would help you into work?").click()
    desk.get_by_role("link", name="Answers (").click()
    assert desk.get_by_text("A mentor answered my messages at night").is_visible()
    expect_accessible(desk, "the team's answers")
    desk.get_by_role("link", name="Enter answers from an interview, a workshop or paper").click()
    desk.get_by_label("Paper form").check()
    desk.get_by_role("button", name="Enter answers from an interview, a workshop or paper").click()
    assert desk.get_by_text("Fill in at least one answer.").first.is_visible()
    expect_accessible(desk, "entering answers, with a problem")
    desk.locator("fieldset#q\\[1\\]\\[choice\\] label", has_text="I am not sure").click()
    desk.get_by_role("button", name="Enter answers from an interview, a workshop or paper").click()
    assert desk.get_by_text("The answers are saved.").is_visible()
    desk.goto(desk.url.split("/answers")[0] + "/poster")
    assert desk.get_by_text("TRA-BAJ").is_visible()
    expect_accessible(desk, "the poster")
    screenshot(desk, "poster")
    desk.context.close()


def test_a_spanish_reader_sees_the_translation_and_what_is_not_translated_yet(browser, base_url):
    phone = browser.new_context(viewport={"width": 360, "height": 780}, locale="es-ES", is_mobile=True, has_touch=True).new_page()
    phone.goto(base_url + "/c/TRABAJ")
    assert phone.locator("h1[lang=es]", has_text="¿Qué te ayudaría a encontrar trabajo?").is_visible()
    expect_accessible(phone, "a welcome in Spanish")
    phone.goto(base_url + "/c/TRABAJ/q/6")
    assert phone.locator("h1[lang=en]").is_visible()
    assert phone.get_by_text("Not yet translated into Español: shown in English.").is_visible()
    expect_accessible(phone, "a question not translated yet")
    phone.goto(base_url + "/c/TRABAJ?lang=en")
    assert phone.locator("h1[lang=en]", has_text="What would help you into work?").is_visible()
    phone.context.close()
