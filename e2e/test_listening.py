"""A professional writes down on her phone what her team expects to hear and a question to ask,
opens the consultation, and finds what was written kept as it was."""
import re

from conftest import screenshot
from test_pages import expect_accessible, sign_in
from test_print import printed


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
    # The e-mail address someone left is offered to hide; the reason is asked for.
    answer = desk.locator("section.sheet", has_text="sam.okafor@example.org")
    answer.get_by_role("link", name="Moderate").click()
    assert desk.get_by_label("Hide “sam.okafor@example.org” (may be an e-mail address)").is_checked()
    expect_accessible(desk, "moderating an answer")
    desk.get_by_label("Why (kept in the log)").fill("An e-mail address.")
    desk.get_by_role("button", name="Save the moderation").click()
    assert desk.get_by_text("The moderation is saved and logged.").is_visible()
    desk.locator("section.sheet", has_text="sam.okafor@example.org").get_by_role("link", name="Moderate").click()
    assert desk.get_by_text("A mentor who answers e-mail: write to me at […]").is_visible()
    screenshot(desk, "moderation")
    # The codebook, a coding, and where Javier and Ana disagree.
    consultation = desk.url.split("/answers")[0]
    desk.goto(consultation + "/codebook")
    assert desk.locator("main strong", has_text="Mentors on demand").is_visible()
    expect_accessible(desk, "the codebook")
    # Themes the machine suggested from the Spanish answers, and a new suggestion from the English ones: the page
    # loads itself again (a Refresh header, no script) until the work is done.
    desk.get_by_role("link", name="See themes the machine suggests from the answers").click()
    assert desk.get_by_text("Taken into the codebook as “Somewhere near, with others” by Ana Torres").is_visible()
    expect_accessible(desk, "suggested themes")
    desk.get_by_label("Answers in").select_option("en")
    desk.get_by_label("How many themes to suggest").select_option("2")
    desk.get_by_role("button", name="Suggest themes").click()
    desk.get_by_role("heading", name=re.compile(r"Suggested from \d+ answers in English")).wait_for(timeout=30_000)
    expect_accessible(desk, "themes suggested from the English answers")
    screenshot(desk, "suggestions")
    desk.get_by_role("button", name="Turn it down").first.click()
    assert desk.get_by_text("Your decision is kept.").is_visible()
    assert desk.locator("ol.cards").get_by_text(re.compile("Turned down by Javier García")).is_visible()
    # The Spanish run's decisions stay on record below.
    assert desk.get_by_role("heading", name="Decided earlier").is_visible()
    assert desk.get_by_text("Taken into the codebook as “Somewhere near, with others” by Ana Torres", exact=False).is_visible()
    desk.goto(consultation + "/agreement")
    pair = desk.locator("h2", has_text="answers both coded: 11")
    assert pair.is_visible() and "Javier García" in pair.inner_text() and "Ana Torres" in pair.inner_text()
    assert desk.get_by_text("Disagreed on “A place to work”").is_visible()
    expect_accessible(desk, "coders' agreement")
    screenshot(desk, "agreement")
    desk.get_by_role("link", name="Open").first.click()
    desk.get_by_label("Help with paperwork").check()
    desk.get_by_role("button", name="Save the coding").click()
    assert desk.get_by_text("The coding is saved.").is_visible()
    expect_accessible(desk, "coding an answer")
    # The team's report to print: what was heard, believed and decided, and the figures; nothing for the screen.
    desk.goto(consultation)
    desk.get_by_role("link", name="A report to print").click()
    expect_accessible(desk, "the team's report")
    report = "\n".join(printed(desk, "", desk.url, "consultation-report")).replace("\ufb01", "fi")
    assert "Report: What would help you into work?" in report and "The figures" in report
    assert "Overturned" in report and "made to be printed" not in report
    desk.goto(consultation + "/poster")
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


def test_what_was_heard_becomes_a_verdict_and_a_decision_followed_on_a_phone(browser, base_url):
    phone = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB", is_mobile=True, has_touch=True).new_page()
    sign_in(phone, base_url, "mentor@valencia.demo")
    phone.get_by_role("link", name="Consultations").first.click()
    consultations = phone.url
    phone.get_by_role("link", name="What would help you into work?").click()
    consultation = phone.url
    assert phone.get_by_text("What you heard: Overturned.").first.is_visible()
    phone.locator("a[href$='/verdict']", has_text="People prefer to come in the mornings").click()
    # A verdict of that kind rests on evidence: without any, it is refused and says so.
    phone.get_by_label("Overturned").check()
    phone.get_by_label("Your reasoning").fill("Parents come in the afternoons, when the children are at school.")
    phone.get_by_role("button", name="Record the verdict").click()
    assert phone.get_by_text("Tick the evidence the verdict rests on").first.is_visible()
    expect_accessible(phone, "a verdict refused for want of evidence")
    phone.locator("fieldset", has_text="Childcare").locator("input[type=checkbox]").first.check()
    phone.get_by_role("button", name="Record the verdict").click()
    assert phone.get_by_text("The verdict is recorded.").is_visible()
    phone.get_by_role("link", name="Record a decision").click()
    phone.get_by_label("Change", exact=True).check()
    phone.get_by_label("What", exact=True).fill("Opening hours of the co-working space")
    phone.get_by_label("Why", exact=True).fill("Parents can come only while their children are at school.")
    phone.get_by_label("Overturned: People prefer to come in the mornings.").check()
    phone.get_by_label("Who sees it through").select_option(label="Ana Torres")
    phone.get_by_label("Due by").fill("2027-01-31")
    phone.get_by_role("button", name="Record the decision").click()
    assert phone.get_by_text("The decision is recorded.").is_visible()
    expect_accessible(phone, "a decision")
    phone.get_by_label("Under way").check()
    phone.get_by_label("What happened").fill("Open until eight from next Monday.")
    phone.get_by_role("button", name="Add the update").click()
    assert phone.get_by_text("The update is added.").is_visible()
    assert phone.get_by_text("Open until eight from next Monday.").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "decision")
    phone.goto(consultation)
    assert phone.get_by_role("link", name="Change: Opening hours of the co-working space").is_visible()
    phone.goto(consultation + "/figures")
    assert phone.get_by_role("heading", name="Question 1: Would a course on starting a business help you?").is_visible()
    assert phone.locator("figure svg[role=img]").first.is_visible()
    expect_accessible(phone, "a consultation's figures")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "consultation-figures")
    # Across the organisation: how sure the staff were, and what was stopped.
    phone.goto(consultations)
    phone.get_by_role("link", name="How sure were we?").click()
    assert phone.get_by_text("Brier score:").is_visible()
    expect_accessible(phone, "calibration")
    phone.goto(consultations)
    phone.get_by_role("link", name="What we stopped").click()
    assert phone.get_by_role("link", name="The entrepreneurship course").is_visible()
    expect_accessible(phone, "what was stopped")
    phone.context.close()


def test_anyone_reads_what_was_heard_and_done_without_script_and_prints_it(browser, base_url):
    bare = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB", java_script_enabled=False).new_page()
    bare.goto(base_url + "/c/TRABAJ/we-did")
    assert bare.get_by_role("heading", name="You said, we did: What would help you into work?").is_visible()
    assert bare.get_by_text("What we heard: Overturned.").first.is_visible()
    assert bare.get_by_text("Una mentora me ayudó a preparar la entrevista.").is_visible()
    text = bare.locator("main").inner_text()
    # No story without consent to publish, no unmoderated words, no staff names.
    for unseen in ["I waited three weeks", "sam.okafor@example.org", "612 345 678", "Javier", "Ana Torres"]:
        assert unseen not in text, unseen
    bare.context.close()

    phone = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB").new_page()
    phone.goto(base_url + "/c/TRABAJ/we-did")
    expect_accessible(phone, "you said, we did")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "you-said-we-did")
    pages = printed(phone, base_url, "/c/TRABAJ/we-did", "you-said-we-did")
    assert "What we decided" in "".join(pages)
    phone.get_by_role("link", name="Everything Valencia Activa").click()
    assert phone.get_by_role("link", name="What would help you into work?").is_visible()
    assert phone.get_by_role("heading", name="The entrepreneurship course").is_visible()
    expect_accessible(phone, "an organisation's you said, we did")
    phone.context.close()


def test_a_signed_in_citizen_answers_and_asks_to_be_contacted(browser, base_url):
    phone = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB", is_mobile=True, has_touch=True).new_page()
    sign_in(phone, base_url, "carlos@valencia.demo")
    phone.goto(base_url + "/c/TRABAJ/q/1")
    phone.get_by_label("I am not sure").check()
    phone.get_by_role("button", name="Save and go on").click()
    phone.goto(base_url + "/c/TRABAJ/answers")
    assert phone.get_by_role("heading", name="Would you like the team to contact you?").is_visible()
    assert phone.get_by_text("Your answers are anonymous").is_visible()
    phone.get_by_role("button", name="Yes, contact me").click()
    assert phone.get_by_text("Your choice is saved.").is_visible()
    assert phone.get_by_role("button", name="No, do not contact me").is_visible()
    expect_accessible(phone, "asking to be contacted")
    screenshot(phone, "contact-me")
    phone.context.close()
    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB").new_page()
    sign_in(desk, base_url, "mentor@valencia.demo")
    desk.get_by_role("link", name="Consultations").first.click()
    desk.get_by_role("link", name="What would help you into work?").click()
    desk.get_by_role("link", name="Answers (").click()
    assert desk.get_by_text("Asked to be contacted: Carlos").is_visible()
    desk.context.close()
