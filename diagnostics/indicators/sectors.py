"""Sectors of activity of an establishment, from its NAF rév. 2 code, as SQL expressions.

Two readings, both derived from the NAF division (the first two digits of the code):

- the NAF section (A to U), the official grouping of the divisions;
- the grouping the ESS observatories (CRESS, ESS France) publish, mapped from divisions:

  ===================================== =============================================
  observatory sector                    NAF divisions
  ===================================== =============================================
  Action sociale                        87 (hébergement médico-social et social),
                                        88 (action sociale sans hébergement)
  Enseignement                          85
  Santé                                 86 (activités pour la santé humaine)
  Sport et loisirs                      93 (activités sportives, récréatives et de
                                        loisirs)
  Arts et spectacles                    90 (activités créatives, artistiques et de
                                        spectacle), 91 (bibliothèques, archives,
                                        musées et autres activités culturelles)
  Activités financières et d'assurance  64, 65, 66
  Commerce                              45, 46, 47
  Agriculture, sylviculture et pêche    01, 02, 03
  Autres activités                      every other division, and unknown codes
  ===================================== =============================================

A code of another nomenclature (NAF rév. 1, NAP: old establishments) or an empty code has no
section ("") and falls in "Autres activités".
"""

from django.db.models import Case, CharField, Q, Value, When

UNKNOWN = ""
UNKNOWN_LABEL = "Activité non renseignée"
NAF_REV2 = ("NAFRev2", "")

# (first division of the next section, section): a code below the bound is in the section.
# Codes are compared as text: "03.22Z" < "04" under any collation (digits come first).
SECTION_BOUNDS = (
    ("04", "A"),
    ("10", "B"),
    ("34", "C"),
    ("36", "D"),
    ("40", "E"),
    ("44", "F"),
    ("48", "G"),
    ("54", "H"),
    ("57", "I"),
    ("64", "J"),
    ("67", "K"),
    ("69", "L"),
    ("76", "M"),
    ("83", "N"),
    ("85", "O"),
    ("86", "P"),
    ("89", "Q"),
    ("94", "R"),
    ("97", "S"),
    ("99", "T"),
)
LAST_SECTION = ("99", "U")
SECTION_LABELS = {
    "A": "Agriculture, sylviculture et pêche",
    "B": "Industries extractives",
    "C": "Industrie manufacturière",
    "D": "Production et distribution d'électricité, de gaz, de vapeur et d'air conditionné",
    "E": "Production et distribution d'eau ; assainissement, gestion des déchets et dépollution",
    "F": "Construction",
    "G": "Commerce ; réparation d'automobiles et de motocycles",
    "H": "Transports et entreposage",
    "I": "Hébergement et restauration",
    "J": "Information et communication",
    "K": "Activités financières et d'assurance",
    "L": "Activités immobilières",
    "M": "Activités spécialisées, scientifiques et techniques",
    "N": "Activités de services administratifs et de soutien",
    "O": "Administration publique",
    "P": "Enseignement",
    "Q": "Santé humaine et action sociale",
    "R": "Arts, spectacles et activités récréatives",
    "S": "Autres activités de services",
    "T": "Activités des ménages en tant qu'employeurs",
    "U": "Activités extra-territoriales",
    UNKNOWN: UNKNOWN_LABEL,
}

OTHER = "autres"
# (code, label, NAF divisions), in the order the observatories publish them.
OBSERVATORY_SECTORS = (
    ("action_sociale", "Action sociale", ("87", "88")),
    ("enseignement", "Enseignement", ("85",)),
    ("sante", "Santé", ("86",)),
    ("sport_loisirs", "Sport et loisirs", ("93",)),
    ("arts_spectacles", "Arts et spectacles", ("90", "91")),
    ("finance_assurance", "Activités financières et d'assurance", ("64", "65", "66")),
    ("commerce", "Commerce", ("45", "46", "47")),
    ("agriculture", "Agriculture, sylviculture et pêche", ("01", "02", "03")),
    (OTHER, "Autres activités", ()),
)
OBSERVATORY_LABELS = {code: label for code, label, _ in OBSERVATORY_SECTORS}


def _not_rev2():
    return ~Q(naf_nomenclature__in=NAF_REV2)


def section_expression():
    """The NAF section of an Establishment row ("" when unknown), as an SQL CASE."""
    whens = [When(_not_rev2(), then=Value(UNKNOWN)), When(naf_code__lt="01", then=Value(UNKNOWN))]
    whens += [When(naf_code__lt=bound, then=Value(section)) for bound, section in SECTION_BOUNDS]
    whens.append(When(naf_code__startswith=LAST_SECTION[0], then=Value(LAST_SECTION[1])))
    return Case(*whens, default=Value(UNKNOWN), output_field=CharField())


def observatory_expression():
    """The observatory sector of an Establishment row, as an SQL CASE on its NAF division."""
    whens = [When(_not_rev2(), then=Value(OTHER))]
    for code, _label, divisions in OBSERVATORY_SECTORS:
        whens += [When(naf_code__startswith=division, then=Value(code)) for division in divisions]
    return Case(*whens, default=Value(OTHER), output_field=CharField())
