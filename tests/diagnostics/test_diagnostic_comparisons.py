"""Comparison territories: suggestions with their reasons, add and remove (services and pages)."""

from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from diagnostics import services
from diagnostics.enums import HistoryAction
from diagnostics.models import ComparisonTerritory, Diagnostic
from essterritoire.territories.enums import Kind
from tests.diagnostics.factories import (
    DiagnosticFactory,
    TerritoryFactory,
    commune,
    departement,
    region,
)
from tests.roles import check_role_matrix

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(db):
    """Two régions, four départements; EPCI each holding one commune (Ancenis spans 44/49)."""
    pdl, bretagne = region("52", "Pays de la Loire"), region("53", "Bretagne", 3_400_000)
    deps = {
        "44": departement("44", "Loire-Atlantique", pdl, 1_450_000),
        "49": departement("49", "Maine-et-Loire", pdl, 830_000),
        "85": departement("85", "Vendée", pdl, 700_000),
        "35": departement("35", "Ille-et-Vilaine", bretagne, 1_100_000),
    }
    epcis = {}
    for key, code, name, population, dep_codes in [
        ("ancenis", "244400552", "CC du Pays d'Ancenis", 70_000, ("44", "49")),
        ("erdre", "244400610", "CC d'Erdre et Gesvres", 60_000, ("44",)),
        ("nantes", "244400404", "Nantes Métropole", 500_000, ("44",)),
        ("loire-layon", "200071876", "CC Loire Layon Aubance", 90_000, ("49",)),
        ("vendee", "248500589", "CC Vie et Boulogne", 82_000, ("85",)),
        ("roche", "248500464", "La Roche-sur-Yon Agglomération", 200_000, ("85",)),
        ("vitre", "243500741", "Vitré Communauté", 70_000, ("35",)),
    ]:
        epci = TerritoryFactory(kind=Kind.EPCI, code=code, name=name, population=population)
        for n, dep_code in enumerate(dep_codes):
            code = f"{dep_code}{len(epcis):02d}{n}"
            commune(code, f"Commune {key} {n}", deps[dep_code], epci)
        epcis[key] = epci
    return {"deps": deps, "epcis": epcis, "regions": {"52": pdl, "53": bretagne}}


def suggestions_for(territory, workspace):
    diagnostic = DiagnosticFactory(workspace=workspace, territory=territory)
    diagnostic = Diagnostic.objects.select_related("territory").get(pk=diagnostic.pk)
    return diagnostic, services.suggest_comparisons(diagnostic)


def test_epci_suggestions_with_their_reasons(places, workspace):
    _, suggestions = suggestions_for(places["epcis"]["ancenis"], workspace)
    assert [(s.territory.name, s.reason) for s in suggestions] == [
        (
            "CC d'Erdre et Gesvres",
            "EPCI voisin du même département\u00a0; même région, population comparable "
            "(\u221214\u00a0%)",
        ),
        ("CC Vie et Boulogne", "Même région, population comparable (+17\u00a0%)"),
        (
            "CC Loire Layon Aubance",
            "EPCI voisin du même département\u00a0; même région, population comparable "
            "(+29\u00a0%)",
        ),
        ("Nantes Métropole", "EPCI voisin du même département"),
    ]


def test_suggestions_take_one_query(places, workspace, django_assert_num_queries):
    diagnostic, _ = suggestions_for(places["epcis"]["ancenis"], workspace)
    with django_assert_num_queries(1):
        services.suggest_comparisons(diagnostic)


def test_territories_already_chosen_are_not_suggested(places, workspace):
    diagnostic, _ = suggestions_for(places["epcis"]["ancenis"], workspace)
    services.comparison_add(diagnostic=diagnostic, territory=places["epcis"]["erdre"], by=None)
    names = [s.territory.name for s in services.suggest_comparisons(diagnostic)]
    assert "CC d'Erdre et Gesvres" not in names
    assert len(names) == 3


def test_commune_suggestions(places, workspace):
    dep44, dep49 = places["deps"]["44"], places["deps"]["49"]
    ancenis = commune("44003", "Ancenis-Saint-Géréon", dep44, population=11_000)
    commune("44190", "Saint-Mars-la-Jaille", dep44, population=12_000)
    commune("44123", "Petit-Mars", dep44, population=2_000)
    commune("49160", "Montrevault", dep49, population=10_000)
    commune("35288", "Vitré", places["deps"]["35"], population=11_000)
    _, suggestions = suggestions_for(ancenis, workspace)
    reasons = {s.territory.name: s.reason for s in suggestions}
    assert reasons["Saint-Mars-la-Jaille"].startswith("Commune voisine du même département\u00a0;")
    assert reasons["Montrevault"] == "Même région, population comparable (\u22129\u00a0%)"
    assert reasons["Petit-Mars"] == "Commune voisine du même département"
    assert "Vitré" not in reasons


def test_a_grouping_is_compared_with_the_epci_of_its_departement(places, workspace):
    grouping = TerritoryFactory(
        kind=Kind.GROUPING, code="pays-ancenis", name="Pays", workspace=workspace, population=None
    )
    grouping.members.set(places["epcis"]["erdre"].communes())
    _, suggestions = suggestions_for(grouping, workspace)
    assert {s.territory.name for s in suggestions} == {
        "CC d'Erdre et Gesvres",
        "CC du Pays d'Ancenis",
        "Nantes Métropole",
    }
    assert {s.reason for s in suggestions} == {"EPCI du même département"}


def test_departements_are_compared_within_their_region(places, workspace):
    _, suggestions = suggestions_for(places["deps"]["44"], workspace)
    assert [(s.territory.name, s.reason) for s in suggestions] == [
        ("Maine-et-Loire", "Même région, population comparable (\u221243\u00a0%)"),
    ]


def test_regions_are_compared_by_population(places, workspace):
    _, suggestions = suggestions_for(places["regions"]["52"], workspace)
    assert [(s.territory.name, s.reason) for s in suggestions] == [
        ("Bretagne", "Population comparable (\u221213\u00a0%)")
    ]


def test_suggestions_stop_at_twenty_closest_first(places, workspace):
    dep44 = places["deps"]["44"]
    target = commune("44003", "Ancenis", dep44, population=10_000)
    for n in range(25):
        commune(f"441{n:02d}", f"Voisine {n:02d}", dep44, population=10_000 + n * 100)
    _, suggestions = suggestions_for(target, workspace)
    assert len(suggestions) == 20
    assert suggestions[0].territory.name == "Voisine 00"
    assert suggestions[-1].territory.name == "Voisine 19"


def test_comparison_add_refuses_duplicates_and_the_territory_itself(places, workspace):
    diagnostic, _ = suggestions_for(places["epcis"]["ancenis"], workspace)
    services.comparison_add(diagnostic=diagnostic, territory=places["epcis"]["erdre"], by=None)
    with pytest.raises(ValidationError, match="déjà un territoire de comparaison"):
        services.comparison_add(diagnostic=diagnostic, territory=places["epcis"]["erdre"], by=None)
    with pytest.raises(ValidationError, match="lui-même"):
        services.comparison_add(diagnostic=diagnostic, territory=diagnostic.territory, by=None)
    assert diagnostic.comparisons.count() == 1


def test_comparison_add_and_remove_are_recorded(places, workspace, editor_user):
    diagnostic, _ = suggestions_for(places["epcis"]["ancenis"], workspace)
    comparison = services.comparison_add(
        diagnostic=diagnostic, territory=places["epcis"]["erdre"], by=editor_user, reason=" x "
    )
    assert comparison.reason == "x"
    services.comparison_remove(comparison=comparison, by=editor_user)
    actions = list(
        diagnostic.history.filter(object_type="comparison_territory").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == sorted([HistoryAction.CREATED, HistoryAction.DELETED])


# Pages


def test_detail_shows_suggestions_with_add_buttons_to_editors(
    places, workspace, client_for, editor_user
):
    diagnostic, _ = suggestions_for(places["epcis"]["ancenis"], workspace)
    html = client_for(editor_user).get(diagnostic.get_absolute_url()).content.decode()
    assert "CC Vie et Boulogne" in html
    assert 'value="epci:248500589"' in html
    assert reverse("diagnostics:comparison-add", args=[diagnostic.pk]) in html


def test_readers_see_comparisons_but_no_suggestions(places, workspace, client_for, reader_user):
    diagnostic, _ = suggestions_for(places["epcis"]["ancenis"], workspace)
    services.comparison_add(diagnostic=diagnostic, territory=places["epcis"]["erdre"], by=None)
    html = unescape(client_for(reader_user).get(diagnostic.get_absolute_url()).content.decode())
    assert "CC d'Erdre et Gesvres" in html
    assert "CC Vie et Boulogne" not in html
    assert "comparison-add" not in html and "/comparaisons/" not in html


def test_add_comparison_role_matrix(places, workspace, client_for, role_users):
    diagnostic, _ = suggestions_for(places["epcis"]["ancenis"], workspace)
    url = reverse("diagnostics:comparison-add", args=[diagnostic.pk])
    check_role_matrix(
        client_for,
        role_users,
        url,
        {"anonymous": 302, "other": 404, "reader": 403, "editor": 302, "admin": 302},
        method="post",
        data={"territory": "epci:244400610", "reason": "Voisin"},
    )
    assert diagnostic.comparisons.get().reason == "Voisin"


def test_add_comparison_by_reference(places, workspace, client_for, editor_user):
    diagnostic, _ = suggestions_for(places["epcis"]["ancenis"], workspace)
    url = reverse("diagnostics:comparison-add", args=[diagnostic.pk])
    response = client_for(editor_user).post(url, {"territory": " EPCI:243500741 "}, follow=True)
    assert "Vitré Communauté ajouté aux comparaisons." in response.content.decode()
    assert diagnostic.comparisons.get().territory.code == "243500741"


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("epci:12", "Code EPCI invalide"),
        ("xyz:12", "Type de territoire inconnu\u00a0:"),
        ("epci:999999999", "Territoire inconnu\u00a0: epci:999999999"),
        ("", "Indiquez le territoire."),
        ("Nulle part du tout", "Aucun territoire ne correspond à «\u00a0Nulle part du tout\u00a0»"),
    ],
)
def test_bad_references_give_a_french_message(
    places, workspace, client_for, editor_user, ref, message
):
    diagnostic, _ = suggestions_for(places["epcis"]["ancenis"], workspace)
    url = reverse("diagnostics:comparison-add", args=[diagnostic.pk])
    response = client_for(editor_user).post(url, {"territory": ref}, follow=True)
    assert response.status_code == 200
    assert message in unescape(response.content.decode())
    assert not diagnostic.comparisons.exists()


def test_remove_comparison_role_matrix(places, workspace, client_for, role_users):
    diagnostic, _ = suggestions_for(places["epcis"]["ancenis"], workspace)
    expected = {"anonymous": 302, "other": 404, "reader": 403, "editor": 302, "admin": 302}
    for role, status in expected.items():
        comparison = ComparisonTerritory.objects.create(
            diagnostic=diagnostic, territory=places["epcis"]["erdre"]
        )
        url = reverse("diagnostics:comparison-remove", args=[comparison.pk])
        response = client_for(role_users[role]).post(url)
        assert response.status_code == status, role
        removed = not ComparisonTerritory.objects.filter(pk=comparison.pk).exists()
        assert removed == (role in ("editor", "admin")), role
        ComparisonTerritory.objects.filter(pk=comparison.pk).delete()
