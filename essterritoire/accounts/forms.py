from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm

from essterritoire.accounts import services
from essterritoire.accounts.enums import Role


class LoginForm(AuthenticationForm):
    """Email and password, refused for a while after repeated failures."""

    username = forms.EmailField(
        label="Adresse e-mail",
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": "Adresse e-mail ou mot de passe incorrect.",
        "inactive": "Ce compte est désactivé.",
        "throttled": (
            "Trop de tentatives de connexion échouées. Réessayez dans quelques minutes "
            "ou réinitialisez votre mot de passe."
        ),
    }

    def clean(self):
        email = self.cleaned_data.get("username") or ""
        ip = client_ip(self.request)
        if email and services.login_failures_recent(email, ip) >= settings.LOGIN_MAX_FAILURES:
            raise forms.ValidationError(self.error_messages["throttled"], code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if email:
                services.login_failure_record(email, ip)
            raise
        services.login_failures_clear(email, ip)
        return cleaned


def client_ip(request):
    return request.META.get("REMOTE_ADDR") if request else None


class InvitationForm(forms.Form):
    email = forms.EmailField(label="Adresse e-mail")
    role = forms.ChoiceField(label="Rôle", choices=Role.choices, initial=Role.EDITOR)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label="Rôle", choices=Role.choices)


class AcceptInvitationForm(forms.Form):
    """Create the account that an invitation opens: name and a password typed twice."""

    first_name = forms.CharField(label="Prénom", max_length=150)
    last_name = forms.CharField(label="Nom", max_length=150)
    password1 = forms.CharField(
        label="Mot de passe",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="Confirmation du mot de passe",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "Les deux mots de passe ne sont pas identiques.")
        elif p1:
            try:
                password_validation.validate_password(p1)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
