"""Rebuild the committed nomenclature files of this folder from their published sources.

Run by hand when a source changes (see PROVENANCE.md); the product reads only the CSV files:

    python actors/data/build.py CATEGORIES_JSON NAF_INDEX_JSON
"""

import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# NAF rév. 2 sections: letter, first and last division, INSEE label.
SECTIONS = [
    ("A", 1, 3, "Agriculture, sylviculture et pêche"),
    ("B", 5, 9, "Industries extractives"),
    ("C", 10, 33, "Industrie manufacturière"),
    (
        "D",
        35,
        35,
        "Production et distribution d'électricité, de gaz, de vapeur et d'air conditionné",
    ),
    (
        "E",
        36,
        39,
        "Production et distribution d'eau ; assainissement, gestion des déchets et dépollution",
    ),
    ("F", 41, 43, "Construction"),
    ("G", 45, 47, "Commerce ; réparation d'automobiles et de motocycles"),
    ("H", 49, 53, "Transports et entreposage"),
    ("I", 55, 56, "Hébergement et restauration"),
    ("J", 58, 63, "Information et communication"),
    ("K", 64, 66, "Activités financières et d'assurance"),
    ("L", 68, 68, "Activités immobilières"),
    ("M", 69, 75, "Activités spécialisées, scientifiques et techniques"),
    ("N", 77, 82, "Activités de services administratifs et de soutien"),
    ("O", 84, 84, "Administration publique"),
    ("P", 85, 85, "Enseignement"),
    ("Q", 86, 88, "Santé humaine et action sociale"),
    ("R", 90, 93, "Arts, spectacles et activités récréatives"),
    ("S", 94, 96, "Autres activités de services"),
    (
        "T",
        97,
        98,
        "Activités des ménages en tant qu'employeurs ; activités indifférenciées des ménages "
        "en tant que producteurs de biens et services pour usage propre",
    ),
    ("U", 99, 99, "Activités extra-territoriales"),
]
# "88" division, "88.9" group, "88.99" class, "88.99B" sub-class.
LEVELS = {2: 2, 4: 3, 5: 4, 6: 5}


def section_of(code):
    division = int(code[:2])
    for letter, first, last, _label in SECTIONS:
        if first <= division <= last:
            return letter
    raise ValueError(f"division hors sections : {code}")


def naf_rows(entries):
    rows = [(letter, label, letter, 1) for letter, _first, _last, label in SECTIONS]
    for entry in entries:
        code = entry["id"]
        rows.append((code, entry["label"], section_of(code), LEVELS[len(code)]))
    return rows


def write(path, header, rows):
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main(categories_json, naf_json):
    categories = json.loads(Path(categories_json).read_text(encoding="utf-8"))
    write(
        HERE / "categories_juridiques.csv",
        ("code", "label"),
        sorted((c["code"], c["label"]) for c in categories),
    )
    naf = json.loads(Path(naf_json).read_text(encoding="utf-8"))
    write(HERE / "naf_rev2.csv", ("code", "label", "section", "level"), naf_rows(naf))


if __name__ == "__main__":
    main(*sys.argv[1:3])
