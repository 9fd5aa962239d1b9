"""A diagnostic with something in every chapter of its report, and the text of a PDF."""

import subprocess

from actors.enums import Family
from actors.models import Establishment
from diagnostics.enums import EvidenceKind, Priority, Quadrant
from diagnostics.models import ComparisonTerritory
from tests.actors.factories import ActorFactory, ContactFactory, ThemeFactory, with_luhn_key
from tests.diagnostics import indicator_support
from tests.diagnostics.factories import DiagnosticFactory
from tests.diagnostics.factories_afom import (
    AfomItemFactory,
    EvidenceFactory,
    ExcerptFactory,
    InterviewFactory,
)
from tests.diagnostics.factories_surveys import choice, invite, option, sample_survey, submit

ESS_ESTABLISHMENTS = 1_200
OTHER_ESTABLISHMENTS = 300
CONTACT_NAME = "Gwendoline Persontest"
CONTACT_EMAIL = "gwendoline.persontest@exemple.fr"
CONTACT_PHONE = "02 51 99 88 77"
ACTOR_NAME = "Ressourcerie Test du Val"
EXCERPT = "Il nous manque un second local pour trier les dons."
ITEMS = {
    Quadrant.ATOUT: "Un réseau de réemploi structuré",
    Quadrant.FAIBLESSE: "Manque de locaux pour le réemploi",
    Quadrant.OPPORTUNITE: "Projet alimentaire territorial",
    Quadrant.MENACE: "Baisse des subventions de fonctionnement",
}


def bulk_establishments(place, ess, other):
    """`ess` ESS and `other` non-ESS employer establishments in a commune, in one insert."""
    codes = {
        "commune_code": place.code,
        "epci_code": place.epci.code if place.epci else "",
        "departement_code": place.departement.code,
        "region_code": place.region.code,
        "size_band": "01",
        "employer": True,
        "active": True,
        "naf_nomenclature": "NAFRev2",
    }
    rows = []
    for n in range(ess + other):
        siren = f"{700000000 + n:09d}"
        family = Family.ASSOCIATION if n < ess else Family.NON_ESS
        rows.append(
            Establishment(
                siret=with_luhn_key(f"{siren}0001"),
                siren=siren,
                name=f"Établissement n°{n}",
                naf_code="88.99B" if n < ess else "47.11B",
                family=family,
                legal_category="9220" if n < ess else "5710",
                **codes,
            )
        )
    Establishment.objects.bulk_create(rows)


def report_diagnostic(workspace, *, actors=3, interviews=2, items_per_quadrant=1):
    """A diagnostic of the CC du Pays d'Ancenis (1 200 ESS establishments among 1 500), a
    comparison territory, actors with contacts, interviews with excerpts, AFOM items with their
    evidence, a survey with answers."""
    places = indicator_support.territories()
    bulk_establishments(places["communes"]["44003"], ESS_ESTABLISHMENTS, OTHER_ESTABLISHMENTS)
    indicator_support.regional_values(places)
    diagnostic = DiagnosticFactory(workspace=workspace, territory=places["target"])
    ComparisonTerritory.objects.create(
        diagnostic=diagnostic, territory=places["peer1"], reason="voisin, même département"
    )
    theme = ThemeFactory(workspace=workspace, name="Déchets")
    main = ActorFactory(workspace=workspace, name=ACTOR_NAME, kind="association")
    main.themes.add(theme)
    ContactFactory(actor=main, name=CONTACT_NAME, email=CONTACT_EMAIL, phone=CONTACT_PHONE)
    others = [
        ActorFactory(workspace=workspace, kind="cooperative" if n % 2 else "association")
        for n in range(actors - 1)
    ]
    for actor in others:
        ContactFactory(actor=actor)
    excerpt = None
    for n in range(interviews):
        interview = InterviewFactory(
            diagnostic=diagnostic, actors=[main] if n == 0 else [others[n % len(others)]]
        )
        interview.themes.add(theme)
        text = EXCERPT if n == 0 else f"La mobilité des salariés est un frein, entretien n°{n}."
        made = ExcerptFactory(interview=interview, text=text, theme=theme)
        excerpt = excerpt or made
    for quadrant, title in ITEMS.items():
        for n in range(items_per_quadrant):
            item = AfomItemFactory(
                diagnostic=diagnostic,
                quadrant=quadrant,
                title=title if n == 0 else f"{title}, volet {n + 1}",
                priority=Priority.HIGH,
            )
            EvidenceFactory(item=item, kind=EvidenceKind.EXCERPT, excerpt=excerpt, title="")
            EvidenceFactory(item=item)
    answer_survey(diagnostic, [main, *others])
    return diagnostic


def answer_survey(diagnostic, actors):
    survey, q = sample_survey(diagnostic=diagnostic, title="Enquête des acteurs de l'ESS")
    for index, actor in enumerate(actors):
        invitation = invite(survey, actor)[0]
        if index % 2 == 0:
            values = {
                q["q1"].pk: choice(option(q["q1"], "Association")),
                q["q2"].pk: choice(option(q["q2"], "Financement")),
                q["q4"].pk: True,
                q["q8"].pk: f"{CONTACT_NAME} répond",
            }
            submit(survey, values, invitation=invitation)
    return survey


def pdf_text(pdf, tmp_path):
    """The text of a PDF, by pdftotext (layout kept, so that table rows stay on one line)."""
    path = tmp_path / "rapport.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")
