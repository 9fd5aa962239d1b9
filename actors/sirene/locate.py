"""Where an establishment is: its commune code, as written in a SIRENE file, to the current
commune with its EPCI, département and région, from in-memory dicts (no query per row)."""

from django.db.models import Q

from essterritoire.territories.models import FormerCode, Territory
from essterritoire.territories.refs import resolve


def territories_from(items, workspace_ids=None):
    """Territory objects from Territory objects or KIND:CODE references (TerritoryRefError)."""
    return [item if isinstance(item, Territory) else resolve(item, workspace_ids) for item in items]


def places(territories=()):
    """{code: (commune, epci, département, région)} for every current commune of the
    territories (all when none is given) and every former code that resolves to one of them.

    A code that is not a key (a foreign "99..." code, an empty one, a commune outside the
    territories) is outside.
    """
    communes = Territory.objects.communes()
    if territories:
        wanted = Q()
        for territory in territories:
            wanted |= Q(pk__in=territory.communes().values("pk"))
        communes = communes.filter(wanted)
    rows = communes.values_list("pk", "code", "epci__code", "departement__code", "region__code")
    found, by_pk = {}, {}
    for pk, code, epci, departement, region in rows:
        found[code] = by_pk[pk] = (code, epci or "", departement or "", region or "")
    for code, commune_id in FormerCode.objects.values_list("code", "commune_id"):
        if commune_id in by_pk and code not in found:
            found[code] = by_pk[commune_id]
    return found
