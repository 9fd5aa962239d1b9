"""Changes on the AFOM board: add, edit, move, delete (soft) and restore an item."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from diagnostics import services_afom as services
from diagnostics.enums import HistoryAction, Quadrant
from diagnostics.forms_afom import AfomItemForm, item_initial
from diagnostics.models import AfomItem, Diagnostic, HistoryEntry
from diagnostics.selectors import AFOM_OBJECT_TYPE
from diagnostics.services_afom import DOWN, UP
from diagnostics.views.afom import QUADRANTS, board_url, render_board, theme_filter
from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import with_object

ITEMS = AfomItem.objects.alive().select_related("diagnostic__workspace", "theme")
DELETED_ENTRIES = HistoryEntry.objects.filter(
    action=HistoryAction.DELETED, object_type=AFOM_OBJECT_TYPE
).select_related("diagnostic__workspace")
MOVES = {UP: "Élément monté d'un rang.", DOWN: "Élément descendu d'un rang."}


def _after_change(request, diagnostic, theme, item, message, control="edit"):
    """The matrix fragment for htmx (focus kept on the control used), else a redirect."""
    if request.htmx:
        return render_board(request, diagnostic, theme, focus=(item.pk, control), status=message)
    messages.success(request, message)
    return redirect(board_url(diagnostic.pk, theme, f"item-{item.pk}"))


@with_object(Diagnostic, Action.CHANGE, pk="pk")
@require_POST
def afom_item_add(request, diagnostic, quadrant):
    """Add an item at the end of a quadrant (the inline form of each quadrant)."""
    if quadrant not in Quadrant.values:
        raise Http404("Quadrant inconnu.")
    theme = theme_filter(request, diagnostic)
    form = AfomItemForm(
        request.POST, prefix=f"ajout-{quadrant}", diagnostic=diagnostic, with_quadrant=False
    )
    if not form.is_valid():
        return render_board(
            request, diagnostic, theme, add_forms={quadrant: form}, open_add=quadrant
        )
    data = {**form.cleaned_data, "quadrant": quadrant}
    item = services.afom_item_create(diagnostic=diagnostic, user=request.user, data=data)
    message = f"«\u00a0{item.title}\u00a0» ajouté aux {QUADRANTS[quadrant][0].lower()}."
    return _after_change(request, diagnostic, theme, item, message)


@with_object(ITEMS, Action.CHANGE, pk="pk")
def afom_item_edit(request, item):
    """Edit inline (htmx: the matrix with the item's form in place) or on its own page."""
    diagnostic = item.diagnostic
    theme = theme_filter(request, diagnostic)
    form = AfomItemForm(
        request.POST or None,
        initial=item_initial(item),
        prefix=f"item-{item.pk}",
        diagnostic=diagnostic,
    )
    if request.method == "POST" and form.is_valid():
        changes = services.afom_item_update(item=item, user=request.user, data=form.cleaned_data)
        message = f"«\u00a0{item.title}\u00a0» modifié." if changes else "Aucune modification."
        return _after_change(request, diagnostic, theme, item, message)
    if request.htmx:
        return render_board(request, diagnostic, theme, editing=item.pk, edit_form=form)
    context = {"diagnostic": diagnostic, "item": item, "form": form, "theme": theme}
    return render(request, "diagnostics/afom/item_form.html", context)


@with_object(ITEMS, Action.CHANGE, pk="pk")
@require_POST
def afom_item_move(request, item):
    """Move the item one place up or down in its quadrant ("monter" / "descendre")."""
    diagnostic = item.diagnostic
    theme = theme_filter(request, diagnostic)
    direction = request.POST.get("direction")
    try:
        moved = services.afom_item_move(item=item, user=request.user, direction=direction)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(board_url(diagnostic.pk, theme))
    message = MOVES[direction] if moved else "L'élément est déjà à cette extrémité."
    return _after_change(request, diagnostic, theme, item, message, control=direction)


@with_object(ITEMS, Action.DELETE, pk="pk")
def afom_item_delete(request, item):
    """A confirmation page; the POST takes the item off the matrix (it can be restored)."""
    diagnostic = item.diagnostic
    if request.method == "POST":
        services.afom_item_delete(item=item, user=request.user)
        messages.success(
            request,
            f"«\u00a0{item.title}\u00a0» supprimé. Vous pouvez le restaurer depuis la liste des "
            "éléments supprimés, sous la matrice.",
        )
        return redirect(board_url(diagnostic.pk, anchor="supprimes"))
    context = {"diagnostic": diagnostic, "item": item, "evidence_count": item.evidence.count()}
    return render(request, "diagnostics/afom/item_confirm_delete.html", context)


@with_object(DELETED_ENTRIES, Action.CHANGE, pk="pk")
@require_POST
def afom_restore(request, entry):
    """Put a deleted item back in the matrix, with its evidence, from its history entry."""
    try:
        item, recreated = services.afom_item_restore(entry=entry, user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(_next_url(request) or board_url(entry.diagnostic_id))
    message = f"«\u00a0{item.title}\u00a0» est de retour dans la matrice."
    if recreated:
        message += f" Preuves recréées\u00a0: {recreated}."
    messages.success(request, message)
    return redirect(_next_url(request) or board_url(entry.diagnostic_id, anchor=f"item-{item.pk}"))


def _next_url(request):
    """Where to go back after a restore (the history page may send `next`), if safe."""
    url = request.POST.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if url and allowed else None
