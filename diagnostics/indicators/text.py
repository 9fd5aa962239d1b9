"""The indicators of a territory in French sentences, for the command's readable output."""

from actors.enums import Family
from diagnostics.indicators import imported
from diagnostics.indicators.figures import share
from essterritoire.reports.formats import NBSP, number, percent
from essterritoire.territories.enums import Kind

SOURCE = "Insee, base SIRENE des entreprises et de leurs établissements"


def typo(text):
    """No-break spaces before « : ; ? ! % » and inside « »."""
    for sign in (":", ";", "?", "!", "%", "»"):
        text = text.replace(f" {sign}", f"{NBSP}{sign}")
    return text.replace("« ", f"«{NBSP}")


def lines(document, coverage_note=""):
    """The document of territory_indicators as lines of French text."""
    territory, est, emp = document["territory"], document["establishments"], document["employees"]
    kind = Kind(territory["kind"]).label
    result = [f"{territory['name']} ({kind}, {territory['kind']}:{territory['code']})"]
    if coverage_note:
        result.append(coverage_note)
    result += [
        f"Établissements actifs : {number(est['active'])}, dont {number(est['employer'])} "
        "employeurs",
        f"Établissements de l'ESS : {number(est['ess'])}, dont {number(est['ess_employer'])} "
        "employeurs",
        "Part de l'ESS parmi les établissements employeurs : "
        f"{percent(share(est['ess_employer'], est['employer']))}",
    ]
    result += _families(est)
    result.append(
        f"Salariés de l'ESS : entre {number(emp['min'])} et {number(emp['max'])}, "
        f"estimation centrale {number(emp['estimate'])}"
    )
    result += _employment_share(document)
    result += _sectors(document["by_sector"]["observatory"])
    result += _communes(document["by_commune"])
    result += _imported(document["imported"])
    return [typo(line) for line in result]


def _families(est):
    unclassified = est["active"] - sum(est["by_family"].values())
    rows = [
        f"  {Family(family).label} : {number(count)} dont "
        f"{number(est['employer_by_family'][family])} employeurs"
        for family, count in est["by_family"].items()
    ]
    return [*rows, f"  Non classés (unité légale inconnue) : {number(unclassified)}"]


def _employment_share(document):
    row, phrase = imported.total_employment(document["imported"])
    if row is None:
        return ["Part de l'ESS dans l'emploi : inconnue (aucun emploi total importé)"]
    value = share(document["employees"]["estimate"], row["value"])
    return [
        f"Part de l'ESS {phrase} : {percent(value)} (emploi total {row['year']}, {row['source']})"
    ]


def _sectors(groups):
    result = ["Par secteur (regroupement des observatoires de l'ESS) :"]
    for group in groups.values():
        result.append(
            f"  {group['label']} : {_plural(group['ess'], 'établissement')}, "
            f"{_plural(group['employees']['estimate'], 'salarié')} (estimation)"
        )
    return result


def _plural(count, word):
    return f"{number(count)} {word}{'s' if count > 1 else ''}"


def _communes(communes, limit=10):
    result = [f"Communes (classées par établissements de l'ESS) : {number(len(communes))}"]
    for row in communes[:limit]:
        result.append(f"  {row['rank']}. {row['name']} ({row['code']}) : {number(row['ess'])}")
    if len(communes) > limit:
        result.append(f"  … et {number(len(communes) - limit)} autres (voir --json)")
    return result


def _imported(values):
    if not values:
        return ["Données régionales importées : aucune"]
    result = [f"Données régionales importées : {number(len(values))} valeurs"]
    for row in values[:20]:
        unit = f" {row['unit']}" if row["unit"] else ""
        result.append(
            f"  {row['label']} ({row['year']}, {row['source']}) : "
            f"{number(row['value'], 0 if isinstance(row['value'], int) else 1)}{unit}"
        )
    return result
