"""The committed 2026 file, loaded whole: the figures the README promises."""

import pytest

from essterritoire.territories.models import FormerCode, Territory
from tests.territories.conftest import load, territory

pytestmark = pytest.mark.django_db


def test_full_load_then_nothing_to_do():
    output = load(path=None)
    for line in ("26 régions", "109 départements", "1255 EPCI", "34969 communes", "4285 anciens"):
        assert line in output
    assert Territory.objects.filter(kind="com").count() == 34969
    assert territory("com:49160").epci == territory("epci:244400552")
    assert FormerCode.objects.get(code="13201").commune.code == "13055"
    again = load(path=None)
    assert "Aucun changement" in again
    assert "34969 communes : 0 créée, 0 modifiée, 34969 inchangées" in again
