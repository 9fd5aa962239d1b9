"""factory_boy factories for diagnostics, their phases and method templates, and the few
territories their tests need (a région, a département, EPCI and communes)."""

import importlib
from datetime import date

import factory
from django.apps import apps

from diagnostics import services
from diagnostics.models import Deliverable, Diagnostic, MethodTemplate, Phase, PhaseTemplate
from essterritoire.territories.enums import Kind
from essterritoire.territories.models import Territory
from tests.factories import WorkspaceFactory

CRESS_SEED = importlib.import_module("diagnostics.migrations.0002_core_method_cress")
START = date(2026, 1, 15)


def cress_method():
    """The built-in CRESS template. Seeded by a migration; seeded again here when a
    transactional test emptied the tables."""
    template = MethodTemplate.objects.filter(workspace=None, name=CRESS_SEED.NAME).first()
    if template is None:
        CRESS_SEED.seed(apps, None)
        template = MethodTemplate.objects.get(workspace=None, name=CRESS_SEED.NAME)
    return template


class TerritoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory
        django_get_or_create = ("kind", "code")

    kind = Kind.EPCI
    code = factory.Sequence(lambda n: f"{200000000 + n:09d}")
    name = factory.Sequence(lambda n: f"Communauté de communes n°{n}")
    population = 30000


def region(code="52", name="Pays de la Loire", population=3_900_000):
    return TerritoryFactory(kind=Kind.REGION, code=code, name=name, population=population)


def departement(code="44", name="Loire-Atlantique", region=None, population=1_450_000):
    return TerritoryFactory(
        kind=Kind.DEPARTEMENT, code=code, name=name, region=region, population=population
    )


def commune(code, name, departement, epci=None, population=2000):
    return TerritoryFactory(
        kind=Kind.COMMUNE,
        code=code,
        name=name,
        departement=departement,
        region=departement.region,
        epci=epci,
        population=population,
    )


class MethodTemplateFactory(factory.django.DjangoModelFactory):
    """A workspace's own template with two short phases."""

    class Meta:
        model = MethodTemplate
        skip_postgeneration_save = True

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Sequence(lambda n: f"Méthode maison n°{n}")

    @factory.post_generation
    def phases(self, create, extracted, **kwargs):
        if not create:
            return
        for number, months in enumerate(extracted or (2, 4), start=1):
            PhaseTemplateFactory(template=self, number=number, duration_months=months)


class PhaseTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PhaseTemplate

    template = factory.SubFactory(MethodTemplateFactory)
    number = 1
    name = factory.Sequence(lambda n: f"Étape n°{n}")
    duration_months = 3
    deliverables = factory.LazyFunction(lambda: ["Compte rendu", "Carte des acteurs"])


class DiagnosticFactory(factory.django.DjangoModelFactory):
    """A diagnostic made by `diagnostic_create`: the CRESS method's four phases from
    15/01/2026, phase 1 under way."""

    class Meta:
        model = Diagnostic

    workspace = factory.SubFactory(WorkspaceFactory)
    territory = factory.SubFactory(TerritoryFactory)
    title = factory.Sequence(lambda n: f"Diagnostic de l'ESS n°{n}")
    start_date = START
    method = factory.LazyFunction(cress_method)

    @classmethod
    def _create(cls, model_class, *args, by=None, **kwargs):
        return services.diagnostic_create(by=by, **kwargs)


class PhaseFactory(factory.django.DjangoModelFactory):
    """One more phase after the diagnostic's last one."""

    class Meta:
        model = Phase

    diagnostic = factory.SubFactory(DiagnosticFactory)
    number = factory.LazyAttribute(lambda o: o.diagnostic.phases.count() + 1)
    name = factory.Sequence(lambda n: f"Phase supplémentaire n°{n}")
    planned_start = date(2029, 1, 15)
    planned_end = date(2029, 4, 15)


class DeliverableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deliverable

    phase = factory.SubFactory(PhaseFactory)
    label = factory.Sequence(lambda n: f"Livrable n°{n}")
