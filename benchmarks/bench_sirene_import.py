"""Time the SIRENE import of a generated 1,000,000-row StockEtablissement against `psql \\copy`.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/essterritoire_bench \\
        .venv/bin/python benchmarks/bench_sirene_import.py [--rows N] [--sqlite]

1. generates the files once (benchmarks/gen_sirene.py, under var/bench-sirene/);
2. PostgreSQL: migrates, loads the full COG, empties the establishments, then runs
   `manage.py import_sirene --territory reg:52` in a child process (wall time, and peak
   resident memory from /usr/bin/time), then the same import again (the idempotent re-run);
3. in the same run, times `psql \\copy` of the same StockEtablissement file into a plain table
   with one text column per header column, before and after the imports (the machine's load
   moves), and prints import / mean COPY (target: at most 4), with the time of each step of
   the import (`import_sirene -v 3`);
4. with --sqlite, the same import on a fresh SQLite database (COG loaded first).
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/essterritoire_bench"


def main():
    args = parse_args()
    files = ensure_files(args.rows, ROOT / "var" / "bench-sirene")
    url = os.environ.get("DATABASE_URL", DEFAULT_PG)
    if url.startswith("postgres"):
        bench_postgres(url, files)
    if args.sqlite:
        bench_sqlite(files)


def parse_args():
    parser = argparse.ArgumentParser(description="SIRENE import against psql \\copy")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--sqlite", action="store_true", help="also time the import on SQLite")
    return parser.parse_args()


def ensure_files(rows, folder):
    etab = folder / f"{rows}" / "StockEtablissement_bench.csv"
    if not etab.exists():
        manage(
            [
                str(ROOT / "benchmarks" / "gen_sirene.py"),
                "--rows",
                str(rows),
                "--out",
                str(etab.parent),
            ],
            script=True,
        )
    return etab, etab.parent / "StockUniteLegale_bench.csv"


def manage(arguments, env=None, script=False):
    """Run a manage.py command (or a script) in a child process, under /usr/bin/time;
    (wall seconds, peak resident memory in MiB, CPU seconds of the child, its log lines)."""
    command = [PYTHON, *arguments] if script else [PYTHON, str(ROOT / "manage.py"), *arguments]
    with tempfile.NamedTemporaryFile("r") as report:
        start = time.perf_counter()
        log = subprocess.run(
            ["/usr/bin/time", "-f", "%U %S %M", "-o", report.name, *command],
            check=False,
            cwd=ROOT,
            env={**os.environ, **(env or {})},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        if log.returncode:
            sys.exit(f"{' '.join(arguments)} failed:\n{log.stderr}")
        elapsed = time.perf_counter() - start
        user, system, peak_kib = report.read().split()[-3:]
    return Run(elapsed, int(peak_kib) / 1024, float(user) + float(system), log.stderr)


class Run(NamedTuple):
    wall: float
    memory: float
    cpu: float
    log: str = ""

    def steps(self):
        """The step timings the import logs at verbosity 3 (PostgreSQL)."""
        return [f"      {line}" for line in self.log.splitlines() if line.endswith(" s")]

    def line(self, label):
        return (
            f"  {label:28s}: {self.wall:7.2f} s (processeur du processus Python "
            f"{self.cpu:6.1f} s), mémoire max {self.memory:6.0f} Mio"
        )


def import_args(files):
    etab, units = files
    return [
        "import_sirene",
        "--etablissements",
        str(etab),
        "--unites-legales",
        str(units),
        "--territory",
        "reg:52",
        "-v",
        "3",
    ]


def prepare(env):
    manage(["migrate", "-v0"], env)
    manage(["load_territories"], env)
    # Emptied, then vacuumed on PostgreSQL: the first import writes into a table as a new
    # instance has it, not one full of dead rows.
    code = (
        "from django.db import connection\n"
        "from actors.models import Establishment, LegalUnit\n"
        "Establishment.objects.all().delete(); LegalUnit.objects.all().delete()\n"
        "if connection.vendor == 'postgresql':\n"
        "    connection.cursor().execute('VACUUM ANALYZE actors_establishment, actors_legalunit')\n"
    )
    manage(["shell", "-c", code], env)


def bench_postgres(url, files):
    env = {"DATABASE_URL": url}
    create_database(url)
    prepare(env)
    copy_before = time_copy(url, files[0])
    first = manage(import_args(files), env)
    again = manage(import_args(files), env)
    copy_after = time_copy(url, files[0])
    copy = (copy_before + copy_after) / 2
    print(
        f"PostgreSQL, {files[0].name} ({size_mb(files[0])} Mo) + {files[1].name} "
        f"({size_mb(files[1])} Mo), --territory reg:52, charge {os.getloadavg()[0]:.1f}"
    )
    print(first.line("import (première fois)"))
    print("\n".join(first.steps()))
    print(again.line("import (relance identique)"))
    print("\n".join(again.steps()))
    print(
        "  psql \\copy du même fichier  : "
        + f"{copy:7.2f} s (moyenne de {copy_before:.2f} s avant et {copy_after:.2f} s après)"
    )
    print(f"  rapport import / COPY       : {first.wall / copy:7.2f} (objectif ≤ 4)")
    print(f"  rapport relance / COPY      : {again.wall / copy:7.2f}")


def create_database(url):
    name = url.rsplit("/", 1)[1]
    base = url.rsplit("/", 1)[0] + "/postgres"
    exists = subprocess.run(
        ["psql", base, "-tAc", f"SELECT 1 FROM pg_database WHERE datname='{name}'"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(
            ["psql", base, "-c", f'CREATE DATABASE "{name}"'], check=True, stdout=subprocess.DEVNULL
        )


def time_copy(url, path):
    header = path.open(encoding="utf-8").readline().strip().split(",")
    columns = ", ".join(f'"{name}" text' for name in header)
    setup = f"DROP TABLE IF EXISTS bench_copy; CREATE TABLE bench_copy ({columns});"
    subprocess.run(["psql", url, "-qc", setup], check=True)
    start = time.perf_counter()
    subprocess.run(
        ["psql", url, "-qc", f"\\copy bench_copy FROM '{path}' WITH (FORMAT csv, HEADER)"],
        check=True,
    )
    elapsed = time.perf_counter() - start
    subprocess.run(["psql", url, "-qc", "DROP TABLE bench_copy"], check=True)
    return elapsed


def bench_sqlite(files):
    folder = ROOT / "var" / "bench-sirene" / "sqlite"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bench.sqlite3").unlink(missing_ok=True)
    env = {"DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}"}
    prepare(env)
    first = manage(import_args(files), env)
    again = manage(import_args(files), env)
    print(f"SQLite, mêmes fichiers, --territory reg:52, charge {os.getloadavg()[0]:.1f}")
    print(first.line("import (première fois)"))
    print(again.line("import (relance identique)"))


def size_mb(path):
    return round(path.stat().st_size / 1_000_000)


if __name__ == "__main__":
    main()
