"""The ESS classification: rules kept as ClassificationRule rows, applied in a fixed order.

1. an activity (NAF) exclusion: the longest prefix of the establishment's code that has a rule;
2. the legal unit's catégorie juridique;
3. the legal unit's ESS flag (economieSocialeSolidaireUniteLegale);
4. otherwise "non_ess".
An establishment whose legal unit is unknown is "unclassified", before any rule.

`classify` applies the rules in Python during an import (rules loaded once per import);
`family_expression` is the same logic in SQL, used to reclassify stored establishments in one
UPDATE when staff change the rules. Both must agree: tests check it.
"""

from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Case, Exists, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce, Length, Substr

from actors.enums import Family, RuleKind
from actors.models import ClassificationRule, LegalUnit


class LegalUnitInfo(NamedTuple):
    """What the classification needs of a legal unit (and the name it may lend)."""

    name: str = ""
    legal_category: str = ""
    ess_flag: str = ""


@dataclass(frozen=True)
class Rules:
    """The rules of the table, ready to apply: NAF prefixes longest first."""

    naf_exclusions: tuple = ()
    legal_categories: dict = field(default_factory=dict)
    ess_flags: dict = field(default_factory=dict)

    @classmethod
    def load(cls):
        """The rules as stored now (one query)."""
        rows = list(ClassificationRule.objects.values_list("kind", "value", "family"))
        return cls.from_rows(rows)

    @classmethod
    def from_rows(cls, rows):
        """Rules from (kind, value, family) triples."""
        naf = sorted(
            ((value, family) for kind, value, family in rows if kind == RuleKind.NAF_EXCLUSION),
            key=lambda item: (-len(item[0]), item[0]),
        )
        by_kind = {RuleKind.LEGAL_CATEGORY: {}, RuleKind.ESS_FLAG: {}}
        for kind, value, family in rows:
            if kind in by_kind:
                by_kind[kind][value] = family
        return cls(tuple(naf), by_kind[RuleKind.LEGAL_CATEGORY], by_kind[RuleKind.ESS_FLAG])


def matching_rule(naf_code, legal_unit, rules):
    """(family, rule kind, rule value) deciding the family; kind is None for the defaults."""
    if legal_unit is None:
        return Family.UNCLASSIFIED, None, ""
    for prefix, family in rules.naf_exclusions:
        if naf_code.startswith(prefix):
            return family, RuleKind.NAF_EXCLUSION, prefix
    category = legal_unit.legal_category
    if category in rules.legal_categories:
        return rules.legal_categories[category], RuleKind.LEGAL_CATEGORY, category
    flag = legal_unit.ess_flag
    if flag in rules.ess_flags:
        return rules.ess_flags[flag], RuleKind.ESS_FLAG, flag
    return Family.NON_ESS, None, ""


def classify(naf_code, legal_unit, rules):
    """The ESS family of an establishment with activity `naf_code` and its legal unit
    (a LegalUnitInfo, or None when unknown)."""
    return matching_rule(naf_code, legal_unit, rules)[0]


def family_expression():
    """The family of an Establishment row under the stored rules, as an SQL expression."""
    rules = ClassificationRule.objects
    naf = (
        rules.filter(kind=RuleKind.NAF_EXCLUSION)
        .annotate(size=Length("value"))
        .filter(value=Substr(OuterRef("naf_code"), 1, Length("value")))
        .order_by("-size", "value")
        .values("family")[:1]
    )
    legal = rules.filter(kind=RuleKind.LEGAL_CATEGORY, value=OuterRef("legal_category"))
    flag = rules.filter(kind=RuleKind.ESS_FLAG, value=OuterRef("ess_flag"))
    known = Exists(LegalUnit.objects.filter(siren=OuterRef("siren")))
    ruled = Coalesce(
        Subquery(naf),
        Subquery(legal.values("family")[:1]),
        Subquery(flag.values("family")[:1]),
        Value(Family.NON_ESS.value),
    )
    return Case(When(known, then=ruled), default=Value(Family.UNCLASSIFIED.value))
