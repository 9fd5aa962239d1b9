"""Generate invented SIRENE stock files (StockEtablissement + StockUniteLegale, official headers).

    .venv/bin/python benchmarks/gen_sirene.py --rows 1000000 --out var/bench-sirene

Deterministic (--seed). Establishments are spread over the communes of the committed COG file:
a share in région Pays de la Loire (52, --share-52), the rest over the other régions; about a
third are closed, 3 % not diffusible ("[ND]"), 0,5 % carry a former commune code and 0,3 % are
abroad (empty commune code). Legal units hold 1 to 6 establishments (1,75 on average) with a
mix of legal forms close to the real file: associations, SARL, SAS, individual entrepreneurs,
cooperatives, mutuelles, fondations, public bodies.
"""

import argparse
import csv
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from actors.sirene.samples import (  # noqa: E402
    ESTABLISHMENT_HEADER,
    LEGAL_UNIT_HEADER,
    luhn_complete,
)
from essterritoire.territories import cog  # noqa: E402

# (catégorie juridique, weight, ESS flag share, NAF codes)
FORMS = [
    ("9220", 22, 0.9, ["94.99Z", "88.99B", "93.12Z", "85.59A", "88.10A", "90.01Z", "94.11Z"]),
    ("5499", 22, 0.01, ["47.11B", "56.10A", "43.21A", "45.20A", "62.01Z", "70.22Z"]),
    ("5710", 18, 0.02, ["62.01Z", "70.22Z", "47.91B", "43.32A", "49.41A", "68.20B"]),
    ("1000", 24, 0.0, ["43.22A", "96.02A", "86.90E", "47.81Z", "74.90B", "49.32Z"]),
    ("6540", 6, 0.0, ["68.20A", "68.20B", "68.32A"]),
    ("6316", 1, 0.9, ["01.61Z"]),
    ("5458", 1, 0.95, ["43.32A", "16.23Z", "62.01Z"]),
    ("6595", 1, 0.95, ["64.19Z"]),
    ("8210", 1, 0.95, ["65.12Z", "86.90D"]),
    ("9300", 1, 0.95, ["87.10A", "88.99B"]),
    ("7210", 2, 0.0, ["84.11Z"]),
    ("9221", 1, 0.9, ["88.99B", "38.32Z"]),
]
BANDS = ["NN"] * 8 + ["00", "01", "01", "02", "02", "03", "11", "12", "21", "22", "31", "41"]
ESTABLISHMENTS_PER_UNIT = [1] * 8 + [2, 2, 3, 6]


def main():
    args = parse_args()
    start = time.perf_counter()
    generate(args.rows, Path(args.out), args.seed, args.share_52)
    print(
        f"{args.rows} établissements écrits dans {args.out} en {time.perf_counter() - start:.1f} s"
    )


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--out", default="var/bench-sirene")
    parser.add_argument("--seed", type=int, default=52)
    parser.add_argument("--share-52", type=float, default=0.3)
    return parser.parse_args()


def places():
    """(communes of région 52, communes elsewhere, former codes)."""
    data = cog.read()
    region = [row[0] for row in data["com"] if row[3] == "52"]
    others = [row[0] for row in data["com"] if row[3] != "52"]
    return region, others, [row[0] for row in data["old"]]


def generate(rows, out, seed, share_52):
    """Write StockEtablissement_bench.csv and StockUniteLegale_bench.csv under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    where = places()
    with (
        open(out / "StockEtablissement_bench.csv", "w", encoding="utf-8", newline="") as etab,
        open(out / "StockUniteLegale_bench.csv", "w", encoding="utf-8", newline="") as units,
    ):
        etab_writer, unit_writer = csv.writer(etab), csv.writer(units)
        etab_writer.writerow(ESTABLISHMENT_HEADER)
        unit_writer.writerow(LEGAL_UNIT_HEADER)
        written, number = 0, 0
        while written < rows:
            number += 1
            siren = luhn_complete(f"{10_000_000 + number * 7:08d}"[-8:])
            form = rng.choices(FORMS, weights=[f[1] for f in FORMS])[0]
            unit_writer.writerow(legal_unit_row(rng, siren, form))
            count = min(rng.choice(ESTABLISHMENTS_PER_UNIT), rows - written)
            for nic in range(1, count + 1):
                etab_writer.writerow(establishment_row(rng, siren, nic, form, where, share_52))
            written += count


def commune(rng, where, share_52):
    region, others, former = where
    draw = rng.random()
    if draw < 0.003:
        return ""
    if draw < 0.008:
        return rng.choice(former)
    return rng.choice(region) if rng.random() < share_52 else rng.choice(others)


def establishment_row(rng, siren, nic, form, where, share_52):
    values = dict.fromkeys(ESTABLISHMENT_HEADER, "")
    naf = rng.choice(form[3])
    band = rng.choice(BANDS)
    hidden = rng.random() < 0.03
    values.update(
        siren=siren,
        siret=luhn_complete(siren + f"{nic:04d}"),
        statutDiffusionEtablissement="P" if hidden else "O",
        dateCreationEtablissement=f"{rng.randrange(1970, 2025)}-01-01",
        trancheEffectifsEtablissement=band,
        etablissementSiege="true" if nic == 1 else "false",
        numeroVoieEtablissement="[ND]" if hidden else str(rng.randrange(1, 200)),
        typeVoieEtablissement="[ND]" if hidden else "RUE",
        libelleVoieEtablissement="[ND]" if hidden else f"DE LA REPUBLIQUE {nic}",
        codePostalEtablissement="44000",
        codeCommuneEtablissement=commune(rng, where, share_52),
        etatAdministratifEtablissement="F" if rng.random() < 0.35 else "A",
        enseigne1Etablissement="[ND]" if hidden else f"ENSEIGNE {siren}",
        activitePrincipaleEtablissement=naf,
        nomenclatureActivitePrincipaleEtablissement="NAFRev2",
        caractereEmployeurEtablissement="N" if band in ("NN", "00") else "O",
        activitePrincipaleNAF25Etablissement=naf,
    )
    values["nic"] = values["siret"][9:]
    return list(values.values())


def legal_unit_row(rng, siren, form):
    category, _weight, ess_share, nafs = form
    values = dict.fromkeys(LEGAL_UNIT_HEADER, "")
    values.update(
        siren=siren,
        statutDiffusionUniteLegale="O",
        dateCreationUniteLegale="2001-01-01",
        etatAdministratifUniteLegale="A",
        denominationUniteLegale="" if category == "1000" else f"STRUCTURE {siren}",
        nomUniteLegale=f"NOM{siren[-4:]}" if category == "1000" else "",
        categorieJuridiqueUniteLegale=category,
        activitePrincipaleUniteLegale=rng.choice(nafs),
        nomenclatureActivitePrincipaleUniteLegale="NAFRev2",
        economieSocialeSolidaireUniteLegale="O" if rng.random() < ess_share else "N",
        nicSiegeUniteLegale="00010",
    )
    return list(values.values())


if __name__ == "__main__":
    main()
