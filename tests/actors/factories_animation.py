"""Factories of the territory's animation: networks, meetings, project holders, orientations."""

import datetime

import factory

from actors.enums import HolderNeed, HolderStage, HolderStatus, NetworkScope
from actors.models import Meeting, Network, Orientation, ProjectHolder
from tests.actors.factories import ActorFactory
from tests.factories import WorkspaceFactory


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Sequence(lambda n: f"Réseau de l'économie circulaire n°{n}")
    scope = NetworkScope.THEMATIC
    description = "Les acteurs du réemploi et de la réparation du territoire."


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    workspace = factory.SubFactory(WorkspaceFactory)
    title = factory.Sequence(lambda n: f"Rencontre mobilité solidaire n°{n}")
    date = datetime.date(2026, 10, 8)
    start_time = datetime.time(14, 0)
    place = "Salle du conseil, Ancenis-Saint-Géréon"
    minutes = "Partage des besoins de mobilité des personnes en insertion."


class ProjectHolderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectHolder

    workspace = factory.SubFactory(WorkspaceFactory)
    person_name = factory.Sequence(lambda n: f"Camille Fictive-{n}")
    email = factory.Sequence(lambda n: f"porteur{n}@example.org")
    phone = "02 61 91 00 01"
    project_name = factory.Sequence(lambda n: f"Épicerie solidaire n°{n}")
    description = "Une épicerie à prix choisis dans un bourg sans commerce."
    need = HolderNeed.PREMISES
    stage = HolderStage.EMERGENCE
    status = HolderStatus.RECEIVED
    received_on = datetime.date(2026, 9, 15)
    notes = "Rencontrée lors de la permanence du mardi."


class OrientationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Orientation

    holder = factory.SubFactory(ProjectHolderFactory)
    actor = factory.SubFactory(ActorFactory, workspace=factory.SelfAttribute("..holder.workspace"))
    date = datetime.date(2026, 9, 20)
    purpose = "Recherche d'un local commercial"
