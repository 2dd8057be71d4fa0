"""Browser tests: Playwright drives Debian's chromium (it never downloads a browser here)."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    """Every test here is a browser test; under ``pytest -n`` they share one worker, one
    after another, so two chromiums never compete for this machine's two cores."""
    for item in items:
        if "tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("browser"))


class CheckedBrowser:
    """Chromium, with every page watched for Content-Security-Policy violations: the pages
    run no inline script or style, and a test fails if the browser refuses anything. Each
    test's pages are closed after it."""

    def __init__(self, browser):
        self.browser = browser
        self.violations: list[str] = []
        self.pages: list = []

    def new_page(self, **options):
        page = self.browser.new_page(**options)
        page.on("console", self._watch)
        self.pages.append(page)
        return page

    def _watch(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.violations.append(f"{message.location.get('url')}: {message.text[:120]}")

    def close_pages(self) -> None:
        for page in self.pages:
            page.context.close()
        self.pages.clear()


@pytest.fixture(scope="package")
def chromium():
    """One chromium for all the browser tests (they run one after another on one worker),
    closed after the last: starting it takes a second."""
    if not os.path.exists(CHROMIUM) and not os.environ.get("CI"):
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    # Playwright's event loop shares the tests' thread while it runs; the ORM is safe to use.
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            yield launched
            launched.close()
    finally:
        if before is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture
def browser(chromium):
    checked = CheckedBrowser(chromium)
    yield checked
    checked.close_pages()
    assert checked.violations == [], "the Content-Security-Policy refused something"


@pytest.fixture(autouse=True)
def pages_kept(settings):
    """The browser tests run as the site does, with whole pages kept (their live server
    commits, so every change raises the versions a kept page is checked against)."""
    settings.PAGE_CACHE = True
