"""Pages people hand over — a plan, the whole picture, who can see it, an export, a professional's
view of a plan, a certificate, a round's figures — printed to PDF as Chromium prints them: no
buttons, forms, navigation or links that change something; the organisation's name and the
date printed on top; page numbers. Each PDF is kept in artifacts/print."""
import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from conftest import ARTIFACTS
from test_pages import sign_in

# What the screen needs and paper does not; the print style sheet must hide all of it.
SCREEN_ONLY = "button, input, select, textarea, form, nav, .button, a.action-link, .skip-link, .language-switch"
VISIBLE_JS = """selector => [...document.querySelectorAll(selector)]
  .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
  .map(e => e.outerHTML.slice(0, 120))"""


def printed(page, base_url, path, name):
    """Prints the page to A4 and returns the text of each printed page."""
    page.goto(base_url + path)
    page.emulate_media(media="print")
    visible = page.evaluate(VISIBLE_JS, SCREEN_ONLY)
    assert not visible, f"{path} prints what is for the screen: {visible}"
    pdf = page.pdf(format="A4")
    page.emulate_media(media="screen")
    (ARTIFACTS / "print").mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "print" / f"{name}.pdf").write_bytes(pdf)
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def expect_fit_to_hand_over(pages, path, organisation):
    first = pages[0]
    stamp = first.split("\n")[1]  # the first line is the page number
    assert organisation in stamp and "Kanssa" in stamp and re.search(r"\d", stamp), f"{path}: no stamp in {first[:300]!r}"
    for number, text in enumerate(pages, start=1):
        assert re.search(rf"\b{number} / {len(pages)}\b", text), f"{path}: page {number} has no page number"
    for word in ["Sign out", "Skip to content"]:
        assert not any(word in text for text in pages), f"{path} prints {word!r}"


def find_link(page, base_url, start, pattern, limit=30):
    """Follows links in the page's main part, breadth first from `start`, to the first that matches."""
    seen, queue = set(), [start]
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        page.goto(base_url + path)
        hrefs = [h.split("#")[0] for h in page.eval_on_selector_all(
            "main a[href^='/']", "els => els.map(e => e.getAttribute('href'))")]
        found = next((h for h in hrefs if re.search(pattern, h)), None)
        if found:
            return found
        queue += [h for h in hrefs if h not in seen and not re.search(r"\.(json|csv|xml|qdpx)$|/disable$", h)]
    raise AssertionError(f"no link matching {pattern} within {limit} pages of {start}")


@pytest.fixture
def desk(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    yield context.new_page()
    context.close()


def test_a_citizen_prints_her_plan_and_who_can_see_it(desk, base_url):
    sign_in(desk, base_url, "fatima@houten.demo")
    for path in ["/plan", "/plan/actions", "/plan/sharing", "/me/export"]:
        pages = printed(desk, base_url, path, "citizen" + path.replace("/", "-"))
        expect_fit_to_hand_over(pages, path, "Municipality of Houten")
        assert not any(re.search(r"(^|\s)Change(\s|$)", text) for text in pages), f"{path} prints a “Change” link"
    plan = printed(desk, base_url, "/plan", "citizen-plan")
    assert any("What matters to me" in text for text in plan)


def test_a_professional_prints_one_plan(desk, base_url):
    sign_in(desk, base_url, "sanne@houten.demo")
    plan = find_link(desk, base_url, "/caseload", r"^/plans/[0-9A-F-]+$")
    pages = printed(desk, base_url, plan, "professional-plan")
    expect_fit_to_hand_over(pages, plan, "Municipality of Houten")


def test_a_coordinator_prints_a_certificate(desk, base_url):
    sign_in(desk, base_url, "mikko@turku.demo")
    certificate = find_link(desk, base_url, "/encountering", r"/certificate$")
    pages = printed(desk, base_url, certificate, "certificate")
    assert len(pages) == 1, f"a certificate printed on {len(pages)} pages"
    expect_fit_to_hand_over(pages, certificate, "Turku")
    assert re.search(r"\b[A-Z0-9]{5}-[A-Z0-9]{5}\b", pages[0]), "the certificate carries no code to check"


def test_a_coordinator_prints_a_rounds_figures(desk, base_url):
    sign_in(desk, base_url, "lead@hull.demo")
    figures = find_link(desk, base_url, "/", r"/figures")
    pages = printed(desk, base_url, figures, "round-figures")
    expect_fit_to_hand_over(pages, figures, "Hull")


def test_a_co_trainer_prints_her_statement(desk, base_url):
    sign_in(desk, base_url, "venla@turku.demo")
    statement = find_link(desk, base_url, "/encountering", r"/encountering/statement$")
    pages = printed(desk, base_url, statement, "co-trainer-statement")
    expect_fit_to_hand_over(pages, statement, "Turku")


def test_a_coordinator_prints_the_pilot_report(desk, base_url):
    sign_in(desk, base_url, "lead@hull.demo")
    dashboard = find_link(desk, base_url, "/", r"/dashboard$")
    pages = printed(desk, base_url, dashboard, "pilot-report")
    expect_fit_to_hand_over(pages, dashboard, "Hull")
    text = unicodedata.normalize("NFKC", "\n".join(pages))  # "ﬀ" is a ligature in the PDF's text
    for heading in ["Staff pulse", "Staff changes", "Continuity for citizens", "Barriers", "What listening led to"]:
        assert heading in text, f"the pilot report has no {heading!r}"
