"""Every demo role signs in, visits every page it can reach, and every page passes axe-core's
WCAG 2.2 A and AA rules. Forms are tried with an error and with valid input."""
import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import screenshot

PASSWORD = "kanssa-demo-2026"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
DEMO_LOGINS = {
    "admin": "admin@houten.demo",
    "professional": "aino@turku.demo",
    "coordinator": "mikko@turku.demo",
    "co-trainer": "venla@turku.demo",
    "citizen": "fatima@houten.demo",
    "trainer": "coach@turku.demo",
    "researcher": "researcher@kanssa.demo",
}
axe = Axe()


def expect_accessible(page, where):
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    assert results.violations_count == 0, f"{where}: {results.generate_report()}"


def sign_in(page, base_url, login):
    page.goto(base_url + "/sign-in")
    page.get_by_label("Email or username").fill(login)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base_url + "/")


def same_site_links(page, base_url):
    hrefs = page.eval_on_selector_all("main a[href^='/'], nav a[href^='/']", "els => els.map(e => e.getAttribute('href'))")
    return {h.split("#")[0] for h in hrefs if h and not h.startswith("/static")}


def test_anonymous_pages_are_accessible(page, base_url):
    for path in ["/sign-in", "/join", "/no-such-page"]:
        page.goto(base_url + path)
        expect_accessible(page, path)
    screenshot(page, "not-found")


@pytest.mark.parametrize("role", sorted(DEMO_LOGINS))
def test_each_role_visits_every_page_it_can_reach(page, base_url, role):
    sign_in(page, base_url, DEMO_LOGINS[role])
    seen, queue = set(), ["/"]
    while queue and len(seen) < 25:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = page.goto(base_url + path)
        assert response.status == 200, f"{role} {path}: {response.status}"
        assert page.locator("h1").count() == 1
        expect_accessible(page, f"{role} {path}")
        # Do not follow links that lead to confirmation steps of destructive actions.
        # Downloads are not pages.
        queue += sorted(p for p in same_site_links(page, base_url) - seen
                        if not p.endswith("/disable") and not p.endswith((".json", ".csv", ".qdpx")) and "/tables/" not in p)
    screenshot(page, f"last-page-{role}")
    assert "/me" in seen


def test_profile_form_with_an_error_then_valid_input(page, base_url):
    sign_in(page, base_url, "lead@houten.demo")
    page.goto(base_url + "/me")
    page.locator("summary", has_text="Change your name or language").click()
    page.get_by_label("Your name").fill("   ")
    page.get_by_role("button", name="Save").click()
    assert page.locator(".error-summary").is_visible()
    assert page.get_by_label("Your name").get_attribute("aria-invalid") == "true"
    expect_accessible(page, "/me with an error")
    screenshot(page, "my-information-error")
    page.get_by_label("Your name").fill("Marloes Jansen")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("Your changes have been saved.").is_visible()


def test_sign_in_with_a_wrong_password_says_so_accessibly(page, base_url):
    page.goto(base_url + "/sign-in")
    page.get_by_label("Email or username").fill("nobody@example.org")
    page.get_by_label("Password").fill("wrong password here")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_text("The email, username or password is not right").first.is_visible()
    expect_accessible(page, "sign-in error")


def test_invite_a_citizen_who_joins_on_a_phone(page, phone, base_url):
    sign_in(page, base_url, "sanne@houten.demo")
    page.get_by_role("link", name="Invite someone").first.click()
    expect_accessible(page, "invitation form")
    page.get_by_role("button", name="Create code").click()
    code = page.locator(".invitation-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", code)
    expect_accessible(page, "invitation created")

    phone.goto(base_url + "/join")
    phone.get_by_label("Code").fill(code.lower().replace("-", " "))
    phone.get_by_label("Your name").fill("Noor")
    phone.get_by_label("Email or username").fill(f"noor-{code.lower()}@example.org")
    phone.get_by_label("Choose a password").fill("a bicycle by the canal")
    screenshot(phone, "join-on-phone")
    phone.get_by_role("button", name="Join").click()
    # A new member reads how their organisation keeps their information first.
    phone.wait_for_url(re.compile(r".*/about/privacy\?joined=1$"))
    assert phone.get_by_text("Before you start, please read below").is_visible()
    expect_accessible(phone, "privacy notice on joining")
    screenshot(phone, "privacy-notice-on-joining")
    phone.get_by_role("link", name="I have read it: go to my home page").click()
    phone.wait_for_url(base_url + "/")
    assert phone.get_by_role("heading", name="Hello, Noor").is_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"page scrolls sideways on a phone: {width}px"
    expect_accessible(phone, "home on a phone")
    screenshot(phone, "home-on-phone")

    # The citizen's agenda comes first, written on the phone, then a goal in their own words.
    phone.get_by_role("link", name="Open my plan").click()
    assert phone.get_by_role("button", name="Save and start my plan").is_visible()
    assert phone.get_by_label("A new goal").count() == 0
    phone.get_by_label("What matters to me").fill("A job near home, and my family safe here.")
    phone.get_by_label("How best to support me").fill("Give me time to answer; my Dutch is still new.")
    phone.get_by_role("button", name="Save and start my plan").click()
    assert phone.get_by_text("Your plan has been saved.").is_visible()
    phone.locator("summary", has_text="Add a strength or something that helps you").click()
    phone.get_by_label("What kind").select_option(label="People who help me")
    phone.get_by_label("In your own words").fill("My neighbour Els, who reads letters with me")
    phone.get_by_role("button", name="Add", exact=True).click()
    assert phone.get_by_text("Added to your strengths.").is_visible()
    # Back at the strengths, the notice there; the goal's form opens under its heading.
    assert phone.evaluate("location.hash") == "#strengths"
    phone.locator("summary", has_text="Add a goal of your own").click()
    phone.get_by_label("A new goal").fill("Finish the B1 Dutch course by summer")
    phone.get_by_role("button", name="Add goal").click()
    assert phone.get_by_text("Finish the B1 Dutch course by summer").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    expect_accessible(phone, "plan on a phone")
    screenshot(phone, "plan-on-phone")


def test_language_switch_works_without_script(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "/sign-in")
    page.get_by_role("button", name="Suomi").click()
    assert page.locator("html").get_attribute("lang") == "fi"
    assert page.get_by_role("heading", name="Kirjaudu sisään").is_visible()
    context.close()  # axe needs script, so the Finnish page is checked in the next test


def test_finnish_pages_are_accessible(page, base_url):
    page.goto(base_url + "/sign-in")
    page.get_by_role("button", name="Suomi").click()
    expect_accessible(page, "sign-in in Finnish")
    sign_in_fi = page.get_by_label("Sähköposti tai käyttäjätunnus")
    sign_in_fi.fill("eemeli@turku.demo")
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu").click()
    page.wait_for_url(base_url + "/")
    assert page.locator("html").get_attribute("lang") == "fi"
    for path in ["/", "/me"]:
        page.goto(base_url + path)
        expect_accessible(page, f"{path} in Finnish")
    screenshot(page, "my-information-fi")


def test_admin_adds_a_team(page, base_url):
    sign_in(page, base_url, "admin@valencia.demo")
    page.get_by_role("link", name="Manage teams, members and invitations").click()
    page.get_by_role("button", name="Add team").click()
    assert page.locator(".error-summary").is_visible()
    expect_accessible(page, "team form with an error")
    page.get_by_label("Name of a new team").fill("Workshops on demand")
    page.get_by_role("button", name="Add team").click()
    assert page.get_by_text("The team has been added.").is_visible()
    assert page.get_by_text("Workshops on demand").first.is_visible()
    screenshot(page, "admin")


def test_a_citizen_shares_her_plan_and_takes_it_back(browser, base_url):
    citizen = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB").new_page()
    sign_in(citizen, base_url, "fatima@houten.demo")
    citizen.get_by_role("link", name="My plan").first.click()
    citizen.get_by_role("link", name="Who can see my plan").click()
    assert citizen.get_by_role("heading", name="Social support (Municipality of Houten – Work and Income)").is_visible()
    expect_accessible(citizen, "who can see my plan")
    # The one-step form, tried without a day: the page says so in its title, the summary has focus.
    citizen.get_by_role("button", name="Share my plan").click()
    assert citizen.title().startswith("Error: ")
    assert citizen.evaluate("document.activeElement.classList.contains('error-summary')")
    expect_accessible(citizen, "one-step sharing with errors")
    # Choosing each part is a page of its own; a bad try first: nothing chosen.
    citizen.get_by_role("link", name="Choose yourself who sees which parts, and why").click()
    citizen.get_by_role("button", name="Allow").click()
    assert citizen.locator(".error-summary").is_visible()
    expect_accessible(citizen, "sharing form with errors")
    citizen.get_by_label("Team or person", exact=True).select_option(label="Information desk (Municipality of Houten – Work and Income)")
    citizen.get_by_label("My goals").check()
    citizen.get_by_label("Why", exact=True).fill("Help with letters from the municipality")
    # Beside each reason, what it means in Houten's own words.
    assert citizen.get_by_text("Only if you want it. You can stop it here, or at our desk").is_visible()
    citizen.get_by_label("Consent", exact=True).check()
    citizen.get_by_label("Until").fill("2027-06-30")
    citizen.get_by_role("button", name="Allow").click()
    assert citizen.get_by_text("The team can now see what you chose.").is_visible()
    screenshot(citizen, "sharing-on-phone")

    professional = browser.new_context(locale="en-GB").new_page()
    sign_in(professional, base_url, "joost@houten.demo")
    professional.get_by_role("link", name="People I work with").click()
    professional.get_by_role("link", name="Fatima").click()
    assert professional.get_by_text("Support for my family while I look for work").first.is_visible()
    assert professional.get_by_text("a suggestion, not Fatima's goal").first.is_visible()
    expect_accessible(professional, "shared plan")
    professional.locator("summary", has_text="Suggest a goal to Fatima").click()
    professional.get_by_label("Suggested goal").fill("Join the Tuesday language café")
    professional.get_by_role("button", name="Suggest").click()
    assert professional.get_by_text("Your suggestion waits for Fatima's answer.").is_visible()
    screenshot(professional, "shared-plan")
    plan_url = professional.url.split("?")[0]

    citizen.goto(base_url + "/plan")
    suggestion = citizen.locator("li", has_text="Join the Tuesday language café")
    suggestion.get_by_role("button", name="Yes, make it my goal").click()
    assert citizen.get_by_text("Thank you. Your answer has been saved.").is_visible()
    expect_accessible(citizen, "plan after answering a suggestion")
    citizen.goto(base_url + "/plan/sharing")

    card = citizen.locator(".card", has=citizen.get_by_role("heading", name="Social support (Municipality of Houten – Work and Income)"))
    card.get_by_role("link", name="Take back").click()
    assert citizen.get_by_role("heading", name="Take back from Social support (Municipality of Houten – Work and Income)?").is_visible()
    citizen.get_by_role("button", name="Yes, take it back").click()
    assert citizen.get_by_text("Taken back. They can no longer see your plan.").is_visible()
    assert professional.goto(plan_url).status == 403
    # Undone within ten minutes, then taken back again.
    citizen.get_by_role("button", name="Undo: let Social support (Municipality of Houten – Work and Income) see it again").click()
    assert citizen.get_by_text("Undone: they can see what you shared again").is_visible()
    assert professional.goto(plan_url).status == 200
    card.get_by_role("link", name="Take back").click()
    citizen.get_by_role("button", name="Yes, take it back").click()
    assert professional.goto(plan_url).status == 403
    citizen.goto(base_url + "/me")
    assert citizen.get_by_text("Joost Visser").first.is_visible()
    citizen.context.close()
    professional.context.close()


def test_download_my_information(page, base_url):
    sign_in(page, base_url, "lead@houten.demo")
    page.goto(base_url + "/me")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download my information (JSON)").click()
    assert download.value.suggested_filename == "kanssa-my-information.json"
    data = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert data["account"]["login"] == "lead@houten.demo"


def test_two_services_and_the_citizen_see_the_whole_picture(browser, base_url):
    professional = browser.new_context(locale="en-GB").new_page()
    sign_in(professional, base_url, "sanne@houten.demo")
    professional.get_by_role("link", name="People I work with").click()
    professional.get_by_label("Find a person by name").fill("fat")
    professional.get_by_role("button", name="Search").click()
    assert professional.get_by_text("Ask Amal to collect the children").first.is_visible()
    assert professional.get_by_role("link", name="Ahmed").count() == 0
    expect_accessible(professional, "caseload with search")
    professional.get_by_role("link", name="Fatima").click()
    assert professional.get_by_role("heading", name="Days when services clash").is_visible()
    professional.locator("summary", has_text="Write what will be done, by whom and when").click()
    professional.get_by_label("What will be done").fill("Bring copies of the diplomas to the hospital")
    professional.get_by_label("Which goal it serves").select_option(label="Find work where Arabic and Dutch both count")
    professional.get_by_label("Who does it").select_option(label="Fatima")
    professional.get_by_label("By when (if there is a day)").fill("2027-01-15")
    professional.get_by_role("button", name="Add action").click()
    assert professional.get_by_text("The action has been added.").is_visible()
    professional.locator("summary", has_text="Rate how things are going for Fatima").click()
    professional.locator("fieldset", has_text="Work, study and daily activity").get_by_label("Rating").select_option("6")
    professional.get_by_role("button", name="Save my ratings").click()
    assert professional.get_by_text("Your check-in has been saved.").is_visible()
    expect_accessible(professional, "shared plan with actions and journeys")

    citizen = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB", is_mobile=True).new_page()
    sign_in(citizen, base_url, "fatima@houten.demo")
    citizen.goto(base_url + "/plan")
    citizen.get_by_role("link", name="The whole picture: every service's actions").click()
    assert citizen.get_by_text("Bring copies of the diplomas to the hospital").first.is_visible()
    assert citizen.get_by_text("Not for a goal of yours").first.is_visible()
    assert citizen.get_by_text(re.compile(r"^Of your \d+ things to do, \d+ (is|are) for goals you chose\.$")).is_visible()
    expect_accessible(citizen, "whole picture on a phone")
    screenshot(citizen, "whole-picture-on-phone")
    citizen.locator("li", has_text="Ask Amal to collect the children").get_by_role("link", name="Change").click()
    citizen.get_by_label("Where it stands").select_option(label="Done")
    citizen.get_by_role("button", name="Save changes").click()
    assert citizen.get_by_text("The action has been saved.").is_visible()
    citizen.goto(base_url + "/plan")
    citizen.get_by_role("link", name="How my life is going: rate each area of your life").click()
    citizen.locator("fieldset", has_text="Money").get_by_label("Rating").select_option("5")
    citizen.locator("fieldset", has_text="Money").locator("summary").click()
    citizen.locator("fieldset", has_text="Money").get_by_label("A note (if you like)").fill("The payment plan helps")
    citizen.get_by_role("button", name="Save check-in").click()
    assert citizen.get_by_text("Your check-in has been saved.").is_visible()
    assert citizen.get_by_text("The payment plan helps").count() == 1
    expect_accessible(citizen, "journeys on a phone")
    screenshot(citizen, "journeys-on-phone")
    citizen.context.close()
    professional.context.close()


def test_an_officer_answers_a_self_assessment_on_a_phone(browser, base_url, today):
    import datetime

    coordinator = browser.new_context(locale="en-GB").new_page()
    sign_in(coordinator, base_url, "lead@hull.demo")
    coordinator.get_by_role("link", name="Self-assessment rounds").click()
    expect_accessible(coordinator, "rounds")
    coordinator.get_by_label("Questionnaire").select_option(value="co-creation-mindset")
    coordinator.get_by_label("Round", exact=True).fill("Six months on")
    closes = (today + datetime.timedelta(days=20)).isoformat()
    coordinator.get_by_label("Closes on").fill(closes)
    coordinator.get_by_role("button", name="Open the round").click()
    assert coordinator.get_by_text("The round is open.").is_visible()
    coordinator.context.close()

    officer = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB").new_page()
    sign_in(officer, base_url, "ben@hull.demo")
    officer.get_by_role("link", name="My learning").first.click()
    officer.get_by_role("link", name="Six months on").click()
    expect_accessible(officer, "answering on a phone")

    def answer(number, label):
        officer.get_by_role("group", name=re.compile(rf"^{number}\. ")).get_by_label(label, exact=True).check()

    # On a phone the long questionnaire goes one question per screen; leaving and coming back resumes.
    officer.get_by_role("link", name=re.compile("Answer one question at a time")).click()
    assert officer.get_by_text("Question 1 of 20").is_visible()
    expect_accessible(officer, "one question per screen")
    for number in range(1, 5):
        answer(number, "Mostly like me")
        officer.get_by_role("button", name="Next").click()
    screenshot(officer, "self-assessment-one-question-on-phone")
    answer(5, "Mostly like me")
    officer.get_by_role("button", name="Save and finish later").click()
    assert officer.get_by_text("5 of 20 questions answered").is_visible()
    officer.get_by_role("link", name=re.compile("Answer one question at a time")).click()
    assert officer.get_by_text("Question 6 of 20 · 5 answered").is_visible()
    officer.get_by_role("button", name="Back").click()
    assert officer.get_by_role("group", name=re.compile(r"^5\. ")).get_by_label("Mostly like me", exact=True).is_checked()
    officer.get_by_role("link", name="See all the questions at once").click()
    screenshot(officer, "self-assessment-draft-on-phone")
    # Sending before the end says which questions are left.
    officer.get_by_role("button", name="Send my answers").click()
    assert officer.locator(".error-summary").is_visible()
    expect_accessible(officer, "answering with errors")
    for number in range(1, 21):
        answer(number, "Somewhat like me" if number % 4 == 3 else "Mostly like me")
    officer.get_by_role("button", name="Send my answers").click()
    assert officer.get_by_role("heading", name="My profile").is_visible()
    assert officer.get_by_role("heading", name="To think about").is_visible()
    expect_accessible(officer, "own profile")
    screenshot(officer, "self-assessment-profile-on-phone")
    officer.context.close()


def test_one_full_action_learning_cycle(browser, base_url, today):
    """A coordinator sets up a set; the facilitator writes down a meeting held two weeks ago and
    who came; a member presents a challenge there, another asks a question, the presenter commits
    and reports back at today's meeting, on a phone; the coordinator then sees counts, no words."""
    import datetime

    coordinator = browser.new_context(locale="en-GB").new_page()
    sign_in(coordinator, base_url, "lead@hull.demo")
    coordinator.get_by_role("link", name="Action-learning sets").click()
    expect_accessible(coordinator, "sets")
    coordinator.get_by_label("Name of the set").fill("Autumn set")
    coordinator.get_by_label("Facilitator").select_option(label="Helen Price")
    # Role locators skip the members forms folded away under each set.
    for name in ["Amy Clarke", "Ben Walsh", "Chloe Patel"]:
        coordinator.get_by_role("checkbox", name=name).check()
    coordinator.get_by_label("First meeting").fill(today.isoformat())
    coordinator.get_by_label("Time").fill("23:30")
    coordinator.get_by_label("Weeks between meetings").fill("2")
    coordinator.get_by_label("Number of meetings").fill("3")
    coordinator.get_by_label("Place", exact=True).fill("Room 3, Kingston House")
    coordinator.get_by_role("button", name="Set up the set").click()
    # Three members are too few: the form says so and keeps what was typed.
    assert coordinator.locator(".error-summary").is_visible()
    assert coordinator.get_by_label("Name of the set").input_value() == "Autumn set"
    expect_accessible(coordinator, "sets with an error")
    coordinator.get_by_role("checkbox", name="Dan Hughes").check()
    coordinator.get_by_role("button", name="Set up the set").click()
    assert coordinator.get_by_text("The set is set up.").is_visible()

    facilitator = browser.new_context(locale="en-GB").new_page()
    sign_in(facilitator, base_url, "trainer@hull.demo")
    facilitator.get_by_role("link", name="My learning").first.click()
    facilitator.get_by_role("link", name="Autumn set").click()
    facilitator.get_by_label("Day of the meeting").fill((today - datetime.timedelta(days=14)).isoformat())
    facilitator.get_by_label("Time").fill("14:00")
    facilitator.get_by_label("Place").fill("Room 3, Kingston House")
    facilitator.get_by_role("button", name="Schedule the meeting").click()
    assert facilitator.get_by_text("The meeting is scheduled.").is_visible()
    expect_accessible(facilitator, "a set, facilitated")
    facilitator.locator(".card h3 a").first.click()  # the meeting two weeks ago comes first
    for name in ["Helen Price", "Amy Clarke", "Ben Walsh"]:
        facilitator.get_by_label(name).check()
    facilitator.get_by_role("button", name="Record who came").click()
    assert facilitator.get_by_text("Present: Helen Price, Amy Clarke, Ben Walsh").is_visible()
    first_meeting = facilitator.url.split("?")[0]
    facilitator.context.close()

    amy = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB").new_page()
    sign_in(amy, base_url, "amy@hull.demo")
    amy.goto(first_meeting)
    amy.get_by_label("Your challenge, in a few sentences").fill("A young man on licence will not say a word to me in supervision.")
    amy.get_by_role("button", name="Present").click()
    assert amy.get_by_text("Your challenge is recorded.").is_visible()

    ben = browser.new_context(locale="en-GB").new_page()
    sign_in(ben, base_url, "ben@hull.demo")
    ben.goto(first_meeting)
    card = ben.locator("article", has_text="A young man on licence")
    card.get_by_label("Reflective").check()
    card.get_by_label("Question").fill("Who does he talk to?")
    card.get_by_role("button", name="Note the question").click()
    assert ben.get_by_text("The question is noted.").is_visible()
    # Ben cannot commit for Amy: there is no form for it.
    assert ben.locator("article", has_text="A young man on licence").get_by_role("button", name="Commit").count() == 0
    ben.context.close()

    amy.reload()
    card = amy.locator("article", has_text="A young man on licence")
    assert card.get_by_text("Who does he talk to?").is_visible()
    card.get_by_label("I will …").fill("Ask whether his sister can come to the next supervision.")
    card.get_by_role("button", name="Commit").click()
    assert amy.get_by_text("Your commitment is recorded.").is_visible()
    expect_accessible(amy, "a meeting on a phone")
    screenshot(amy, "set-meeting-on-phone")

    # Today's meeting: the commitment waits for Amy's report.
    amy.get_by_role("link", name="Back to Autumn set").click()
    assert amy.get_by_text("Ask whether his sister can come").is_visible()
    amy.locator(".card h3 a").nth(1).click()
    amy.get_by_label("What happened").fill("His sister came and he talked to her while I listened.")
    amy.get_by_label("What I learned").fill("I learned more by listening than by asking.")
    amy.get_by_role("button", name="Report back").click()
    assert amy.get_by_text("Your report is recorded.").is_visible()
    assert amy.get_by_text("I learned more by listening than by asking.").is_visible()
    expect_accessible(amy, "a report back on a phone")
    screenshot(amy, "set-report-on-phone")
    amy.context.close()

    coordinator.reload()
    card = coordinator.locator(".card", has_text="Autumn set")
    assert card.get_by_text("1 made, 1 reported back").is_visible()
    assert card.get_by_text("3 of 5 places taken (meetings recorded: 1)").is_visible()
    assert coordinator.get_by_text("young man").count() == 0
    assert coordinator.get_by_text("sister").count() == 0
    coordinator.context.close()


def test_a_co_trainer_writes_and_publishes_a_module_on_a_phone(browser, base_url):
    """Venla, of Turku's youth panel, starts a module on her phone, adds a section, and publishes
    it after the panel's own review; a professional in Houten then reads it with the panel's credits."""
    venla = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB").new_page()
    sign_in(venla, base_url, "venla@turku.demo")
    venla.get_by_role("button", name="English").click()
    venla.get_by_role("link", name="Encountering").first.click()
    expect_accessible(venla, "encountering on a phone")
    venla.get_by_label("Title").fill("Listen to the end")
    venla.get_by_label("What professionals will take from it").fill("Why finishing listening matters to us.")
    venla.get_by_label("Language").select_option(value="en")
    venla.get_by_role("button", name="Start the module").click()
    assert venla.get_by_text("The module is started.").is_visible()
    venla.get_by_label("Tips", exact=True).check()
    venla.get_by_label("Section title").fill("Let me finish")
    venla.get_by_label("Text", exact=True).fill("Wait until I have finished before you answer. Then ask one more question.")
    venla.get_by_role("button", name="Add the section").click()
    assert venla.get_by_text("The section is added.").is_visible()
    # Publishing waits for the panel's own review.
    venla.get_by_role("button", name="Publish the module").click()
    assert venla.locator(".error-summary").is_visible()
    venla.get_by_label("We have read it through together and it is ready").check()
    venla.get_by_role("button", name="Publish the module").click()
    assert venla.get_by_text("The module is published.").is_visible()
    expect_accessible(venla, "a published module on a phone")
    screenshot(venla, "module-published-on-phone")
    venla.context.close()

    sanne = browser.new_context(locale="en-GB").new_page()
    sign_in(sanne, base_url, "sanne@houten.demo")
    sanne.get_by_role("link", name="Encountering").first.click()
    sanne.get_by_role("link", name="Listen to the end").click()
    assert sanne.get_by_text("Written by Venla K., Aleksi").is_visible()
    assert sanne.get_by_role("button", name="Publish the module").count() == 0
    sanne.context.close()


def test_another_city_adapts_a_module_on_a_phone(browser, base_url):
    """Noor, of Houten's panel of experts by experience, adapts Turku's module on her phone: a copy
    with every section and credit, translated and published; Turku's page then shows where it went."""
    noor = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB").new_page()
    sign_in(noor, base_url, "noor@houten.demo")
    noor.get_by_role("link", name="Encountering").first.click()
    noor.get_by_role("link", name="Kohtaa minut — nuorten kohtaamiskoulutus").last.click()
    assert noor.get_by_text("An original, not adapted from another module.").is_visible()
    expect_accessible(noor, "a module another city may adapt, on a phone")
    noor.get_by_role("button", name=re.compile("Adapt it for Ervaringsdeskundigen Houten")).click()
    assert noor.get_by_text("Your panel's adaptation is started").is_visible()
    assert noor.get_by_text("Written by Venla K., Aleksi").is_visible()
    assert noor.get_by_role("heading", name="Lomake ensin").is_visible()  # every section came along
    noor.get_by_label("Title", exact=True).fill("Zie mij, opnieuw")
    noor.get_by_label("Language").select_option(label="Nederlands")
    noor.get_by_role("button", name="Save").click()
    assert noor.get_by_text("The module is saved.").is_visible()
    noor.get_by_label("We have read it through together and it is ready").check()
    noor.get_by_role("button", name="Publish the module").click()
    assert noor.get_by_text("The module is published.").is_visible()
    assert noor.get_by_text("Adapted by Noor, Yusuf H.").is_visible()
    assert noor.get_by_text("Adapted from:").is_visible()
    expect_accessible(noor, "an adaptation just published, on a phone")
    screenshot(noor, "module-adapted-on-phone")
    noor.context.close()

    venla = browser.new_context(locale="en-GB").new_page()
    sign_in(venla, base_url, "venla@turku.demo")
    venla.get_by_role("button", name="English").click()
    venla.get_by_role("link", name="Encountering").first.click()
    venla.get_by_role("link", name="Kohtaa minut — nuorten kohtaamiskoulutus").last.click()
    assert venla.get_by_role("link", name=re.compile("Zie mij, opnieuw — Municipality of Houten")).is_visible()
    venla.context.close()


def test_a_participant_gives_feedback_on_a_phone(browser, base_url):
    """Sanne gives her feedback on Houten's session on her phone — a rating, what she heard, what
    she will do, and the module's self-reflection; the host then reads five people's words, no names."""
    sanne = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB").new_page()
    sign_in(sanne, base_url, "sanne@houten.demo")
    sanne.get_by_role("link", name="Encountering").first.click()
    sanne.get_by_role("link", name=re.compile("Give your feedback on")).click()
    expect_accessible(sanne, "a feedback form on a phone")
    sanne.get_by_role("button", name="Send feedback").click()
    assert sanne.locator(".error-summary").is_visible()
    expect_accessible(sanne, "a feedback form with errors")
    sanne.locator("#changed-3").check()
    sanne.get_by_label("What did you hear that stays with you?").fill("That a first question can be about the person, not the file.")
    sanne.get_by_label("What will you do differently?").fill("Ask what matters most before I open the form.")
    for item in sanne.eval_on_selector_all("fieldset[id^='item-']", "els => els.map(e => e.id)"):
        sanne.locator(f"#{item}-3").check()
    sanne.get_by_role("button", name="Send feedback").click()
    assert sanne.get_by_text("Thank you: your feedback is in.").is_visible()
    assert sanne.get_by_text("Your self-reflection").is_visible()
    assert sanne.get_by_text("Questions for the co-trainers? Ask Joost Visser").is_visible()
    expect_accessible(sanne, "feedback given")
    screenshot(sanne, "feedback-given-on-phone")
    sanne.context.close()

    joost = browser.new_context(locale="en-GB").new_page()
    sign_in(joost, base_url, "joost@houten.demo")
    joost.get_by_role("link", name="Encountering").first.click()
    joost.get_by_role("link", name="Zie mij — ontmoetingstraining door ervaringsdeskundigen").last.click()
    joost.get_by_role("link", name=re.compile("Online")).first.click()
    assert joost.get_by_text("Feedback given: 5").is_visible()
    assert joost.get_by_text("Ask what matters most before I open the form.").is_visible()
    expect_accessible(joost, "what participants said, for the host")
    joost.context.close()


def test_an_administrator_sets_the_rule_on_unused_accounts_and_a_citizen_reads_it(page, phone, base_url):
    sign_in(phone, base_url, "admin@houten.demo")
    phone.get_by_role("link", name="Manage teams, members and invitations").first.click()
    phone.get_by_role("link", name="How long records are kept").first.click()
    months = phone.get_by_label("Months without use")
    assert months.input_value() == "36"
    months.fill("24")
    phone.get_by_role("button", name="Save").click()
    assert phone.get_by_label("Months without use").input_value() == "24"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    expect_accessible(phone, "retention rules on a phone")
    screenshot(phone, "retention-on-phone")

    sign_in(page, base_url, "fatima@houten.demo")
    page.goto(base_url + "/me/data")
    assert page.get_by_role("heading", name="If your account is not used").is_visible()
    assert page.get_by_text("If for 24 months you do not sign in and nobody changes your plan").is_visible()
    assert page.get_by_text("We keep no information about people who no longer use Kanssa").is_visible()
    expect_accessible(page, "restrict or erase my data")


# Three phone screens (360 × 780): what a citizen came for is above this, the rest behind a
# heading that opens.
PHONE_SCREENS = 3 * 780
HEIGHT_JS = """() => {
  const first = document.querySelector('main details');
  const height = document.documentElement.scrollHeight;
  return [height, first ? Math.round(first.getBoundingClientRect().top + window.scrollY) : height];
}"""


def test_page_heights_on_a_phone(browser, base_url):
    """Measures each page a citizen meets at 360 px: its whole height and how far down the first
    heading that opens comes. Writes artifacts/page-heights.json and prints a table."""
    from conftest import ARTIFACTS
    measured = {}
    for login, paths, limited in [
        ("fatima@houten.demo", ["/", "/plan", "/plan/actions", "/plan/life", "/plan/sharing", "/plan/sharing/new",
                                "/me", "/me/data"], True),
        ("sanne@houten.demo", ["/", "/caseload"], False),
        ("noor@houten.demo", ["/", "/encountering"], False),
    ]:
        page = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB").new_page()
        sign_in(page, base_url, login)
        for path in paths:
            page.goto(base_url + path)
            height, before = page.evaluate(HEIGHT_JS)
            measured[f"{login} {path}"] = {"height": height, "beforeFirstDisclosure": before}
            if limited:
                assert before <= PHONE_SCREENS, f"{path}: {before}px before the first heading that opens"
        page.context.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "page-heights.json").write_text(json.dumps(measured, indent=2))
    for name, figures in measured.items():
        print(f"{name:40} {figures['height']:6} px, {figures['beforeFirstDisclosure']:6} px before the first disclosure")


def test_staff_answer_a_pulse_on_a_phone_and_the_coordinator_reads_its_figures(browser, base_url):
    professional = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB").new_page()
    sign_in(professional, base_url, "joost@houten.demo")
    professional.get_by_role("link", name=re.compile("Answer the staff pulse")).click()
    expect_accessible(professional, "staff pulse on a phone")
    # Sending with a statement left out says which, and keeps the others.
    for number in range(1, 9):
        professional.get_by_role("group", name=re.compile(rf"^{number}\. ")).get_by_label("Agree", exact=True).check()
    professional.get_by_role("button", name="Send my answers").click()
    assert professional.locator(".error-summary").is_visible()
    expect_accessible(professional, "staff pulse with an error")
    professional.get_by_role("group", name=re.compile(r"^9\. ")).get_by_label("Disagree", exact=True).check()
    professional.get_by_role("button", name="Send my answers").click()
    assert professional.get_by_text("Thank you. Your answers are kept without your name.").is_visible()
    assert professional.evaluate("document.documentElement.scrollWidth") <= 360
    professional.context.close()

    coordinator = browser.new_context(locale="en-GB").new_page()
    sign_in(coordinator, base_url, "lead@houten.demo")
    coordinator.get_by_role("link", name="Staff pulses").first.click()
    expect_accessible(coordinator, "staff pulses")
    coordinator.get_by_role("link", name="Monthly staff pulse").click()
    assert coordinator.get_by_role("heading", name="Workload").is_visible()
    assert coordinator.get_by_role("img", name=re.compile("^Workload: mean per period")).is_visible()
    expect_accessible(coordinator, "staff pulse figures")
    coordinator.get_by_label("Show figures for").select_option(label="Social support")
    coordinator.get_by_role("button", name="Show").click()
    assert coordinator.get_by_role("table", name=re.compile("^Workload per period, Social support")).is_visible()
    screenshot(coordinator, "staff-pulse-figures")
    coordinator.context.close()


def test_an_admin_records_why_someone_left_and_the_coordinator_reads_the_turnover(browser, base_url):
    admin = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB").new_page()
    sign_in(admin, base_url, "admin@houten.demo")
    admin.get_by_role("link", name="Staff changes").first.click()
    assert admin.get_by_role("heading", name="Who joined and left").is_visible()
    expect_accessible(admin, "staff changes on a phone")
    # Mark Dekker left the information desk forty days ago; why is not recorded yet.
    admin.get_by_role("link", name="Record why").first.click()
    assert admin.get_by_role("heading", name=re.compile("^Why Mark Dekker left Information desk")).is_visible()
    admin.get_by_role("button", name="Save the reason").click()
    assert admin.locator(".error-summary").is_visible()
    expect_accessible(admin, "a reason for leaving with an error")
    admin.get_by_label("On long leave").check()
    admin.get_by_role("button", name="Save the reason").click()
    assert admin.get_by_text("The reason is saved.").is_visible()
    assert admin.evaluate("document.documentElement.scrollWidth") <= 360
    admin.context.close()

    coordinator = browser.new_context(locale="en-GB").new_page()
    sign_in(coordinator, base_url, "lead@hull.demo")
    coordinator.get_by_role("link", name="Staff changes").first.click()
    assert coordinator.get_by_role("heading", name="How these are counted").is_visible()
    assert coordinator.get_by_text("Leavers ÷ average staff", exact=False).is_visible()
    assert not coordinator.get_by_role("heading", name="Who joined and left").is_visible()
    expect_accessible(coordinator, "staff changes")
    screenshot(coordinator, "staff-changes")
    coordinator.context.close()


def test_the_owner_of_a_barrier_reviews_it_on_a_phone_and_the_coordinator_records_one(browser, base_url, today):
    owner = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB").new_page()
    sign_in(owner, base_url, "amy@hull.demo")
    owner.get_by_role("link", name=re.compile("Barrier you own: Caseloads too high")).click()
    assert owner.get_by_role("heading", name="Caseloads too high for agenda conversations").is_visible()
    # The evidence as it stands today: Hull's pulse, its staff figures and what people said.
    assert owner.get_by_text(re.compile("Staff pulse “Monthly staff pulse”: Workload, My Direction")).is_visible()
    assert owner.get_by_text("Staff changes in My Direction").is_visible()
    assert owner.get_by_text("6 answers coded to it.").is_visible()
    expect_accessible(owner, "a barrier on a phone")
    owner.get_by_text("Review the barrier").click()
    # Spaces pass the browser's own check; Kanssa says what is missing.
    owner.get_by_label("What you saw", exact=True).fill("   ")
    owner.get_by_role("button", name="Record the review").click()
    assert owner.locator(".error-summary").is_visible()
    expect_accessible(owner, "a barrier's review with an error")
    owner.get_by_label("What you saw", exact=True).fill("The two new officers start next month.")
    owner.get_by_role("button", name="Record the review").click()
    assert owner.get_by_text("Saved.").is_visible()
    assert owner.get_by_text("The two new officers start next month.").is_visible()
    assert owner.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(owner, "barrier-phone")
    owner.context.close()

    coordinator = browser.new_context(locale="en-GB").new_page()
    sign_in(coordinator, base_url, "lead@houten.demo")
    coordinator.get_by_role("link", name="Barriers").first.click()
    expect_accessible(coordinator, "barriers")
    coordinator.get_by_role("link", name="Resolved and accepted").click()
    assert coordinator.get_by_role("link", name="No interpreter at the information desk").is_visible()
    coordinator.get_by_text("Record a barrier").click()
    coordinator.get_by_label("Barrier", exact=True).fill("The desk team works alone")
    coordinator.get_by_label("What happens").fill("Desk staff cannot reach the work-and-income team when someone needs them.")
    coordinator.get_by_label("Kind").select_option(label="Structural: fragmented teams")
    coordinator.get_by_label("Who sees to it").select_option(label="Marloes Jansen")
    coordinator.get_by_role("button", name="Record the barrier").click()
    assert coordinator.get_by_text("The barrier is recorded.").is_visible()
    coordinator.get_by_text("Add an action").click()
    coordinator.get_by_label("What will be done").fill("A weekly hour together at the desk")
    coordinator.get_by_label("By when").fill(today.isoformat())
    coordinator.get_by_role("button", name="Add the action").click()
    assert coordinator.get_by_text("A weekly hour together at the desk").is_visible()
    expect_accessible(coordinator, "a new barrier")
    screenshot(coordinator, "barrier")
    coordinator.context.close()


def test_a_citizen_says_how_her_meeting_went_in_easy_words_and_staff_read_the_counts(browser, base_url):
    citizen = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB").new_page()
    sign_in(citizen, base_url, "fatima@houten.demo")
    citizen.get_by_role("link", name=re.compile("^You met Sanne Bakker on")).click()
    assert citizen.get_by_role("heading", name="How was your meeting with Sanne Bakker?").is_visible()
    expect_accessible(citizen, "after a meeting on a phone")
    citizen.get_by_role("link", name="Show easier words").click()
    assert citizen.get_by_role("group", name="Did Sanne Bakker listen to you?").is_visible()
    # One question left out: the page says which, in the same easy words.
    citizen.get_by_role("group", name="Did you talk about the things that are important to you?").get_by_label("Yes").check()
    citizen.get_by_role("group", name="Did Sanne Bakker listen to you?").get_by_label("Yes").check()
    citizen.get_by_role("button", name="Send my answers").click()
    assert citizen.get_by_text("Choose yes, a bit or no.").first.is_visible()
    expect_accessible(citizen, "after a meeting with an error")
    citizen.get_by_role("group", name="Did you and Sanne Bakker choose the next steps together?").get_by_label("A bit").check()
    citizen.get_by_role("button", name="Send my answers").click()
    assert citizen.get_by_text("Thank you. Your answers are saved.").is_visible()
    assert citizen.get_by_role("heading", name="What you said after earlier meetings").is_visible()
    assert citizen.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(citizen, "after-meeting-phone")
    citizen.goto(base_url + "/")
    assert not citizen.get_by_text("After your meeting").is_visible()
    citizen.context.close()

    professional = browser.new_context(locale="en-GB").new_page()
    sign_in(professional, base_url, "sanne@houten.demo")
    professional.get_by_role("link", name="What citizens said after meeting you").first.click()
    assert professional.get_by_role("table", name="What citizens said after meeting you").is_visible()
    expect_accessible(professional, "a professional's own citizens' voice")
    professional.context.close()

    coordinator = browser.new_context(locale="en-GB").new_page()
    sign_in(coordinator, base_url, "lead@houten.demo")
    coordinator.get_by_role("link", name="Citizens' voice after meetings").first.click()
    assert coordinator.get_by_role("table", name="By person met").is_visible()
    expect_accessible(coordinator, "citizens' voice")
    screenshot(coordinator, "citizens-voice")
    coordinator.context.close()


def test_a_coordinator_reads_the_dashboard_for_a_team_and_an_earlier_quarter(browser, base_url):
    coordinator = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB").new_page()
    sign_in(coordinator, base_url, "lead@hull.demo")
    coordinator.get_by_role("link", name="Dashboard and pilot report").first.click()
    # Hull's provider collapsed half a year ago: its pulse has fallen, and a barrier is being addressed.
    assert coordinator.get_by_role("heading", name="Staff pulse").is_visible()
    assert coordinator.get_by_role("link", name="Caseloads too high for agenda conversations").is_visible()
    expect_accessible(coordinator, "dashboard on a phone")
    coordinator.get_by_label("Team").select_option(label="My Direction")
    coordinator.get_by_label("Quarter").select_option(index=1)
    coordinator.get_by_role("button", name="Show").click()
    assert coordinator.get_by_text(re.compile(r", My Direction, compared with the quarter before\.")).is_visible()
    assert coordinator.evaluate("document.documentElement.scrollWidth") <= 360
    expect_accessible(coordinator, "dashboard for a team")
    screenshot(coordinator, "dashboard-phone")
    coordinator.context.close()


def test_a_second_person_releases_a_research_export_and_the_researcher_downloads_it(browser, base_url):
    coordinator = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB").new_page()
    sign_in(coordinator, base_url, "lead@hull.demo")
    # Riikka's second request waits on the coordinator's home page; she sees counts, never rows.
    coordinator.get_by_role("link", name=re.compile("A research export for “When the provider ended")).click()
    assert coordinator.get_by_role("table", name="What it would hand over").is_visible()
    expect_accessible(coordinator, "a research export to release, on a phone")
    assert coordinator.evaluate("document.documentElement.scrollWidth") <= 360
    coordinator.get_by_role("button", name="Release it").click()
    assert coordinator.get_by_text("The export was released.").is_visible()
    coordinator.get_by_role("link", name="Back to research projects").click()
    assert coordinator.get_by_text("No export is waiting.").is_visible()
    expect_accessible(coordinator, "research projects")
    screenshot(coordinator, "research-projects-phone")
    coordinator.context.close()

    researcher = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB").new_page()
    sign_in(researcher, base_url, "researcher@kanssa.demo")
    researcher.get_by_role("link", name=re.compile("Your research projects|Tutkimushankkeesi")).click()
    expect_accessible(researcher, "a researcher's projects, on a phone")
    assert researcher.evaluate("document.documentElement.scrollWidth") <= 360
    link = researcher.locator("a[href*='/tables/staff-changes']").first
    table = researcher.request.get(base_url + link.get_attribute("href"))
    assert table.status == 200 and table.headers["content-type"].startswith("text/csv")
    rows = table.text().lstrip("\ufeff").splitlines()
    assert rows[0] == '"person","team","joined","left","reason"'
    # Pseudonyms only: 24 hexadecimal characters, never a name.
    assert all(re.match(r'^"[0-9a-f]{24}",', row) for row in rows[1:]) and "Amy" not in table.text()
    researcher.context.close()

    admin = browser.new_context(locale="en-GB").new_page()
    sign_in(admin, base_url, "admin@hull.demo")
    admin.get_by_role("link", name="Research projects and exports").first.click()
    admin.get_by_text("Admit a researcher to a project").click()
    admin.get_by_label("Project name").fill("Meetings after the merger")
    admin.get_by_label("Purpose").fill("How long supervision meetings last, before and after.")
    # The last day before the first, and no table chosen: the server says what to fix.
    admin.get_by_label("Period covered: first day").fill("2026-06-01")
    admin.get_by_label("Period covered: last day").fill("2026-01-31")
    admin.get_by_label("Project ends on").fill("2027-06-30")
    admin.get_by_role("button", name="Admit the researcher").click()
    assert admin.get_by_text("Choose at least one table from the list.").first.is_visible()
    assert admin.locator(".error-summary").is_visible()
    expect_accessible(admin, "admitting a researcher, with errors")
    screenshot(admin, "research-admit-errors")
    admin.context.close()
