"""The raw export: one row per submitted response, one column per question, per option of a
multiple choice and per matrix row; formulas neutralised; structures named only if chosen."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.actors.factories import ActorFactory
from tests.diagnostics.factories_surveys import choice, invite, option, sample_survey, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(workspace):
    survey, q = sample_survey(diagnostic__workspace=workspace)
    actor = ActorFactory(workspace=workspace, name="Scop Bâtir", kind="cooperative")
    invitation = invite(survey, actor)[0]
    values = {
        q["q1"].pk: choice(option(q["q1"], "Coopérative")),
        q["q2"].pk: choice(option(q["q2"], "Locaux"), other="Transmission"),
        q["q3"].pk: "80 m²",
        q["q4"].pk: True,
        q["q5"].pk: Decimal(12),
        q["q7"].pk: {option(q["q7"], "Locaux").pk: 5},
        q["q8"].pk: '=HYPERLINK("http://exemple.fr")',
    }
    submit(survey, values, invitation=invitation)
    submit(survey, {q["q4"].pk: False})
    submit(survey, {q["q8"].pk: "brouillon"}, submit=False)
    return survey, q


def rows_of(client, survey, fmt="csv"):
    url = reverse("diagnostics:survey-export", args=[survey.pk])
    response = client.get(url, {"format": fmt})
    assert response.status_code == 200
    if fmt == "csv":
        text = response.content.decode("utf-8-sig")
        return list(csv.reader(io.StringIO(text), delimiter=";"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_columns_per_question_option_and_matrix_row(client_for, editor_user, exported):
    survey, _q = exported
    headers = rows_of(client_for(editor_user), survey)[0]
    assert headers[:3] == ["Réponse n°", "Envoyée le", "Type de structure"]
    assert headers[3:] == [
        "Q1. Forme",
        "Q2. Besoins — Financement",
        "Q2. Besoins — Locaux",
        "Q2. Besoins — Autre (précisez)",
        "Q3. Précisez le besoin de locaux",
        "Q4. Coopérez-vous ?",
        "Q5. Salariés",
        "Q6. Reconnaissance",
        "Q7. Urgence — Financement",
        "Q7. Urgence — Locaux",
        "Q8. Un mot",
    ]


def test_one_row_per_submitted_response(client_for, editor_user, exported):
    survey, _q = exported
    rows = rows_of(client_for(editor_user), survey)
    assert len(rows) == 3
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Type de structure"] == "Coopérative"
    assert first["Q1. Forme"] == "Coopérative"
    assert (first["Q2. Besoins — Financement"], first["Q2. Besoins — Locaux"]) == ("0", "1")
    assert first["Q2. Besoins — Autre (précisez)"] == "Transmission"
    assert (first["Q4. Coopérez-vous ?"], first["Q5. Salariés"]) == ("oui", "12")
    assert (first["Q7. Urgence — Locaux"], first["Q7. Urgence — Financement"]) == ("5", "")
    assert first["Q8. Un mot"] == '\'=HYPERLINK("http://exemple.fr")'
    second = dict(zip(rows[0], rows[2], strict=True))
    assert second["Type de structure"] == "Sans acteur (lien public ou acteur retiré)"
    assert second["Q2. Besoins — Locaux"] == ""


def test_xlsx_export_neutralises_formulas(client_for, editor_user, exported):
    survey, _q = exported
    rows = rows_of(client_for(editor_user), survey, "xlsx")
    assert rows[1][-1] == '\'=HYPERLINK("http://exemple.fr")'
    assert rows[1][rows[0].index("Q5. Salariés")] == 12


def test_structures_are_named_only_when_results_are_named(client_for, editor_user, exported):
    survey, _q = exported
    assert "Structure" not in rows_of(client_for(editor_user), survey)[0]
    survey.named_results = True
    survey.save()
    rows = rows_of(client_for(editor_user), survey)
    assert rows[1][rows[0].index("Structure")] == "Scop Bâtir"


def test_an_unknown_format_is_refused_politely(client_for, editor_user, exported):
    survey, _q = exported
    url = reverse("diagnostics:survey-export", args=[survey.pk])
    response = client_for(editor_user).get(url, {"format": "pdf"}, follow=True)
    assert "Format d'export inconnu" in response.content.decode().replace("&#x27;", "'")
