"""Browser journeys: the app served by pytest-django's live server, driven by Debian's Chromium.

Every test here is marked `e2e` and runs apart from the fast suite (`make test-e2e`). The
fixtures give a Playwright `page` on a fresh browser context (relative URLs: `page.goto("/")`)
and `territories`, a few real territories around the CC du Pays d'Ancenis. The helpers are in
tests/e2e/browser.py: `visit(page, name)` after each page shown (a screenshot in
var/screenshots/, then `assert_accessible`, which fails on any WCAG 2.0/2.1 A or AA violation
axe-core finds, the RGAA's basis), and `log_in(page, email, password)`.

Chromium is the Debian package (/usr/bin/chromium, or $CHROMIUM_PATH): Playwright never
downloads a browser here. Without it the journeys are skipped, and `make test-e2e` refuses to
start with the apt-get command to run.
"""

import os
from pathlib import Path

import pytest

from essterritoire.territories.enums import EpciKind, Kind
from essterritoire.territories.models import Territory

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
# Generous: CI machines have 2 cores, and the suite may share them.
TIMEOUT_MS = 15_000


def pytest_collection_modifyitems(items):
    if Path(CHROMIUM).exists():
        return
    skip = pytest.mark.skip(
        reason=f"Chromium absent ({CHROMIUM}) : apt-get install -y chromium (ou make system-deps)"
    )
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import expect, sync_playwright

    # Playwright's sync API keeps an event loop running in the test thread; Django refuses ORM
    # calls from such a thread unless told it is safe (it is: the loop is Playwright's alone).
    # Set here, not at import, so that the rest of the suite keeps Django's guard.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    expect.set_options(timeout=TIMEOUT_MS)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server, transactional_db):
    """A page in a fresh context (no cookies), French, desktop-sized.

    The test fails afterwards if the page raised a JavaScript error or a static file did not
    load: both would mean a broken page that still "works" for the assertions.
    """
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(f"erreur JavaScript : {error}"))
    page.on(
        "response",
        lambda response: (
            problems.append(f"{response.status} {response.url}")
            if "/static/" in response.url and response.status >= 400
            else None
        ),
    )
    # A request the browser aborted because the journey moved on (a click or a goto while a
    # favicon or a redirect was still loading) is not a fault of the page; a missing file is a
    # 404 response, caught above, and any other network failure is reported.
    page.on(
        "requestfailed",
        lambda request: (
            None
            if "ERR_ABORTED" in (request.failure or "")
            else problems.append(f"échec : {request.url} ({request.failure})")
        ),
    )
    yield page
    context.close()
    assert not problems, "Problèmes pendant le parcours :\n" + "\n".join(problems)


@pytest.fixture
def territories(transactional_db):
    """The few official territories the journeys need, around the CC du Pays d'Ancenis."""
    reg = Territory.objects.create(
        kind=Kind.REGION, code="52", name="Pays de la Loire", population=3_926_389
    )
    dep44 = Territory.objects.create(
        kind=Kind.DEPARTEMENT, code="44", name="Loire-Atlantique", region=reg, population=1_494_894
    )
    dep49 = Territory.objects.create(
        kind=Kind.DEPARTEMENT, code="49", name="Maine-et-Loire", region=reg, population=826_792
    )
    epci = Territory.objects.create(
        kind=Kind.EPCI,
        code="244400552",
        name="CC du Pays d'Ancenis",
        epci_kind=EpciKind.CC,
        population=72_128,
    )
    commune = Territory.objects.create(
        kind=Kind.COMMUNE,
        code="44003",
        name="Ancenis-Saint-Géréon",
        departement=dep44,
        region=reg,
        epci=epci,
        population=11_244,
    )
    return {"reg": reg, "dep44": dep44, "dep49": dep49, "epci": epci, "commune": commune}
