"""factory_boy factories of the PTCE models."""

from decimal import Decimal

import factory

from actors.enums import ActorKind
from ptce.enums import (
    CooperationStatus,
    FundingNature,
    FundingOrigin,
    LegalForm,
    MemberType,
    MutualisationKind,
    PtceStage,
    member_type_for,
)
from ptce.models import AnimationYear, CooperationProject, FundingLine, Member, Mutualisation, Ptce
from tests.actors.factories import ActorFactory
from tests.factories import WorkspaceFactory


class PtceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ptce

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Sequence(lambda n: f"PTCE des filières vertes n°{n}")
    stage = PtceStage.EMERGENCE
    legal_form = LegalForm.ASSOCIATION


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    ptce = factory.SubFactory(PtceFactory)
    actor = factory.SubFactory(ActorFactory, workspace=factory.SelfAttribute("..ptce.workspace"))
    member_type = factory.LazyAttribute(lambda o: member_type_for(o.actor.kind))


class AnimationYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnimationYear

    ptce = factory.SubFactory(PtceFactory)
    year = 2026
    budget = Decimal("150000.00")
    fte = Decimal("2.00")
    self_financed = Decimal("48000.00")


class FundingLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingLine

    ptce = factory.SubFactory(PtceFactory)
    year = 2026
    funder = "Région Pays de la Loire"
    amount = Decimal("30000.00")
    nature = FundingNature.OPERATING
    origin = FundingOrigin.PUBLIC
    is_collectivite = True


class MutualisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mutualisation

    ptce = factory.SubFactory(PtceFactory)
    kind = MutualisationKind.PREMISES
    description = "Atelier partagé"


class CooperationProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperationProject

    ptce = factory.SubFactory(PtceFactory)
    title = factory.Sequence(lambda n: f"Projet de coopération n°{n}")
    status = CooperationStatus.ONGOING


def eligible_members(ptce):
    """An ESS structure, a company and a collectivité: what decree 2015-431 asks."""
    kinds = [
        (ActorKind.ASSOCIATION, MemberType.ESS),
        (ActorKind.ENTREPRISE, MemberType.COMPANY),
        (ActorKind.COLLECTIVITE, MemberType.COLLECTIVITE),
    ]
    return [
        MemberFactory(
            ptce=ptce,
            actor=ActorFactory(workspace=ptce.workspace, kind=kind),
            member_type=member_type,
        )
        for kind, member_type in kinds
    ]
