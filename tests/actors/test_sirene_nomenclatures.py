"""load_nomenclatures: the committed data files, loaded idempotently."""

from io import StringIO

import pytest
from django.core.management import call_command

from actors.models import LegalCategory, NafCode

pytestmark = pytest.mark.django_db


def load():
    out = StringIO()
    call_command("load_nomenclatures", stdout=out)
    return out.getvalue()


def test_the_nomenclatures_load_once_then_stay_unchanged():
    first = load()
    assert "Catégories juridiques\u00a0: 260 (260 créées" in first
    assert "Codes NAF rév. 2\u00a0: 1\u202f728 (1\u202f728 créés" in first
    assert "(0 créés, 0 modifiés, 1\u202f728 inchangés)" in load()


def test_naf_codes_carry_their_section_and_level():
    load()
    assert NafCode.objects.get(code="88.99B").section == "Q"
    assert NafCode.objects.get(code="84").level == 2
    assert NafCode.objects.get(code="A").level == 1
    assert NafCode.objects.filter(level=5).count() == 732
    assert LegalCategory.objects.get(code="5710").label.startswith("SAS")
