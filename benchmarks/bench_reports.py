"""PDF reports of the demo: rendering time, the application's share, memory, downloads.

    .venv/bin/python benchmarks/bench_reports.py [--runs 5] [--downloads 50]

Without DATABASE_URL it works in a temporary folder (VAR_DIR: a new SQLite database and
MEDIA_ROOT, removed at the end), loads the COG and runs `seed_demo`. Set DATABASE_URL (and
VAR_DIR) to time another database; the demo is then added to it (seed_demo is idempotent).

For the demo diagnostic's full report (every section, actor annex on, excerpts anonymised),
then for the demo PTCE's sheet when the "ptce" kind is registered:
- `--runs` renderings through `render_pdf`: median and every wall time, pages, the
  application's share (collect: queries; html: charts and templates) against WeasyPrint's
  (layout and write) from `Rendered.timings`, and their ratio (target: at most 30 %);
- the peak memory of the process (max RSS, target: under 500 MB);
- a snapshot stored through `request_snapshot`, then `--downloads` downloads of it through
  the Django test client, logged in as the demo élu (target: median and p95 under 100 ms).
"""

import argparse
import logging
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time

from harness import database_label, ensure_territories, setup_django

APP_STEPS = ("collect", "html")
WEASYPRINT_STEPS = ("layout", "write")
WORKSPACE = "cc-pays-ancenis"
READER = "elu@ancenis.demo"
EDITOR = "editrice@ancenis.demo"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--downloads", type=int, default=50)
    return parser.parse_args()


def temporary_var_dir():
    """A temporary VAR_DIR (SQLite database, media) unless the caller chose a database."""
    if os.environ.get("DATABASE_URL"):
        return None
    folder = tempfile.mkdtemp(prefix="bench-reports-")
    os.environ["VAR_DIR"] = folder
    os.environ.pop("MEDIA_ROOT", None)
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    return folder


def main():
    args = parse_args()
    folder = temporary_var_dir()
    try:
        setup_django()
        # WeasyPrint logs every step and every SVG property it ignores: keep the figures
        # readable.
        for name in ("weasyprint", "weasyprint.progress", "fontTools"):
            logging.getLogger(name).setLevel(logging.ERROR)
        run(args)
    finally:
        if folder:
            shutil.rmtree(folder, ignore_errors=True)


def run(args):
    from django.core.management import call_command

    from essterritoire.reports.registry import report_kinds

    loaded = ensure_territories()
    start = time.perf_counter()
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    seeded = time.perf_counter() - start
    print(f"database: {database_label()}  (COG load {loaded:.1f} s, seed_demo {seeded:.1f} s)")
    kinds = {kind.key: kind for kind in report_kinds()}
    if "diagnostic" not in kinds:
        print('The "diagnostic" report kind is not registered yet: nothing to time.')
        return
    for key, label in (("diagnostic", "demo diagnostic, full report"), ("ptce", "demo PTCE sheet")):
        if key not in kinds:
            print(f'\nThe "{key}" report kind is not registered: {label} skipped.')
            continue
        kind = kinds[key]
        obj = demo_object(kind)
        print(f"\n== {label}: «\u00a0{kind.title(obj)}\u00a0» ==")
        time_renderings(kind, obj, full_options(kind), args.runs)
        time_downloads(kind, obj, full_options(kind), args.downloads)
    print(f"\npeak memory (max RSS of the process): {peak_rss_mb():.0f} MB (target < 500 MB)")


def demo_object(kind):
    """The demo workspace's object of this kind (its first, by id)."""
    field = "workspace__slug"
    obj = kind.model._default_manager.filter(**{field: WORKSPACE}).order_by("pk").first()
    if obj is None:
        sys.exit(f"No {kind.model._meta.verbose_name} in the demo workspace.")
    return obj


def full_options(kind):
    """Every section; the annex on, excerpts anonymised (flags not named so: their default)."""
    options = {"sections": [choice.key for choice in kind.section_choices()]}
    for flag in kind.flags:
        options[flag.key] = {"annex": True, "anonymise": True}.get(flag.key, flag.default)
    return options


def time_renderings(kind, obj, options, runs):
    from essterritoire.reports.rendering import render_pdf

    walls, renders = [], []
    for _ in range(runs):
        start = time.perf_counter()
        rendered = render_pdf(kind.key, obj, options)
        walls.append(time.perf_counter() - start)
        renders.append(rendered)
    print(f"options: {options}")
    print(f"pages: {renders[-1].pages}, PDF size: {len(renders[-1].pdf) / 1024:.0f} KB")
    print(
        f"wall time over {runs} runs: median {statistics.median(walls):.2f} s;"
        f" all: {', '.join(f'{w:.2f}' for w in walls)} s"
    )
    for step in (*APP_STEPS, *WEASYPRINT_STEPS):
        values = [r.timings[step] for r in renders]
        print(f"  {step:<8} median {statistics.median(values) * 1000:8.0f} ms")
    app = statistics.median(sum(r.timings[s] for s in APP_STEPS) for r in renders)
    weasy = statistics.median(sum(r.timings[s] for s in WEASYPRINT_STEPS) for r in renders)
    ratios = [
        sum(r.timings[s] for s in APP_STEPS) / sum(r.timings[s] for s in WEASYPRINT_STEPS)
        for r in renders
    ]
    print(
        f"application (collect + html) median {app:.2f} s, WeasyPrint (layout + write)"
        f" median {weasy:.2f} s: ratio {statistics.median(ratios):.0%}"
        f" (runs: {', '.join(f'{r:.0%}' for r in ratios)}; target <= 30 %)"
    )
    # Charts are cached by their data (essterritoire/reports/cache.py): only the first run
    # draws them, as the first rendering after a change of the data does.
    first = renders[0].timings
    print(
        f"first run (charts drawn): collect {first['collect'] * 1000:.0f} ms,"
        f" html {first['html'] * 1000:.0f} ms, ratio {ratios[0]:.0%}"
    )


def time_downloads(kind, obj, options, downloads):
    from django.test import Client
    from django.urls import reverse

    from essterritoire.accounts.models import User
    from essterritoire.reports.services import request_snapshot

    editor = User.objects.get(email=EDITOR)
    snapshot = request_snapshot(kind.key, obj, options, editor)
    if snapshot.status != "done":
        # With the database task backend, run the task here (no worker in a benchmark).
        from essterritoire.reports.services import snapshot_render

        snapshot_render(snapshot_id=snapshot.pk)
        snapshot.refresh_from_db()
    if snapshot.status != "done":
        sys.exit(f"The snapshot failed: {snapshot.error}")
    client = Client()
    client.force_login(User.objects.get(email=READER))
    url = reverse("reports:snapshot-download", args=[snapshot.pk])
    read(client, url)  # warm-up: connections, URL resolver
    timings = [read(client, url) for _ in range(downloads)]
    ordered = sorted(timings)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    print(
        f"download of the stored snapshot ({snapshot.size / 1024:.0f} KB), n={downloads}:"
        f" median {statistics.median(ordered):.1f} ms, p95 {p95:.1f} ms,"
        f" max {ordered[-1]:.1f} ms (target < 100 ms)"
    )


def read(client, url):
    """One download, its whole body read; milliseconds."""
    start = time.perf_counter()
    response = client.get(url)
    body = b"".join(response.streaming_content)
    elapsed = (time.perf_counter() - start) * 1000
    response.close()
    if response.status_code != 200 or not body.startswith(b"%PDF"):
        sys.exit(f"{url} answered {response.status_code}")
    return elapsed


def peak_rss_mb():
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main()
