from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from essterritoire.accounts import services
from essterritoire.accounts.enums import Action
from essterritoire.accounts.forms import InvitationForm, RoleForm
from essterritoire.accounts.models import Invitation, Membership
from essterritoire.accounts.permissions import requires, with_object


@requires(Action.MANAGE)
def members(request):
    workspace = request.workspace
    context = {
        "memberships": workspace.memberships.select_related("user").order_by("user__email"),
        "invitations": workspace.invitations.pending().select_related("invited_by"),
        "form": InvitationForm(),
        "role_form": RoleForm(),
    }
    return render(request, "accounts/members.html", context)


@requires(Action.MANAGE)
@require_POST
def invite(request):
    form = InvitationForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Invitation non envoyée : vérifiez l'adresse et le rôle.")
        return redirect("accounts:members")
    try:
        services.invitation_create(
            workspace=request.workspace,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            invited_by=request.user,
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"Invitation envoyée à {form.cleaned_data['email']}.")
    return redirect("accounts:members")


@with_object(Membership, Action.MANAGE, pk="pk")
@require_POST
def change_role(request, membership):
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Rôle inconnu.")
        return redirect("accounts:members")
    try:
        services.membership_change_role(
            membership=membership, role=form.cleaned_data["role"], by=request.user
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"Rôle de {membership.user} : {membership.get_role_display()}.")
    return redirect("accounts:members")


@with_object(Membership, Action.MANAGE, pk="pk")
@require_POST
def remove(request, membership):
    try:
        services.membership_remove(membership=membership, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"{membership.user} a été retiré de l'espace.")
    return redirect("accounts:members")


@with_object(Invitation, Action.MANAGE, pk="pk")
@require_POST
def revoke(request, invitation):
    services.invitation_revoke(invitation=invitation, by=request.user)
    messages.success(request, f"Invitation de {invitation.email} annulée.")
    return redirect("accounts:members")
