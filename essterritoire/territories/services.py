"""Writes on groupings of communes. Each is atomic, HTTP-free, and leaves an activity line."""

from django.db import transaction
from django.db.models import Sum

from essterritoire.accounts.models import unique_slug
from essterritoire.accounts.services import activity_record
from essterritoire.territories.enums import Kind
from essterritoire.territories.models import Territory


@transaction.atomic
def grouping_create(*, workspace, user, name, description, commune_ids):
    """A new grouping of `workspace`; its code is a slug of the name, unique among groupings."""
    grouping = Territory(
        kind=Kind.GROUPING,
        code=unique_slug(Territory, name, field="code", kind=Kind.GROUPING),
        workspace=workspace,
        name=name,
        description=description,
    )
    _save_with_members(grouping, commune_ids)
    _record(grouping, user, "a créé le regroupement")
    return grouping


@transaction.atomic
def grouping_update(*, grouping, user, name, description, commune_ids):
    """Change a grouping; its code stays, so references to it keep working."""
    grouping.name, grouping.description = name, description
    _save_with_members(grouping, commune_ids)
    _record(grouping, user, "a modifié le regroupement")
    return grouping


@transaction.atomic
def grouping_delete(*, grouping, user):
    """Delete a grouping; ProtectedError when something still points to it."""
    workspace, name = grouping.workspace, grouping.name
    grouping.delete()
    activity_record(workspace=workspace, user=user, verb="a supprimé le regroupement", target=name)


def _save_with_members(grouping, commune_ids):
    grouping.save()
    grouping.members.set(commune_ids)
    total = grouping.communes().aggregate(total=Sum("population"))["total"]
    Territory.objects.filter(pk=grouping.pk).update(population=total)
    grouping.population = total


def _record(grouping, user, verb):
    activity_record(
        workspace=grouping.workspace,
        user=user,
        verb=verb,
        target=grouping.name,
        url=grouping.get_absolute_url(),
    )
