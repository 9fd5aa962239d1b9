import pytest
from django.core.exceptions import ValidationError

from actors.validators import clean_naf, clean_siret, is_valid_siret, luhn_valid, validate_siret
from tests.actors.factories import with_luhn_key


@pytest.mark.parametrize(
    "siret",
    [
        "73282932000074",  # a real establishment
        "44306184100047",
        "732 829 320 00074",  # spaces as people type them
        "35600000000048",  # La Poste's head office keeps the Luhn key
        "35600000049837",  # a La Poste establishment: digit sum 40, a multiple of 5
        "35600000012341",  # digit sum 25
    ],
)
def test_valid_sirets_pass(siret):
    assert is_valid_siret(siret)
    validate_siret(siret)


@pytest.mark.parametrize(
    ("siret", "reason"),
    [
        ("73282932000075", "clé de contrôle"),  # one digit off
        ("7328293200007", "14 chiffres"),
        ("732829320000744", "14 chiffres"),
        ("7328293200007A", "14 chiffres"),
        ("", "14 chiffres"),
        ("٧٣٢٨٢٩٣٢٠٠٠٠٧٤", "14 chiffres"),  # Arabic-Indic digits are not SIRET digits
        ("35600000012347", "clé de contrôle"),  # La Poste, digit sum 31
    ],
)
def test_invalid_sirets_say_why(siret, reason):
    assert not is_valid_siret(siret)
    with pytest.raises(ValidationError, match=reason):
        validate_siret(siret)


def test_la_poste_establishments_are_checked_on_the_digit_sum_not_luhn():
    siret = "35600000049837"
    assert not luhn_valid(siret)
    assert sum(map(int, siret)) % 5 == 0
    assert is_valid_siret(siret)


def test_a_luhn_valid_la_poste_establishment_with_a_bad_digit_sum_is_refused():
    siret = with_luhn_key("3560000001234")
    assert luhn_valid(siret) and sum(map(int, siret)) % 5
    assert not is_valid_siret(siret)


def test_clean_siret_removes_separators():
    assert clean_siret(" 732.829.320-00074\u00a0") == "73282932000074"
    assert clean_siret(None) == ""


@pytest.mark.parametrize(
    ("typed", "clean"),
    [("88.99B", "88.99B"), ("8899b", "88.99B"), (" 94.99 z ", "94.99Z"), ("", "")],
)
def test_naf_codes_are_written_as_insee_does(typed, clean):
    assert clean_naf(typed) == clean


@pytest.mark.parametrize("typed", ["88.9", "ABCDE", "88.99BB", "8899"])
def test_malformed_naf_codes_are_refused(typed):
    with pytest.raises(ValidationError, match="88.99B"):
        clean_naf(typed)


@pytest.mark.parametrize(
    ("value", "suffixes", "expected"),
    [
        (0, "s", ""),
        (1, "s", ""),
        (2, "s", "s"),
        (1.5, "s", ""),
        ("x", "s", ""),
        (3, "a,ont", "ont"),
    ],
)
def test_french_plural_treats_zero_and_one_as_singular(value, suffixes, expected):
    from actors.templatetags.registry_tags import pluriel

    assert pluriel(value, suffixes) == expected
