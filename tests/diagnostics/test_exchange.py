"""The diagnostic as a JSON document: round trip, schema violations, role matrix."""

import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from actors.models import Actor, Theme
from diagnostics.exchange.documents import (
    DocumentError,
    export_diagnostic,
    import_diagnostic,
)
from diagnostics.models import (
    AfomItem,
    ComparisonTerritory,
    Deliverable,
    Diagnostic,
    Evidence,
    Excerpt,
    GuideQuestion,
    Interview,
    Phase,
    Vote,
    Workshop,
)
from essterritoire.territories.models import Territory
from tests.actors.factories import ActorFactory
from tests.factories import WorkspaceFactory
from tests.roles import check_role_matrix

pytestmark = pytest.mark.django_db


@pytest.fixture
def rich_diagnostic(workspace):
    """A diagnostic with something in every section of the document."""
    epci = Territory.objects.create(kind="epci", code="244400552", name="CC du Pays d'Ancenis")
    other = Territory.objects.create(kind="epci", code="244900015", name="CC Loire Layon")
    diagnostic = Diagnostic.objects.create(
        workspace=workspace,
        territory=epci,
        title="Diagnostic ESS 2026",
        start_date=date(2026, 1, 15),
        status="ongoing",
        steering_people="Mme A, élue\nM. B",
    )
    ComparisonTerritory.objects.create(diagnostic=diagnostic, territory=other, reason="même région")
    scop = ActorFactory(workspace=workspace, name="Scop Bâtir", siret="35600000000048")
    asso = ActorFactory(workspace=workspace, name="Ressourcerie d'Ancenis", kind="association")
    diagnostic.steering_actors.set([scop])
    for n, (start, end) in enumerate(
        [(date(2026, 1, 15), date(2026, 7, 15)), (date(2026, 7, 15), date(2026, 10, 15))], start=1
    ):
        phase = Phase.objects.create(
            diagnostic=diagnostic,
            number=n,
            name=f"Phase {n}",
            planned_start=start,
            planned_end=end,
            status="done" if n == 1 else "ongoing",
            actual_start=start if n == 1 else None,
        )
        Deliverable.objects.create(phase=phase, label=f"Livrable {n}", done=n == 1)
    GuideQuestion.objects.create(diagnostic=diagnostic, section="Vision", text="Votre regard ?")
    theme = Theme.objects.create(workspace=workspace, name="Réemploi")
    interview = Interview.objects.create(
        diagnostic=diagnostic, date=date(2026, 3, 2), needs="Des locaux", other_interviewers="Paul"
    )
    interview.actors.set([asso, scop])
    interview.themes.set([theme])
    excerpt = Excerpt.objects.create(interview=interview, text="Il manque un lieu.", theme=theme)
    item = AfomItem.objects.create(
        diagnostic=diagnostic,
        quadrant="faiblesse",
        title="Manque de locaux",
        theme=theme,
        priority=1,
    )
    Evidence.objects.create(item=item, kind="excerpt", excerpt=excerpt)
    Evidence.objects.create(
        item=item,
        kind="reference",
        title="Étude",
        citation="CRESS, 2024",
        url="https://exemple.fr/etude",
    )
    AfomItem.objects.create(diagnostic=diagnostic, quadrant="opportunite", title="Loi ESS")
    AfomItem.objects.create(
        diagnostic=diagnostic,
        quadrant="menace",
        title="Supprimé",
        deleted_at="2026-05-01T10:00:00+02:00",
    )
    workshop = Workshop.objects.create(
        diagnostic=diagnostic, title="Atelier", date=date(2026, 8, 1)
    )
    Vote.objects.create(workshop=workshop, participant="Claire", item=item, points=3)
    return diagnostic


def test_round_trip_export_import_export_is_identical(rich_diagnostic, other_workspace):
    first = export_diagnostic(rich_diagnostic)
    copy = import_diagnostic(json.loads(json.dumps(first)), workspace=other_workspace)
    assert copy.pk != rich_diagnostic.pk
    assert export_diagnostic(copy) == first


def test_the_document_has_the_documented_sections(rich_diagnostic):
    document = export_diagnostic(rich_diagnostic)
    assert document["schema_version"] == 1
    assert document["territory"] == {
        "kind": "epci",
        "code": "244400552",
        "name": "CC du Pays d'Ancenis",
    }
    assert [p["number"] for p in document["phases"]] == [1, 2]
    interview = document["interviews"][0]
    assert {"name": "Scop Bâtir", "siret": "35600000000048", "kind": "association"} in (
        interview["actors"]
    )
    titles = [item["title"] for item in document["afom"]]
    assert titles == ["Manque de locaux", "Loi ESS"]  # deleted items are not exported
    assert document["afom"][0]["evidence"][0] == {"kind": "excerpt", "excerpt": "E1.1"}


def test_import_matches_actors_by_siret_and_creates_the_missing(rich_diagnostic):
    target = WorkspaceFactory()
    known = ActorFactory(workspace=target, name="Autre nom", siret="35600000000048")
    copy = import_diagnostic(export_diagnostic(rich_diagnostic), workspace=target)
    assert known in copy.steering_actors.all()
    assert set(Actor.objects.filter(workspace=target).values_list("name", flat=True)) == {
        "Autre nom",
        "Ressourcerie d'Ancenis",
    }


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (lambda d: d.pop("phases"), "champ obligatoire absent : 'phases'"),
        (lambda d: d.update(schema_version=99), "schema_version"),
        (lambda d: d["afom"][0].update(quadrant="force"), "afom/0/quadrant"),
        (lambda d: d.update(start_date="15/01/2026"), "start_date : format incorrect"),
        (lambda d: d["territory"].update(code="99999"), "territoire inconnu epci:99999"),
        (lambda d: d["afom"][0]["evidence"][0].update(excerpt="E9.9"), "extrait 'E9.9'"),
    ],
)
def test_a_document_that_does_not_fit_is_refused_and_writes_nothing(
    rich_diagnostic, other_workspace, mutate, reason
):
    document = export_diagnostic(rich_diagnostic)
    mutate(document)
    counts = (Diagnostic.objects.count(), AfomItem.objects.count(), Actor.objects.count())
    with pytest.raises(DocumentError) as error:
        import_diagnostic(document, workspace=other_workspace)
    assert any(reason in line for line in error.value.errors), error.value.errors
    assert (Diagnostic.objects.count(), AfomItem.objects.count(), Actor.objects.count()) == counts


def test_commands_export_then_import(rich_diagnostic, other_workspace, tmp_path):
    path = tmp_path / "diag.json"
    call_command("export_diagnostic", rich_diagnostic.pk, output=str(path))
    call_command("import_diagnostic", str(path), workspace=other_workspace.slug)
    copy = Diagnostic.objects.get(workspace=other_workspace)
    assert export_diagnostic(copy) == json.loads(path.read_text())


def test_import_command_refuses_bad_json_and_unknown_workspace(tmp_path, workspace):
    path = tmp_path / "bad.json"
    path.write_text("{pas du json")
    with pytest.raises(CommandError, match="JSON illisible"):
        call_command("import_diagnostic", str(path), workspace=workspace.slug)
    with pytest.raises(CommandError, match="Espace de travail inconnu"):
        call_command("import_diagnostic", str(path), workspace="nope")
    assert not Diagnostic.objects.exists()


def test_export_download_role_matrix(client_for, role_users, rich_diagnostic):
    url = reverse("diagnostics:diagnostic-export-json", args=[rich_diagnostic.pk])
    expected = {"anonymous": 302, "other": 404, "reader": 200, "editor": 200, "admin": 200}
    check_role_matrix(client_for, role_users, url, expected)


def test_import_page_role_matrix(client_for, role_users):
    url = reverse("diagnostics:diagnostic-import")
    expected = {"anonymous": 302, "other": 200, "reader": 403, "editor": 200, "admin": 200}
    check_role_matrix(client_for, role_users, url, expected)


def test_import_page_shows_reasons_and_writes_nothing(client_for, editor_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("d.json", b'{"schema_version": 1}', "application/json")
    response = client_for(editor_user).post(
        reverse("diagnostics:diagnostic-import"), {"file": upload}
    )
    assert "champ obligatoire absent" in response.content.decode()
    assert not Diagnostic.objects.exists()


def test_import_page_creates_the_diagnostic(client_for, editor_user, rich_diagnostic):
    from django.core.files.uploadedfile import SimpleUploadedFile

    raw = json.dumps(export_diagnostic(rich_diagnostic)).encode()
    upload = SimpleUploadedFile("d.json", raw, "application/json")
    client_for(editor_user).post(reverse("diagnostics:diagnostic-import"), {"file": upload})
    assert Diagnostic.objects.filter(title="Diagnostic ESS 2026").count() == 2


@pytest.fixture
def demo_territories():
    for code, name in [
        ("244400552", "CC du Pays d'Ancenis"),
        ("200067866", "CC Sèvre et Loire"),
        ("200072726", "CC Châteaubriant-Derval"),
        ("244400503", "CC d'Erdre et Gesvres"),
    ]:
        Territory.objects.create(kind="epci", code=code, name=name)


def test_round_trip_on_the_demo_diagnostic(workspace, other_workspace, demo_territories):
    from diagnostics.demo import demo_document, seed_diagnostic

    demo, _ = seed_diagnostic(workspace)
    first = export_diagnostic(demo)
    assert len(first["interviews"]) == 8 and len(first["afom"]) == 20
    assert first["afom"] == demo_document()["afom"]
    copy = import_diagnostic(json.loads(json.dumps(first)), workspace=other_workspace)
    assert export_diagnostic(copy) == first
