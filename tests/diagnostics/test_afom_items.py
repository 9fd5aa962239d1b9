"""Changes on the AFOM board: add, edit, move, soft delete and restore through the history."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from diagnostics import services_afom
from diagnostics.enums import EvidenceKind, HistoryAction, Priority, Quadrant
from diagnostics.models import AfomItem, Evidence, HistoryEntry
from tests.actors.factories import ThemeFactory
from tests.diagnostics.factories import DiagnosticFactory
from tests.diagnostics.factories_afom import (
    AfomItemFactory,
    EvidenceFactory,
    ExcerptFactory,
    InterviewFactory,
)
from tests.roles import check_role_matrix

pytestmark = pytest.mark.django_db

CHANGE_PAGE = {"anonymous": 302, "other": 404, "reader": 403, "editor": 200, "admin": 200}
CHANGE_POST = {"anonymous": 302, "other": 404, "reader": 403, "editor": 302, "admin": 302}
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def diagnostic(workspace):
    return DiagnosticFactory(workspace=workspace)


def url(name, *args):
    return reverse(f"diagnostics:{name}", args=args)


def titles(diagnostic, quadrant=Quadrant.ATOUT):
    items = diagnostic.afom_items.alive().filter(quadrant=quadrant).order_by("order", "pk")
    return list(items.values_list("title", flat=True))


def test_role_matrix_of_adding_an_item(client_for, role_users, diagnostic):
    data = {"ajout-menace-title": "Fin des contrats aidés", "ajout-menace-priority": 1}
    check_role_matrix(
        client_for,
        role_users,
        url("afom-item-add", diagnostic.pk, "menace"),
        CHANGE_POST,
        "post",
        data,
    )
    assert titles(diagnostic, Quadrant.MENACE) == ["Fin des contrats aidés"] * 2


def test_role_matrix_of_editing_moving_and_deleting(client_for, role_users, diagnostic):
    item = AfomItemFactory(diagnostic=diagnostic)
    check_role_matrix(client_for, role_users, url("afom-item-edit", item.pk), CHANGE_PAGE)
    check_role_matrix(client_for, role_users, url("afom-item-delete", item.pk), CHANGE_PAGE)
    move = url("afom-item-move", item.pk)
    check_role_matrix(client_for, role_users, move, CHANGE_POST, "post", {"direction": "up"})


def test_a_reader_cannot_delete_or_edit_an_item(client_for, reader_user, diagnostic):
    item = AfomItemFactory(diagnostic=diagnostic, title="Réseau dense")
    client = client_for(reader_user)
    assert client.post(url("afom-item-delete", item.pk)).status_code == 403
    data = {f"item-{item.pk}-title": "Piraté", f"item-{item.pk}-quadrant": "menace"}
    assert client.post(url("afom-item-edit", item.pk), data).status_code == 403
    item.refresh_from_db()
    assert item.deleted_at is None and item.title == "Réseau dense"


def test_inline_add_answers_htmx_with_the_matrix(client_for, editor_user, diagnostic):
    theme = ThemeFactory(workspace=diagnostic.workspace, name="Mobilité")
    data = {
        "ajout-atout-title": "  Un  réseau de ressourceries ",
        "ajout-atout-theme": theme.pk,
        "ajout-atout-priority": Priority.HIGH,
    }
    response = client_for(editor_user).post(
        url("afom-item-add", diagnostic.pk, "atout"), data, **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "Un réseau de ressourceries" in html and 'id="quadrant-atout"' in html
    assert "ajouté aux atouts" in html  # the status said to screen readers (out of band)
    item = diagnostic.afom_items.get()
    assert (item.quadrant, item.theme, item.priority) == (Quadrant.ATOUT, theme, Priority.HIGH)
    entry = HistoryEntry.objects.get(object_type="afom_item", object_id=item.pk)
    assert entry.action == HistoryAction.CREATED and entry.user == editor_user


def test_a_refused_add_keeps_the_form_open_with_its_errors(client_for, editor_user, diagnostic):
    data = {"ajout-faiblesse-title": "   ", "ajout-faiblesse-priority": 9}
    response = client_for(editor_user).post(
        url("afom-item-add", diagnostic.pk, "faiblesse"), data, **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "pas été ajouté" in html
    assert '<details class="afom-add" open>' in html
    assert not diagnostic.afom_items.exists()


def test_an_unknown_quadrant_is_a_404(client_for, editor_user, diagnostic):
    response = client_for(editor_user).post(
        url("afom-item-add", diagnostic.pk, "force"), {"ajout-force-title": "x"}
    )
    assert response.status_code == 404


def test_a_theme_of_another_workspace_is_refused(client_for, editor_user, diagnostic):
    foreign = ThemeFactory(name="Habitat")
    data = {
        "ajout-atout-title": "Un atout",
        "ajout-atout-theme": foreign.pk,
        "ajout-atout-priority": 2,
    }
    client_for(editor_user).post(url("afom-item-add", diagnostic.pk, "atout"), data)
    assert not diagnostic.afom_items.exists()


def test_inline_edit_shows_the_form_in_place_then_saves(client_for, editor_user, diagnostic):
    item = AfomItemFactory(diagnostic=diagnostic, title="Réseau dense")
    client = client_for(editor_user)
    form = client.get(url("afom-item-edit", item.pk), **HTMX).content.decode()
    assert f'name="item-{item.pk}-title"' in form and "<html" not in form
    data = {
        f"item-{item.pk}-quadrant": Quadrant.OPPORTUNITE,
        f"item-{item.pk}-title": "Réseau associatif dense",
        f"item-{item.pk}-priority": Priority.LOW,
    }
    html = client.post(url("afom-item-edit", item.pk), data, **HTMX).content.decode()
    assert "Réseau associatif dense" in html
    item.refresh_from_db()
    assert (item.quadrant, item.priority) == (Quadrant.OPPORTUNITE, Priority.LOW)
    entry = HistoryEntry.objects.get(action=HistoryAction.CHANGED, object_type="afom_item")
    assert entry.changes["title"] == ["Réseau dense", "Réseau associatif dense"]
    assert entry.changes["quadrant"] == ["Atout", "Opportunité"]


def test_editing_without_htmx_redirects_to_the_board(client_for, editor_user, diagnostic):
    item = AfomItemFactory(diagnostic=diagnostic, title="Réseau dense")
    data = {
        f"item-{item.pk}-quadrant": "atout",
        f"item-{item.pk}-title": "Réseau",
        f"item-{item.pk}-priority": 2,
    }
    response = client_for(editor_user).post(url("afom-item-edit", item.pk), data)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#item-{item.pk}")


def test_move_up_and_down_reorders_within_the_quadrant(client_for, editor_user, diagnostic):
    first, second, third = (
        AfomItemFactory(diagnostic=diagnostic, title=title, order=0)  # equal orders get repaired
        for title in ("A", "B", "C")
    )
    AfomItemFactory(diagnostic=diagnostic, quadrant=Quadrant.MENACE, title="M")
    client = client_for(editor_user)
    response = client.post(url("afom-item-move", third.pk), {"direction": "up"}, **HTMX)
    assert titles(diagnostic) == ["A", "C", "B"]
    html = response.content.decode()
    assert escape("Élément monté d'un rang.") in html
    assert "autofocus" in html  # the focus stays on the moved item's button
    client.post(url("afom-item-move", first.pk), {"direction": "down"})
    assert titles(diagnostic) == ["C", "A", "B"]
    client.post(url("afom-item-move", second.pk), {"direction": "down"})  # already last
    assert titles(diagnostic) == ["C", "A", "B"]
    assert titles(diagnostic, Quadrant.MENACE) == ["M"]


def test_a_bad_direction_changes_nothing(client_for, editor_user, diagnostic):
    a = AfomItemFactory(diagnostic=diagnostic, title="A")
    AfomItemFactory(diagnostic=diagnostic, title="B")
    response = client_for(editor_user).post(url("afom-item-move", a.pk), {"direction": "sideways"})
    assert response.status_code == 302
    assert titles(diagnostic) == ["A", "B"]


def test_soft_delete_then_restore_brings_the_evidence_back(client_for, editor_user, diagnostic):
    item = AfomItemFactory(diagnostic=diagnostic, title="Réseau dense")
    excerpt = ExcerptFactory(interview=InterviewFactory(diagnostic=diagnostic))
    EvidenceFactory(item=item, title="Panorama CRESS")
    EvidenceFactory(item=item, kind=EvidenceKind.EXCERPT, excerpt=excerpt, title="")
    client = client_for(editor_user)
    response = client.post(url("afom-item-delete", item.pk))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.deleted_at is not None
    assert (
        f'id="item-{item.pk}"' not in client.get(url("afom-board", diagnostic.pk)).content.decode()
    )
    entry = HistoryEntry.objects.get(action=HistoryAction.DELETED, object_id=item.pk)
    assert len(entry.snapshot["evidence"]) == 2
    Evidence.objects.filter(item=item).delete()  # evidence lost since (e.g. by hand)

    response = client.post(url("afom-restore", entry.pk))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.deleted_at is None
    restored = {(e.kind, e.title, e.excerpt_id) for e in item.evidence.all()}
    assert restored == {
        (EvidenceKind.REFERENCE, "Panorama CRESS", None),
        (EvidenceKind.EXCERPT, "", excerpt.pk),
    }
    assert HistoryEntry.objects.filter(action=HistoryAction.RESTORED, object_id=item.pk).exists()


def test_the_board_offers_deleted_items_for_restore(client_for, editor_user, diagnostic):
    item = AfomItemFactory(diagnostic=diagnostic, title="Réseau dense")
    entry = services_afom.afom_item_delete(item=item, user=editor_user)
    html = client_for(editor_user).get(url("afom-board", diagnostic.pk)).content.decode()
    assert 'id="supprimes"' in html and url("afom-restore", entry.pk) in html


def test_restoring_twice_says_it_is_already_there(client_for, editor_user, diagnostic):
    item = AfomItemFactory(diagnostic=diagnostic)
    entry = services_afom.afom_item_delete(item=item, user=editor_user)
    client = client_for(editor_user)
    client.post(url("afom-restore", entry.pk))
    response = client.post(url("afom-restore", entry.pk), follow=True)
    assert "déjà dans la matrice" in response.content.decode()
    assert HistoryEntry.objects.filter(action=HistoryAction.RESTORED).count() == 1


def test_restore_role_matrix_and_its_404s(client_for, role_users, editor_user, diagnostic):
    item = AfomItemFactory(diagnostic=diagnostic)
    entry = services_afom.afom_item_delete(item=item, user=editor_user)
    expected = {"anonymous": 302, "other": 404, "reader": 403, "editor": 302, "admin": 302}
    check_role_matrix(client_for, role_users, url("afom-restore", entry.pk), expected, "post")
    client = client_for(editor_user)
    assert client.get(url("afom-restore", entry.pk)).status_code == 405
    changed = HistoryEntry.objects.filter(action=HistoryAction.CREATED).last()
    assert client.post(url("afom-restore", changed.pk)).status_code == 404
    assert client.post(url("afom-restore", 999999)).status_code == 404


def test_restore_recreates_an_item_whose_row_is_gone(editor_user, diagnostic):
    item = AfomItemFactory(diagnostic=diagnostic, title="Réseau dense", quadrant=Quadrant.MENACE)
    excerpt = ExcerptFactory(interview=InterviewFactory(diagnostic=diagnostic))
    EvidenceFactory(item=item, kind=EvidenceKind.EXCERPT, excerpt=excerpt, title="")
    entry = services_afom.afom_item_delete(item=item, user=editor_user)
    AfomItem.objects.filter(pk=item.pk).delete()
    excerpt.delete()
    restored, recreated = services_afom.afom_item_restore(entry=entry, user=editor_user)
    assert (restored.title, restored.quadrant, recreated) == ("Réseau dense", Quadrant.MENACE, 1)
    evidence = restored.evidence.get()
    assert evidence.kind == EvidenceKind.REFERENCE  # the excerpt is gone: its text is kept
    assert excerpt.text in evidence.citation


def test_a_snapshot_that_cannot_be_restored_is_refused(client_for, editor_user, diagnostic):
    item = AfomItemFactory(diagnostic=diagnostic)
    entry = services_afom.afom_item_delete(item=item, user=editor_user)
    AfomItem.objects.filter(pk=item.pk).delete()
    HistoryEntry.objects.filter(pk=entry.pk).update(snapshot={"quadrant": "force"})
    response = client_for(editor_user).post(url("afom-restore", entry.pk), follow=True)
    assert "ne permet pas de restaurer" in response.content.decode()
    assert not AfomItem.objects.exists()
