"""The role matrix: one request per kind of person, with the status code each must get."""

from django.conf import settings
from django.shortcuts import resolve_url

ROLES = ("anonymous", "other", "reader", "editor", "admin")


def check_role_matrix(client_for, role_users, url, expected, method="get", data=None):
    """`expected` maps every role of ROLES to a status code; anonymous visitors of a protected
    page must be sent to the login page."""
    assert set(expected) == set(ROLES), "the matrix must cover every role"
    failures = []
    for role in ROLES:
        response = getattr(client_for(role_users[role]), method)(url, data or {})
        if response.status_code != expected[role]:
            failures.append(f"{role}: {response.status_code} (attendu {expected[role]})")
        elif role == "anonymous" and expected[role] == 302:
            login = resolve_url(settings.LOGIN_URL)
            if not response["Location"].startswith(login):
                failures.append(f"anonymous: redirected to {response['Location']}")
    assert not failures, f"{method.upper()} {url}: " + "; ".join(failures)
