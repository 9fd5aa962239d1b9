"""factory_boy factories for interviews, excerpts, the AFOM matrix and workshops."""

from datetime import date

import factory

from diagnostics.enums import EvidenceKind, InterviewFormat, Priority, Quadrant
from diagnostics.models import AfomItem, Evidence, Excerpt, Interview, Vote, Workshop
from tests.actors.factories import ActorFactory
from tests.diagnostics.factories import DiagnosticFactory


class InterviewFactory(factory.django.DjangoModelFactory):
    """An individual interview with one actor of the diagnostic's workspace."""

    class Meta:
        model = Interview
        skip_postgeneration_save = True

    diagnostic = factory.SubFactory(DiagnosticFactory)
    date = date(2026, 3, 12)
    format = InterviewFormat.INDIVIDUAL
    vision = "Un territoire rural où les coopératives agricoles pèsent plus qu'à côté."
    needs = "Des locaux partagés à Ancenis."

    @factory.post_generation
    def actors(self, create, extracted, **kwargs):
        if create:
            self.actors.set(extracted or [ActorFactory(workspace=self.diagnostic.workspace)])


class ExcerptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Excerpt

    interview = factory.SubFactory(InterviewFactory)
    text = factory.Sequence(
        lambda n: f"Nous manquons de locaux pour accueillir les bénévoles, extrait n°{n}."
    )


class AfomItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AfomItem

    diagnostic = factory.SubFactory(DiagnosticFactory)
    quadrant = Quadrant.ATOUT
    title = factory.Sequence(lambda n: f"Un réseau associatif dense n°{n}")
    order = factory.Sequence(lambda n: n)
    priority = Priority.MEDIUM


class EvidenceFactory(factory.django.DjangoModelFactory):
    """A reference; pass `excerpt=` and `kind=EvidenceKind.EXCERPT` for an excerpt."""

    class Meta:
        model = Evidence

    item = factory.SubFactory(AfomItemFactory)
    kind = EvidenceKind.REFERENCE
    title = "Panorama de l'ESS en Pays de la Loire"
    citation = "CRESS Pays de la Loire, 2024"


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    diagnostic = factory.SubFactory(DiagnosticFactory)
    title = "Atelier de priorisation du 12 mai"
    date = date(2026, 5, 12)
    points_per_participant = 5


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vote

    workshop = factory.SubFactory(WorkshopFactory)
    participant = "Camille Martin"
    item = factory.SubFactory(
        AfomItemFactory, diagnostic=factory.SelfAttribute("..workshop.diagnostic")
    )
    points = 2
