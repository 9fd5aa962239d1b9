"""Form fields shared by the apps."""

import re

from django import forms

SPACES = re.compile(r"[\s\u00a0\u202f]")


class FrenchDecimalField(forms.DecimalField):
    """A decimal typed the French way: "152 000,50" (spaces or non-breaking spaces between
    thousands, a comma before the decimals), whatever USE_THOUSAND_SEPARATOR says."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("localize", True)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = SPACES.sub("", value)
        return super().to_python(value)
