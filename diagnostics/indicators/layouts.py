"""The two layouts of a regional data file, read into the values to import (pure functions).

Long format, one value per row: `territoire` (KIND:CODE, or a commune or EPCI code),
`indicateur` (a code of the catalog, or any name), `annee`, `valeur`, and optionally `unite`
and `source`.

Urssaf layout (open.urssaf.fr, ESS by family x NA88 sector x région x year): `champ_ess`,
`famille_ess`, `secteur_na88`, `annee`, `code_region`, `nombre_d_etablissements`,
`effectifs_salaries_moyens`, `masse_salariale`; each row gives up to three values (an empty
measure, such as a figure under statistical secrecy, is skipped).
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from diagnostics.indicators import catalog
from diagnostics.indicators.reading import FileError, ValueProblem, parse_number, parse_year, plain

LONG, URSSAF = "long", "urssaf"
LAYOUT_LABELS = {LONG: "format long", URSSAF: "format Urssaf"}
LONG_REQUIRED = ("territoire", "indicateur", "annee", "valeur")
URSSAF_MEASURES = {
    "nombre_d_etablissements": "etablissements_employeurs",
    "effectifs_salaries_moyens": "effectifs_salaries",
    "masse_salariale": "masse_salariale",
}
URSSAF_REQUIRED = ("champ_ess", "famille_ess", "secteur_na88", "annee", "code_region")
URSSAF_SOURCE = "Urssaf"
TOTALS = {"", "ensemble", "total", "tous", "toutes", "tous secteurs", "toutes familles"}
FAMILY_WORDS = {
    "association": "association",
    "cooperative": "cooperative",
    "mutuelle": "mutuelle",
    "fondation": "fondation",
    "commercial": "ess_commercial",
    "societe": "ess_commercial",
}
MAX_TEXT = 120


@dataclass
class Parsed:
    """One value read from the file, before its territory is looked up."""

    line: int
    column: str
    ref: str
    code: str
    label: str
    unit: str
    year: int
    value: Decimal
    source: str
    ref_column: str = "territoire"
    territory: object = None  # the Territory, once looked up


def error(line, column, value, reason):
    return {"row": line, "column": column, "value": value, "reason": reason}


def detect(table):
    """The layout of the table, from its header; FileError naming the missing columns."""
    keys = set(table.keys)
    if set(URSSAF_REQUIRED) <= keys and keys & set(URSSAF_MEASURES):
        return URSSAF
    missing = [key for key in LONG_REQUIRED if key not in keys]
    if not missing:
        return LONG
    raise FileError(
        "colonnes absentes : " + ", ".join(missing) + " (format long : territoire, indicateur, "
        "annee, valeur, unite et source facultatives ; ou format Urssaf : champ_ess, "
        "famille_ess, secteur_na88, annee, code_region, nombre_d_etablissements, "
        "effectifs_salaries_moyens, masse_salariale)"
    )


def parse(table, layout, default_source=""):
    """(values, errors) of the table in its layout."""
    reader = _long_row if layout == LONG else _urssaf_row
    columns = {key: index for index, key in enumerate(table.keys)}
    labels = dict(zip(table.keys, table.labels, strict=True))
    values, errors = [], []
    for line, cells in table.rows:
        cell = _Cells(line, cells, columns, labels)
        values += reader(cell, default_source, errors)
    return values, errors


class _Cells:
    """The cells of a row by column key, and the error reports about them."""

    def __init__(self, line, cells, columns, labels):
        self.line, self.cells, self.columns, self.labels = line, cells, columns, labels

    def __getitem__(self, key):
        index = self.columns.get(key)
        return self.cells[index] if index is not None else ""

    def error(self, key, reason, value=None):
        shown = self[key] if value is None else value
        return error(self.line, self.labels.get(key, key), shown, reason)


def _read(cell, key, parser, errors):
    try:
        return parser(cell[key])
    except ValueProblem as problem:
        errors.append(cell.error(key, str(problem)))
        return None


def _long_row(cell, default_source, errors):
    count = len(errors)
    year = _read(cell, "annee", parse_year, errors)
    number = _read(cell, "valeur", parse_number, errors)
    indicator = catalog.identify(cell["indicateur"])
    if indicator is None:
        errors.append(cell.error("indicateur", "indicateur manquant"))
    source = (cell["source"] or default_source)[:MAX_TEXT]
    if not source:
        errors.append(cell.error("source", "source manquante (colonne source ou option --source)"))
    if not cell["territoire"]:
        errors.append(cell.error("territoire", "territoire manquant"))
    if len(errors) > count:
        return []
    code, label, unit = indicator
    value, is_percent = number
    unit = (cell["unite"] or ("%" if is_percent else unit))[:30]
    return [Parsed(cell.line, "valeur", cell["territoire"], code, label, unit, year, value, source)]


def _urssaf_row(cell, default_source, errors):
    count = len(errors)
    year = _read(cell, "annee", parse_year, errors)
    champ = _champ(cell, errors)
    family = _family(cell, errors)
    na88 = _na88(cell, errors)
    region = _region(cell, errors)
    measures = {}
    for column in URSSAF_MEASURES:
        if cell[column]:
            measures[column] = _read(cell, column, parse_number, errors)
    if len(errors) > count:
        return []
    if not measures:
        errors.append(cell.error("nombre_d_etablissements", "aucune valeur sur la ligne", ""))
        return []
    source = (default_source or URSSAF_SOURCE)[:MAX_TEXT]
    values = []
    for column, (value, _is_percent) in measures.items():
        code = catalog.code_for(URSSAF_MEASURES[column], champ, family, na88)
        label, unit = catalog.describe(code)
        values.append(
            Parsed(cell.line, column, region, code, label, unit, year, value, source, "code_region")
        )
    return values


def _champ(cell, errors):
    text = plain(cell["champ_ess"])
    if "hors" in text or text.startswith("non "):
        return "hors_ess"
    if text in TOTALS - {""}:
        return "ensemble"
    if text == "ess" or text.startswith("economie sociale"):
        return "ess"
    errors.append(cell.error("champ_ess", "champ inconnu (ESS, hors ESS ou ensemble attendu)"))
    return None


def _family(cell, errors):
    text = plain(cell["famille_ess"])
    if text in TOTALS or "hors" in text or text.startswith(("autre", "non ")):
        return ""
    for word, family in FAMILY_WORDS.items():
        if word in text:
            return family
    errors.append(
        cell.error(
            "famille_ess",
            "famille inconnue (associations, coopératives, mutuelles, fondations, "
            "entreprises commerciales de l'ESS ou ensemble attendu)",
        )
    )
    return None


def _na88(cell, errors):
    text = plain(cell["secteur_na88"])
    if text in TOTALS:
        return ""
    match = re.match(r"(\d{1,2})\b", text)
    if match:
        return match.group(1).zfill(2)
    errors.append(cell.error("secteur_na88", "secteur inconnu (code NA88 ou ensemble attendu)"))
    return None


def _region(cell, errors):
    code = cell["code_region"].strip()
    if re.fullmatch(r"\d{1,3}", code):
        return f"reg:{code.zfill(2)}"
    errors.append(
        cell.error("code_region", "code région illisible" if code else "région manquante")
    )
    return None
