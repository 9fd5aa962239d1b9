"""AFOM suggestions from the figures: the rules, accepting and rejecting, the JSON section."""

import json
from decimal import Decimal
from html import unescape

import pytest
from django.core.cache import cache
from django.urls import reverse

from diagnostics.enums import EvidenceKind, Quadrant
from diagnostics.exchange.documents import export_diagnostic, import_diagnostic
from diagnostics.indicators.comparisons import compare
from diagnostics.indicators.suggestions import suggest
from diagnostics.models import AfomItem, IndicatorValue, SuggestionDecision
from tests.diagnostics import indicator_support as support
from tests.factories import WorkspaceFactory
from tests.roles import check_role_matrix

pytestmark = pytest.mark.django_db
SHARE = "ess_share_of_employment:atout"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture
def scenario(workspace):
    return support.scenario(workspace)


def keys(diagnostic):
    return {suggestion.key for suggestion in suggest(compare(diagnostic))}


def accept_url(diagnostic):
    return reverse("diagnostics:indicator-suggestion-accept", args=[diagnostic.pk])


def test_clear_gaps_and_the_regional_trend_are_suggested(scenario):
    diagnostic, places = scenario
    assert keys(diagnostic) == {
        "ess_share_of_employment:atout",
        "ess_share_of_employers:atout",
        "employees_per_1000:atout",
        "ess_per_10000:atout",
        f"trend:effectifs_salaries.ess:{places['reg'].code}:opportunite",
    }


def test_a_suggestion_reads_its_figures_in_french(scenario):
    found = {s.key: s for s in suggest(compare(scenario[0]))}
    share = found[SHARE]
    assert share.quadrant == Quadrant.ATOUT
    # 15 establishments of tranche 11: 218 employees estimated, for 25 000 jobs.
    assert "0,9\u00a0% pour CC du Pays d'Ancenis" in share.description
    assert "médiane de 0,4\u00a0% pour les 3 territoires comparés" in share.description
    assert "rang 1 sur 4" in share.description
    assert share.snapshot["value"] == 0.9 and share.snapshot["median"] == 0.4
    assert len(share.snapshot["peers"]) == 3
    trend = next(s for s in found.values() if s.quadrant == Quadrant.OPPORTUNITE)
    assert "150\u202f000 en 2020, 158\u202f100 en 2022 (+5,4\u00a0%)" in trend.description


def test_with_fewer_than_two_peers_no_gap_is_suggested(workspace):
    diagnostic, _ = support.scenario(workspace, peers=("peer1",))
    assert all(key.startswith("trend:") for key in keys(diagnostic))


def test_a_weaker_territory_gets_a_faiblesse_and_a_falling_region_a_menace(scenario):
    diagnostic, places = scenario
    IndicatorValue.objects.filter(territory=places["target"]).update(value=Decimal(250_000))
    IndicatorValue.objects.filter(territory=places["reg"], year=2022).update(value=140_000)
    found = keys(diagnostic)
    assert "ess_share_of_employment:faiblesse" in found
    assert f"trend:effectifs_salaries.ess:{places['reg'].code}:menace" in found


def test_accepting_makes_an_afom_item_with_its_figures(client_for, editor_user, scenario):
    diagnostic, _ = scenario
    response = client_for(editor_user).post(accept_url(diagnostic), {"key": SHARE})
    assert response.status_code == 302
    item = AfomItem.objects.get(diagnostic=diagnostic)
    assert item.quadrant == Quadrant.ATOUT
    assert item.title == "Un poids de l'ESS dans l'emploi supérieur aux territoires comparables"
    assert "0,9\u00a0%" in item.description
    evidence = item.evidence.get()
    assert evidence.kind == EvidenceKind.INDICATOR
    assert evidence.title.startswith("Part de l'ESS dans l'emploi salarié\u00a0: 0,9\u00a0%")
    assert "Insee, base SIRENE" in evidence.citation and "emploi total" in evidence.citation
    assert evidence.snapshot["indicator"] == "ess_share_of_employment"
    decision = SuggestionDecision.objects.get(diagnostic=diagnostic)
    assert (decision.status, decision.item) == (SuggestionDecision.ACCEPTED, item)
    assert SHARE not in {s.key for s in _pending(client_for(editor_user), diagnostic)}


def _pending(client, diagnostic):
    response = client.get(reverse("diagnostics:indicator-dashboard", args=[diagnostic.pk]))
    return response.context["suggestions"]


def test_the_accepted_item_is_in_the_afom_matrix_with_its_figures(
    client_for, editor_user, scenario
):
    diagnostic, _ = scenario
    client = client_for(editor_user)
    client.post(accept_url(diagnostic), {"key": SHARE})
    board = client.get(reverse("diagnostics:afom-board", args=[diagnostic.pk]))
    # The board cuts descriptions with truncatewords, which turns no-break spaces into spaces.
    html = unescape(board.content.decode()).replace("\u00a0", " ")
    assert "Un poids de l'ESS dans l'emploi supérieur" in html
    assert "0,9 % pour CC du Pays d'Ancenis" in html
    item = AfomItem.objects.get(diagnostic=diagnostic)
    detail = client.get(reverse("diagnostics:afom-item-detail", args=[item.pk]))
    assert "médiane des territoires comparés" in unescape(detail.content.decode())


def test_rejecting_sets_the_suggestion_aside(client_for, editor_user, scenario):
    diagnostic, _ = scenario
    url = reverse("diagnostics:indicator-suggestion-reject", args=[diagnostic.pk])
    assert client_for(editor_user).post(url, {"key": SHARE}).status_code == 302
    assert not AfomItem.objects.exists()
    assert SuggestionDecision.objects.get().status == SuggestionDecision.REJECTED
    assert SHARE not in {s.key for s in _pending(client_for(editor_user), diagnostic)}


def test_an_unknown_or_decided_key_changes_nothing(client_for, editor_user, scenario):
    diagnostic, _ = scenario
    client = client_for(editor_user)
    client.post(accept_url(diagnostic), {"key": "nimporte:quoi"})
    assert not AfomItem.objects.exists()
    client.post(accept_url(diagnostic), {"key": SHARE})
    client.post(accept_url(diagnostic), {"key": SHARE})
    assert AfomItem.objects.count() == 1


@pytest.mark.parametrize("name", ["indicator-suggestion-accept", "indicator-suggestion-reject"])
def test_role_matrix_of_the_decisions(client_for, role_users, scenario, name):
    diagnostic, _ = scenario
    url = reverse(f"diagnostics:{name}", args=[diagnostic.pk])
    expected = {"anonymous": 302, "other": 404, "reader": 403, "editor": 302, "admin": 302}
    check_role_matrix(client_for, role_users, url, expected, method="post", data={"key": SHARE})
    assert SuggestionDecision.objects.count() == 1
    assert client_for(role_users["editor"]).get(url).status_code == 405


def test_the_json_document_has_an_indicators_section(client_for, editor_user, scenario):
    diagnostic, _ = scenario
    client_for(editor_user).post(accept_url(diagnostic), {"key": SHARE})
    document = export_diagnostic(diagnostic)
    section = document["indicators"]
    assert section["territory"]["establishments"]["ess"] == 15
    assert section["territory"]["employees"] == {"min": 150, "max": 285, "estimate": 218}
    roles = [place["role"] for place in section["comparisons"]]
    assert roles == ["target", "peer", "peer", "peer", "departement", "departement", "region"] + [
        "france"
    ]
    assert section["comparisons"][0]["values"]["ess_share_of_employers"] == 37.5
    assert section["suggestion_decisions"] == [
        {
            "key": SHARE,
            "quadrant": "atout",
            "title": "Un poids de l'ESS dans l'emploi supérieur aux territoires comparables",
            "status": "accepted",
        }
    ]
    copy = import_diagnostic(json.loads(json.dumps(document)), workspace=WorkspaceFactory())
    assert export_diagnostic(copy)["indicators"] == section
