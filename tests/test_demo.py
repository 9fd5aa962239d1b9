"""The whole demo, as `make demo` builds it: full COG, then every app's demo step, twice."""

import pytest
from django.core.management import call_command

from actors.models import Actor, Contact, Establishment, Network
from diagnostics.models import AfomItem, Diagnostic, Interview
from diagnostics.models.surveys import SurveyResponse
from essterritoire.accounts.models import Activity
from essterritoire.reports.models import ReportSnapshot
from ptce.models import Action, Ptce


def counts():
    models = (
        Establishment,
        Actor,
        Contact,
        Network,
        Diagnostic,
        Interview,
        AfomItem,
        SurveyResponse,
        Ptce,
        Action,
        Activity,
        ReportSnapshot,
    )
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.django_db
def test_the_demo_is_complete_and_idempotent(capsys):
    call_command("load_territories", verbosity=0)
    call_command("seed_demo")
    first = counts()
    assert first["Establishment"] == 205
    assert 150 <= first["Actor"] <= 170
    assert first["Network"] == 2
    assert first["Diagnostic"] == 1 and first["Interview"] == 8 and first["AfomItem"] == 20
    assert 55 <= first["SurveyResponse"] <= 70
    assert first["Ptce"] == 1 and first["Action"] == 15
    # The élu's first reports: the diagnostic's (with the annex) and the PTCE sheet, rendered.
    reports = ReportSnapshot.objects.order_by("kind")
    assert [(r.kind, r.status, r.options.get("annex")) for r in reports] == [
        ("diagnostic", "done", True),
        ("ptce", "done", None),
    ]
    assert 25 <= reports[0].pages <= 40 and 2 <= reports[1].pages <= 4
    call_command("seed_demo")
    assert counts() == first
    out = capsys.readouterr().out
    assert "elu@ancenis.demo" in out
