import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors.models import Meeting
from tests.actors.factories import ActorFactory, ThemeFactory
from tests.actors.factories_animation import MeetingFactory, NetworkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def actors(workspace):
    return ActorFactory.create_batch(3, workspace=workspace)


def post_meeting(client, **extra):
    data = {"title": "Rencontre alimentation durable", "date": "2026-12-03", **extra}
    return client.post(reverse("actors:meeting-create"), data)


def test_an_editor_records_a_meeting_with_invited_and_present(client_for, editor_user, actors):
    response = post_meeting(
        client_for(editor_user),
        start_time="14:30",
        invited=[a.pk for a in actors],
        present=[actors[0].pk],
        minutes="Projet de légumerie partagée.",
    )
    meeting = Meeting.objects.get()
    assert response["Location"] == meeting.get_absolute_url()
    assert meeting.start_time == datetime.time(14, 30)
    assert set(meeting.invited.all()) == set(actors)
    assert list(meeting.present.all()) == [actors[0]]


def test_present_actors_must_be_invited(client_for, editor_user, actors):
    response = post_meeting(client_for(editor_user), invited=[actors[0].pk], present=[actors[1].pk])
    assert "Seuls des acteurs invités peuvent être notés présents" in response.content.decode()
    assert not Meeting.objects.exists()


def test_network_members_can_be_invited_in_one_go(client_for, editor_user, workspace, actors):
    network = NetworkFactory(workspace=workspace)
    network.members.add(*actors[:2])
    post_meeting(
        client_for(editor_user),
        network=network.pk,
        invite_network_members="on",
        present=[actors[1].pk],
    )
    meeting = Meeting.objects.get()
    assert set(meeting.invited.all()) == set(actors[:2])
    assert meeting.network == network


def test_the_create_page_from_a_network_preselects_it(client_for, editor_user, workspace):
    network = NetworkFactory(workspace=workspace)
    client = client_for(editor_user)
    url = reverse("actors:meeting-create")
    form = client.get(url, {"reseau": network.pk}).context["form"]
    assert form.initial == {"network": network, "invite_network_members": True}
    assert client.get(url, {"reseau": "x' OR 1=1"}).context["form"].initial == {}


def test_an_actor_of_another_workspace_is_never_invited(
    client_for, editor_user, other_workspace, actors
):
    foreign = ActorFactory(workspace=other_workspace)
    response = post_meeting(client_for(editor_user), invited=[actors[0].pk, foreign.pk])
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not Meeting.objects.exists()


def test_attendance_checks_invited_actors(client_for, editor_user, workspace, actors):
    meeting = MeetingFactory(workspace=workspace)
    meeting.invited.add(*actors[:2])
    client = client_for(editor_user)
    url = reverse("actors:meeting-attendance", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert page.count('type="checkbox"') == 2
    response = client.post(url, {"present": [actors[0].pk, actors[1].pk]}, follow=True)
    assert "Présences enregistrées\u00a0: 2 acteurs présents." in response.content.decode()
    assert set(meeting.present.all()) == set(actors[:2])
    client.post(url, {})
    assert not meeting.present.exists()


def test_attendance_refuses_uninvited_and_foreign_actors(
    client_for, editor_user, workspace, other_workspace, actors
):
    meeting = MeetingFactory(workspace=workspace)
    meeting.invited.add(actors[0])
    meeting.present.add(actors[0])
    foreign = ActorFactory(workspace=other_workspace)
    url = reverse("actors:meeting-attendance", args=[meeting.pk])
    for intruder in (actors[2], foreign):
        response = client_for(editor_user).post(url, {"present": [intruder.pk]})
        assert response.status_code == 200
        assert "Sélectionnez un choix valide" in response.content.decode()
    assert list(meeting.present.all()) == [actors[0]]


def test_uninviting_a_present_actor_is_refused(client_for, editor_user, workspace, actors):
    meeting = MeetingFactory(workspace=workspace)
    meeting.invited.add(*actors[:2])
    meeting.present.add(actors[1])
    url = reverse("actors:meeting-update", args=[meeting.pk])
    data = {"title": meeting.title, "date": "2026-10-08", "invited": [actors[0].pk]}
    data["present"] = [actors[1].pk]
    response = client_for(editor_user).post(url, data)
    assert "Seuls des acteurs invités" in response.content.decode()
    assert set(meeting.invited.all()) == set(actors[:2])


def test_detail_shows_attendance_and_minutes(client_for, reader_user, workspace, actors):
    meeting = MeetingFactory(workspace=workspace, minutes="Créer une plateforme de covoiturage.")
    meeting.invited.add(*actors)
    meeting.present.add(actors[0])
    html = client_for(reader_user).get(meeting.get_absolute_url()).content.decode()
    assert "1 présent sur 3 invités." in html
    assert "Créer une plateforme de covoiturage." in html
    assert "jeudi 8 octobre 2026 à 14\u00a0h\u00a000" in html
    assert "Noter les présences" not in html


def test_list_filters_by_network_theme_and_period(client_for, reader_user, workspace):
    network = NetworkFactory(workspace=workspace)
    theme = ThemeFactory(workspace=workspace, name="Mobilité")
    MeetingFactory(workspace=workspace, title="A", date=datetime.date(2020, 1, 1), theme=theme)
    MeetingFactory(workspace=workspace, title="B", date=datetime.date(2099, 1, 1), network=network)
    client, url = client_for(reader_user), reverse("actors:meeting-list")

    def titles(**params):
        return [m.title for m in client.get(url, params).context["page"].object_list]

    assert titles(network=network.pk) == ["B"]
    assert titles(theme=theme.pk) == ["A"]
    assert titles(period="a_venir") == ["B"]
    assert titles(period="passees") == ["A"]
    assert titles(start="2021-01-01") == ["B"]
    assert titles(end="01/01/2021") == ["A"]
    assert titles(start="pas une date", network="999999") == ["B", "A"]


def test_export_counts_and_neutralises(client_for, reader_user, workspace, actors):
    meeting = MeetingFactory(workspace=workspace, title="+33 rencontre", minutes="-coupé")
    meeting.invited.add(*actors)
    meeting.present.add(actors[0])
    csv = client_for(reader_user).get(reverse("actors:meeting-export")).content.decode("utf-8-sig")
    line = csv.splitlines()[1]
    assert line.startswith("08/10/2026;14:00;'+33 rencontre;")
    assert ";3;1;" in line and line.endswith(";'-coupé")


def test_list_query_count_does_not_grow_with_rows(client_for, reader_user, workspace, actors):
    client, url = client_for(reader_user), reverse("actors:meeting-list")
    theme, network = ThemeFactory(workspace=workspace), NetworkFactory(workspace=workspace)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def add_meeting():
        meeting = MeetingFactory(workspace=workspace, theme=theme, network=network)
        meeting.invited.add(*actors)
        meeting.present.add(actors[0])

    add_meeting()
    baseline = count()
    for _ in range(5):
        add_meeting()
    assert count() == baseline


def test_export_query_count_does_not_grow_with_rows(client_for, reader_user, workspace, actors):
    client, url = client_for(reader_user), reverse("actors:meeting-export")

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    MeetingFactory(workspace=workspace).invited.add(*actors)
    baseline = count()
    for _ in range(4):
        MeetingFactory(workspace=workspace).invited.add(*actors)
    assert count() == baseline


def test_the_empty_list_explains_what_meetings_are_for(client_for, reader_user):
    html = client_for(reader_user).get(reverse("actors:meeting-list")).content.decode()
    assert "Aucune rencontre thématique pour l'instant" in html
    assert "Enregistrer une rencontre" not in html
