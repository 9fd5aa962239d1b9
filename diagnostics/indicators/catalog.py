"""The indicators the product knows by code, with their French label and unit.

Codes read `measure.champ[.famille][.na88-XX]`: `effectifs_salaries.ess` (employees of the
ESS), `effectifs_salaries.ess.association`, `etablissements_employeurs.ensemble.na88-88`. The
Urssaf layout is turned into these codes; a file in long format may use them, or any other
indicator (its name becomes the label, a code is derived from it).
"""

import re
import unicodedata

MEASURES = {
    "etablissements_employeurs": ("Établissements employeurs", "établissements"),
    "effectifs_salaries": ("Effectifs salariés", "salariés"),
    "masse_salariale": ("Masse salariale", "€"),
}
CHAMPS = {"ess": "de l'ESS", "hors_ess": "hors ESS", "ensemble": "tous secteurs privés"}
FAMILIES = {
    "association": "associations",
    "cooperative": "coopératives",
    "mutuelle": "mutuelles",
    "fondation": "fondations",
    "ess_commercial": "entreprises commerciales de l'ESS",
}
# Indicators a long-format file may give that the dashboard reads.
OTHERS = {
    "emploi_salarie.total": ("Emploi salarié total (public et privé)", "salariés"),
    "etp.ess": ("Emploi de l'ESS en équivalent temps plein", "ETP"),
    "part_emploi.ess": ("Part de l'ESS dans l'emploi salarié", "%"),
}
# Total employment, to compute the ESS share of employment: the first one known is used.
TOTAL_EMPLOYMENT = (
    ("emploi_salarie.total", "dans l'emploi salarié total"),
    ("effectifs_salaries.ensemble", "dans l'emploi salarié privé"),
)
ESS_EMPLOYEES = "effectifs_salaries.ess"
ESS_SHARE = "part_emploi.ess"
CODE = re.compile(r"[a-z0-9_]+(?:[.-][a-z0-9_]+)*")


def code_for(measure, champ, family="", na88=""):
    """The code of an Urssaf measure for a champ, and optionally a family and a NA88 sector."""
    parts = [measure, champ, family, f"na88-{na88}" if na88 else ""]
    return ".".join(part for part in parts if part)


def describe(code):
    """(label, unit) of a known code, or None."""
    if code in OTHERS:
        return OTHERS[code]
    measure, _, rest = code.partition(".")
    champ, _, rest = rest.partition(".")
    if measure not in MEASURES or champ not in CHAMPS:
        return None
    family, na88 = "", ""
    for part in rest.split(".") if rest else []:
        if part.startswith("na88-") and not na88:
            na88 = part[5:]
        elif part in FAMILIES and not family:
            family = part
        else:
            return None
    label, unit = MEASURES[measure]
    label = f"{label} {CHAMPS[champ]}"
    if family:
        label += f", {FAMILIES[family]}"
    if na88:
        label += f", secteur NA88 {na88}"
    return label, unit


def _plain(text):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(text.lower().split())


LABELS = {}


def _labels():
    if not LABELS:
        codes = [*OTHERS, *(code_for(m, c) for m in MEASURES for c in CHAMPS)]
        LABELS.update((_plain(describe(code)[0]), code) for code in codes)
    return LABELS


def identify(text):
    """(code, label, unit) of the indicator a file names: a known code, a known label, or any
    other name (its code derived from it). None when the text is empty."""
    text = " ".join((text or "").split())
    if not text:
        return None
    lowered = text.lower()
    if CODE.fullmatch(lowered):
        known = describe(lowered)
        return (lowered, *known) if known else (lowered, text, "")
    code = _labels().get(_plain(text))
    if code:
        return (code, *describe(code))
    derived = re.sub(r"[^a-z0-9]+", "_", _plain(text)).strip("_")[:120]
    return (derived, text[:255], "") if derived else None
