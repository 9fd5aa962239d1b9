"""French typography for the messages the import writes (espaces insécables)."""

import re

NBSP = "\u00a0"
_BEFORE = re.compile(r" ([:;?!»])")
_AFTER = re.compile(r"« ")


def typo(text):
    """The text with a no-break space before « : ; ? ! » » and after « ».

    >>> typo("Erreur : « x » ?") == "Erreur\\u00a0: «\\u00a0x\\u00a0»\\u00a0?"
    True
    """
    return _AFTER.sub("«" + NBSP, _BEFORE.sub(NBSP + r"\1", text))
