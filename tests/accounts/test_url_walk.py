"""Walk every URL pattern of the project: each view must go through the permission kernel."""

import re

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from essterritoire.accounts.permissions import PUBLIC

pytestmark = pytest.mark.django_db

# Django's admin has its own staff-only checks.
SKIPPED_NAMESPACES = {"admin"}
SAMPLE_ARGS = {"int": "999999", "str": "x", "slug": "x", "path": "x", "uuid": "0" * 32}


def walk(patterns=None, prefix="", namespace=None):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            if ns in SKIPPED_NAMESPACES:
                continue
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback, f"{namespace}:{entry.name}"


def sample_url(route):
    route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE_ARGS.get(m.group(1) or "str", "x"), route)
    return "/" + route.lstrip("^").rstrip("$")


VIEWS = sorted(walk(), key=lambda item: item[0])


def test_the_walk_finds_the_project_views():
    names = {name for _, _, name in VIEWS}
    assert {"accounts:home", "accounts:members", "accounts:login"} <= names


@pytest.mark.parametrize(("route", "view", "name"), VIEWS, ids=[v[2] for v in VIEWS])
def test_every_view_declares_its_kernel_check(route, view, name):
    action = getattr(view, "permission_action", None)
    assert action, f"{name} ({route}) is not decorated by the permission kernel"
    if action != PUBLIC:
        assert getattr(view, "login_required", True) is not False, f"{name} skips the login"


@pytest.mark.parametrize(("route", "view", "name"), VIEWS, ids=[v[2] for v in VIEWS])
def test_anonymous_visitors_are_sent_to_login(route, view, name):
    if getattr(view, "permission_action", None) == PUBLIC:
        pytest.skip("public page")
    response = Client().get(sample_url(route))
    assert response.status_code == 302, f"{name}: {response.status_code}"
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


@pytest.mark.parametrize(("route", "view", "name"), VIEWS, ids=[v[2] for v in VIEWS])
def test_a_stranger_never_gets_a_server_error(route, view, name, client_for, other_user):
    response = client_for(other_user).get(sample_url(route))
    assert response.status_code < 500, f"{name}: {response.status_code}"
