"""Writes on PTCE: the pole, its members and its parts (animation years, funding lines,
mutualisations, cooperation projects). Each is atomic, validates the whole row (model clean and
constraints, in French) before writing, and records the change in the workspace's activity.

Anything chosen for a pole (pilot, members' actors, funders, diagnostics, members of a
mutualisation) must belong to the pole's workspace: anything else is a ValidationError and
nothing is written.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from essterritoire.accounts.services import activity_record
from ptce.enums import member_type_for
from ptce.models import Member, Ptce

NBSP = "\u00a0"
PTCE_FIELDS = (
    "name",
    "perimeter",
    "description",
    "stage",
    "legal_form",
    "governance",
    "pilot",
    "created_on",
    "sectors",
    "other_sectors",
)
MEMBER_FIELDS = ("member_type", "role", "joined_on", "left_on", "employees", "budget")


def guillemets(text):
    """« text » with the no-break spaces of French typography."""
    return f"«{NBSP}{text}{NBSP}»"


def _record(ptce, user, verb, target=None):
    activity_record(
        workspace=ptce.workspace,
        user=user,
        verb=verb,
        target=target or ptce.name,
        url=ptce.get_absolute_url() if ptce.pk else "",
    )


def _check_same_workspace(workspace_id, objects, what):
    if any(obj.workspace_id != workspace_id for obj in objects):
        raise ValidationError(f"{what}{NBSP}: un élément n'appartient pas à l'espace de travail.")


def _assign(obj, fields, allowed):
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Champs inconnus{NBSP}: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(obj, name, value)


def _save(obj):
    obj.full_clean()
    obj.save()
    return obj


# The pole


@transaction.atomic
def ptce_create(*, workspace, user, communes=(), diagnostics=(), **fields):
    """A new pole of `workspace`; `fields` among PTCE_FIELDS."""
    _check_same_workspace(workspace.pk, diagnostics, "Diagnostics")
    ptce = Ptce(workspace=workspace, created_by=user)
    _assign(ptce, fields, PTCE_FIELDS)
    _save(ptce)
    ptce.communes.set(communes)
    ptce.diagnostics.set(diagnostics)
    _record(ptce, user, "a créé le PTCE")
    return ptce


@transaction.atomic
def ptce_update(*, ptce, user, communes=None, diagnostics=None, **fields):
    """Change the fields given; M2M lists are replaced when given."""
    _assign(ptce, fields, PTCE_FIELDS)
    _save(ptce)
    if communes is not None:
        ptce.communes.set(communes)
    if diagnostics is not None:
        _check_same_workspace(ptce.workspace_id, diagnostics, "Diagnostics")
        ptce.diagnostics.set(diagnostics)
    _record(ptce, user, "a modifié le PTCE")
    return ptce


@transaction.atomic
def ptce_delete(*, ptce, user):
    """Delete the pole and everything it holds; the actors stay in the registry."""
    workspace, name = ptce.workspace, ptce.name
    ptce.delete()
    activity_record(workspace=workspace, user=user, verb="a supprimé le PTCE", target=name)


# Members


@transaction.atomic
def member_add(*, ptce, actor, user, member_type="", **fields):
    """`actor` joins the pole; its article-9 type defaults to the one its kind suggests."""
    if actor.workspace_id != ptce.workspace_id:
        raise ValidationError("Cet acteur n'appartient pas à l'espace de travail du pôle.")
    if ptce.members.filter(actor=actor).exists():
        raise ValidationError(f"{guillemets(actor)} est déjà membre du pôle.")
    member = Member(ptce=ptce, actor=actor, member_type=member_type or member_type_for(actor.kind))
    _assign(member, fields, MEMBER_FIELDS)
    _save(member)
    _record(ptce, user, "a ajouté un membre au PTCE", f"{actor} — {ptce}")
    return member


@transaction.atomic
def member_update(*, member, user, **fields):
    """Change the member's type, role, dates or figures (`fields` among MEMBER_FIELDS)."""
    _assign(member, fields, MEMBER_FIELDS)
    _save(member)
    _record(member.ptce, user, "a modifié un membre du PTCE", f"{member.actor} — {member.ptce}")
    return member


@transaction.atomic
def member_remove(*, member, user):
    """Remove the member from the pole (and from its mutualisations and projects). A member
    that left stays on record with a leaving date instead: see member_update."""
    ptce, actor = member.ptce, member.actor
    member.delete()
    _record(ptce, user, "a retiré un membre du PTCE", f"{actor} — {ptce}")


# Parts: animation years, funding lines, mutualisations, cooperation projects


def _set_members(part, members):
    if members is None:
        return
    if any(member.ptce_id != part.ptce_id for member in members):
        raise ValidationError(f"Membres{NBSP}: un membre choisi n'appartient pas à ce pôle.")
    part.members.set(members)


@transaction.atomic
def part_create(*, model, ptce, user, members=None, **fields):
    """A new part of the pole (`model` is AnimationYear, FundingLine, Mutualisation or
    CooperationProject); `members` for the models that have some."""
    part = model(ptce=ptce)
    _assign(part, fields, _part_fields(model))
    _save(part)
    _set_members(part, members)
    _record(ptce, user, f"a ajouté {model.label} au PTCE", f"{part} — {ptce}")
    return part


def _part_fields(model):
    """The fields a part's service may set: its own, minus the pole and the many-to-many."""
    return [f.name for f in model._meta.concrete_fields if f.name not in ("id", "ptce")]


@transaction.atomic
def part_update(*, part, user, members=None, **fields):
    _assign(part, fields, _part_fields(type(part)))
    _save(part)
    _set_members(part, members)
    verb = f"a modifié {part.label} du PTCE"
    _record(part.ptce, user, verb, f"{part} — {part.ptce}")
    return part


@transaction.atomic
def part_delete(*, part, user):
    ptce, label = part.ptce, str(part)
    part.delete()
    _record(ptce, user, f"a supprimé {part.label} du PTCE", f"{label} — {ptce}")
