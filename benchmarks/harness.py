"""Shared helpers of the benchmark scripts: Django set-up, data, timing, printing."""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "essterritoire.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def ensure_territories():
    """Load the full COG once; returns the seconds it took (0 when already there)."""
    from django.core.management import call_command

    from essterritoire.territories.models import Territory

    if Territory.objects.filter(kind="com").count() >= 34969:
        return 0.0
    start = time.perf_counter()
    call_command("load_territories", verbosity=0)
    return time.perf_counter() - start


def database_label():
    from django.db import connection

    return connection.vendor


def time_requests(client, urls, repeat):
    """GET the urls in turn, `repeat` requests in all; returns the timings in ms."""
    timings = []
    for i in range(repeat):
        url = urls[i % len(urls)]
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return timings


def summary(label, timings):
    ordered = sorted(timings)
    p95 = ordered[max(0, int(round(0.95 * len(ordered))) - 1)]
    return (
        f"{label:<34} n={len(ordered):>4}  median {statistics.median(ordered):7.1f} ms"
        f"  p95 {p95:7.1f} ms  max {ordered[-1]:7.1f} ms"
    )
