"""Browser tests against a running `kanssa demo` (started by .ci/run, or by hand).

KANSSA_E2E_URL names the server; CHROMIUM names the browser (Debian's, since Playwright cannot
download one here); KANSSA_TIME_ZONE, if the server was given one, its time zone.
"""
import datetime
import os
import pathlib

import pytest
from playwright.sync_api import sync_playwright

ARTIFACTS = pathlib.Path(__file__).parent / "artifacts"


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


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-dev-shm-usage"],
        )
        yield browser
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
