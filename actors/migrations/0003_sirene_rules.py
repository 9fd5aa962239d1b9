"""Seed the ESS classification rules of DOMAIN.md ("ESS family rules") as ClassificationRule rows.

The rules are data: staff change them on the rules page. This migration writes the starting set
(frozen here, whatever the rules become later); ranges of legal categories become one row per
code.
"""

from django.db import migrations

NAF_EXCLUSIONS = ["84", "94.11Z", "94.20Z", "94.91Z", "94.92Z"]
NAF_NOTES = {
    "84": "Administration publique",
    "94.11Z": "Organisations patronales et consulaires",
    "94.20Z": "Syndicats de salariés",
    "94.91Z": "Organisations religieuses",
    "94.92Z": "Organisations politiques",
}
LEGAL_CATEGORIES = {
    "association": "9210 9220 9221 9222 9223 9224 9230 9240 9260 5195",
    "fondation": "9300",
    "mutuelle": "8210 8250 8290 6411",
    "cooperative": (
        "5191-5194 5196 5203 5307 5309 5443 5451 5453 5454 5455 5458 5459 5460 5543 5547 "
        "5551-5555 5558 5559 5560 5643 5647 5651-5655 5658 5659 5660 6100 6316 6317 6318 6543 "
        "6551 6554 6558 6560 6595 6596"
    ),
}
SEED_NOTE = "Règle initiale (DOMAIN.md)"


def expand(codes):
    """'5191-5194 5196' -> ['5191', '5192', '5193', '5194', '5196']."""
    result = []
    for item in codes.split():
        first, _, last = item.partition("-")
        result += [str(code) for code in range(int(first), int(last or first) + 1)]
    return result


def seed_rows():
    rows = [("naf_exclusion", code, "non_ess", NAF_NOTES[code]) for code in NAF_EXCLUSIONS]
    for family, codes in LEGAL_CATEGORIES.items():
        rows += [("legal_category", code, family, SEED_NOTE) for code in expand(codes)]
    rows.append(("ess_flag", "O", "ess_commercial", "Entreprise commerciale de l'ESS (loi 2014-856, art. 1)"))
    return rows


def seed(apps, schema_editor):
    Rule = apps.get_model("actors", "ClassificationRule")
    for kind, value, family, note in seed_rows():
        Rule.objects.get_or_create(kind=kind, value=value, defaults={"family": family, "note": note})


def unseed(apps, schema_editor):
    Rule = apps.get_model("actors", "ClassificationRule")
    for kind, value, _family, _note in seed_rows():
        Rule.objects.filter(kind=kind, value=value).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0002_registry_search"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
    ]
