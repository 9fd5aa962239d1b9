"""The report pages: list, object page with its form and stale flags, progress, download,
preview, deletion, and the "Rapports PDF" blocks of the diagnostic and PTCE pages."""

import dataclasses

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from diagnostics.models import Diagnostic
from essterritoire.reports import registry
from essterritoire.reports.enums import SnapshotStatus
from essterritoire.reports.models import ReportSnapshot
from essterritoire.reports.services import request_snapshot
from ptce.models import Ptce
from tests.diagnostics.factories import DiagnosticFactory
from tests.ptce.factories import PtceFactory
from tests.reports.conftest import KIND
from tests.reports.factories import PDF_BYTES, ReportSnapshotFactory

pytestmark = pytest.mark.django_db
STALE = "Les données ont changé depuis ce rapport"


def object_page(client, diagnostic):
    return client.get(reverse("reports:object-reports", args=[KIND, diagnostic.pk]))


def test_a_snapshot_is_not_stale_while_the_data_are_unchanged(client_for, reader_user, diagnostic):
    request_snapshot(KIND, diagnostic, None, None)

    response = object_page(client_for(reader_user), diagnostic)

    assert STALE not in response.content.decode()


def test_a_snapshot_is_stale_once_the_data_changed(client_for, reader_user, diagnostic):
    request_snapshot(KIND, diagnostic, None, None)
    Diagnostic.objects.filter(pk=diagnostic.pk).update(description="Une autre description.")

    response = object_page(client_for(reader_user), diagnostic)

    assert response.content.decode().count(STALE) == 1


def test_the_object_page_collects_the_data_once(client_for, reader_user, diagnostic, report_calls):
    for _ in range(3):
        ReportSnapshotFactory(obj=diagnostic)

    object_page(client_for(reader_user), diagnostic)

    assert report_calls.collects == 1


def test_the_object_page_lists_the_snapshots_newest_first(client_for, editor_user, diagnostic):
    old = ReportSnapshotFactory(
        obj=diagnostic, created_at=timezone.now() - timezone.timedelta(days=3)
    )
    new = ReportSnapshotFactory(
        obj=diagnostic, options={"sections": ["details"], "anonymise": False}
    )

    page = object_page(client_for(editor_user), diagnostic).content.decode()

    assert page.index(f"/instantanes/{new.pk}/") < page.index(f"/instantanes/{old.pk}/")
    assert "Sections&nbsp;: Détails" in page
    assert "Extraits anonymisés&nbsp;: non" in page


def test_readers_get_no_generation_form(client_for, reader_user, diagnostic):
    ReportSnapshotFactory(obj=diagnostic)

    page = object_page(client_for(reader_user), diagnostic).content.decode()

    assert "Générer le PDF" not in page
    assert "Régénérer" not in page
    assert "Supprimer" not in page
    assert "Télécharger" in page


def test_editors_get_the_form_with_help_texts(client_for, editor_user, diagnostic):
    page = object_page(client_for(editor_user), diagnostic).content.decode()

    assert "Générer le PDF" in page
    assert 'id="section-summary" checked' in page
    assert 'id="section-details" aria-describedby' in page
    assert "La liste des acteurs." in page
    assert "Sans noms propres." in page
    assert "apercu/?sections=summary&amp;anonymise=1" in page


def test_generating_runs_the_task_and_shows_the_snapshot(client_for, editor_user, diagnostic):
    url = reverse("reports:snapshot-create", args=[KIND, diagnostic.pk])

    response = client_for(editor_user).post(url, {"sections": ["summary", "details"]})

    snapshot = ReportSnapshot.objects.get()
    assert response["Location"] == reverse("reports:snapshot-detail", args=[snapshot.pk])
    assert snapshot.status == SnapshotStatus.DONE
    assert snapshot.options == {"sections": ["summary", "details"], "anonymise": False}
    assert snapshot.author == editor_user


def test_generating_needs_a_section(client_for, editor_user, diagnostic):
    url = reverse("reports:snapshot-create", args=[KIND, diagnostic.pk])

    response = client_for(editor_user).post(url, {"anonymise": "1"})

    assert response.status_code == 422
    assert "Choisissez au moins une section." in response.content.decode()
    assert not ReportSnapshot.objects.exists()


def test_generating_ignores_unknown_sections(client_for, editor_user, diagnostic):
    url = reverse("reports:snapshot-create", args=[KIND, diagnostic.pk])

    response = client_for(editor_user).post(url, {"sections": ["summary", "inconnue"]})

    assert response.status_code == 422
    assert not ReportSnapshot.objects.exists()


def test_the_detail_page_shows_the_progress_bar_and_polls(client_for, reader_user, diagnostic):
    snapshot = ReportSnapshotFactory(
        obj=diagnostic, status=SnapshotStatus.RUNNING, progress=35, step="Mise en page du PDF"
    )
    url = reverse("reports:snapshot-detail", args=[snapshot.pk])

    page = client_for(reader_user).get(url).content.decode()

    assert 'role="progressbar"' in page
    assert 'aria-valuenow="35"' in page
    assert "35&nbsp;%" in page
    assert "Mise en page du PDF" in page
    assert f'hx-get="{url}" hx-trigger="every 1s"' in page


def test_the_progress_fragment_alone_for_htmx(client_for, reader_user, diagnostic):
    snapshot = ReportSnapshotFactory(obj=diagnostic)
    url = reverse("reports:snapshot-detail", args=[snapshot.pk])

    response = client_for(reader_user).get(url, headers={"HX-Request": "true"})

    page = response.content.decode()
    assert page.lstrip().startswith('<div id="rapport-avancement">')
    assert "hx-trigger" not in page
    assert "Télécharger le PDF" in page
    assert "Le rapport est prêt" in page


def test_a_failed_snapshot_shows_its_message_and_a_retry_for_editors(
    client_for, reader_user, editor_user, diagnostic
):
    snapshot = ReportSnapshotFactory(
        obj=diagnostic, status=SnapshotStatus.FAILED, error="Échec de la mise en page.", file=None
    )
    url = reverse("reports:snapshot-detail", args=[snapshot.pk])

    for_reader = client_for(reader_user).get(url).content.decode()
    for_editor = client_for(editor_user).get(url).content.decode()

    assert "Échec de la mise en page." in for_reader
    assert "Relancer la génération" not in for_reader
    assert "Relancer la génération" in for_editor
    assert "hx-trigger" not in for_editor


def test_the_download_serves_the_stored_bytes(client_for, reader_user, diagnostic):
    snapshot = ReportSnapshotFactory(obj=diagnostic, filename="Rapport-essai")
    day = timezone.localtime(snapshot.created_at).strftime("%Y-%m-%d")

    response = client_for(reader_user).get(reverse("reports:snapshot-download", args=[snapshot.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="Rapport-essai-{day}.pdf"'
    assert response["Content-Length"] == str(len(PDF_BYTES))
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_the_download_neither_renders_nor_collects(
    client_for, reader_user, diagnostic, report_calls, django_assert_max_num_queries
):
    snapshot = ReportSnapshotFactory(obj=diagnostic)
    client = client_for(reader_user)
    url = reverse("reports:snapshot-download", args=[snapshot.pk])

    with django_assert_max_num_queries(4):
        response = client.get(url)

    assert response.status_code == 200
    assert report_calls.collects == 0


def test_a_snapshot_not_done_has_no_download(client_for, reader_user, diagnostic):
    snapshot = ReportSnapshotFactory(obj=diagnostic, status=SnapshotStatus.RUNNING, file=None)

    response = client_for(reader_user).get(reverse("reports:snapshot-download", args=[snapshot.pk]))

    assert response.status_code == 404


def test_a_lost_file_is_a_404(client_for, reader_user, diagnostic, settings):
    snapshot = ReportSnapshotFactory(obj=diagnostic)
    (settings.MEDIA_ROOT / snapshot.file.name).unlink()

    response = client_for(reader_user).get(reverse("reports:snapshot-download", args=[snapshot.pk]))

    assert response.status_code == 404


def test_the_media_url_does_not_serve_the_files(client_for, reader_user, diagnostic):
    snapshot = ReportSnapshotFactory(obj=diagnostic)

    response = client_for(reader_user).get(f"/media/{snapshot.file.name}")

    assert response.status_code == 404


def test_the_preview_renders_the_chosen_options(client_for, editor_user, diagnostic):
    url = reverse("reports:preview", args=[KIND, diagnostic.pk])

    page = client_for(editor_user).get(f"{url}?sections=details&anonymise=0").content.decode()

    assert "Détails des acteurs" in page
    assert "Synthèse du territoire" not in page
    assert "Extraits nominatifs" in page
    assert 'href="/static/css/report.css"' in page


def test_readers_preview_with_the_default_options_only(client_for, reader_user, diagnostic):
    url = reverse("reports:preview", args=[KIND, diagnostic.pk])

    page = client_for(reader_user).get(f"{url}?sections=details&anonymise=0").content.decode()

    assert "Synthèse du territoire" in page
    assert "Extraits nominatifs" not in page


def test_the_preview_without_options_uses_the_defaults(client_for, reader_user, diagnostic):
    url = reverse("reports:preview", args=[KIND, diagnostic.pk])

    page = client_for(reader_user).get(url).content.decode()

    assert "Synthèse du territoire" in page
    assert "Détails des acteurs" not in page


def test_deleting_asks_then_deletes_the_file(
    client_for, editor_user, diagnostic, settings, django_capture_on_commit_callbacks
):
    snapshot = ReportSnapshotFactory(obj=diagnostic)
    path = settings.MEDIA_ROOT / snapshot.file.name
    url = reverse("reports:snapshot-delete", args=[snapshot.pk])
    client = client_for(editor_user)

    assert "Supprimer définitivement" in client.get(url).content.decode()
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert response["Location"] == reverse("reports:object-reports", args=[KIND, diagnostic.pk])
    assert not path.exists()


def test_regenerating_makes_a_new_snapshot_with_the_same_options(
    client_for, editor_user, diagnostic
):
    first = request_snapshot(KIND, diagnostic, {"sections": ["details"], "anonymise": False}, None)

    client_for(editor_user).post(reverse("reports:snapshot-regenerate", args=[first.pk]))

    new = ReportSnapshot.objects.exclude(pk=first.pk).get()
    assert new.options == first.options
    assert new.status == SnapshotStatus.DONE


def test_the_list_shows_the_latest_completed_snapshot(client_for, reader_user, diagnostic):
    done = ReportSnapshotFactory(
        obj=diagnostic, created_at=timezone.now() - timezone.timedelta(hours=2)
    )
    ReportSnapshotFactory(obj=diagnostic, status=SnapshotStatus.FAILED, file=None)

    page = client_for(reader_user).get(reverse("reports:report-list")).content.decode()

    assert reverse("reports:snapshot-download", args=[done.pk]) in page
    assert "2 rapports" in page
    assert reverse("reports:freshness", args=[KIND, diagnostic.pk]) in page


def test_the_list_searches_the_titles(client_for, reader_user, workspace, test_kind):
    ReportSnapshotFactory(obj=DiagnosticFactory(workspace=workspace, title="Diagnostic Ancenis"))
    ReportSnapshotFactory(obj=DiagnosticFactory(workspace=workspace, title="Diagnostic Clisson"))

    page = client_for(reader_user).get(reverse("reports:report-list"), {"q": "clisson"})

    assert "Diagnostic Clisson" in page.content.decode()
    assert "Diagnostic Ancenis" not in page.content.decode()


def test_the_list_paginates(client_for, reader_user, workspace, test_kind):
    for n in range(27):
        ReportSnapshotFactory(obj=DiagnosticFactory(workspace=workspace, title=f"Diag {n:02d}"))

    page = client_for(reader_user).get(reverse("reports:report-list")).content.decode()

    assert "Page 1 sur 2" in page
    assert "Diag 26" in page
    assert "Diag 01" not in page


@pytest.mark.parametrize(
    ("role", "text"),
    [("reader", "Aucun rapport n'a encore été généré"), ("editor", "Générer un rapport")],
)
def test_the_empty_list_tells_what_to_do(client_for, role_users, role, text):
    page = client_for(role_users[role]).get(reverse("reports:report-list")).content.decode()

    assert text in page


def test_the_freshness_fragment(client_for, reader_user, diagnostic):
    request_snapshot(KIND, diagnostic, None, None)
    url = reverse("reports:freshness", args=[KIND, diagnostic.pk])
    client = client_for(reader_user)

    assert "À jour" in client.get(url).content.decode()
    Diagnostic.objects.filter(pk=diagnostic.pk).update(title="Nouveau titre")
    assert "Données modifiées depuis" in client.get(url).content.decode()


def test_the_list_has_no_n_plus_one(
    client_for, reader_user, workspace, test_kind, report_calls, django_assert_max_num_queries
):
    client = client_for(reader_user)
    url = reverse("reports:report-list")
    for count in (2, 8):
        while ReportSnapshot.objects.values("object_id").distinct().count() < count:
            diagnostic = DiagnosticFactory(workspace=workspace)
            ReportSnapshotFactory(obj=diagnostic)
            ReportSnapshotFactory(obj=diagnostic, status=SnapshotStatus.FAILED, file=None)
        with django_assert_max_num_queries(QUERIES_LIST):
            assert client.get(url).status_code == 200
    assert report_calls.collects == 0


def test_the_object_page_has_no_n_plus_one(
    client_for, editor_user, diagnostic, django_assert_max_num_queries
):
    client = client_for(editor_user)
    for count in (2, 10):
        while ReportSnapshot.objects.count() < count:
            ReportSnapshotFactory(obj=diagnostic, author=editor_user)
        with django_assert_max_num_queries(QUERIES_OBJECT):
            assert object_page(client, diagnostic).status_code == 200


# Session, user, memberships; then the list: count, page, the latest completed snapshots.
QUERIES_LIST = 6
# Session, user, memberships, the object; the UPDATE giving up abandoned renderings; count, page
# (authors joined); the test kind's collect runs none, a real kind's runs its own, once.
QUERIES_OBJECT = 8


@pytest.fixture
def as_diagnostic_kind(monkeypatch, test_kind):
    """The test kind, under the key the diagnostic page asks for."""
    kind = dataclasses.replace(test_kind, key="diagnostic")
    monkeypatch.setitem(registry._KINDS, "diagnostic", kind)
    return kind


@pytest.fixture
def as_ptce_kind(monkeypatch, test_kind):
    kind = dataclasses.replace(
        test_kind,
        key="ptce",
        model=Ptce,
        collect=lambda ptce: {"name": ptce.name},
        title=lambda ptce: ptce.name,
        filename=lambda ptce: ptce.name,
        object_url=lambda ptce: ptce.get_absolute_url(),
    )
    monkeypatch.setitem(registry._KINDS, "ptce", kind)
    return kind


def test_the_diagnostic_page_links_to_its_reports(
    client_for, reader_user, diagnostic, as_diagnostic_kind
):
    older = ReportSnapshotFactory(
        obj=diagnostic, kind="diagnostic", created_at=timezone.now() - timezone.timedelta(days=1)
    )
    latest = ReportSnapshotFactory(obj=diagnostic, kind="diagnostic")
    ReportSnapshotFactory(
        obj=diagnostic, kind="diagnostic", status=SnapshotStatus.RUNNING, file=None
    )

    page = client_for(reader_user).get(diagnostic.get_absolute_url()).content.decode()

    assert "Rapports PDF" in page
    assert reverse("reports:snapshot-download", args=[latest.pk]) in page
    assert reverse("reports:snapshot-download", args=[older.pk]) not in page
    assert reverse("reports:object-reports", args=["diagnostic", diagnostic.pk]) in page


def test_the_ptce_page_links_to_its_reports(client_for, reader_user, workspace, as_ptce_kind):
    ptce = PtceFactory(workspace=workspace)
    snapshot = ReportSnapshotFactory(obj=ptce, kind="ptce")

    page = client_for(reader_user).get(ptce.get_absolute_url()).content.decode()

    assert reverse("reports:snapshot-download", args=[snapshot.pk]) in page
    assert reverse("reports:object-reports", args=["ptce", ptce.pk]) in page


def test_the_block_tells_when_there_is_no_report_yet(
    client_for, editor_user, diagnostic, as_diagnostic_kind
):
    page = client_for(editor_user).get(diagnostic.get_absolute_url()).content.decode()

    assert "Aucun rapport n'a encore été généré" in page
    assert "Générer ou voir les rapports" in page


def test_the_nav_shows_the_reports(client_for, reader_user):
    page = client_for(reader_user).get(reverse("reports:report-list")).content.decode()

    assert f'href="{reverse("reports:report-list")}">Rapports</a>' in page
    assert escape("Rapports PDF") in page
