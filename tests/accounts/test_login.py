import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")


def test_it_logs_in_with_email_whatever_the_case(client, editor_user):
    response = client.post(LOGIN, {"username": editor_user.email.upper(), "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:home")


def test_wrong_password_gives_a_french_message(client, editor_user):
    response = client.post(LOGIN, {"username": editor_user.email, "password": "faux"})
    assert response.status_code == 200
    assert "Adresse e-mail ou mot de passe incorrect." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_repeated_failures_are_throttled_even_with_the_right_password(
    client, editor_user, settings
):
    settings.LOGIN_MAX_FAILURES = 3
    for _ in range(3):
        client.post(LOGIN, {"username": editor_user.email, "password": "faux"})
    response = client.post(LOGIN, {"username": editor_user.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "Trop de tentatives" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_success_clears_earlier_failures(client, editor_user, settings):
    settings.LOGIN_MAX_FAILURES = 3
    for _ in range(2):
        client.post(LOGIN, {"username": editor_user.email, "password": "faux"})
    client.post(LOGIN, {"username": editor_user.email, "password": PASSWORD})
    client.logout()
    for _ in range(2):
        client.post(LOGIN, {"username": editor_user.email, "password": "faux"})
    response = client.post(LOGIN, {"username": editor_user.email, "password": PASSWORD})
    assert response.status_code == 302


def test_logout_needs_a_post(client_for, editor_user):
    client = client_for(editor_user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("accounts:home")).status_code == 302


def test_password_reset_sends_a_link_that_sets_a_new_password(client, editor_user):
    client.post(reverse("accounts:password-reset"), {"email": editor_user.email})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/mot-de-passe/" in line)
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    new = "un-nouveau-mot-de-passe-2026"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    editor_user.refresh_from_db()
    assert editor_user.check_password(new)


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post(reverse("accounts:password-reset"), {"email": "inconnu@exemple.fr"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_a_used_reset_link_is_refused_politely(client):
    response = client.get(reverse("accounts:password-reset-confirm", args=["MQ", "x-y"]))
    assert "plus valable" in response.content.decode()
