"""The AFOM board (2x2 matrix with the internal/external reading), its print view and export.

Every change on the board (views/afom_items.py) answers an htmx request with the matrix
fragment, and a plain request with a redirect, so the board also works without JavaScript.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from diagnostics import selectors
from diagnostics.enums import Quadrant
from diagnostics.forms_afom import AfomItemForm, ThemeFilterForm
from diagnostics.models import Diagnostic
from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import can, with_object
from essterritoire.exports import FORMATS, export_response

# Seed 000: the reading of each quadrant.
QUADRANTS = {
    Quadrant.ATOUT: (
        "Atouts",
        "un atout",
        "Aspects positifs internes, présents ou maîtrisés par le territoire, sur lesquels "
        "construire l'avenir.",
    ),
    Quadrant.FAIBLESSE: (
        "Faiblesses",
        "une faiblesse",
        "Aspects négatifs internes, présents ou maîtrisés par le territoire, pour lesquels "
        "des marges d'amélioration existent.",
    ),
    Quadrant.OPPORTUNITE: (
        "Opportunités",
        "une opportunité",
        "Possibilités extérieures positives dont le territoire peut tirer parti, compte tenu "
        "de ses atouts et de ses faiblesses.",
    ),
    Quadrant.MENACE: (
        "Menaces",
        "une menace",
        "Évolutions de l'environnement qui peuvent affecter le territoire\u00a0: problèmes, "
        "obstacles ou limites venus de l'extérieur.",
    ),
}
ROWS = (
    (
        "interne",
        "Facteurs internes",
        "Jugés par rapport aux territoires voisins ou comparables.",
        selectors.INTERNAL_ROW,
    ),
    (
        "externe",
        "Facteurs externes",
        "Issus de l'environnement supra-territorial\u00a0: région, État, Europe, marchés.",
        selectors.EXTERNAL_ROW,
    ),
)
EXPORT_HEADERS = [
    "Quadrant",
    "Intitulé",
    "Description",
    "Thème",
    "Priorité",
    "Nombre de preuves",
    "Preuves",
]


def theme_filter(request, diagnostic):
    """The theme the board is filtered on (GET, or the hidden field of a POST), else None;
    an unknown value is reported once and ignored."""
    form = ThemeFilterForm(request.POST or request.GET, diagnostic=diagnostic)
    theme = form.selected()
    if form.errors and request.method == "GET" and not request.htmx:
        messages.warning(request, "Thème inconnu\u00a0: le filtre est ignoré.")
    return theme


def board_url(diagnostic_id, theme=None, anchor=""):
    url = reverse("diagnostics:afom-board", args=[diagnostic_id])
    if theme is not None:
        url += "?" + urlencode({"theme": theme.pk})
    return url + (f"#{anchor}" if anchor else "")


def matrix_rows(items, add_forms=None, focus=None):
    """The matrix as rows of quadrants, each with its items and (for editors) its add form.
    `focus` = (item id, "up" | "down" | "edit") marks the control to focus after a change."""
    grouped = selectors.by_quadrant(items)
    for quadrant_items in grouped.values():
        _mark_focus(quadrant_items, focus)
    return [
        {
            "code": code,
            "title": title,
            "reading": reading,
            "quadrants": [
                {
                    "code": quadrant,
                    "label": QUADRANTS[quadrant][0],
                    "add_label": QUADRANTS[quadrant][1],
                    "reading": QUADRANTS[quadrant][2],
                    "items": grouped[quadrant],
                    "add_form": (add_forms or {}).get(quadrant),
                }
                for quadrant in quadrants
            ],
        }
        for code, title, reading, quadrants in ROWS
    ]


def _mark_focus(items, focus):
    """Set `focus` on the item to focus; a move button that became disabled (first, last)
    hands the focus to the other one, or to the edit link."""
    if not focus:
        return
    last = len(items) - 1
    for index, item in enumerate(items):
        if item.pk != focus[0]:
            continue
        control = focus[1]
        if control == "up" and index == 0:
            control = "down" if last > 0 else "edit"
        elif control == "down" and index == last:
            control = "up" if last > 0 else "edit"
        item.focus = control


def render_board(request, diagnostic, theme=None, **extra):
    """The board page, or its matrix fragment for an htmx request. `extra` may hold
    `add_forms` {quadrant: bound form}, `open_add`, `editing`/`edit_form`, `focus`, `status`."""
    can_change = can(request.user, diagnostic.workspace_id, Action.CHANGE)
    add_forms = extra.pop("add_forms", {})
    if can_change:
        for quadrant in Quadrant.values:
            add_forms.setdefault(quadrant, _add_form(diagnostic, quadrant, theme))
    if "edit_form" in extra:
        extra["edit_form"].fields["title"].widget.attrs["autofocus"] = True
    items = selectors.board_items(diagnostic, theme)
    context = {
        "diagnostic": diagnostic,
        "board_url": board_url(diagnostic.pk),
        "theme": theme,
        "filter_form": ThemeFilterForm({"theme": theme.pk if theme else ""}, diagnostic=diagnostic),
        "rows": matrix_rows(items, add_forms, extra.pop("focus", None)),
        "can_change": can_change,
        "can_delete": can(request.user, diagnostic.workspace_id, Action.DELETE),
        **extra,
    }
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "diagnostics/afom/board.html#matrix", context)
    context["deleted"] = selectors.deleted_items(diagnostic) if can_change else []
    context["comparisons"] = diagnostic.comparisons.select_related("territory")
    return render(request, "diagnostics/afom/board.html", context)


def _add_form(diagnostic, quadrant, theme):
    return AfomItemForm(
        prefix=f"ajout-{quadrant}",
        initial={"theme": theme.pk if theme else None},
        diagnostic=diagnostic,
        with_quadrant=False,
    )


@with_object(Diagnostic, Action.VIEW, pk="pk")
def afom_board(request, diagnostic):
    """The 2x2 matrix; readers see it without any edit control."""
    return render_board(request, diagnostic, theme_filter(request, diagnostic))


@with_object(Diagnostic.objects.select_related("territory"), Action.VIEW, pk="pk")
def afom_print(request, diagnostic):
    """The matrix on one printed page (see static/css/afom.css, @media print)."""
    theme = theme_filter(request, diagnostic)
    context = {
        "diagnostic": diagnostic,
        "theme": theme,
        "rows": matrix_rows(selectors.board_items(diagnostic, theme)),
        "comparisons": diagnostic.comparisons.select_related("territory"),
    }
    return render(request, "diagnostics/afom/print.html", context)


@with_object(Diagnostic, Action.VIEW, pk="pk")
def afom_export(request, diagnostic):
    """The matrix as CSV or XLSX: one row per item, its evidence in one cell."""
    fmt = request.GET.get("format", "csv")
    theme = theme_filter(request, diagnostic)
    if fmt not in FORMATS:
        messages.error(request, "Format d'export inconnu\u00a0: choisissez CSV ou XLSX.")
        return redirect(board_url(diagnostic.pk, theme))
    rows = (_export_row(item) for item in selectors.export_items(diagnostic, theme))
    name = f"matrice-afom-diagnostic-{diagnostic.pk}"
    return export_response(fmt, name, EXPORT_HEADERS, rows, title="Matrice AFOM")


def _export_row(item):
    evidence = list(item.evidence.all())
    return [
        item.get_quadrant_display(),
        item.title,
        item.description,
        item.theme.name if item.theme else "",
        item.get_priority_display(),
        len(evidence),
        "\n".join(piece.summary() for piece in evidence),
    ]
