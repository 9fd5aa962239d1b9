"""Territory search: names accent- and case-insensitively, codes by prefix, KIND:CODE exactly.

Ranking: exact match first, then prefix, then a word starting with the query, then anything
containing it; within a rank, the larger population first. Names are compared on
`search_name` (see text.normalize), so the same plain LIKE works on SQLite and PostgreSQL.
"""

import re

from django.db.models import Case, F, IntegerField, Q, Value, When

from essterritoire.territories.models import FormerCode, Territory
from essterritoire.territories.refs import parse_ref, resolve
from essterritoire.territories.text import normalize

CODE_LIKE = re.compile(r"\d{2,9}|2[AB]\d{0,3}", re.IGNORECASE)


def search_territories(query, workspace_ids):
    """(ranked queryset, notice) for a query typed in the search box.

    Raises refs.TerritoryRefError when a KIND:CODE query cannot be read or names nothing.
    """
    query = query.strip()
    visible = Territory.objects.visible_to_workspaces(workspace_ids).select_related(
        "departement", "region", "workspace"
    )
    if ":" in query:
        territory = resolve(query, workspace_ids)
        _kind, code = parse_ref(query)
        return visible.filter(pk=territory.pk), _former_notice(code, territory)
    if CODE_LIKE.fullmatch(query):
        return _by_code(visible, query.upper())
    return _by_name(visible, normalize(query)), ""


def _by_code(queryset, code):
    whens, match, notice = [When(code=code, then=Value(0))], Q(code__startswith=code), ""
    former = FormerCode.objects.filter(code=code).select_related("commune").first()
    if former:
        whens.append(When(pk=former.commune_id, then=Value(1)))
        match |= Q(pk=former.commune_id)
        notice = _former_notice(code, former.commune)
    rank = Case(*whens, default=Value(2), output_field=IntegerField())
    return _ranked(queryset.filter(match), rank), notice


def _by_name(queryset, text):
    if not text:
        return queryset.none()
    for word in text.split():
        queryset = queryset.filter(search_name__contains=word)
    rank = Case(
        When(search_name=text, then=Value(0)),
        When(search_name__startswith=text, then=Value(1)),
        When(search_name__contains=f" {text}", then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    return _ranked(queryset, rank)


def _ranked(queryset, rank):
    return queryset.annotate(rank=rank).order_by(
        "rank", F("population").desc(nulls_last=True), "name", "pk"
    )


def _former_notice(code, commune):
    if commune.code == code:
        return ""
    return (
        f"{code} est un ancien code : il correspond aujourd'hui à la commune "
        f"{commune.name} ({commune.code})."
    )
