"""What the SIRENE pages show beside the rows: labels of codes and places, export rows."""

from django.template.defaultfilters import filesizeformat

from actors.models import Establishment, LegalCategory, LegalUnit, NafCode
from actors.sirene.classify import LegalUnitInfo, Rules, matching_rule
from essterritoire.territories.enums import Kind
from essterritoire.territories.models import Territory

UNKNOWN = "code inconnu"
EXPORT_HEADERS = [
    "SIRET",
    "Nom",
    "Non diffusible",
    "Code commune",
    "Commune",
    "EPCI",
    "Département",
    "Région",
    "Code NAF",
    "Activité",
    "Tranche d'effectifs",
    "Employeur",
    "Actif",
    "Catégorie juridique",
    "Indicateur ESS",
    "Famille ESS",
    "Adresse",
]
STATES = {"actif": True, "ferme": False}
YES_NO = {"oui": True, "non": False}


def size(value):
    return filesizeformat(value)


def filtered(form):
    """The establishments the filter form asks for (all when it is invalid: errors shown)."""
    queryset = Establishment.objects.order_by("name", "siret")
    if not form.is_valid():
        return queryset
    values = form.cleaned_data
    if values["territoire"]:
        queryset = queryset.in_territory(values["territoire"])
    if values["q"].strip():
        queryset = queryset.search(values["q"])
    if values["famille"]:
        queryset = queryset.filter(family=values["famille"])
    if values["employeur"]:
        queryset = queryset.filter(employer=YES_NO[values["employeur"]])
    if values["etat"]:
        queryset = queryset.filter(active=STATES[values["etat"]])
    return queryset


def names_of(kind, codes):
    return dict(
        Territory.objects.filter(kind=kind, code__in=set(codes)).values_list("code", "name")
    )


def naf_labels(codes):
    return dict(NafCode.objects.filter(code__in=set(codes)).values_list("code", "label"))


def label_page(establishments):
    """Set `commune_name` and `naf_label` on a page of establishments (two queries)."""
    rows = list(establishments)
    communes = names_of(Kind.COMMUNE, (e.commune_code for e in rows))
    naf = naf_labels(e.naf_code for e in rows)
    for e in rows:
        e.commune_name, e.naf_label = communes.get(e.commune_code, ""), naf.get(e.naf_code, "")
    return rows


def export_rows(queryset):
    """Rows under EXPORT_HEADERS; labels read once for the whole export."""
    communes = dict(Territory.objects.communes().values_list("code", "name"))
    naf = dict(NafCode.objects.values_list("code", "label"))
    for e in queryset.iterator(chunk_size=2000):
        yield [
            e.siret,
            e.display_name,
            e.non_diffusible,
            e.commune_code,
            communes.get(e.commune_code, ""),
            e.epci_code,
            e.departement_code,
            e.region_code,
            e.naf_code,
            naf.get(e.naf_code, UNKNOWN if e.naf_code else ""),
            e.get_size_band_display(),
            e.employer,
            e.active,
            e.legal_category,
            e.ess_flag,
            e.get_family_display(),
            e.address,
        ]


def detail_context(establishment):
    """Labels, places, legal unit and the rule that gave the family, for the detail page."""
    e = establishment
    unit = LegalUnit.objects.filter(siren=e.siren).first()
    info = LegalUnitInfo(unit.name, unit.legal_category, unit.ess_flag) if unit else None
    family, kind, value = matching_rule(e.naf_code, info, Rules.load())
    places = {
        kind: Territory.objects.filter(kind=kind, code=code).first()
        for kind, code in (
            (Kind.COMMUNE, e.commune_code),
            (Kind.EPCI, e.epci_code),
            (Kind.DEPARTEMENT, e.departement_code),
            (Kind.REGION, e.region_code),
        )
        if code
    }
    category = LegalCategory.objects.filter(code=e.legal_category).first()
    return {
        "legal_unit": unit,
        "naf_label": naf_labels([e.naf_code]).get(e.naf_code, UNKNOWN),
        "category_label": category.label if category else UNKNOWN,
        "places": [places.get(k) for k in (Kind.COMMUNE, Kind.EPCI, Kind.DEPARTEMENT, Kind.REGION)],
        "rule": {"kind": kind, "value": value, "family": family},
    }


def label_rules(rules):
    """Set `label` on each rule: the label of the legal category or NAF code it names."""
    rules = list(rules)
    values = [rule.value for rule in rules]
    categories = dict(LegalCategory.objects.filter(code__in=values).values_list("code", "label"))
    naf = naf_labels(values)
    flags = {"O": "Oui", "N": "Non"}
    for rule in rules:
        labels = {"legal_category": categories, "naf_exclusion": naf}.get(rule.kind, flags)
        rule.label = labels.get(rule.value, UNKNOWN)
    return rules
