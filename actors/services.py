"""Writes of the actor registry: actors (by hand, from a SIRENE establishment, every ESS
employer of a territory at once), contacts, themes. Each is atomic, HTTP-free, records a line
of the workspace's recent changes, and refuses a theme of another workspace whatever the caller
passed. The merge of duplicates is in services_merge.py, the file import in imports.py."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from actors.enums import ESS_ACTOR_KINDS, ActorKind
from actors.models import Actor, Contact, Establishment, LegalCategory, Theme
from actors.selectors import ess_employers, ess_employers_missing, guillemets
from actors.validators import clean_siret, validate_siret
from essterritoire.accounts.services import activity_record
from essterritoire.territories.enums import Kind
from essterritoire.territories.models import Territory
from essterritoire.territories.text import normalize

ACTOR_FIELDS = (
    "name",
    "kind",
    "siret",
    "establishment",
    "legal_form",
    "naf_code",
    "size_band",
    "commune",
    "address",
    "website",
    "notes",
)
CONTACT_FIELDS = ("name", "role", "email", "phone", "consent", "consent_date")
# Filled on the kept actor from the removed one when blank on the kept one.
MERGE_FILLED_FIELDS = ACTOR_FIELDS[2:-1]
DEFAULT_THEMES = (
    "Habitat",
    "Mobilité",
    "Déchets",
    "Services aux personnes",
    "Énergie",
    "Alimentation",
    "Culture",
    "IAE",
)
BULK_BATCH_SIZE = 1000
BLANK_TEXT = {"siret", "legal_form", "naf_code", "size_band", "address", "website", "notes"}


def record_actor(actor, by, verb):
    activity_record(
        workspace=actor.workspace,
        user=by,
        verb=verb,
        target=actor.name,
        url=actor.get_absolute_url(),
    )


def _user(by):
    return by if getattr(by, "is_authenticated", False) else None


def _assign(obj, fields, allowed):
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Champs inattendus\u00a0: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(obj, name, "" if value is None and name in BLANK_TEXT else value)


def _validate_actor(actor):
    """Model checks, a real SIRET, and the link to the SIRENE establishment of that SIRET."""
    actor.siret = clean_siret(actor.siret)
    if actor.siret != (actor.establishment_id or ""):
        actor.establishment = Establishment.objects.filter(pk=actor.siret).first()
    actor.full_clean(exclude=["establishment", "commune", "created_by", "workspace"])
    if actor.siret:
        validate_siret(actor.siret)


def _check_themes(workspace_id, themes):
    for theme in themes:
        if theme.workspace_id != workspace_id:
            raise ValidationError(f"Le thème {guillemets(theme)} n'appartient pas à cet espace.")


# Actors


@transaction.atomic
def actor_create(*, workspace, by, themes=(), **fields):
    """A new actor of `workspace`; `fields` among ACTOR_FIELDS."""
    actor = Actor(workspace=workspace, created_by=_user(by))
    _assign(actor, fields, ACTOR_FIELDS)
    themes = list(themes)
    _check_themes(workspace.pk, themes)
    _validate_actor(actor)
    actor.save()
    actor.themes.set(themes)
    record_actor(actor, by, "a ajouté l'acteur")
    return actor


@transaction.atomic
def actor_update(*, actor, by, themes=None, **fields):
    _assign(actor, fields, ACTOR_FIELDS)
    _validate_actor(actor)
    actor.save()
    if themes is not None:
        themes = list(themes)
        _check_themes(actor.workspace_id, themes)
        actor.themes.set(themes)
    record_actor(actor, by, "a modifié l'acteur")
    return actor


@transaction.atomic
def actor_delete(*, actor, by):
    workspace, name = actor.workspace, actor.name
    actor.delete()
    activity_record(workspace=workspace, user=by, verb="a supprimé l'acteur", target=name)


def establishment_fields(establishment, communes=None, labels=None):
    """The actor fields an establishment gives: the ESS family as kind ("entreprise" for the
    others), NAF, size band, commune, legal form label. `communes` ({code: Territory}) and
    `labels` ({legal category: label}) save the look-ups when many are converted."""
    if communes is None:
        communes = communes_by_code([establishment.commune_code])
    if labels is None:
        labels = legal_form_labels([establishment.legal_category])
    family = establishment.family
    kind = ActorKind(family) if family in ESS_ACTOR_KINDS else ActorKind.ENTREPRISE
    return {
        "name": (establishment.display_name or f"Établissement {establishment.siret}")[:255],
        "kind": kind,
        "siret": establishment.siret,
        "establishment": establishment,
        "legal_form": labels.get(establishment.legal_category, "")[:255],
        "naf_code": establishment.naf_code,
        "size_band": establishment.size_band,
        "commune": communes.get(establishment.commune_code),
        "address": establishment.address,
    }


def communes_by_code(codes):
    communes = Territory.objects.filter(kind=Kind.COMMUNE, code__in=set(codes))
    return {commune.code: commune for commune in communes}


def legal_form_labels(codes):
    categories = LegalCategory.objects.filter(code__in=set(codes))
    return dict(categories.values_list("code", "label"))


def actor_create_from_establishment(*, workspace, establishment, by, themes=(), **overrides):
    """A new actor prefilled from a SIRENE establishment; `overrides` win (a form's edits)."""
    fields = {**establishment_fields(establishment), **overrides}
    fields["establishment"] = establishment
    return actor_create(workspace=workspace, by=by, themes=themes, **fields)


@transaction.atomic
def actors_add_ess_employers(*, workspace, territory, by):
    """Add every active ESS employer establishment of `territory` as an actor, skipping the
    SIRETs already in the registry: a second run adds nothing. Returns {"created", "skipped"}.
    """
    establishments = list(ess_employers_missing(workspace, territory))
    communes = communes_by_code(e.commune_code for e in establishments)
    labels = legal_form_labels(e.legal_category for e in establishments)
    actors = []
    for establishment in establishments:
        actor = Actor(
            workspace=workspace,
            created_by=_user(by),
            **establishment_fields(establishment, communes, labels),
        )
        actor.normalized_name = normalize(actor.name)  # bulk_create does not call save()
        actors.append(actor)
    Actor.objects.bulk_create(actors, batch_size=BULK_BATCH_SIZE)
    if actors:
        activity_record(
            workspace=workspace,
            user=by,
            verb=f"a ajouté {len(actors)} employeurs de l'ESS de",
            target=territory.name,
        )
    return {"created": len(actors), "skipped": ess_employers(territory).count() - len(actors)}


# Contacts


def _record_contact(contact, by, verb):
    """A contact's change is logged on its actor (the contact's name stays out of the log)."""
    record_actor(contact.actor, by, verb)


def _validate_contact(contact):
    """A consent is dated (today unless told); no consent, no date."""
    if not contact.consent:
        contact.consent_date = None
    elif not contact.consent_date:
        contact.consent_date = timezone.localdate()
    contact.full_clean(exclude=["actor"])


@transaction.atomic
def contact_create(*, actor, by, **fields):
    contact = Contact(actor=actor)
    _assign(contact, fields, CONTACT_FIELDS)
    _validate_contact(contact)
    contact.save()
    _record_contact(contact, by, "a ajouté un contact à")
    return contact


@transaction.atomic
def contact_update(*, contact, by, **fields):
    _assign(contact, fields, CONTACT_FIELDS)
    _validate_contact(contact)
    contact.save()
    _record_contact(contact, by, "a modifié un contact de")
    return contact


@transaction.atomic
def contact_delete(*, contact, by):
    _record_contact(contact, by, "a supprimé un contact de")
    contact.delete()


# Themes


def themes_for(workspace, with_counts=False):
    """The workspace's themes sorted by name (each with `actor_count` when asked); a workspace
    without any gets the default list first."""
    if not Theme.objects.filter(workspace=workspace).exists():
        Theme.objects.bulk_create(
            [Theme(workspace=workspace, name=name) for name in DEFAULT_THEMES],
            ignore_conflicts=True,
        )
    themes = Theme.objects.filter(workspace=workspace)
    if with_counts:
        themes = themes.annotate(actor_count=Count("actors"))
    return sorted(themes, key=lambda theme: normalize(theme.name))


def _clean_theme_name(workspace, name, exclude=None):
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError("Donnez un nom au thème.")
    if len(name) > 100:
        raise ValidationError("Un thème compte au plus 100 caractères.")
    others = Theme.objects.filter(workspace=workspace)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    # Compared without accents nor case: "Energie" is "Énergie" (SQLite's iexact is ASCII only).
    if any(normalize(other) == normalize(name) for other in others.values_list("name", flat=True)):
        raise ValidationError(f"Le thème {guillemets(name)} existe déjà.")
    return name


@transaction.atomic
def theme_create(*, workspace, name, by):
    theme = Theme.objects.create(workspace=workspace, name=_clean_theme_name(workspace, name))
    activity_record(workspace=workspace, user=by, verb="a ajouté le thème", target=theme.name)
    return theme


@transaction.atomic
def theme_rename(*, theme, name, by):
    old = theme.name
    theme.name = _clean_theme_name(theme.workspace, name, exclude=theme)
    theme.save(update_fields=["name"])
    activity_record(
        workspace=theme.workspace,
        user=by,
        verb=f"a renommé le thème {guillemets(old)} en",
        target=theme.name,
    )
    return theme


@transaction.atomic
def theme_delete(*, theme, by):
    workspace, name = theme.workspace, theme.name
    theme.delete()
    activity_record(workspace=workspace, user=by, verb="a supprimé le thème", target=name)
