"""The history module (recording, readable changes, snapshots) and the history page."""

import json
from datetime import date
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from actors.models import Theme
from diagnostics import services
from diagnostics.enums import HistoryAction, Priority, Quadrant
from diagnostics.history import (
    changes_between,
    field_label,
    history_record,
    history_record_change,
    model_for,
    object_type_of,
    snapshot_of,
    state_of,
)
from diagnostics.models import AfomItem, ComparisonTerritory, HistoryEntry, Phase
from tests.diagnostics.factories import DiagnosticFactory
from tests.roles import check_role_matrix

pytestmark = pytest.mark.django_db
READ = {"anonymous": 302, "other": 404, "reader": 200, "editor": 200, "admin": 200}


@pytest.fixture
def diagnostic(workspace):
    return DiagnosticFactory(workspace=workspace)


@pytest.fixture
def item(diagnostic):
    theme = Theme.objects.create(workspace=diagnostic.workspace, name="Mobilité")
    return AfomItem.objects.create(
        diagnostic=diagnostic,
        quadrant=Quadrant.FAIBLESSE,
        title="Peu de transports",
        theme=theme,
        priority=Priority.HIGH,
    )


def history_url(diagnostic, **params):
    url = reverse("diagnostics:diagnostic-history", args=[diagnostic.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def delete_item(item, user):
    """What the AFOM services do: record the snapshot, then mark the item deleted."""
    entry = history_record(
        item.diagnostic, user, HistoryAction.DELETED, item, snapshot=snapshot_of(item)
    )
    item.deleted_at = timezone.now()
    item.save()
    return entry


# The module


def test_object_types_are_snake_case_model_names(item):
    assert object_type_of(item) == "afom_item"
    assert object_type_of(ComparisonTerritory()) == "comparison_territory"
    assert model_for("afom_item") is AfomItem
    assert model_for("nothing") is None


def test_history_record_keeps_who_what_and_when(diagnostic, item, editor_user):
    entry = history_record(
        diagnostic, editor_user, HistoryAction.CHANGED, item, changes={"title": ["a", "b"]}
    )
    entry.refresh_from_db()
    assert (entry.diagnostic, entry.user, entry.action) == (
        diagnostic,
        editor_user,
        HistoryAction.CHANGED,
    )
    assert (entry.object_type, entry.object_id) == ("afom_item", item.pk)
    assert entry.object_repr == str(item)
    assert entry.changes == {"title": ["a", "b"]}


def test_history_record_accepts_keywords_and_no_user(diagnostic, item):
    entry = history_record(diagnostic=diagnostic, user=None, action=HistoryAction.CREATED, obj=item)
    assert entry.user is None and entry.changes == {} and entry.snapshot == {}


def test_state_of_gives_readable_values(item):
    state = state_of(item)
    assert state["quadrant"] == "Faiblesse"
    assert state["theme"] == "Mobilité"
    assert state["priority"] == "Haute"
    assert "created_at" not in state and "deleted_at" not in state
    assert state_of(item, ["title"]) == {"title": "Peu de transports"}


def test_state_of_formats_dates_and_booleans(diagnostic):
    phase = diagnostic.phases.get(number=1)
    assert state_of(phase)["planned_end"] == "15/07/2026"
    deliverable = phase.deliverables.first()
    assert state_of(deliverable)["done"] == "non"


def test_changes_between_two_states(item):
    before = state_of(item)
    item.title, item.priority = "Très peu de transports", Priority.LOW
    assert changes_between(before, state_of(item)) == {
        "title": ["Peu de transports", "Très peu de transports"],
        "priority": ["Haute", "Basse"],
    }


def test_history_record_change_skips_empty_changes(diagnostic, item):
    assert history_record_change(diagnostic, None, item, state_of(item)) is None
    assert not HistoryEntry.objects.filter(object_type="afom_item").exists()


def test_a_snapshot_is_json_with_raw_values(item):
    snapshot = snapshot_of(item)
    assert json.loads(json.dumps(snapshot)) == snapshot
    assert snapshot["theme_id"] == item.theme_id
    assert snapshot["quadrant"] == "faiblesse"
    assert snapshot["deleted_at"] is None


def test_field_labels_come_from_the_model():
    assert field_label(Phase, "planned_end") == "Fin prévue"
    assert field_label(Phase, "unknown") == "unknown"
    assert field_label(None, "title") == "title"


# The page


def test_history_page_role_matrix(client_for, role_users, diagnostic):
    check_role_matrix(client_for, role_users, history_url(diagnostic), READ)


def test_the_page_lists_changes_with_labels(client_for, reader_user, diagnostic, editor_user):
    services.diagnostic_update(diagnostic=diagnostic, by=editor_user, start_date=date(2026, 2, 1))
    page = unescape(client_for(reader_user).get(history_url(diagnostic)).content.decode())
    assert "a modifié «\u00a0Phase 1 — Caractérisation\u00a0»" in page
    assert "Fin prévue" in page and "15/07/2026" in page and "01/08/2026" in page
    assert "a créé" in page


def test_the_page_filters_by_object_type(client_for, reader_user, diagnostic, editor_user):
    services.diagnostic_update(diagnostic=diagnostic, by=editor_user, start_date=date(2026, 2, 1))
    client = client_for(reader_user)
    page = unescape(client.get(history_url(diagnostic, objet="diagnostic")).content.decode())
    assert "Phase 1 — Caractérisation" not in page.split("</form>", 1)[1]
    page = unescape(client.get(history_url(diagnostic, objet="phase")).content.decode())
    assert "Phase 1 — Caractérisation" in page
    assert '<option value="phase" selected>Phase</option>' in page
    # An unknown type shows everything rather than failing.
    assert client.get(history_url(diagnostic, objet="<script>")).status_code == 200


def test_a_deleted_afom_item_can_be_restored_by_editors(client_for, editor_user, reader_user, item):
    entry = delete_item(item, editor_user)
    response = client_for(editor_user).get(history_url(item.diagnostic))
    assert [e.restorable for e in response.context["page"].object_list][0] is True
    restore_url = reverse("diagnostics:afom-restore", args=[entry.pk])
    assert f'action="{restore_url}"' in response.content.decode()
    response = client_for(reader_user).get(history_url(item.diagnostic))
    assert restore_url not in response.content.decode()


def test_no_restore_button_once_the_item_is_back(client_for, editor_user, item):
    entry = delete_item(item, editor_user)
    AfomItem.objects.filter(pk=item.pk).update(deleted_at=None)
    page = client_for(editor_user).get(history_url(item.diagnostic)).content.decode()
    assert reverse("diagnostics:afom-restore", args=[entry.pk]) not in page


def test_other_deletions_have_no_restore_button(client_for, editor_user, diagnostic):
    territory = DiagnosticFactory().territory
    comparison = services.comparison_add(diagnostic=diagnostic, territory=territory, by=None)
    services.comparison_remove(comparison=comparison, by=editor_user)
    response = client_for(editor_user).get(history_url(diagnostic))
    assert not any(e.restorable for e in response.context["page"].object_list)
    assert "Restaurer" not in response.content.decode()
