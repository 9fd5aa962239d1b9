"""Helpers the diagnostic report's sections share: plain JSON values, one computation shared by
several sections during one collect, how an actor is named in an anonymised excerpt."""

import base64
import contextlib
import contextvars
import re
from datetime import date, datetime
from decimal import Decimal
from html import unescape

from django.utils import timezone
from django.utils.html import format_html

from actors.enums import ESS_ACTOR_KINDS, ActorKind
from essterritoire.reports import formats
from essterritoire.reports.cache import cached_chart

_MEMO = contextvars.ContextVar("diagnostic_report_memo", default=None)
KIND_LABELS = dict(ActorKind.choices)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.S)
_DESC = re.compile(r"<desc[^>]*>(.*?)</desc>", re.S)


@contextlib.contextmanager
def shared_computations():
    """While open, `memo(key, compute)` computes each key once (the comparison of the
    territories serves the key figures and the ESS chapter)."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def memo(key, compute):
    store = _MEMO.get()
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return store[key]


def plain(value):
    """A value as JSON has it: Decimal as int or float, dates as ISO text, containers
    recursively."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def day(value):
    """'23/11/2026' of a date, or of an aware datetime in the local time zone; "" for None."""
    return formats.day(value, empty="")


def anonymous_label(kinds):
    """How an anonymised excerpt names who said it, from the kinds of the actors met (never
    their names): "Une structure de l'ESS, association", "Un partenaire, collectivité",
    "Des structures de l'ESS (association, fondation)" for a collective interview."""
    kinds = list(kinds)
    if not kinds:
        return "Une structure rencontrée"
    labels = ", ".join(KIND_LABELS.get(kind, kind).lower() for kind in sorted(set(kinds)))
    ess = all(kind in ESS_ACTOR_KINDS for kind in kinds)
    if len(kinds) == 1:
        return f"Une structure de l'ESS, {labels}" if ess else f"Un partenaire, {labels}"
    return (
        f"Des structures de l'ESS ({labels})" if ess else f"Des structures rencontrées ({labels})"
    )


def chart_image(svg):
    """A drawn chart as an <img> whose source is the SVG itself (a data: URL), its alternative
    text the chart's title and description. As an image the chart is laid out as one box: its
    hundreds of SVG elements stay out of the HTML document, which WeasyPrint then styles and
    lays out much faster. The data table printed next to the chart gives the same values."""
    if not svg:
        return ""
    title = _TITLE.search(svg)
    desc = _DESC.search(svg)
    alt = " ".join(unescape(part.group(1)) for part in (title, desc) if part)
    source = base64.b64encode(svg.encode()).decode()
    return format_html(
        '<img class="r-chart" src="data:image/svg+xml;base64,{}" alt="{}">', source, alt
    )


def draw(chart, *args, **kwargs):
    """The chart drawn once for the same data (essterritoire.reports.cache), as an image."""
    return chart_image(cached_chart(chart, *args, **kwargs))
