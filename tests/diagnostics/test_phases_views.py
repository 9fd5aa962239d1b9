"""Phase pages: edit, deliverables checklist (htmx and plain), the move to the next phase, and
the timeline."""

import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from diagnostics.dates import add_months
from diagnostics.enums import PhaseStatus
from diagnostics.models import Deliverable, Phase
from diagnostics.timeline import build_timeline
from tests.diagnostics.factories import DiagnosticFactory
from tests.roles import check_role_matrix

pytestmark = pytest.mark.django_db
CHANGE = {"anonymous": 302, "other": 404, "reader": 403, "editor": 200, "admin": 200}


def text(response):
    return unescape(response.content.decode())


@pytest.fixture
def diagnostic(workspace):
    return DiagnosticFactory(workspace=workspace, start_date=date(2026, 1, 15))


@pytest.fixture
def first(diagnostic):
    return diagnostic.phases.get(number=1)


def advance_url(diagnostic):
    return reverse("diagnostics:phase-advance", args=[diagnostic.pk])


# Role matrix


def test_phase_edit_role_matrix(client_for, role_users, first):
    url = reverse("diagnostics:phase-edit", args=[first.pk])
    check_role_matrix(client_for, role_users, url, CHANGE)


def test_phase_advance_page_role_matrix(client_for, role_users, diagnostic):
    check_role_matrix(client_for, role_users, advance_url(diagnostic), CHANGE)


def test_deliverable_toggle_role_matrix(client_for, role_users, first):
    deliverable = first.deliverables.first()
    url = reverse("diagnostics:deliverable-toggle", args=[deliverable.pk])
    expected = {"anonymous": 302, "other": 404, "reader": 403, "editor": 302, "admin": 302}
    check_role_matrix(client_for, role_users, url, expected, method="post")
    # Checked by the editor, unchecked by the admin.
    assert not Deliverable.objects.get(pk=deliverable.pk).done


def test_deliverable_add_role_matrix(client_for, role_users, first):
    url = reverse("diagnostics:deliverable-add", args=[first.pk])
    expected = {"anonymous": 302, "other": 404, "reader": 403, "editor": 302, "admin": 302}
    check_role_matrix(client_for, role_users, url, expected, method="post", data={"label": "Carte"})
    assert first.deliverables.filter(label="Carte").count() == 2


def test_advance_post_role_matrix(client_for, role_users, diagnostic):
    expected = {"anonymous": 302, "other": 404, "reader": 403, "editor": 302, "admin": 302}
    data = {"override_reason": "Calendrier électoral"}
    check_role_matrix(client_for, role_users, advance_url(diagnostic), expected, "post", data)
    assert diagnostic.phases.get(number=3).status == PhaseStatus.ONGOING


@pytest.mark.parametrize(
    ("role", "status", "removed"),
    [
        ("anonymous", 302, False),
        ("other", 404, False),
        ("reader", 403, False),
        ("editor", 302, True),
        ("admin", 302, True),
    ],
)
def test_deliverable_delete_by_role(client_for, role_users, first, role, status, removed):
    deliverable = first.deliverables.first()
    url = reverse("diagnostics:deliverable-delete", args=[deliverable.pk])
    response = client_for(role_users[role]).post(url)
    assert response.status_code == status
    assert Deliverable.objects.filter(pk=deliverable.pk).exists() is not removed


def test_deliverables_are_removable_on_the_phase_page_only(client_for, editor_user, first):
    deliverable = first.deliverables.first()
    delete_url = reverse("diagnostics:deliverable-delete", args=[deliverable.pk])
    client = client_for(editor_user)
    assert (
        delete_url
        in client.get(reverse("diagnostics:phase-edit", args=[first.pk])).content.decode()
    )
    assert delete_url not in client.get(first.diagnostic.get_absolute_url()).content.decode()
    toggle = reverse("diagnostics:deliverable-toggle", args=[deliverable.pk])
    fragment = client.post(toggle, {"removable": "1"}, HTTP_HX_REQUEST="true").content.decode()
    assert delete_url in fragment


def test_post_only_views_refuse_get(client_for, editor_user, first):
    deliverable = first.deliverables.first()
    url = reverse("diagnostics:deliverable-toggle", args=[deliverable.pk])
    assert client_for(editor_user).get(url).status_code == 405


# Deliverables


def test_htmx_toggle_returns_the_item_alone(client_for, editor_user, first):
    deliverable = first.deliverables.first()
    url = reverse("diagnostics:deliverable-toggle", args=[deliverable.pk])
    response = client_for(editor_user).post(url, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip().startswith(f'<li id="livrable-{deliverable.pk}"')
    assert 'aria-pressed="true"' in html and "(fait)" in html
    assert "<html" not in html


def test_plain_toggle_goes_back_to_the_page_it_came_from(client_for, editor_user, first):
    deliverable = first.deliverables.first()
    url = reverse("diagnostics:deliverable-toggle", args=[deliverable.pk])
    here = reverse("diagnostics:phase-edit", args=[first.pk])
    response = client_for(editor_user).post(url, {"next": here})
    assert response["Location"] == here
    response = client_for(editor_user).post(url, {"next": "https://ailleurs.example/"})
    assert response["Location"] == first.diagnostic.get_absolute_url() + "#phase-en-cours"


def test_an_empty_deliverable_is_refused(client_for, editor_user, first):
    url = reverse("diagnostics:deliverable-add", args=[first.pk])
    response = client_for(editor_user).post(url, {"label": "   "}, follow=True)
    assert "Indiquez l'intitulé du livrable." in text(response)
    assert first.deliverables.count() == 6


# Phase edit


def test_phase_edit_saves_dates_and_notes(client_for, editor_user, first):
    url = reverse("diagnostics:phase-edit", args=[first.pk])
    data = {
        "planned_start": "2026-01-15",
        "planned_end": "15/09/2026",
        "actual_start": "2026-01-20",
        "actual_end": "",
        "notes": "Lancement en conseil communautaire.",
    }
    response = client_for(editor_user).post(url, data)
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.planned_end, first.actual_start) == (date(2026, 9, 15), date(2026, 1, 20))
    assert first.notes == "Lancement en conseil communautaire."


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"planned_end": "2025-12-01"}, "La fin prévue ne peut pas précéder le début."),
        ({"actual_end": "2026-01-01"}, "La fin réelle ne peut pas précéder le début."),
        ({"actual_start": "", "actual_end": "2026-03-01"}, "Indiquez le début réel"),
        ({"planned_start": "pas une date"}, "Saisissez une date valide."),
    ],
)
def test_phase_edit_refuses_bad_dates(client_for, editor_user, first, changes, message):
    url = reverse("diagnostics:phase-edit", args=[first.pk])
    data = {
        "planned_start": "2026-01-15",
        "planned_end": "2026-07-15",
        "actual_start": "2026-01-15",
        "actual_end": "",
        "notes": "",
        **changes,
    }
    response = client_for(editor_user).post(url, data)
    assert response.status_code == 200
    assert message in text(response)
    first.refresh_from_db()
    assert first.planned_start == date(2026, 1, 15) and first.actual_end is None


# Advance


def test_the_advance_page_lists_unchecked_deliverables(client_for, editor_user, diagnostic, first):
    first.deliverables.exclude(label__startswith="Comité").update(done=True)
    page = text(client_for(editor_user).get(advance_url(diagnostic)))
    assert "1 livrable de la phase 1 n'est pas coché" in page
    assert "Comité de pilotage constitué" in page
    assert 'name="override_reason"' in page


def test_advance_without_reason_is_refused_in_french(client_for, editor_user, diagnostic):
    response = client_for(editor_user).post(advance_url(diagnostic), {"override_reason": " "})
    assert response.status_code == 200
    assert "Des livrables ne sont pas cochés\u00a0: indiquez le motif" in text(response)
    assert diagnostic.phases.get(number=1).status == PhaseStatus.ONGOING


def test_advance_with_a_reason_records_it(client_for, editor_user, diagnostic):
    data = {"override_reason": "Enquête prolongée"}
    response = client_for(editor_user).post(advance_url(diagnostic), data, follow=True)
    first = diagnostic.phases.get(number=1)
    assert (first.override_reason, first.override_by) == ("Enquête prolongée", editor_user)
    page = text(response)
    assert "Phase 1 — Caractérisation terminée, Phase 2 — Échange" in page
    assert "«\u00a0Enquête prolongée\u00a0»" in page


def test_advance_without_missing_deliverables_needs_no_reason(
    client_for, editor_user, diagnostic, first
):
    first.deliverables.update(done=True)
    page = text(client_for(editor_user).get(advance_url(diagnostic)))
    assert 'name="override_reason"' not in page
    client_for(editor_user).post(advance_url(diagnostic))
    assert diagnostic.phases.get(number=2).status == PhaseStatus.ONGOING


def test_a_finished_diagnostic_has_nothing_to_advance(client_for, editor_user, diagnostic):
    Phase.objects.filter(diagnostic=diagnostic).update(status=PhaseStatus.DONE)
    response = client_for(editor_user).get(advance_url(diagnostic), follow=True)
    assert "Toutes les phases de ce diagnostic sont terminées." in text(response)


# Timeline


def test_the_timeline_is_an_accessible_svg_with_its_table(client_for, reader_user, diagnostic):
    page = text(client_for(reader_user).get(diagnostic.get_absolute_url()))
    assert '<svg viewBox="0 0 900' in page and 'role="img"' in page
    assert 'aria-labelledby="timeline-titre timeline-desc"' in page
    assert '<title id="timeline-titre">Calendrier des phases' in page
    assert "<caption>Phases du diagnostic\u00a0: dates prévues et réelles</caption>" in page
    assert '<th scope="col">Début prévu</th>' in page
    assert "15/07/2026" in page


def test_late_phases_are_flagged_in_colour_and_words(client_for, reader_user, workspace):
    today = timezone.localdate()
    start = add_months(today, -8)  # phase 1 (6 months) ended two months ago
    diagnostic = DiagnosticFactory(workspace=workspace, start_date=start)
    page = text(client_for(reader_user).get(diagnostic.get_absolute_url()))
    assert "— en retard (fin prévue dépassée)" in page  # in the SVG
    assert "En retard\u00a0: fin prévue dépassée" in page  # in the table
    assert "url(#timeline-retard)" in page


def test_svg_numbers_are_not_localised(client_for, reader_user, diagnostic):
    page = client_for(reader_user).get(diagnostic.get_absolute_url()).content.decode()
    svg = page[page.index("<svg") : page.index("</svg>")]
    coordinates = re.findall(r' (?:x|y|x1|x2|y1|y2|width)="([^"]*)"', svg)
    assert coordinates and all(re.fullmatch(r"-?\d+(\.\d+)?", value) for value in coordinates)


def test_build_timeline_positions_planned_and_actual_bars():
    phases = [
        Phase(
            number=1,
            name="A",
            planned_start=date(2026, 1, 1),
            planned_end=date(2026, 7, 1),
            actual_start=date(2026, 1, 1),
            actual_end=date(2026, 9, 1),
            status=PhaseStatus.DONE,
        ),
        Phase(
            number=2,
            name="B",
            planned_start=date(2026, 7, 1),
            planned_end=date(2027, 1, 1),
            status=PhaseStatus.ONGOING,
            actual_start=date(2026, 9, 1),
        ),
    ]
    timeline = build_timeline(phases, today=date(2026, 10, 1))
    first, second = timeline.rows
    assert first.planned.x == 12 and second.planned.x + second.planned.width == 888
    assert first.actual.width > first.planned.width
    assert first.late_reason == "terminée après la fin prévue" and not second.late_reason
    assert second.actual.x + second.actual.width == timeline.today_x
    assert [tick.label for tick in timeline.ticks] == [
        "janv. 2026",
        "avr. 2026",
        "juil. 2026",
        "oct. 2026",
        "janv. 2027",
    ]
    assert timeline.summary == (
        "2 phases du 01/01/2026 au 01/01/2027\u00a0; phase 2 en cours\u00a0; "
        "en retard\u00a0: phase 1."
    )


def test_build_timeline_without_phases():
    assert build_timeline([]) is None
