"""SIRET checks: 14 digits whose Luhn sum is valid.

La Poste is the known exception: its SIREN 356000000 has more establishments than the NIC's
Luhn key allows, so INSEE checks them on the plain sum of the 14 digits, which must be a multiple
of 5. Its head office, 356 000 000 00048, keeps the Luhn key (as python-stdnum does).
"""

import re

from django.core.exceptions import ValidationError

LA_POSTE_SIREN = "356000000"
LA_POSTE_HEAD_OFFICE = "35600000000048"
_SEPARATORS = re.compile(r"[\s.\-\u00a0\u202f]")


def clean_siret(value):
    """The SIRET as typed, without the spaces, dots and hyphens people put in it."""
    return _SEPARATORS.sub("", str(value or ""))


def luhn_valid(digits):
    """True when the Luhn checksum of a string of digits is a multiple of 10."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        n = int(char)
        if position % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def siret_error(value):
    """Why `value` is not a valid SIRET (a French sentence), or "" when it is one."""
    siret = clean_siret(value)
    if not siret.isascii() or not siret.isdigit() or len(siret) != 14:
        return "Un SIRET compte exactement 14 chiffres."
    if siret.startswith(LA_POSTE_SIREN) and siret != LA_POSTE_HEAD_OFFICE:
        valid = sum(int(c) for c in siret) % 5 == 0
    else:
        valid = luhn_valid(siret)
    return "" if valid else "Ce SIRET n'existe pas\u00a0: sa clé de contrôle est fausse."


def is_valid_siret(value):
    return not siret_error(value)


def validate_siret(value):
    """Django validator for a SIRET field; an empty value is left to `blank`."""
    error = siret_error(value)
    if error:
        raise ValidationError(error, code="invalid_siret")


_NAF = re.compile(r"(\d{2})\.?(\d{2})([A-Z])")


def clean_naf(value):
    """A NAF rév. 2 sub-class written as INSEE does ("88.99B"); "" for an empty value."""
    text = re.sub(r"\s", "", str(value or "")).upper()
    if not text:
        return ""
    match = _NAF.fullmatch(text)
    if not match:
        raise ValidationError("Code NAF attendu sous la forme 88.99B.", code="invalid_naf")
    return f"{match[1]}.{match[2]}{match[3]}"
