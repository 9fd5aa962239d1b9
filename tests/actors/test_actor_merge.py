import pytest
from django.core.exceptions import ValidationError

from actors.models import Actor
from actors.selectors import duplicate_pairs
from actors.services_merge import MERGE_RELATIONS, actor_merge, merge_links, merge_relations
from tests.actors.factories import (
    ActorFactory,
    ContactFactory,
    TerritoryFactory,
    ThemeFactory,
    with_luhn_key,
)
from tests.actors.factories_animation import MeetingFactory, NetworkFactory, OrientationFactory

pytestmark = pytest.mark.django_db
SIRET = with_luhn_key("4430618410004")


def test_duplicates_are_pairs_with_the_same_siret_or_the_same_name_in_the_same_commune(
    workspace, other_workspace
):
    ancenis, ligne = TerritoryFactory(code="44003"), TerritoryFactory(code="44082")
    a = ActorFactory(workspace=workspace, name="Ressourcerie", siret=SIRET, commune=ancenis)
    b = ActorFactory(workspace=workspace, name="RESSOURCERIE", commune=ancenis)
    c = ActorFactory(workspace=workspace, name="Autre nom", siret=SIRET, commune=ligne)
    ActorFactory(workspace=workspace, name="Ressourcerie", commune=ligne)  # another commune
    ActorFactory(workspace=other_workspace, name="Ressourcerie", siret=SIRET, commune=ancenis)
    pairs = {(p["first"].pk, p["second"].pk): p["reasons"] for p in duplicate_pairs(workspace)}
    assert pairs == {
        (a.pk, b.pk): ["même nom dans la même commune"],
        (a.pk, c.pk): ["même SIRET"],
    }


def test_actors_without_commune_and_the_same_name_are_candidates(workspace):
    ActorFactory(workspace=workspace, name="Épicerie solidaire")
    ActorFactory(workspace=workspace, name="Epicerie-Solidaire")
    assert len(duplicate_pairs(workspace)) == 1


def test_merge_moves_every_link_and_deletes_the_removed_actor(workspace, editor_user):
    keep = ActorFactory(workspace=workspace, name="Ressourcerie", notes="Gardée.")
    remove = ActorFactory(
        workspace=workspace,
        name="Ressourcerie bis",
        siret=SIRET,
        website="https://r.fr",
        notes="Bis.",
    )
    shared, own = (
        ThemeFactory(workspace=workspace, name="Déchets"),
        ThemeFactory(workspace=workspace),
    )
    keep.themes.add(shared)
    remove.themes.add(shared, own)
    contacts = ContactFactory.create_batch(2, actor=remove)
    both, only_remove = NetworkFactory(workspace=workspace), NetworkFactory(workspace=workspace)
    both.members.add(keep, remove)
    only_remove.members.add(remove)
    meeting = MeetingFactory(workspace=workspace)
    meeting.invited.add(remove)
    meeting.present.add(remove)
    orientation = OrientationFactory(holder__workspace=workspace, actor=remove)

    moved = actor_merge(keep=keep, remove=remove, by=editor_user)

    assert not Actor.objects.filter(pk=remove.pk).exists()
    keep.refresh_from_db()
    assert {c.pk for c in keep.contacts.all()} == {c.pk for c in contacts}
    assert set(keep.themes.all()) == {shared, own}
    assert set(keep.networks.all()) == {both, only_remove}
    assert list(both.members.all()) == [keep]
    assert list(meeting.invited.all()) == list(meeting.present.all()) == [keep]
    orientation.refresh_from_db()
    assert orientation.actor == keep
    assert (keep.siret, keep.website) == (SIRET, "https://r.fr")  # blanks filled
    assert keep.notes == "Gardée.\n\nBis."
    assert moved == 2 + 1 + 1 + 1 + 1 + 1  # contacts, theme, network, invited, present, orientation


def test_merge_refuses_actors_of_two_workspaces_or_the_same_actor(workspace, other_workspace):
    mine, theirs = ActorFactory(workspace=workspace), ActorFactory(workspace=other_workspace)
    with pytest.raises(ValidationError):
        actor_merge(keep=mine, remove=theirs, by=None)
    with pytest.raises(ValidationError):
        actor_merge(keep=mine, remove=mine, by=None)
    assert Actor.objects.count() == 2


def test_merge_links_lists_what_will_move(workspace):
    actor = ActorFactory(workspace=workspace)
    ContactFactory.create_batch(3, actor=actor)
    actor.themes.add(ThemeFactory(workspace=workspace))
    assert dict(merge_links(actor)) == {"contacts": 3, "thèmes": 1}


def test_every_relation_to_actor_is_re_pointed_by_a_merge():
    """A later app's relation to Actor is merged even before it registers it."""
    covered = {(r.model, r.field) for r in merge_relations()}
    for field in Actor._meta.get_fields():
        if field.many_to_many and field.concrete:
            assert ("actors.Actor", field.name) in covered
        elif field.auto_created and (field.one_to_many or field.many_to_many):
            assert (field.related_model._meta.label, field.field.name) in covered
    assert set(MERGE_RELATIONS) <= set(merge_relations())
