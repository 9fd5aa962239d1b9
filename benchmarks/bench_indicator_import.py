"""Import of a 50,000-row regional data file: time and memory.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/essterritoire_bench \
        .venv/bin/python benchmarks/bench_indicator_import.py [--rows 50000]

The file is written in long format the way people send it (";", French numbers with no-break
spaces, UTF-8): 5 indicators x 5 years over as many communes as needed (full COG). Timed: the
first import (every value created), a second run of the same file (nothing to write), and a
dry run. Memory: the peak of Python allocations during a dry run of the file (tracemalloc, in
a separate run since it slows Python down) and the process's maximum resident size.
"""

import argparse
import resource
import tempfile
import time
import tracemalloc
from pathlib import Path

from harness import database_label, ensure_territories, setup_django

INDICATORS = (
    ("effectifs_salaries.ess", "salariés"),
    ("etablissements_employeurs.ess", "établissements"),
    ("emploi_salarie.total", "salariés"),
    ("part_emploi.ess", ""),
    ("Nombre de bénévoles", "personnes"),
)
YEARS = (2018, 2019, 2020, 2021, 2022)
SOURCE = "Banc d'essai (données inventées)"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    rows = parser.parse_args().rows
    setup_django()
    ensure_territories()
    from diagnostics.models import IndicatorValue

    IndicatorValue.objects.filter(source=SOURCE).delete()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "donnees_regionales.csv"
        write_file(path, rows)
        size = path.stat().st_size / 1024 / 1024
        print(f"database: {database_label()}, file: {rows:,} rows, {size:.1f} MB")
        for label, options in (
            ("first import", {}),
            ("same file again", {}),
            ("dry run", {"dry_run": True}),
        ):
            run(label, path, options)
    IndicatorValue.objects.filter(source=SOURCE).delete()


def write_file(path, rows):
    from essterritoire.territories.models import Territory

    per_commune = len(INDICATORS) * len(YEARS)
    codes = Territory.objects.communes().order_by("code").values_list("code", flat=True)
    codes = list(codes[: rows // per_commune + 1])
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("territoire;indicateur;annee;valeur;unite;source\n")
        written = 0
        for n, code in enumerate(codes):
            for i, (indicator, unit) in enumerate(INDICATORS):
                for year in YEARS:
                    if written == rows:
                        return
                    out.write(
                        f"com:{code};{indicator};{year};{value(n, i, year)};{unit};{SOURCE}\n"
                    )
                    written += 1


def value(n, i, year):
    if i == 3:
        return f"{(n * 7 + year) % 300 / 10:.1f}".replace(".", ",") + "\u00a0%"
    number = (n * 37 + i * 1009 + year * 13) % 250_000 + 1_000
    return f"{number:,}".replace(",", "\u00a0") + ",5"


def run(label, path, options):
    """Time the import, then run it again under tracemalloc for its memory peak (tracemalloc
    slows Python down: the two are not measured together)."""
    from diagnostics.indicators.importer import import_file

    start = time.perf_counter()
    outcome = import_file(path, **options)
    elapsed = time.perf_counter() - start
    if outcome.errors:
        raise SystemExit(f"{label}: {outcome.errors[:3]}")
    counts = outcome.created, outcome.updated, outcome.unchanged
    tracemalloc.start()
    import_file(path, dry_run=True)
    peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{label:<16} {elapsed:6.1f} s  created {counts[0]:>6}  updated {counts[1]:>6}"
        f"  unchanged {counts[2]:>6}  peak Python memory {peak:6.1f} MB  max RSS {rss:6.1f} MB"
    )


if __name__ == "__main__":
    main()
