"""Writes on workspaces, memberships and invitations. Each is atomic and HTTP-free."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from essterritoire.accounts.enums import Role
from essterritoire.accounts.models import (
    Activity,
    Invitation,
    LoginFailure,
    Membership,
    User,
    hash_token,
)


def activity_record(*, workspace, user, verb, target="", url=""):
    """Add a line to the workspace's recent changes."""
    return Activity.objects.create(
        workspace=workspace,
        user=user if getattr(user, "is_authenticated", False) else None,
        verb=verb,
        target=str(target)[:300],
        url=url,
    )


@transaction.atomic
def invitation_create(*, workspace, email, role, invited_by):
    """Invite `email` into `workspace`; returns (invitation, token). The token is only here."""
    email = email.strip().lower()
    if Membership.objects.filter(workspace=workspace, user__email=email).exists():
        raise ValidationError(f"{email} est déjà membre de cet espace.")
    Invitation.objects.pending().filter(workspace=workspace, email=email).update(
        revoked_at=timezone.now()
    )
    token = Invitation.new_token()
    invitation = Invitation.objects.create(
        workspace=workspace,
        email=email,
        role=role,
        token_hash=hash_token(token),
        invited_by=invited_by,
        expires_at=Invitation.default_expiry(),
    )
    activity_record(
        workspace=workspace, user=invited_by, verb="a invité", target=f"{email} ({role})"
    )
    transaction.on_commit(lambda: invitation_send(invitation, token))
    return invitation, token


def invitation_url(token):
    return settings.SITE_URL + reverse("accounts:invitation-accept", args=[token])


def invitation_send(invitation, token):
    context = {"invitation": invitation, "url": invitation_url(token)}
    send_mail(
        subject=f"Invitation à rejoindre « {invitation.workspace.name} » sur essterritoire",
        message=render_to_string("accounts/emails/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )


def invitation_for_token(token):
    """The invitation behind a link, or None when the token matches nothing."""
    return (
        Invitation.objects.select_related("workspace")
        .filter(token_hash=hash_token(token or ""))
        .first()
    )


@transaction.atomic
def invitation_accept(*, invitation, password=None, user=None, first_name="", last_name=""):
    """Turn a usable invitation into a membership, creating the account when needed."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise ValidationError("Cette invitation n'est plus valable.")
    if user is None:
        user = User.objects.filter(email=invitation.email).first()
    if user is None:
        user = User.objects.create_user(
            invitation.email, password, first_name=first_name, last_name=last_name
        )
    membership, _ = Membership.objects.update_or_create(
        user=user, workspace=invitation.workspace, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    activity_record(workspace=invitation.workspace, user=user, verb="a rejoint l'espace")
    return membership


def _admins_left(workspace, excluding):
    return (
        Membership.objects.filter(workspace=workspace, role=Role.ADMIN)
        .exclude(pk=excluding.pk)
        .exists()
    )


@transaction.atomic
def membership_change_role(*, membership, role, by):
    demoted = membership.role == Role.ADMIN and role != Role.ADMIN
    if demoted and not _admins_left(membership.workspace, membership):
        raise ValidationError("L'espace doit garder au moins un administrateur.")
    membership.role = role
    membership.save(update_fields=["role"])
    activity_record(
        workspace=membership.workspace,
        user=by,
        verb="a changé le rôle de",
        target=f"{membership.user} ({membership.get_role_display()})",
    )
    return membership


@transaction.atomic
def membership_remove(*, membership, by):
    if membership.role == Role.ADMIN and not _admins_left(membership.workspace, membership):
        raise ValidationError("L'espace doit garder au moins un administrateur.")
    activity_record(
        workspace=membership.workspace, user=by, verb="a retiré", target=str(membership.user)
    )
    membership.delete()


@transaction.atomic
def invitation_revoke(*, invitation, by):
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    activity_record(
        workspace=invitation.workspace,
        user=by,
        verb="a annulé l'invitation de",
        target=invitation.email,
    )


def login_failures_recent(email, ip_address):
    since = timezone.now() - timezone.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW)
    return LoginFailure.objects.filter(
        email=email.strip().lower(), ip_address=ip_address, at__gte=since
    ).count()


def login_failure_record(email, ip_address):
    LoginFailure.objects.create(email=email.strip().lower()[:254], ip_address=ip_address)
    # Keep the table small: older failures no longer count.
    horizon = timezone.now() - timezone.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW * 4)
    LoginFailure.objects.filter(at__lt=horizon).delete()


def login_failures_clear(email, ip_address):
    LoginFailure.objects.filter(email=email.strip().lower(), ip_address=ip_address).delete()
