import pytest
from django.core.exceptions import ValidationError

from actors import services
from actors.enums import ActorKind, Family
from actors.models import Actor, Theme
from essterritoire.accounts.models import Activity
from tests.actors.factories import (
    ActorFactory,
    EstablishmentFactory,
    LegalCategoryFactory,
    ThemeFactory,
    pays_d_ancenis,
)

pytestmark = pytest.mark.django_db


def test_actor_create_links_the_establishment_of_its_siret_and_records_activity(
    workspace, editor_user
):
    establishment = EstablishmentFactory()
    theme = ThemeFactory(workspace=workspace)
    actor = services.actor_create(
        workspace=workspace,
        by=editor_user,
        name="L'École des Possibles",
        kind=ActorKind.ASSOCIATION,
        siret=" ".join([establishment.siret[:9], establishment.siret[9:]]),
        themes=[theme],
    )
    assert actor.siret == establishment.siret
    assert actor.establishment == establishment
    assert actor.normalized_name == "l ecole des possibles"
    assert list(actor.themes.all()) == [theme]
    assert actor.created_by == editor_user
    assert Activity.objects.filter(workspace=workspace, verb="a ajouté l'acteur").exists()


def test_actor_create_refuses_a_bad_siret_and_a_theme_of_another_workspace(
    workspace, other_workspace
):
    with pytest.raises(ValidationError, match="clé de contrôle"):
        services.actor_create(
            workspace=workspace, by=None, name="X", kind="autre", siret="12345678901234"
        )
    foreign = ThemeFactory(workspace=other_workspace)
    with pytest.raises(ValidationError, match="n'appartient pas"):
        services.actor_create(
            workspace=workspace, by=None, name="X", kind="autre", themes=[foreign]
        )
    assert not Actor.objects.exists()


def test_actor_update_changes_fields_and_drops_the_establishment_with_the_siret(workspace):
    establishment = EstablishmentFactory()
    actor = services.actor_create(
        workspace=workspace, by=None, name="A", kind="association", siret=establishment.siret
    )
    services.actor_update(actor=actor, by=None, name="Atelier vélo", siret="")
    actor.refresh_from_db()
    assert (actor.name, actor.siret, actor.establishment) == ("Atelier vélo", "", None)


def test_create_from_establishment_prefills_every_field(workspace, editor_user):
    communes = pays_d_ancenis()
    LegalCategoryFactory(code="5458", label="SCOP à forme anonyme")
    establishment = EstablishmentFactory(
        name="SCOP BATI LOIRE",
        legal_category="5458",
        family=Family.COOPERATIVE,
        naf_code="43.21A",
        size_band="12",
        commune_code="44082",
        address="3 rue des Artisans",
    )
    actor = services.actor_create_from_establishment(
        workspace=workspace, establishment=establishment, by=editor_user
    )
    assert actor.name == "SCOP BATI LOIRE"
    assert actor.kind == ActorKind.COOPERATIVE
    assert actor.siret == establishment.siret
    assert actor.establishment == establishment
    assert actor.legal_form == "SCOP à forme anonyme"
    assert (actor.naf_code, actor.size_band) == ("43.21A", "12")
    assert actor.commune == communes["ligne"]
    assert actor.address == "3 rue des Artisans"


def test_a_non_ess_establishment_becomes_an_entreprise_and_overrides_win(workspace):
    establishment = EstablishmentFactory(family=Family.NON_ESS, legal_category="5710")
    actor = services.actor_create_from_establishment(
        workspace=workspace, establishment=establishment, by=None, name="Nom d'usage"
    )
    assert actor.kind == ActorKind.ENTREPRISE
    assert actor.name == "Nom d'usage"
    assert actor.legal_form == ""  # the category is not in the table: no label, no error


def test_bulk_add_takes_active_ess_employers_of_the_territory_and_is_idempotent(
    workspace, editor_user
):
    communes = pays_d_ancenis()
    wanted = [
        EstablishmentFactory(family=Family.ASSOCIATION, name="Asso Ancenis"),
        EstablishmentFactory(family=Family.MUTUELLE, commune_code="44082"),
    ]
    EstablishmentFactory(family=Family.NON_ESS)  # not ESS
    EstablishmentFactory(employer=False)  # not an employer
    EstablishmentFactory(active=False)  # closed
    EstablishmentFactory(epci_code="200000000", commune_code="49001")  # elsewhere
    already = EstablishmentFactory(family=Family.FONDATION)
    ActorFactory(workspace=workspace, siret=already.siret)

    result = services.actors_add_ess_employers(
        workspace=workspace, territory=communes["epci"], by=editor_user
    )
    assert result == {"created": 2, "skipped": 1}
    added = Actor.objects.filter(workspace=workspace, siret__in=[e.siret for e in wanted])
    assert sorted(a.kind for a in added) == ["association", "mutuelle"]
    asso = added.get(name="Asso Ancenis")
    assert asso.normalized_name == "asso ancenis"
    assert asso.commune == communes["ancenis"]
    assert asso.establishment_id == wanted[0].siret

    again = services.actors_add_ess_employers(
        workspace=workspace, territory=communes["epci"], by=editor_user
    )
    assert again == {"created": 0, "skipped": 3}
    assert Actor.objects.filter(workspace=workspace).count() == 3


def test_bulk_add_in_one_workspace_leaves_the_others_alone(workspace, other_workspace):
    communes = pays_d_ancenis()
    establishment = EstablishmentFactory()
    ActorFactory(workspace=other_workspace, siret=establishment.siret)
    result = services.actors_add_ess_employers(
        workspace=workspace, territory=communes["epci"], by=None
    )
    assert result["created"] == 1


def test_contact_consent_is_dated_and_forgotten_with_the_consent(workspace):
    actor = ActorFactory(workspace=workspace)
    contact = services.contact_create(actor=actor, by=None, name="Léa Martin", consent=True)
    assert contact.consent_date is not None
    services.contact_update(contact=contact, by=None, consent=False)
    assert contact.consent_date is None


def test_contact_with_a_bad_email_is_refused(workspace):
    actor = ActorFactory(workspace=workspace)
    with pytest.raises(ValidationError):
        services.contact_create(actor=actor, by=None, name="X", email="pas-une-adresse")


def test_themes_for_seeds_the_defaults_once_sorted_without_accents(workspace):
    names = [theme.name for theme in services.themes_for(workspace)]
    assert names == [
        "Alimentation",
        "Culture",
        "Déchets",
        "Énergie",
        "Habitat",
        "IAE",
        "Mobilité",
        "Services aux personnes",
    ]
    services.theme_delete(theme=Theme.objects.get(workspace=workspace, name="IAE"), by=None)
    assert len(services.themes_for(workspace)) == 7


def test_themes_are_renamed_and_refuse_duplicates(workspace, other_workspace):
    theme = services.theme_create(workspace=workspace, name="  Économie   circulaire ", by=None)
    assert theme.name == "Économie circulaire"
    with pytest.raises(ValidationError, match="existe déjà"):
        services.theme_create(workspace=workspace, name="économie circulaire", by=None)
    services.theme_create(workspace=other_workspace, name="Économie circulaire", by=None)
    services.theme_rename(theme=theme, name="Réemploi", by=None)
    assert Theme.objects.get(pk=theme.pk).name == "Réemploi"
    with pytest.raises(ValidationError, match="Donnez un nom"):
        services.theme_rename(theme=theme, name="   ", by=None)
