"""The export_ptce command: a French summary, or the JSON document with its keys."""

import json
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from actors.enums import ActorKind
from ptce.enums import MemberType
from tests.actors.factories import ActorFactory
from tests.ptce.factories import (
    AnimationYearFactory,
    FundingLineFactory,
    MemberFactory,
    MutualisationFactory,
    PtceFactory,
    eligible_members,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ptce(workspace):
    ptce = PtceFactory(workspace=workspace, name="PTCE filières vertes")
    ess, company, _collectivite = eligible_members(ptce)
    ess.actor.siret = "35600000000048"
    ess.actor.save()
    ess.budget, ess.employees, ess.role = Decimal("1200000.50"), 30, "Structure pilote"
    ess.joined_on = date(2013, 9, 1)
    ess.save()
    gone = ActorFactory(workspace=workspace, name="Ancien membre", kind=ActorKind.ENTREPRISE)
    MemberFactory(ptce=ptce, actor=gone, left_on=date(2024, 12, 31))
    AnimationYearFactory(ptce=ptce, year=2026, budget=Decimal(150_000), self_financed=Decimal(0))
    FundingLineFactory(ptce=ptce, amount=Decimal(40_000))
    MutualisationFactory(ptce=ptce).members.set([ess, company])
    return ptce


def export(*args):
    out = StringIO()
    call_command("export_ptce", *args, stdout=out)
    return out.getvalue()


def test_the_json_document_has_every_section(ptce):
    data = json.loads(export(str(ptce.pk), "--json"))
    assert {"name", "stage", "members", "figures", "funding", "mutualisations"} <= set(data)
    assert {"eligibility", "benchmark"} <= set(data)
    assert data["name"] == "PTCE filières vertes" and data["stage"] == "emergence"
    assert data["eligibility"] == {"eligible": True, "missing": []}
    pilot = next(m for m in data["members"] if m["role"] == "Structure pilote")
    assert {"name", "siret", "type", "role", "joined", "left"} <= set(pilot)
    assert (pilot["siret"], pilot["type"], pilot["joined"]) == (
        "35600000000048",
        MemberType.ESS,
        "2013-09-01",
    )
    gone = next(m for m in data["members"] if m["name"] == "Ancien membre")
    assert (gone["left"], gone["current"]) == ("2024-12-31", False)
    assert data["figures"]["members"] == 3
    assert data["figures"]["budget"] == "1200000.50"  # Decimals are strings
    assert data["funding"]["by_year"][0]["total"] == "40000.00"
    assert data["mutualisations"][0]["members"]
    budget = data["benchmark"]["animation_budget"]
    assert {"value", "median", "source"} <= set(budget)
    assert (budget["value"], budget["median"], budget["gap"]) == ("150000.00", "152000", "-2000.00")
    assert budget["source"] == "RTES, étude sur 42 PTCE"
    assert data["benchmark"]["self_financing_share"]["value"] == "0.0"
    structures = data["benchmark"]["structures"]
    assert (structures["value"], structures["median"], structures["gap"]) == (3, 11, -8)


def test_the_summary_is_in_french(ptce):
    text = export(str(ptce.pk))
    assert "PTCE filières vertes" in text
    assert "Éligible au sens du décret n°\u00a02015-431\u00a0: oui" in text
    assert "150\u202f000\u00a0€" in text
    assert "médiane 152\u202f000\u00a0€" in text
    assert "sorti le 31/12/2024" in text


def test_an_unknown_pole_is_a_clear_error(db):
    with pytest.raises(CommandError, match="PTCE n°\u00a0999 introuvable"):
        export("999")
