"""People, workspaces, memberships with roles, invitations, login failures, activity."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.text import slugify

from essterritoire.accounts.enums import Role, WorkspaceKind


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **extra):
        if not email:
            raise ValueError("Une adresse e-mail est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractUser):
    """A person who logs in with an email address and a password."""

    username = None
    email = models.EmailField("adresse e-mail", unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []
    objects = UserManager()

    class Meta:
        verbose_name = "utilisateur"
        verbose_name_plural = "utilisateurs"
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email


class Workspace(models.Model):
    """A collectivité or a CRESS: the owner of every piece of private data."""

    name = models.CharField("nom", max_length=200)
    slug = models.SlugField("identifiant", max_length=80, unique=True)
    kind = models.CharField("type", max_length=20, choices=WorkspaceKind.choices)
    main_territory = models.ForeignKey(
        "territories.Territory",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="territoire principal",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "espace de travail"
        verbose_name_plural = "espaces de travail"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Workspace, self.name)
        super().save(*args, **kwargs)

    @property
    def role_label(self):
        """The label of `role`, set on workspaces fetched for a user by the kernel."""
        role = getattr(self, "role", None)
        return Role(role).label if role else ""


def unique_slug(model, text, field="slug", max_length=60, **scope):
    base = slugify(text)[:max_length] or "x"
    candidate, n = base, 2
    while model.objects.filter(**{field: candidate}, **scope).exists():
        candidate, n = f"{base}-{n}", n + 1
    return candidate


class Membership(models.Model):
    """A person's role in a workspace."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships")
    workspace = models.ForeignKey(Workspace, models.CASCADE, related_name="memberships")
    role = models.CharField("rôle", max_length=10, choices=Role.choices)
    created_at = models.DateTimeField("depuis le", auto_now_add=True)

    class Meta:
        verbose_name = "membre"
        verbose_name_plural = "membres"
        ordering = ["workspace__name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "workspace"], name="membership_unique"),
        ]

    def __str__(self):
        return f"{self.user} — {self.workspace} ({self.get_role_display()})"


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)


class Invitation(models.Model):
    """An invitation to join a workspace with a role; the link carries a random token.

    Only the token's SHA-256 is stored: a leaked database does not leak usable links.
    """

    workspace = models.ForeignKey(Workspace, models.CASCADE, related_name="invitations")
    email = models.EmailField("adresse e-mail")
    role = models.CharField("rôle", max_length=10, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("envoyée le", auto_now_add=True)
    expires_at = models.DateTimeField("expire le")
    accepted_at = models.DateTimeField("acceptée le", null=True, blank=True)
    revoked_at = models.DateTimeField("annulée le", null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = "invitation"
        verbose_name_plural = "invitations"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.workspace}"

    @staticmethod
    def new_token():
        return secrets.token_urlsafe(32)

    @classmethod
    def default_expiry(cls):
        return timezone.now() + timedelta(days=settings.INVITATION_VALIDITY_DAYS)

    @property
    def is_expired(self):
        return timezone.now() >= self.expires_at

    @property
    def is_usable(self):
        return not (self.accepted_at or self.revoked_at or self.is_expired)


class LoginFailure(models.Model):
    """A failed login, kept a short while to throttle repeated attempts."""

    email = models.CharField(max_length=254, db_index=True)
    ip_address = models.GenericIPAddressField(null=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "échec de connexion"
        verbose_name_plural = "échecs de connexion"

    def __str__(self):
        return f"{self.email} {self.at:%d/%m/%Y %H:%M}"


class Activity(models.Model):
    """A line of a workspace's recent changes: who did what to which object, and when."""

    workspace = models.ForeignKey(Workspace, models.CASCADE, related_name="activities")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    verb = models.CharField("action", max_length=200)
    target = models.CharField("objet", max_length=300, blank=True)
    url = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField("date", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "activité"
        verbose_name_plural = "activités"
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.at:%d/%m/%Y} {self.user} {self.verb} {self.target}"
