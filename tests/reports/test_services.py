"""The snapshot service and its task: real WeasyPrint, progress, failures, files."""

import logging
import subprocess

import pytest

from essterritoire.reports import services
from essterritoire.reports.enums import SnapshotStatus
from essterritoire.reports.models import ReportSnapshot
from essterritoire.reports.services import Progress, request_snapshot, snapshot_render
from tests.reports.conftest import KIND
from tests.reports.factories import ReportSnapshotFactory

pytestmark = pytest.mark.django_db


def stored_files(settings):
    folder = settings.MEDIA_ROOT / "reports"
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def pdf_text(path):
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def test_it_renders_the_pdf_with_the_chosen_sections(diagnostic, editor_user, settings):
    options = {"sections": ["summary", "details"], "anonymise": False}
    snapshot = request_snapshot(KIND, diagnostic, options, editor_user)

    assert snapshot.status == SnapshotStatus.DONE
    assert (snapshot.progress, snapshot.step, snapshot.error) == (100, "Terminé", "")
    path = settings.MEDIA_ROOT / snapshot.file.name
    assert path.read_bytes().startswith(b"%PDF-")
    assert snapshot.size == path.stat().st_size
    assert snapshot.pages >= 1
    text = pdf_text(path)
    assert "Synthèse du territoire" in text
    assert "Détails des acteurs" in text
    assert "Extraits nominatifs" in text
    assert set(snapshot.timings) == {"collect", "html", "layout", "write"}
    assert len(snapshot.fingerprint) == 64
    assert snapshot.author == editor_user
    assert snapshot.workspace == diagnostic.workspace
    assert snapshot.title == diagnostic.title
    assert snapshot.started_at <= snapshot.finished_at


def test_it_leaves_out_the_sections_not_chosen(diagnostic, settings):
    snapshot = request_snapshot(KIND, diagnostic, {"sections": ["details"]}, None)

    text = pdf_text(settings.MEDIA_ROOT / snapshot.file.name)
    assert "Détails des acteurs" in text
    assert "Synthèse du territoire" not in text


def test_it_stores_the_file_under_reports_with_a_random_name(diagnostic):
    first = request_snapshot(KIND, diagnostic, None, None)
    second = request_snapshot(KIND, diagnostic, None, None)

    assert first.file.name.startswith(f"reports/{diagnostic.workspace_id}/")
    assert first.file.name != second.file.name
    assert diagnostic.title not in first.file.name
    assert len(first.file.name.rsplit("/", 1)[1]) >= 30


def test_it_cleans_the_options_before_keeping_them(diagnostic):
    options = {"sections": ["details", "inconnue", "summary"], "anonymise": 0, "pirate": True}

    snapshot = request_snapshot(KIND, diagnostic, options, None)

    assert snapshot.options == {"sections": ["summary", "details"], "anonymise": False}


def test_it_gives_the_defaults_without_options(diagnostic):
    snapshot = request_snapshot(KIND, diagnostic, None, None)

    assert snapshot.options == {"sections": ["summary"], "anonymise": True}


def test_it_saves_the_progress_while_rendering(diagnostic, report_calls):
    seen = []

    def look(_):
        seen.append(ReportSnapshot.objects.values_list("status", "progress", "step").get())

    report_calls.collect_hook = look
    report_calls.html_hook = look

    request_snapshot(KIND, diagnostic, None, None)

    assert seen == [
        (SnapshotStatus.RUNNING, 1, "Rassemblement des données"),
        (SnapshotStatus.RUNNING, 15, "Mise en page HTML et graphiques"),
    ]


def test_progress_writes_once_per_change(diagnostic, django_assert_num_queries):
    snapshot = ReportSnapshotFactory(obj=diagnostic, status=SnapshotStatus.RUNNING, progress=0)
    progress = Progress(snapshot.pk)

    with django_assert_num_queries(2):
        progress(40, "Mise en page du PDF")
        progress(40, "Mise en page du PDF")
        progress(140, "Écriture du PDF")

    snapshot.refresh_from_db()
    assert (snapshot.progress, snapshot.step) == (100, "Écriture du PDF")


def test_a_failure_is_recorded_in_french_and_logged(diagnostic, report_calls, settings, caplog):
    def explode(_):
        raise RuntimeError("gabarit cassé")

    report_calls.html_hook = explode

    with caplog.at_level(logging.ERROR, logger="essterritoire.reports.services"):
        snapshot = request_snapshot(KIND, diagnostic, None, None)

    assert snapshot.status == SnapshotStatus.FAILED
    assert snapshot.error == services.FAILURE_MESSAGE
    assert not snapshot.file
    assert stored_files(settings) == []
    assert "gabarit cassé" in caplog.text


def test_no_file_is_left_when_the_row_cannot_be_saved(diagnostic, monkeypatch, settings):
    update = services._update

    def failing_update(snapshot_id, **fields):
        if "file" in fields:
            raise RuntimeError("base indisponible")
        return update(snapshot_id, **fields)

    monkeypatch.setattr(services, "_update", failing_update)

    snapshot = request_snapshot(KIND, diagnostic, None, None)

    assert snapshot.status == SnapshotStatus.FAILED
    assert stored_files(settings) == []


def test_an_unregistered_kind_fails_with_a_message(diagnostic):
    snapshot = ReportSnapshotFactory(
        obj=diagnostic, kind="disparu", status=SnapshotStatus.PENDING, file=None
    )

    snapshot_render(snapshot_id=snapshot.pk)

    snapshot.refresh_from_db()
    assert snapshot.status == SnapshotStatus.FAILED
    assert snapshot.error == services.UNKNOWN_KIND_MESSAGE


def test_an_object_of_another_workspace_is_never_rendered(diagnostic, other_workspace):
    snapshot = ReportSnapshotFactory(
        obj=diagnostic, workspace=other_workspace, status=SnapshotStatus.PENDING, file=None
    )

    snapshot_render(snapshot_id=snapshot.pk)

    snapshot.refresh_from_db()
    assert snapshot.status == SnapshotStatus.FAILED
    assert snapshot.error == services.GONE_MESSAGE


def test_a_snapshot_already_rendered_is_not_rendered_again(diagnostic, report_calls):
    snapshot = ReportSnapshotFactory(obj=diagnostic)

    snapshot_render(snapshot_id=snapshot.pk)

    assert report_calls.collects == 0


def test_deleting_a_snapshot_deletes_its_file(
    diagnostic, settings, django_capture_on_commit_callbacks
):
    snapshot = request_snapshot(KIND, diagnostic, None, None)
    path = settings.MEDIA_ROOT / snapshot.file.name
    assert path.exists()

    with django_capture_on_commit_callbacks(execute=True):
        services.snapshot_delete(snapshot=snapshot)

    assert not path.exists()
    assert not ReportSnapshot.objects.exists()


def test_deleting_the_object_deletes_its_snapshots_and_files(
    diagnostic, settings, django_capture_on_commit_callbacks
):
    snapshot = request_snapshot(KIND, diagnostic, None, None)
    path = settings.MEDIA_ROOT / snapshot.file.name

    with django_capture_on_commit_callbacks(execute=True):
        diagnostic.delete()

    assert not ReportSnapshot.objects.exists()
    assert not path.exists()


def test_regenerating_keeps_the_options(diagnostic, editor_user):
    first = request_snapshot(KIND, diagnostic, {"sections": ["details"]}, None)

    second = services.snapshot_regenerate(snapshot=first, obj=diagnostic, author=editor_user)

    assert second.pk != first.pk
    assert second.options == first.options
    assert second.author == editor_user


@pytest.mark.parametrize(
    ("name", "clean"),
    [
        ("Rapport ESS — CC du Pays d'Ancenis", "Rapport-ESS-CC-du-Pays-d-Ancenis"),
        ("../../etc/passwd", "etc-passwd"),
        ("", "rapport"),
    ],
)
def test_file_names_are_cleaned(name, clean):
    assert services.clean_filename(name) == clean


def test_a_snapshot_left_waiting_past_the_timeout_is_marked_failed(diagnostic, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.REPORT_RENDER_TIMEOUT_MINUTES = 30
    now = timezone.now()
    old = ReportSnapshotFactory(
        obj=diagnostic, status=SnapshotStatus.RUNNING, created_at=now - timedelta(minutes=31)
    )
    young = ReportSnapshotFactory(
        obj=diagnostic, status=SnapshotStatus.PENDING, created_at=now - timedelta(minutes=29)
    )
    done = ReportSnapshotFactory(obj=diagnostic, created_at=now - timedelta(hours=5))

    assert services.fail_abandoned(now=now) == 1
    old.refresh_from_db(), young.refresh_from_db(), done.refresh_from_db()
    assert old.status == SnapshotStatus.FAILED and "30 minutes" in old.error
    assert young.status == SnapshotStatus.PENDING and done.status == SnapshotStatus.DONE
    # The worker, starting late, does not render what was given up.
    snapshot_render(snapshot_id=old.pk)
    old.refresh_from_db()
    assert old.status == SnapshotStatus.FAILED


def test_the_snapshot_page_tells_an_abandoned_rendering(client_for, editor_user, diagnostic):
    from datetime import timedelta

    from django.urls import reverse
    from django.utils import timezone

    snapshot = ReportSnapshotFactory(
        obj=diagnostic,
        status=SnapshotStatus.PENDING,
        created_at=timezone.now() - timedelta(hours=2),
    )
    page = client_for(editor_user).get(reverse("reports:snapshot-detail", args=[snapshot.pk]))
    text = page.content.decode()
    assert "sans doute arrêté" in text and "Relancer la génération" in text
    assert "hx-trigger" not in text
