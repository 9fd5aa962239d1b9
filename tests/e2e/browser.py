"""Helpers of the browser journeys: accessibility check, screenshots, logging in.

Every page a journey shows goes through `visit(page, name)`: a screenshot, then axe-core.
"""

import re
from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
# axe-core tags of the WCAG 2.0 and 2.1 levels A and AA criteria.
WCAG_TAGS = {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}


def assert_accessible(page):
    """Fail listing every WCAG 2.0/2.1 A/AA violation axe-core finds on the page shown."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    violations = [v for v in results.response["violations"] if WCAG_TAGS & set(v["tags"])]
    if not violations:
        return
    lines = [f"{len(violations)} violation(s) WCAG A/AA sur {page.url} :"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}) : {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    {node['target']} — {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").strip().splitlines()
            if len(summary) > 1:
                lines.append(f"      {summary[1].strip()}")
    pytest.fail("\n".join(lines), pytrace=False)


def screenshot(page, name):
    """Save the whole page as var/screenshots/NAME.png (for people and the README)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^a-z0-9-]+', '-', name.lower())}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def visit(page, name):
    """What every visited page gets: an accessibility check and a screenshot."""
    page.wait_for_load_state("load")
    screenshot(page, name)
    assert_accessible(page)


def log_in(page, email, password, succeed=True):
    """Fill and send the login form of the page shown (the login page).

    When the login should succeed, wait until the page it leads to has loaded: a journey that
    went on at once (a `page.goto`) would abort that navigation, and the aborted request would
    be reported as a failure of the page.
    """
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    if succeed:
        page.wait_for_url(lambda url: "/connexion/" not in url)
        page.wait_for_load_state("load")
