"""Browser tests against a running `kanssa demo` (started by .ci/run, or by hand).

KANSSA_E2E_URL names the server; CHROMIUM names the browser (Debian's, since Playwright cannot
download one here); KANSSA_TIME_ZONE, if the server was given one, its time zone.

Every HTML page any test receives is kept in artifacts/html, as the server sent it, for the HTML
checker that runs last (test_zz_html_checker.py).
"""
import datetime
import hashlib
import json
import os
import pathlib
import shutil

import pytest
from playwright.sync_api import sync_playwright

ARTIFACTS = pathlib.Path(__file__).parent / "artifacts"
KEPT_HTML = ARTIFACTS / "html"


@pytest.fixture(scope="session")
def base_url():
    return os.environ.get("KANSSA_E2E_URL", "http://127.0.0.1:8080").rstrip("/")


@pytest.fixture
def today():
    """Today where the server is: it reads typed days in its own time zone (KANSSA_TIME_ZONE,
    Europe/Helsinki unless told), so a test typing "today" must not use this machine's day."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(os.environ.get("KANSSA_TIME_ZONE", "Europe/Helsinki"))
    return datetime.datetime.now(zone).date()


def keep_html(response):
    """Keeps a page the server sent (not a redirect, not a download) under a name made from its
    content, with its address beside it in index.json."""
    if response.request.resource_type != "document" or 300 <= response.status < 400:
        return
    if "text/html" not in response.headers.get("content-type", ""):
        return
    try:
        body = response.body()
    except Exception:  # a page the browser already left has no body to give
        return
    name = hashlib.sha256(body).hexdigest()[:16] + ".html"
    KEPT_HTML.mkdir(parents=True, exist_ok=True)
    (KEPT_HTML / name).write_bytes(body)
    index = KEPT_HTML / "index.json"
    addresses = json.loads(index.read_text()) if index.exists() else {}
    addresses.setdefault(name, response.url)
    index.write_text(json.dumps(addresses, indent=1))


class KeepingBrowser:
    """The browser, with every new context keeping the HTML pages it receives."""

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        context.on("response", keep_html)
        return context

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def browser():
    shutil.rmtree(KEPT_HTML, ignore_errors=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-dev-shm-usage"],
        )
        yield KeepingBrowser(browser)
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB", is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
