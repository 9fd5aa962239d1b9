import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from actors.enums import HolderStatus, OrientationOutcome
from actors.models import Orientation, ProjectHolder
from essterritoire.accounts.enums import Role
from essterritoire.accounts.middleware import SESSION_KEY
from essterritoire.accounts.models import Activity
from tests.actors.factories import ActorFactory
from tests.actors.factories_animation import OrientationFactory, ProjectHolderFactory
from tests.factories import MembershipFactory, member

pytestmark = pytest.mark.django_db

PERSONAL = {
    "person_name": "Dominique Imaginaire",
    "email": "dominique.imaginaire@example.org",
    "phone": "02 61 91 00 42",
    "notes": "Situation familiale compliquée",
}


@pytest.fixture
def holder(workspace):
    holder = ProjectHolderFactory(
        workspace=workspace, project_name="Garage solidaire", consent=True, **PERSONAL
    )
    OrientationFactory(holder=holder, outcome="Rappelée le 2 octobre, très motivée")
    return holder


def assert_no_personal_data(text):
    for value in [*PERSONAL.values(), "Rappelée le 2 octobre"]:
        assert value not in text, value


def test_readers_never_see_personal_data_on_pages(client_for, reader_user, holder):
    client = client_for(reader_user)
    detail = client.get(holder.get_absolute_url()).content.decode()
    assert "Garage solidaire" in detail and "Recherche d&#x27;un local" in detail
    assert "réservées aux éditeurs et administrateurs" in detail
    assert_no_personal_data(detail)
    listing = client.get(reverse("actors:holder-list")).content.decode()
    assert "Garage solidaire" in listing
    assert_no_personal_data(listing)


def test_readers_cannot_find_a_holder_by_the_persons_name(client_for, reader_user, holder):
    response = client_for(reader_user).get(reverse("actors:holder-list"), {"q": "Imaginaire"})
    assert not response.context["page"].object_list


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_readers_export_no_personal_data(client_for, reader_user, holder, fmt):
    response = client_for(reader_user).get(reverse("actors:holder-export"), {"format": fmt})
    if fmt == "csv":
        text = response.content.decode("utf-8-sig")
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row)
    assert "Garage solidaire" in text
    assert "Personne" not in text and "E-mail" not in text
    assert_no_personal_data(text)


def test_editors_see_and_export_personal_data(client_for, editor_user, holder):
    client = client_for(editor_user)
    detail = client.get(holder.get_absolute_url()).content.decode()
    for value in [*PERSONAL.values(), "Rappelée le 2 octobre"]:
        assert value in detail
    assert client.get(reverse("actors:holder-list"), {"q": "imaginaire"}).context["page"]
    csv = client.get(reverse("actors:holder-export")).content.decode("utf-8-sig")
    assert "Dominique Imaginaire;dominique.imaginaire@example.org;02 61 91 00 42;oui;" in csv


def test_an_editor_receives_a_holder(client_for, editor_user, workspace):
    data = {
        "person_name": "Alex Fictif",
        "email": "alex.fictif@example.org",
        "project_name": "Recyclerie de matériaux du bâtiment",
        "need": "local",
        "stage": "idee",
        "status": "recu",
        "received_on": "2026-11-02",
        "consent": "on",
    }
    client_for(editor_user).post(reverse("actors:holder-create"), data)
    holder = ProjectHolder.objects.get()
    assert holder.consent_date == timezone.localdate()
    assert holder.received_on == datetime.date(2026, 11, 2)
    # The recent changes, shown to readers too, name the project, never the person.
    assert Activity.objects.get().target == "Recyclerie de matériaux du bâtiment"


def test_bad_holder_input_is_explained(client_for, editor_user):
    data = {"person_name": "", "email": "pas-un-mail", "phone": "=1+1", "need": "rien"}
    html = client_for(editor_user).post(reverse("actors:holder-create"), data).content.decode()
    assert "Saisissez une adresse de courriel valide." in html
    assert "Numéro de téléphone invalide" in html
    assert not ProjectHolder.objects.exists()


def test_a_consent_date_without_consent_is_dropped(client_for, editor_user, holder):
    url = reverse("actors:holder-update", args=[holder.pk])
    data = {
        "person_name": "X",
        "project_name": "P",
        "need": "local",
        "stage": "idee",
        "status": "recu",
        "consent_date": "2026-01-01",
    }
    client_for(editor_user).post(url, data)
    holder.refresh_from_db()
    assert (holder.consent, holder.consent_date) == (False, None)


def test_an_orientation_moves_a_received_holder_to_oriented(client_for, editor_user, workspace):
    holder = ProjectHolderFactory(workspace=workspace, status=HolderStatus.RECEIVED)
    actor = ActorFactory(workspace=workspace, name="Coopérative d'activités et d'emploi")
    data = {
        "actor": actor.pk,
        "date": "2026-11-20",
        "purpose": "Test de l'activité en couveuse",
        "outcome_status": "en_attente",
    }
    url = reverse("actors:orientation-create", args=[holder.pk])
    response = client_for(editor_user).post(url, data, follow=True)
    assert "Orientation vers «\u00a0Coopérative d&#x27;activités" in response.content.decode()
    holder.refresh_from_db()
    assert holder.status == HolderStatus.ORIENTED
    assert holder.orientations.get().actor == actor


def test_an_orientation_to_another_workspace_actor_is_refused(
    client_for, editor_user, workspace, other_workspace
):
    holder = ProjectHolderFactory(workspace=workspace)
    foreign = ActorFactory(workspace=other_workspace)
    data = {"actor": foreign.pk, "date": "2026-11-20", "purpose": "x"}
    data["outcome_status"] = "en_attente"
    url = reverse("actors:orientation-create", args=[holder.pk])
    response = client_for(editor_user).post(url, data)
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not Orientation.objects.exists()


def test_an_orientation_outcome_is_updated(client_for, editor_user, holder):
    orientation = holder.orientations.get()
    url = reverse("actors:orientation-update", args=[orientation.pk])
    data = {
        "actor": orientation.actor.pk,
        "date": "2026-09-20",
        "purpose": orientation.purpose,
        "outcome_status": "accompagnement",
        "outcome": "Entrée en couveuse",
    }
    client_for(editor_user).post(url, data)
    orientation.refresh_from_db()
    assert orientation.outcome_status == OrientationOutcome.SUPPORT


def test_follow_up_status_is_updated_and_bad_values_refused(client_for, editor_user, holder):
    url = reverse("actors:holder-status", args=[holder.pk])
    client = client_for(editor_user)
    response = client.post(url, {"status": "abouti"}, follow=True)
    assert "Suivi mis à jour\u00a0: «\u00a0Abouti\u00a0»." in response.content.decode()
    response = client.post(url, {"status": "perdu"}, follow=True)
    assert "Suivi inchangé" in response.content.decode()
    holder.refresh_from_db()
    assert holder.status == HolderStatus.COMPLETED


def test_list_filters_by_stage_status_and_need(client_for, reader_user, workspace):
    ProjectHolderFactory(workspace=workspace, project_name="A", stage="idee", need="financement")
    ProjectHolderFactory(workspace=workspace, project_name="B", status="abouti")
    client, url = client_for(reader_user), reverse("actors:holder-list")

    def projects(**params):
        return [h.project_name for h in client.get(url, params).context["page"].object_list]

    assert projects(stage="idee") == ["A"]
    assert projects(status="abouti") == ["B"]
    assert projects(need="financement") == ["A"]
    assert sorted(projects(need="n'importe quoi")) == ["A", "B"]


def test_export_neutralises_formulas(client_for, editor_user, workspace):
    ProjectHolderFactory(workspace=workspace, project_name="=cmd|'/c calc'!A1", person_name="@x")
    csv = client_for(editor_user).get(reverse("actors:holder-export")).content.decode("utf-8-sig")
    assert csv.splitlines()[1].startswith("'=cmd")
    assert ";'@x;" in csv


@pytest.mark.parametrize("role", ["reader", "editor"])
def test_list_query_count_does_not_grow_with_rows(client_for, role_users, workspace, role):
    client, url = client_for(role_users[role]), reverse("actors:holder-list")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def add_holder():
        holder = ProjectHolderFactory(workspace=workspace)
        OrientationFactory.create_batch(2, holder=holder)

    add_holder()
    baseline = count()
    for _ in range(5):
        add_holder()
    assert count() == baseline


def test_export_query_count_does_not_grow_with_rows(client_for, editor_user, workspace):
    client, url = client_for(editor_user), reverse("actors:holder-export")

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    OrientationFactory(holder=ProjectHolderFactory(workspace=workspace))
    baseline = count()
    for _ in range(4):
        OrientationFactory(holder=ProjectHolderFactory(workspace=workspace))
    assert count() == baseline


def test_the_empty_list_explains_what_holders_are_for(client_for, editor_user):
    html = client_for(editor_user).get(reverse("actors:holder-list")).content.decode()
    assert "Aucun porteur de projet enregistré." in html
    assert "Enregistrer un premier porteur de projet" in html


def test_rights_follow_the_holders_workspace_not_the_active_one(
    client_for, workspace, other_workspace, holder
):
    # A partner who reads here and administers elsewhere, working in the other workspace.
    user = member(workspace, Role.READER)
    MembershipFactory(user=user, workspace=other_workspace, role=Role.ADMIN)
    client = client_for(user)
    session = client.session
    session[SESSION_KEY] = other_workspace.pk
    session.save()
    detail = client.get(holder.get_absolute_url()).content.decode()
    assert "Garage solidaire" in detail
    assert_no_personal_data(detail)
    assert "Orienter vers un acteur" not in detail
    url = reverse("actors:holder-status", args=[holder.pk])
    assert client.post(url, {"status": "abouti"}).status_code == 403
