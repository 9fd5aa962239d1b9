import pytest
from django.urls import reverse

from actors.models import Contact
from tests.actors.factories import ActorFactory, ContactFactory, EstablishmentFactory, ThemeFactory
from tests.actors.factories_animation import MeetingFactory, NetworkFactory

pytestmark = pytest.mark.django_db
READERS_NOTE = "Les coordonnées des contacts ne sont visibles que des éditeurs et administrateurs."


@pytest.fixture
def actor(workspace):
    actor = ActorFactory(workspace=workspace, name="Garage solidaire", siret="44306184100047")
    ContactFactory(
        actor=actor, name="Léa Martin", email="lea.martin@garage.fr", phone="06 12 34 56 78"
    )
    return actor


def test_readers_never_see_the_contacts_personal_data(client_for, reader_user, actor):
    html = client_for(reader_user).get(actor.get_absolute_url()).content.decode()
    assert READERS_NOTE in html
    assert "1 contact enregistré" in html
    for secret in ("Léa Martin", "lea.martin@garage.fr", "06 12 34 56 78"):
        assert secret not in html


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_editors_and_admins_see_the_contacts(client_for, role_users, actor, role):
    html = client_for(role_users[role]).get(actor.get_absolute_url()).content.decode()
    assert "lea.martin@garage.fr" in html and "06 12 34 56 78" in html
    assert READERS_NOTE not in html
    assert reverse("actors:contact-create", args=[actor.pk]) in html


def test_detail_shows_identity_sirene_link_themes_networks_and_meetings(
    client_for, editor_user, workspace, actor
):
    EstablishmentFactory(siren="443061841", siret=actor.siret, name="GARAGE SOLIDAIRE")
    actor.establishment_id = actor.siret
    actor.save()
    actor.themes.add(ThemeFactory(workspace=workspace, name="Mobilité"))
    NetworkFactory(workspace=workspace, name="Réseau mobilité").members.add(actor)
    MeetingFactory(workspace=workspace, title="Rencontre mobilité").invited.add(actor)
    html = client_for(editor_user).get(actor.get_absolute_url()).content.decode()
    assert "annuaire-entreprises.data.gouv.fr/etablissement/44306184100047" in html
    assert "Établissement GARAGE SOLIDAIRE" in html
    assert reverse("actors:establishment-detail", args=[actor.siret]) in html
    for text in ("Mobilité", "Réseau mobilité", "Rencontre mobilité"):
        assert text in html
    assert html.count("<h1") == 1


def test_readers_get_no_edit_buttons(client_for, reader_user, actor):
    html = client_for(reader_user).get(actor.get_absolute_url()).content.decode()
    assert reverse("actors:actor-edit", args=[actor.pk]) not in html
    assert reverse("actors:actor-delete", args=[actor.pk]) not in html


def test_an_editor_adds_edits_and_deletes_a_contact(client_for, editor_user, actor):
    client = client_for(editor_user)
    response = client.post(
        reverse("actors:contact-create", args=[actor.pk]),
        {"name": "Paul Durand", "role": "Trésorier", "email": "paul@garage.fr", "consent": "on"},
    )
    assert response.status_code == 302
    contact = Contact.objects.get(name="Paul Durand")
    assert contact.consent_date is not None
    client.post(
        reverse("actors:contact-edit", args=[contact.pk]),
        {"name": "Paul Durand", "role": "Président", "phone": "+33 6 00 00 00 00"},
    )
    contact.refresh_from_db()
    assert (contact.role, contact.consent, contact.consent_date) == ("Président", False, None)
    confirm = client.get(reverse("actors:contact-delete", args=[contact.pk]))
    assert "Supprimer le contact Paul Durand" in confirm.content.decode()
    client.post(reverse("actors:contact-delete", args=[contact.pk]))
    assert not Contact.objects.filter(pk=contact.pk).exists()


def test_a_contact_with_a_bad_email_or_phone_is_explained(client_for, editor_user, actor):
    response = client_for(editor_user).post(
        reverse("actors:contact-create", args=[actor.pk]),
        {"name": "X", "email": "pas-une-adresse", "phone": "appelez-moi"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Le contact n'a pas été enregistré" in html
    assert "Numéro de téléphone invalide" in html
