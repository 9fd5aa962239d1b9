"""Text normalisation for accent- and case-insensitive search on every database."""

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-'’_/.,()]+")


def normalize(text):
    """Lower-case, strip accents, and turn hyphens and apostrophes into single spaces.

    >>> normalize("Ancenis-Saint-Géréon")
    'ancenis saint gereon'
    """
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SEPARATORS.sub(" ", stripped.lower().replace("œ", "oe").replace("æ", "ae")).strip()
