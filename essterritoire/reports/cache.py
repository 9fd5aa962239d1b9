"""Charts cached by their data: a chart function is deterministic, so the SVG of the same
arguments can be served again without drawing it (matplotlib takes tens of milliseconds)."""

import hashlib

from django.core.cache import caches

CACHE_ALIAS = "default"
TIMEOUT = 24 * 3600


def cached_chart(chart, *args, **kwargs):
    """chart(*args, **kwargs), from the cache when the same call was drawn before."""
    signature = repr((chart.__module__, chart.__qualname__, args, sorted(kwargs.items())))
    key = "chart:" + hashlib.sha256(signature.encode()).hexdigest()
    cache = caches[CACHE_ALIAS]
    svg = cache.get(key)
    if svg is None:
        svg = chart(*args, **kwargs)
        cache.set(key, svg, TIMEOUT)
    return svg
