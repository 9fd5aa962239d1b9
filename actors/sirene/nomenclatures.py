"""Catégories juridiques and NAF rév. 2 codes, loaded from the committed files of actors/data."""

import csv
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from actors.models import LegalCategory, NafCode

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SOURCES = (
    (LegalCategory, "categories_juridiques.csv", ("label",)),
    (NafCode, "naf_rev2.csv", ("label", "section", "level")),
)
LABELS = {LegalCategory: ("Catégories juridiques", "e"), NafCode: ("Codes NAF rév. 2", "")}


@dataclass
class LoadCount:
    label: str
    agreement: str = ""
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self):
        return self.created + self.updated + self.unchanged


def read_rows(filename):
    """{code: {field: value}} of one data file."""
    with (DATA_DIR / filename).open(encoding="utf-8", newline="") as source:
        return {row.pop("code"): row for row in csv.DictReader(source)}


def nomenclatures_load():
    """Upsert both nomenclatures (idempotent); one LoadCount per table."""
    with transaction.atomic():
        return [_upsert(model, read_rows(name), fields) for model, name, fields in SOURCES]


def nomenclatures_ensure():
    """Load the nomenclatures when one of their tables is empty (first import)."""
    if not (LegalCategory.objects.exists() and NafCode.objects.exists()):
        nomenclatures_load()


def _upsert(model, wanted, fields):
    count = LoadCount(*LABELS[model])
    existing = {row[0]: row[1:] for row in model.objects.values_list("code", *fields)}
    changed = []
    for code, values in wanted.items():
        row = tuple(_typed(model, field, values[field]) for field in fields)
        if existing.get(code) != row:
            changed.append(model(code=code, **dict(zip(fields, row, strict=True))))
    count.created = len(wanted.keys() - existing.keys())
    count.updated = len(changed) - count.created
    count.unchanged = len(wanted) - len(changed)
    model.objects.bulk_create(
        changed, update_conflicts=True, unique_fields=["code"], update_fields=list(fields)
    )
    return count


def _typed(model, field, value):
    return model._meta.get_field(field).to_python(value)
