"""An AFOM item's page and its evidence: references and interview excerpts."""

import pytest
from django.urls import reverse

from diagnostics.enums import EvidenceKind, HistoryAction
from diagnostics.models import Evidence, HistoryEntry
from tests.diagnostics.factories import DiagnosticFactory
from tests.diagnostics.factories_afom import (
    AfomItemFactory,
    EvidenceFactory,
    ExcerptFactory,
    InterviewFactory,
)
from tests.roles import check_role_matrix

pytestmark = pytest.mark.django_db

READ = {"anonymous": 302, "other": 404, "reader": 200, "editor": 200, "admin": 200}
CHANGE_POST = {"anonymous": 302, "other": 404, "reader": 403, "editor": 302, "admin": 302}


@pytest.fixture
def item(workspace):
    return AfomItemFactory(diagnostic=DiagnosticFactory(workspace=workspace), title="Réseau dense")


def url(name, *args):
    return reverse(f"diagnostics:{name}", args=args)


def reference(**fields):
    data = {"kind": "reference", "reference-title": "", "reference-citation": ""}
    data.update({f"reference-{key}": value for key, value in fields.items()})
    return data


def test_role_matrix_of_the_item_page(client_for, role_users, item):
    check_role_matrix(client_for, role_users, url("afom-item-detail", item.pk), READ)


def test_role_matrix_of_adding_and_removing_evidence(client_for, role_users, item):
    add = url("afom-evidence-add", item.pk)
    check_role_matrix(client_for, role_users, add, CHANGE_POST, "post", reference(title="Étude"))
    assert item.evidence.count() == 2  # the editor's and the admin's
    evidence = item.evidence.first()
    expected = {**CHANGE_POST, "admin": 404}  # the editor removed it first
    check_role_matrix(
        client_for, role_users, url("afom-evidence-delete", evidence.pk), expected, "post"
    )
    assert not Evidence.objects.filter(pk=evidence.pk).exists()


def test_the_item_links_back_to_the_interview_of_its_excerpt(client_for, reader_user, item):
    interview = InterviewFactory(diagnostic=item.diagnostic)
    excerpt = ExcerptFactory(interview=interview, text="Il manque un lieu pour se réunir.")
    EvidenceFactory(item=item, kind=EvidenceKind.EXCERPT, excerpt=excerpt, title="")
    html = client_for(reader_user).get(url("afom-item-detail", item.pk)).content.decode()
    assert "Il manque un lieu pour se réunir." in html
    assert url("interview-detail", interview.pk) in html
    assert "Retirer" not in html and "Ajouter la référence" not in html


def test_an_editor_adds_a_reference(client_for, editor_user, item):
    data = reference(title="Panorama de l'ESS", url="cress-pdl.org/panorama")
    response = client_for(editor_user).post(url("afom-evidence-add", item.pk), data)
    assert response.status_code == 302
    evidence = item.evidence.get()
    assert (evidence.kind, evidence.url) == (
        EvidenceKind.REFERENCE,
        "https://cress-pdl.org/panorama",
    )
    entry = HistoryEntry.objects.get(object_type="afom_item", action=HistoryAction.CHANGED)
    assert "Panorama" in entry.changes["Preuves"][1]
    assert len(entry.snapshot["evidence"]) == 1


def test_an_empty_reference_is_refused_with_a_message(client_for, editor_user, item):
    response = client_for(editor_user).post(url("afom-evidence-add", item.pk), reference())
    assert response.status_code == 200
    assert "au moins un titre" in response.content.decode()
    assert not item.evidence.exists()


def test_an_editor_cites_an_excerpt_of_the_diagnostic(client_for, editor_user, item):
    excerpt = ExcerptFactory(interview=InterviewFactory(diagnostic=item.diagnostic))
    data = {"kind": "excerpt", "extrait-excerpt": excerpt.pk}
    client_for(editor_user).post(url("afom-evidence-add", item.pk), data)
    assert item.evidence.get().excerpt == excerpt
    response = client_for(editor_user).post(url("afom-evidence-add", item.pk), data)
    assert response.status_code == 200  # already cited: refused
    assert item.evidence.count() == 1


def test_an_excerpt_of_another_diagnostic_is_refused(client_for, editor_user, item):
    elsewhere = DiagnosticFactory(workspace=item.diagnostic.workspace)
    excerpt = ExcerptFactory(interview=InterviewFactory(diagnostic=elsewhere))
    data = {"kind": "excerpt", "extrait-excerpt": excerpt.pk}
    response = client_for(editor_user).post(url("afom-evidence-add", item.pk), data)
    assert response.status_code == 200
    assert not item.evidence.exists()


def test_an_unknown_kind_of_evidence_changes_nothing(client_for, editor_user, item):
    response = client_for(editor_user).post(
        url("afom-evidence-add", item.pk), {"kind": "survey"}, follow=True
    )
    assert "Nature de preuve inconnue" in response.content.decode()
    assert not item.evidence.exists()


def test_a_deleted_item_has_no_page(client_for, editor_user, item):
    from django.utils import timezone

    item.deleted_at = timezone.now()
    item.save()
    assert client_for(editor_user).get(url("afom-item-detail", item.pk)).status_code == 404
