"""Reads of the actor registry shared by the views, the exports and the benchmarks."""

import operator
import re
from collections import defaultdict
from functools import reduce

from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import Count, Func, Q, Value

from actors.models import Actor, Establishment
from actors.validators import clean_siret
from essterritoire.territories.enums import Kind
from essterritoire.territories.models import Territory
from essterritoire.territories.refs import TerritoryRefError, resolve
from essterritoire.territories.text import normalize

WORDS = re.compile(r"[^\W_]+")
MAX_QUERY_LENGTH = 200
COMMUNE_CODE = re.compile(r"(?:com:)?(\d{4,5}|2[AB]\d{3})", re.IGNORECASE)
COMMUNE_WITH_CODE = re.compile(r"\((?:com:)?(\d{5}|2[AB]\d{3})\)\s*$", re.IGNORECASE)
DUPLICATE_REASONS = {"siret": "même SIRET", "name": "même nom dans la même commune"}


def guillemets(text):
    """« text » with the no-break spaces of French typography."""
    return f"«\u00a0{text}\u00a0»"


class FrenchVector(Func):
    """to_tsvector('french', <column>): the very expression of the GIN index of migration
    0002, so that PostgreSQL uses the index (SearchVector would wrap the column in COALESCE)."""

    template = "to_tsvector('french'::regconfig, %(expressions)s)"

    def __init__(self, expression, **extra):
        from django.contrib.postgres.search import SearchVectorField

        super().__init__(expression, output_field=SearchVectorField(), **extra)


def search_actors(queryset, text):
    """Actors whose name holds every word of `text`, or whose SIRET starts with its digits.

    PostgreSQL: French full-text search on `normalized_name` (already lower-case and without
    accents), each word matched as a prefix ("ecol" and "écoles" find "École"), the query
    passed through unaccent. Other databases: every normalised word contained in the name.
    """
    text = (text or "").strip()[:MAX_QUERY_LENGTH]
    if not text:
        return queryset
    digits = clean_siret(text)
    matches = [Q(siret__startswith=digits)] if digits.isdigit() and len(digits) >= 3 else []
    if connections[queryset.db].vendor == "postgresql":
        queryset, by_name = _postgres_name_match(queryset, text)
    else:
        words = normalize(text).split()
        by_name = Q(*[Q(normalized_name__contains=word) for word in words]) if words else None
    matches += [by_name] if by_name else []
    if not matches:
        return queryset.none()
    return queryset.filter(reduce(operator.or_, matches))


def _postgres_name_match(queryset, text):
    """(queryset with the indexed search vector, its condition) or (queryset, None)."""
    from django.contrib.postgres.search import SearchQuery

    words = WORDS.findall(text.lower())
    if not words:
        return queryset, None
    raw = " & ".join(f"{word}:*" for word in words)
    query = SearchQuery(Func(Value(raw), function="unaccent"), config="french", search_type="raw")
    queryset = queryset.alias(search_document=FrenchVector("normalized_name"))
    return queryset, Q(search_document=query)


def duplicate_pairs(workspace):
    """Candidate duplicates of the workspace: [{"first", "second", "reasons"}], pairs of
    actors with the same SIRET, or the same normalised name in the same commune (or both
    without commune). Each group of n actors gives n - 1 pairs, all with its oldest actor."""
    actors = Actor.objects.filter(workspace=workspace)
    sirets = set(
        actors.exclude(siret="")
        .values("siret")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("siret", flat=True)
    )
    names = set(
        actors.values("normalized_name", "commune")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("normalized_name", "commune")
    )
    candidates = actors.filter(
        Q(siret__in=sirets) | Q(normalized_name__in={name for name, _ in names})
    )
    groups = defaultdict(list)
    for actor in candidates.select_related("commune").annotate(contact_count=Count("contacts")):
        if actor.siret in sirets:
            groups["siret", actor.siret].append(actor)
        if (actor.normalized_name, actor.commune_id) in names:
            groups["name", actor.normalized_name, actor.commune_id].append(actor)
    return _pairs(groups)


def _pairs(groups):
    pairs = {}
    for key, members in groups.items():
        members.sort(key=lambda actor: actor.pk)
        for other in members[1:]:
            pair = pairs.setdefault(
                (members[0].pk, other.pk),
                {
                    "first": members[0],
                    "second": other,
                    "actors": [members[0], other],
                    "reasons": [],
                },
            )
            pair["reasons"].append(DUPLICATE_REASONS[key[0]])
    return sorted(pairs.values(), key=lambda p: (p["first"].normalized_name, p["second"].pk))


def ess_employers(territory):
    """The active ESS employer establishments of a territory."""
    return Establishment.objects.in_territory(territory).active().ess().filter(employer=True)


def ess_employers_missing(workspace, territory):
    """The territory's ESS employer establishments whose SIRET is not in the registry yet."""
    present = Actor.objects.filter(workspace=workspace).exclude(siret="").values("siret")
    return ess_employers(territory).exclude(siret__in=present)


def establishments_search(territory, text):
    """Active establishments of the territory by SIRET/SIREN prefix or by the words of their
    name (accents ignored: PostgreSQL compares through unaccent, and a word is also tried
    without its accents since SIRENE names are mostly written without them)."""
    queryset = Establishment.objects.in_territory(territory).active().order_by("name", "siret")
    text = (text or "").strip()[:MAX_QUERY_LENGTH]
    digits = clean_siret(text)
    if digits.isdigit() and len(digits) >= 3:
        return queryset.filter(siret__startswith=digits)
    words = text.split()
    if not words:
        return queryset.none()
    if connections[queryset.db].vendor == "postgresql":
        queryset = queryset.alias(plain_name=Func("name", function="unaccent"))
        field = "plain_name"
    else:
        field = "name"
    for word in words:
        plain = normalize(word)
        queryset = queryset.filter(
            Q(**{f"{field}__icontains": plain}) | Q(**{f"{field}__icontains": word})
        )
    return queryset


def sirets_in_registry(workspace, sirets):
    """{siret: actor id} of the workspace's actors among `sirets`."""
    rows = Actor.objects.filter(workspace=workspace, siret__in=list(sirets))
    return dict(rows.values_list("siret", "pk"))


def commune_from_text(text, territory=None):
    """The commune named by `text`: an INSEE code (former codes resolve to today's commune),
    "Name (code)", or an exact name (accents and case ignored); among communes of the same
    name, the one of `territory`. None for an empty text; ValidationError otherwise."""
    text = (text or "").strip()
    if not text:
        return None
    with_code = COMMUNE_WITH_CODE.search(text)
    code = COMMUNE_CODE.fullmatch(with_code.group(1) if with_code else text)
    if code:
        try:
            return resolve(f"com:{code.group(1)}")
        except TerritoryRefError as error:
            raise ValidationError(str(error)) from None
    return _commune_by_name(text, territory)


def _commune_by_name(text, territory):
    communes = list(Territory.objects.filter(kind=Kind.COMMUNE, search_name=normalize(text))[:20])
    if len(communes) > 1 and territory is not None:
        inside = set(territory.communes().values_list("pk", flat=True))
        communes = [commune for commune in communes if commune.pk in inside] or communes
    if len(communes) == 1:
        return communes[0]
    if not communes:
        raise ValidationError(f"Commune inconnue\u00a0: {guillemets(text)}.")
    raise ValidationError(
        f"Plusieurs communes s'appellent {guillemets(text)}\u00a0: indiquez son code Insee."
    )
