from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from essterritoire.accounts import services
from essterritoire.accounts.enums import Role
from essterritoire.accounts.models import Invitation, Membership, User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "bienvenue-dans-l-espace-44"


def invite(client_for, admin_user, email="nouvelle@exemple.fr", role=Role.EDITOR):
    with TestCase.captureOnCommitCallbacks(execute=True):
        client_for(admin_user).post(reverse("accounts:invite"), {"email": email, "role": role})
    body = mail.outbox[-1].body
    return next(line for line in body.splitlines() if "/invitation/" in line).strip()


def accept_path(url):
    return urlsplit(url).path


def test_admin_invites_by_email_and_the_link_creates_the_account(client_for, admin_user, client):
    url = invite(client_for, admin_user)
    data = {
        "first_name": "Léa",
        "last_name": "Durand",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }
    response = client.post(accept_path(url), data)
    assert response.status_code == 302
    user = User.objects.get(email="nouvelle@exemple.fr")
    assert user.check_password(NEW_PASSWORD)
    assert Membership.objects.get(user=user).role == Role.EDITOR


def test_the_token_is_random_and_only_its_hash_is_stored(client_for, admin_user):
    url = invite(client_for, admin_user)
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 43  # 32 random bytes
    assert not Invitation.objects.filter(token_hash=token).exists()


def test_a_reused_link_is_refused_and_changes_nothing(client_for, admin_user, client):
    url = invite(client_for, admin_user)
    data = {
        "first_name": "Léa",
        "last_name": "Durand",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }
    client.post(accept_path(url), data)
    response = client.post(accept_path(url), {**data, "password1": "x", "password2": "x"})
    assert response.status_code == 410
    assert "déjà été utilisée" in response.content.decode()
    assert User.objects.get(email="nouvelle@exemple.fr").check_password(NEW_PASSWORD)


def test_an_expired_link_is_refused(client_for, admin_user, client):
    url = invite(client_for, admin_user)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(accept_path(url))
    assert response.status_code == 410
    assert "a expiré" in response.content.decode()


def test_an_unknown_link_is_refused(client):
    response = client.get(reverse("accounts:invitation-accept", args=["nimportequoi"]))
    assert response.status_code == 410
    assert "n'existe pas" in response.content.decode()


def test_mismatched_passwords_create_nothing(client_for, admin_user, client):
    url = invite(client_for, admin_user)
    data = {
        "first_name": "Léa",
        "last_name": "Durand",
        "password1": NEW_PASSWORD,
        "password2": "autre-chose-2026",
    }
    response = client.post(accept_path(url), data)
    assert response.status_code == 200
    assert "pas identiques" in response.content.decode()
    assert not User.objects.filter(email="nouvelle@exemple.fr").exists()


def test_an_existing_account_joins_after_logging_in(client_for, admin_user, other_user):
    url = invite(client_for, admin_user, email=other_user.email, role=Role.READER)
    anonymous = client_for(None).get(accept_path(url))
    assert "Un compte existe déjà" in anonymous.content.decode()
    response = client_for(other_user).post(accept_path(url))
    assert response.status_code == 302
    assert Membership.objects.filter(
        user=other_user, workspace=admin_user.memberships.get().workspace
    ).exists()


def test_inviting_a_member_again_is_refused(client_for, admin_user, editor_user):
    response = client_for(admin_user).post(
        reverse("accounts:invite"), {"email": editor_user.email, "role": Role.READER}, follow=True
    )
    assert "déjà membre" in response.content.decode()
    assert mail.outbox == []


def test_a_new_invitation_replaces_the_pending_one(workspace, admin_user):
    services.invitation_create(
        workspace=workspace, email="a@exemple.fr", role=Role.READER, invited_by=admin_user
    )
    services.invitation_create(
        workspace=workspace, email="a@exemple.fr", role=Role.EDITOR, invited_by=admin_user
    )
    assert Invitation.objects.pending().get().role == Role.EDITOR


def test_revoked_invitation_cannot_be_used(client_for, admin_user, client):
    url = invite(client_for, admin_user)
    invitation = Invitation.objects.get()
    client_for(admin_user).post(reverse("accounts:revoke-invitation", args=[invitation.pk]))
    assert client.get(accept_path(url)).status_code == 410


def test_existing_password_unchanged_by_joining(client_for, admin_user):
    person = UserFactory()
    url = invite(client_for, admin_user, email=person.email)
    client_for(person).post(accept_path(url))
    person.refresh_from_db()
    assert person.check_password(PASSWORD)
