"""Key figures of many territories at once, in a number of queries that does not grow with
them: one aggregate query per kind of territory (communes, EPCI, départements, régions,
groupings) and one for France, grouped by territory code, family and employer flag."""

from collections import defaultdict

from django.db.models import Sum

from actors.models import Establishment
from diagnostics.indicators.figures import Figures, family_aggregates
from essterritoire.territories.enums import Kind
from essterritoire.territories.models import Territory

CODE_FIELDS = {
    Kind.COMMUNE: "commune_code",
    Kind.EPCI: "epci_code",
    Kind.DEPARTEMENT: "departement_code",
    Kind.REGION: "region_code",
}


def _grouped(field, codes):
    return (
        Establishment.objects.active()
        .filter(**{f"{field}__in": codes})
        .values(field, "family", "employer")
        .annotate(**family_aggregates())
        .order_by()
    )


def _add(figures, row):
    figures.add(row["family"], row["employer"], row["n"], row["low"], row["high"])


def figures_of(territories):
    """{territory pk: Figures} for official territories and groupings."""
    result = {territory.pk: Figures() for territory in territories}
    by_kind = defaultdict(list)
    for territory in territories:
        by_kind[territory.kind].append(territory)
    for kind, group in by_kind.items():
        if kind == Kind.GROUPING:
            _groupings(group, result)
            continue
        field = CODE_FIELDS[kind]
        pks = {territory.code: territory.pk for territory in group}
        for row in _grouped(field, list(pks)):
            _add(result[pks[row[field]]], row)
    return result


def _groupings(groupings, result):
    """Groupings: their member communes (one query), then the counts by commune (one query)."""
    members = defaultdict(list)
    links = Territory.members.through.objects.filter(from_territory__in=groupings)
    for grouping_id, code in links.values_list("from_territory_id", "to_territory__code"):
        members[code].append(grouping_id)
    for row in _grouped("commune_code", list(members)):
        for grouping_id in members[row["commune_code"]]:
            _add(result[grouping_id], row)


def france_figures():
    """Figures of every stored establishment (all of France); one query."""
    figures = Figures()
    rows = (
        Establishment.objects.active()
        .values("family", "employer")
        .annotate(**family_aggregates())
        .order_by()
    )
    for row in rows:
        _add(figures, row)
    return figures


def france_population():
    return Territory.objects.filter(kind=Kind.REGION).aggregate(total=Sum("population"))["total"]


def parents_of(territory):
    """(départements, régions) that contain the territory's communes, by name; two queries.
    A région has none; a département has only its région."""
    if territory.kind == Kind.REGION:
        return [], []
    if territory.kind == Kind.DEPARTEMENT:
        return [], [territory.region] if territory.region_id else []
    pairs = territory.communes().order_by().values_list("departement_id", "region_id").distinct()
    pairs = list(pairs)
    wanted = {pk for pair in pairs for pk in pair if pk}
    found = {t.pk: t for t in Territory.objects.filter(pk__in=wanted)} if wanted else {}
    departements = {pk: found[pk] for pk, _ in pairs if pk in found}
    regions = {pk: found[pk] for _, pk in pairs if pk in found}
    return _by_name(departements), _by_name(regions)


def _by_name(territories):
    return sorted(territories.values(), key=lambda territory: (territory.name, territory.code))
