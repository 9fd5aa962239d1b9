"""The figures an import reports (the --json object), and their French reading.

Employees of ESS employer establishments are known only by tranche: the summary gives the sum
of the lower bounds, the sum of the upper bounds, and a central estimate, the midpoint of those
two sums rounded half up (each establishment counted at the middle of its tranche). The open
top tranche (53, 10 000 and more) is capped at 10 000; tranches NN and 00 count 0.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.formats import number_format

from actors.enums import ESS_FAMILIES, Family
from actors.sirene.parsing import employee_bounds

FAMILIES = [family.value for family in Family if family != Family.UNCLASSIFIED]
ESS = {family.value for family in ESS_FAMILIES}
MAX_ERRORS = 1000


@dataclass
class Summary:
    rows: int = 0
    outside: int = 0
    closed: int = 0
    active: int = 0
    by_family: Counter = field(default_factory=Counter)
    unclassified: int = 0
    employer_by_family: Counter = field(default_factory=Counter)
    ess_employees_min: int = 0
    ess_employees_max: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)

    def count(self, active, employer, band, family, times=1):
        """Count `times` establishments kept in the territories, alike, with their family."""
        if not active:
            self.closed += times
            return
        self.active += times
        if family == Family.UNCLASSIFIED:
            self.unclassified += times
            return
        self.by_family[family] += times
        if employer:
            self.employer_by_family[family] += times
            if family in ESS:
                low, high = employee_bounds(band)
                self.ess_employees_min += low * times
                self.ess_employees_max += high * times

    def add_error(self, file, row, column, value, reason):
        """Record an error; False once MAX_ERRORS are recorded (the reading should stop)."""
        if len(self.errors) >= MAX_ERRORS:
            return False
        self.errors.append(
            {"file": file, "row": row, "column": column, "value": value, "reason": reason}
        )
        if len(self.errors) == MAX_ERRORS:
            self.errors.append(
                {
                    "file": file,
                    "row": row,
                    "column": "",
                    "value": "",
                    "reason": f"plus de {MAX_ERRORS} erreurs : lecture interrompue",
                }
            )
            return False
        return True

    @property
    def ess_employer_establishments(self):
        return sum(self.employer_by_family[family] for family in ESS)

    @property
    def ess_employees_estimate(self):
        return (self.ess_employees_min + self.ess_employees_max + 1) // 2

    def as_dict(self):
        return {
            "rows": self.rows,
            "outside": self.outside,
            "closed": self.closed,
            "active": self.active,
            "by_family": {family: self.by_family[family] for family in FAMILIES},
            "unclassified": self.unclassified,
            "employer_by_family": {f: self.employer_by_family[f] for f in FAMILIES},
            "ess_employer_establishments": self.ess_employer_establishments,
            "ess_employees_min": self.ess_employees_min,
            "ess_employees_max": self.ess_employees_max,
            "ess_employees_estimate": self.ess_employees_estimate,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": self.errors,
        }


def number(value):
    """1 234 with the narrow no-break space of the French formats."""
    return number_format(value, force_grouping=True)


def family_rows(summary):
    """[(family label, active establishments, of which employers)] for the six families."""
    return [
        (
            Family(family).label,
            summary["by_family"].get(family, 0),
            summary["employer_by_family"].get(family, 0),
        )
        for family in FAMILIES
    ]


def french_lines(summary, dry_run=False):
    """The summary as lines of French text, for the command's readable output."""
    s = summary
    lines = [
        f"Lignes lues : {number(s['rows'])}",
        f"Hors des territoires (ou commune inconnue du COG) : {number(s['outside'])}",
        f"Établissements fermés : {number(s['closed'])}",
        f"Établissements actifs : {number(s['active'])}",
    ]
    for label, active, employers in family_rows(s):
        lines.append(f"  {label} : {number(active)} dont {number(employers)} employeurs")
    lines += [
        f"  Non classés (unité légale inconnue) : {number(s['unclassified'])}",
        f"Établissements employeurs de l'ESS : {number(s['ess_employer_establishments'])}",
        "Salariés de ces établissements : entre "
        f"{number(s['ess_employees_min'])} et {number(s['ess_employees_max'])}, "
        f"estimation centrale {number(s['ess_employees_estimate'])}",
        f"{'Simulation : ' if dry_run else ''}{number(s['created'])} créés, "
        f"{number(s['updated'])} mis à jour, {number(s['unchanged'])} inchangés",
    ]
    return lines
