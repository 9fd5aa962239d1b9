from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods

from essterritoire.accounts import services
from essterritoire.accounts.forms import AcceptInvitationForm, LoginForm
from essterritoire.accounts.permissions import authenticated, public


def _public_view(view_class, **kwargs):
    return public(view_class.as_view(**kwargs))


login = _public_view(
    auth_views.LoginView,
    template_name="accounts/login.html",
    form_class=LoginForm,
    redirect_authenticated_user=True,
)
logout = _public_view(auth_views.LogoutView)

password_reset = _public_view(
    auth_views.PasswordResetView,
    template_name="accounts/password_reset.html",
    email_template_name="accounts/emails/password_reset.txt",
    subject_template_name="accounts/emails/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password-reset-done"),
)
password_reset_done = _public_view(
    auth_views.PasswordResetDoneView, template_name="accounts/password_reset_done.html"
)
password_reset_confirm = _public_view(
    auth_views.PasswordResetConfirmView,
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password-reset-complete"),
)
password_reset_complete = _public_view(
    auth_views.PasswordResetCompleteView, template_name="accounts/password_reset_complete.html"
)
password_change = authenticated(
    auth_views.PasswordChangeView.as_view(
        template_name="accounts/password_change.html",
        success_url=reverse_lazy("accounts:home"),
    )
)


@public
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    """Join a workspace from an invitation link: create the account, or log in first."""
    invitation = services.invitation_for_token(token)
    if invitation is None or not invitation.is_usable:
        return render(
            request, "accounts/invitation_invalid.html", {"invitation": invitation}, status=410
        )
    existing = services.User.objects.filter(email=invitation.email).first()
    if existing is not None:
        return _accept_as_existing(request, invitation, existing)
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_accept(
                invitation=invitation,
                password=form.cleaned_data["password1"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("accounts:login")
        messages.success(request, "Votre compte est créé : connectez-vous pour commencer.")
        return redirect("accounts:login")
    return render(
        request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation}
    )


def _accept_as_existing(request, invitation, user):
    if request.user != user:
        return render(request, "accounts/invitation_login.html", {"invitation": invitation})
    if request.method == "POST":
        services.invitation_accept(invitation=invitation, user=user)
        request.session["workspace_id"] = invitation.workspace_id
        messages.success(request, f"Vous avez rejoint « {invitation.workspace.name} ».")
        return redirect("accounts:home")
    return render(request, "accounts/invitation_join.html", {"invitation": invitation})
