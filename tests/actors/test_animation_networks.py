import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from actors.enums import NetworkScope
from actors.models import Network
from essterritoire.accounts.models import Activity
from tests.actors.factories import ActorFactory, ThemeFactory
from tests.actors.factories_animation import MeetingFactory, NetworkFactory

pytestmark = pytest.mark.django_db


def test_an_editor_creates_a_network_and_it_is_recorded(client_for, editor_user, workspace):
    theme = ThemeFactory(workspace=workspace, name="Alimentation")
    data = {"name": "Réseau alimentation durable", "scope": "thematique", "theme": theme.pk}
    response = client_for(editor_user).post(reverse("actors:network-create"), data)
    network = Network.objects.get()
    assert response["Location"] == network.get_absolute_url()
    assert (network.workspace, network.theme, network.scope) == (workspace, theme, "thematique")
    activity = Activity.objects.get()
    assert (activity.verb, activity.target) == ("a créé le réseau", "Réseau alimentation durable")


def test_a_network_name_is_unique_in_its_workspace(client_for, editor_user, workspace):
    NetworkFactory(workspace=workspace, name="Réseau ESS du Pays d'Ancenis")
    data = {"name": "réseau ESS du pays d'Ancenis", "scope": "territorial"}
    response = client_for(editor_user).post(reverse("actors:network-create"), data)
    assert "Un réseau porte déjà ce nom" in response.content.decode()
    assert Network.objects.count() == 1


def test_a_theme_of_another_workspace_is_refused(client_for, editor_user, other_workspace):
    foreign = ThemeFactory(workspace=other_workspace, name="Énergie")
    data = {"name": "Réseau énergie", "scope": "thematique", "theme": foreign.pk}
    response = client_for(editor_user).post(reverse("actors:network-create"), data)
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not Network.objects.exists()


def test_an_editor_renames_a_network(client_for, editor_user, workspace):
    network = NetworkFactory(workspace=workspace)
    url = reverse("actors:network-update", args=[network.pk])
    client_for(editor_user).post(url, {"name": "Réseau mobilité", "scope": "thematique"})
    network.refresh_from_db()
    assert network.name == "Réseau mobilité"


def test_members_are_added_and_removed(client_for, editor_user, workspace):
    network = NetworkFactory(workspace=workspace)
    actors = ActorFactory.create_batch(2, workspace=workspace)
    client = client_for(editor_user)
    add = reverse("actors:network-member-add", args=[network.pk])
    response = client.post(add, {"actors": [a.pk for a in actors]}, follow=True)
    assert "2 membres ajoutés au réseau." in response.content.decode()
    assert set(network.members.all()) == set(actors)
    remove = reverse("actors:network-member-remove", args=[network.pk, actors[0].pk])
    client.post(remove)
    assert list(network.members.all()) == [actors[1]]


def test_an_actor_of_another_workspace_is_never_added(
    client_for, editor_user, workspace, other_workspace
):
    network = NetworkFactory(workspace=workspace)
    mine, foreign = ActorFactory(workspace=workspace), ActorFactory(workspace=other_workspace)
    url = reverse("actors:network-member-add", args=[network.pk])
    response = client_for(editor_user).post(url, {"actors": [mine.pk, foreign.pk]}, follow=True)
    assert "Aucun membre ajouté" in response.content.decode()
    assert not network.members.exists()


def test_garbage_member_ids_give_a_message_not_an_error(client_for, editor_user, workspace):
    network = NetworkFactory(workspace=workspace)
    url = reverse("actors:network-member-add", args=[network.pk])
    response = client_for(editor_user).post(url, {"actors": ["abc", "-1"]}, follow=True)
    assert response.status_code == 200
    assert "Aucun membre ajouté" in response.content.decode()


def test_removing_an_actor_of_another_workspace_is_a_404(
    client_for, editor_user, workspace, other_workspace
):
    network = NetworkFactory(workspace=workspace)
    foreign = ActorFactory(workspace=other_workspace)
    url = reverse("actors:network-member-remove", args=[network.pk, foreign.pk])
    assert client_for(editor_user).post(url).status_code == 404


def test_detail_shows_members_and_meetings(client_for, reader_user, workspace):
    network = NetworkFactory(workspace=workspace)
    network.members.add(ActorFactory(workspace=workspace, name="Ressourcerie du Pays d'Ancenis"))
    MeetingFactory(workspace=workspace, network=network, title="Rencontre réemploi")
    html = client_for(reader_user).get(network.get_absolute_url()).content.decode()
    assert "Ressourcerie du Pays d&#x27;Ancenis" in html
    assert "Rencontre réemploi" in html
    assert "Ajouter des membres" not in html and "Retirer" not in html


def test_the_empty_list_explains_what_networks_are_for(client_for, editor_user):
    html = client_for(editor_user).get(reverse("actors:network-list")).content.decode()
    assert "Aucun réseau d'acteurs pour l'instant" in html
    assert "Créer le premier réseau" in html


def test_list_filters_by_scope_theme_and_search(client_for, reader_user, workspace):
    theme = ThemeFactory(workspace=workspace, name="Mobilité")
    NetworkFactory(workspace=workspace, name="Réseau ESS", scope=NetworkScope.TERRITORIAL)
    NetworkFactory(workspace=workspace, name="Réseau mobilité", theme=theme)
    client, url = client_for(reader_user), reverse("actors:network-list")

    def names(**params):
        return [n.name for n in client.get(url, params).context["page"].object_list]

    assert names(scope="territorial") == ["Réseau ESS"]
    assert names(theme=theme.pk) == ["Réseau mobilité"]
    assert names(q="mobil") == ["Réseau mobilité"]
    assert len(names(theme="pas-un-nombre", scope="inconnue")) == 2


def test_export_lists_members_and_neutralises_formulas(client_for, reader_user, workspace):
    network = NetworkFactory(workspace=workspace, name="=SOMME(A1:A9)")
    network.members.add(ActorFactory(workspace=workspace, name="@Coop"))
    client = client_for(reader_user)
    csv = client.get(reverse("actors:network-export")).content.decode("utf-8-sig")
    assert csv.splitlines()[1].startswith("'=SOMME(A1:A9);")
    assert ";1;'@Coop" in csv
    response = client.get(reverse("actors:network-export"), {"format": "xlsx"})
    row = [c.value for c in load_workbook(io.BytesIO(response.content)).active[2]]
    assert row[0].startswith("'=") and row[4] == 1


def test_an_unknown_export_format_is_explained(client_for, reader_user):
    response = client_for(reader_user).get(
        reverse("actors:network-export"), {"format": "pdf"}, follow=True
    )
    assert "Format d&#x27;export inconnu" in response.content.decode()


def test_list_query_count_does_not_grow_with_rows(client_for, reader_user, workspace):
    client, url = client_for(reader_user), reverse("actors:network-list")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def add_network():
        network = NetworkFactory(workspace=workspace, theme=ThemeFactory(workspace=workspace))
        network.members.add(*ActorFactory.create_batch(2, workspace=workspace))
        MeetingFactory(workspace=workspace, network=network)

    add_network()
    baseline = count()
    for _ in range(5):
        add_network()
    assert count() == baseline


def test_export_query_count_does_not_grow_with_rows(client_for, reader_user, workspace):
    client, url = client_for(reader_user), reverse("actors:network-export")

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    NetworkFactory(workspace=workspace).members.add(ActorFactory(workspace=workspace))
    baseline = count()
    for _ in range(4):
        NetworkFactory(workspace=workspace).members.add(ActorFactory(workspace=workspace))
    assert count() == baseline


def test_out_of_range_ids_are_refused_cleanly(client_for, editor_user, workspace):
    network = NetworkFactory(workspace=workspace)
    huge = "9" * 30
    client = client_for(editor_user)
    assert client.get(f"/acteurs/reseaux/{huge}/").status_code == 404
    url = reverse("actors:network-member-add", args=[network.pk])
    response = client.post(url, {"actors": [huge]}, follow=True)
    assert "Aucun membre ajouté" in response.content.decode()
    response = client.get(reverse("actors:network-list"), {"theme": huge, "page": huge})
    assert response.status_code == 200
    meeting = MeetingFactory(workspace=workspace)
    meeting.invited.add(ActorFactory(workspace=workspace))
    url = reverse("actors:meeting-attendance", args=[meeting.pk])
    assert "Sélectionnez un choix valide" in client.post(url, {"present": [huge]}).content.decode()
    data = {"title": "R", "date": "2026-12-03", "invited": [huge], "network": huge}
    response = client.post(reverse("actors:meeting-create"), data)
    assert response.status_code == 200
