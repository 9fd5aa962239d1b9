"""Territory references as people and commands type them: KIND:CODE, or a bare code.

    com:44003  epci:244400552  dep:44  dep:2A  reg:52  grp:mon-pays  44003  2A004  244400552

A former commune code (a merged commune, a delegated commune, a municipal arrondissement)
resolves to the commune it belongs to today.
"""

import re

from essterritoire.territories.enums import Kind
from essterritoire.territories.models import FormerCode, Territory

SYNTAX_HELP = (
    "Syntaxe attendue TYPE:CODE, par exemple com:44003, epci:244400552, dep:44, reg:52 "
    "ou grp:mon-pays"
)
CODE_PATTERNS = {
    Kind.COMMUNE: re.compile(r"\d{5}|2[AB]\d{3}"),
    Kind.EPCI: re.compile(r"\d{9}"),
    Kind.DEPARTEMENT: re.compile(r"\d{2,3}|2[AB]"),
    Kind.REGION: re.compile(r"\d{2,3}"),
    Kind.GROUPING: re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*"),
}
CODE_HELP = {
    Kind.COMMUNE: ("Code commune", "5 caractères, par exemple 44003 ou 2A004"),
    Kind.EPCI: ("Code EPCI", "numéro SIREN à 9 chiffres, par exemple 244400552"),
    Kind.DEPARTEMENT: ("Code département", "par exemple 44, 2A ou 974"),
    Kind.REGION: ("Code région", "par exemple 52 ou 04"),
    Kind.GROUPING: ("Identifiant de regroupement", "en minuscules, par exemple mon-pays"),
}
# Spreadsheets drop the leading zero: com:1001 is 01001, dep:1 is 01.
PADDED_LENGTH = {Kind.COMMUNE: 5, Kind.DEPARTEMENT: 2, Kind.REGION: 2}


class TerritoryRefError(ValueError):
    """A reference that cannot be read or names no territory; the message is for people."""


def parse_ref(text):
    """(kind, code) of a reference, codes normalised (upper-case 2A/2B, leading zeros)."""
    text = (text or "").strip()
    if not text:
        raise TerritoryRefError(f"Territoire non renseigné. {SYNTAX_HELP}.")
    if ":" not in text:
        return _parse_bare(text)
    kind, _, code = (part.strip() for part in text.partition(":"))
    kind = kind.lower()
    if kind not in Kind.values:
        raise TerritoryRefError(f"Type de territoire inconnu : « {kind} ». {SYNTAX_HELP}.")
    return kind, _normalize_code(kind, code)


def _parse_bare(text):
    code = text.upper()
    if CODE_PATTERNS[Kind.COMMUNE].fullmatch(code):
        return Kind.COMMUNE.value, code
    if CODE_PATTERNS[Kind.EPCI].fullmatch(code):
        return Kind.EPCI.value, code
    if CODE_PATTERNS[Kind.DEPARTEMENT].fullmatch(code):
        raise TerritoryRefError(
            f"Code ambigu : « {text} ». Précisez dep:{code} (département) ou reg:{code} (région)."
        )
    raise TerritoryRefError(f"Référence illisible : « {text} ». {SYNTAX_HELP}.")


def _normalize_code(kind, code):
    code = code.lower() if kind == Kind.GROUPING else code.upper()
    if code.isdigit() and len(code) == PADDED_LENGTH.get(kind, 0) - 1:
        code = "0" + code
    if not CODE_PATTERNS[kind].fullmatch(code):
        name, example = CODE_HELP[kind]
        raise TerritoryRefError(f"{name} invalide : « {code or 'vide'} » ({example}).")
    return code


def resolve(text, workspace_ids=None):
    """The Territory a reference names; groupings only among those of `workspace_ids`."""
    kind, code = parse_ref(text)
    queryset = Territory.objects.filter(kind=kind, code=code)
    if kind == Kind.GROUPING:
        queryset = queryset.filter(workspace_id__in=list(workspace_ids or []))
    territory = queryset.first()
    if territory is None and kind == Kind.COMMUNE:
        former = FormerCode.objects.select_related("commune").filter(code=code).first()
        territory = former.commune if former else None
    if territory is None:
        raise TerritoryRefError(f"Territoire inconnu : {kind}:{code}")
    return territory


def split_refs(text):
    """[(line number, reference)] of a text with one reference per line or comma-separated."""
    return [
        (number, item.strip())
        for number, line in enumerate((text or "").splitlines(), start=1)
        for item in re.split(r"[,;]", line)
        if item.strip()
    ]


def resolve_communes(text, workspace_ids=None):
    """(commune ids, errors) of a list of references, each expanded to its communes.

    Errors are French sentences naming the line, one per reference that does not resolve.
    """
    commune_ids, errors = set(), []
    for number, ref in split_refs(text):
        try:
            territory = resolve(ref, workspace_ids)
        except TerritoryRefError as error:
            errors.append(f"Ligne {number} (« {ref} ») : {error}")
            continue
        commune_ids.update(territory.communes().values_list("pk", flat=True))
    return commune_ids, errors
