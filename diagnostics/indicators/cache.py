"""Figures computed from the establishments, cached until the establishments may change.

A département, a région or France take hundreds of milliseconds to count over a million
establishments, and every dashboard around them needs the same counts. They only change when
a SIRENE import finishes or the classification rules change: the cache key carries both
(`data_version`). Without any recorded import (establishments loaded otherwise, tests), the
version is unknown and nothing is cached.
"""

from django.core.cache import caches
from django.db.models import Count, Max

from actors.enums import ImportStatus
from actors.models import ClassificationRule, ImportBatch

CACHE_ALIAS = "default"
TIMEOUT = 7 * 24 * 3600


def data_version():
    """A text that changes whenever the stored establishments may have changed; None when no
    import is recorded. Two queries."""
    batch = (
        ImportBatch.objects.filter(status=ImportStatus.DONE, dry_run=False)
        .order_by("-finished_at", "-pk")
        .values_list("pk", "finished_at")
        .first()
    )
    if batch is None:
        return None
    rules = ClassificationRule.objects.aggregate(count=Count("pk"), changed=Max("updated_at"))
    stamp = batch[1].isoformat() if batch[1] else ""
    changed = rules["changed"].isoformat() if rules["changed"] else ""
    return f"{batch[0]}:{stamp}:{rules['count']}:{changed}"


def cached_many(version, kind, keys, compute):
    """{key: value} for `keys`: from the cache under `version`, the missing ones from
    `compute(missing keys)` (a dict), which are then stored. No cache when version is None."""
    if version is None:
        return compute(list(keys))
    cache = caches[CACHE_ALIAS]
    names = {key: f"indicators:{version}:{kind}:{key}" for key in keys}
    found = cache.get_many(list(names.values()))
    result = {key: found[name] for key, name in names.items() if name in found}
    missing = [key for key in keys if key not in result]
    if missing:
        computed = compute(missing)
        cache.set_many({names[key]: computed[key] for key in missing}, TIMEOUT)
        result.update(computed)
    return result


def cached_one(version, kind, key, compute):
    """compute(), cached under `version` (see cached_many)."""
    return cached_many(version, kind, [key], lambda missing: {key: compute()})[key]
