"""Demo PTCE of the Pays d'Ancenis: the pole on filières vertes (écoconstruction, circuits
alimentaires de proximité, éco-tourisme) that seed 003 tells about, lauréat of the State's first
call for PTCE projects.

Its members are drawn from the actors given (ESS structures first, matched on the filières),
completed by the partners the decree asks for when the list lacks them: a company outside the
ESS, the collectivité and a training body. Figures (budgets, funding, employees) are invented
for the demo, in the range of the RTES study of 42 PTCE.

Idempotent: every row is found again by its natural key (pole name; member actor; year;
funder and year; mutualisation kind; project title; partner actor name), so a second run with
the same actors changes nothing.
"""

import datetime
from decimal import Decimal

from django.db import transaction

from actors.enums import ESS_ACTOR_KINDS, ActorKind
from actors.models import Actor
from diagnostics.models import Diagnostic
from essterritoire.territories.models import Territory
from essterritoire.territories.text import normalize
from ptce.enums import (
    CooperationStatus,
    FundingNature,
    FundingOrigin,
    LegalForm,
    MemberType,
    MutualisationKind,
    PtceStage,
    Sector,
)
from ptce.models import AnimationYear, CooperationProject, FundingLine, Member, Mutualisation, Ptce

D, M = datetime.date, Decimal
NBSP = "\u00a0"
NAME = "PTCE filières vertes du Pays d'Ancenis"
ESS_KEYWORDS = ["bois", "eco", "constru", "habitat", "jardin", "maraich", "aliment", "epicerie"]
ESS_KEYWORDS += ["bio", "paysan", "tourisme", "gite", "ressourcerie", "recycl"]
ESS_COUNT = 5

# Partners created when the actors given have none of that kind: (kind, name, employees).
PARTNERS = {
    ActorKind.ENTREPRISE: ("Menuiserie Bois et Paille du Val de Loire", 12),
    ActorKind.COLLECTIVITE: ("Communauté de communes du Pays d'Ancenis", None),
    ActorKind.FORMATION: ("Centre de formation aux métiers de l'écoconstruction", 6),
}
PARTNER_EMPLOYEES = {name: employees for name, employees in PARTNERS.values()}
ESS_FALLBACK = [
    ("Ressourcerie du Pays d'Ancenis", ActorKind.ASSOCIATION),
    ("SCIC Paysans et cantines", ActorKind.COOPERATIVE),
    ("Gîtes solidaires des bords de Loire", ActorKind.ASSOCIATION),
]

IDENTITY = {
    "stage": PtceStage.DEVELOPMENT,
    "legal_form": LegalForm.ASSOCIATION,
    "created_on": D(2013, 9, 1),
    "sectors": [Sector.ECOCONSTRUCTION, Sector.FOOD, Sector.ECOTOURISM],
    "other_sectors": "",
    "description": (
        "Né du diagnostic partagé de l'ESS mené avec la CRESS, le pôle renforce les "
        "coopérations économiques sur les filières vertes du territoire : écoconstruction, "
        "circuits alimentaires de proximité, éco-tourisme. Seul lauréat du Grand Ouest au "
        "premier appel à projets PTCE de l'État."
    ),
    "governance": (
        "Assemblée générale des membres ; conseil d'administration en trois collèges "
        "(structures de l'ESS, entreprises, collectivités et partenaires) ; un comité "
        "technique par filière, réuni chaque trimestre."
    ),
}
# year: (budget, FTE, self-financed)
ANIMATION = {
    2024: (M(138_000), M("2.0"), M(38_000)),
    2025: (M(146_000), M("2.2"), M(44_000)),
    2026: (M(155_000), M("2.5"), M(50_000)),
}
REGION = "Région Pays de la Loire"
STATE = "État – DREETS Pays de la Loire"
SPONSORS = "Mécénat d'entreprises du territoire"
# (year, funder (None: the collectivité member), amount, nature, origin, collectivité, purpose)
OP, INV = FundingNature.OPERATING, FundingNature.INVESTMENT
PUB, PRIV = FundingOrigin.PUBLIC, FundingOrigin.PRIVATE
FUNDING = [
    (2024, REGION, M(40_000), OP, PUB, True, "Animation du pôle"),
    (2024, None, M(25_000), OP, PUB, True, "Animation du pôle"),
    (2024, STATE, M(20_000), OP, PUB, False, "Appel à projets PTCE"),
    (2024, SPONSORS, M(15_000), OP, PRIV, False, "Animation des filières"),
    (2025, REGION, M(40_000), OP, PUB, True, "Animation du pôle"),
    (2025, None, M(25_000), OP, PUB, True, "Animation du pôle"),
    (2025, None, M(12_000), INV, PUB, True, "Équipement de l'atelier partagé"),
    (2025, STATE, M(15_000), OP, PUB, False, "Appel à projets PTCE"),
    (2025, SPONSORS, M(10_000), OP, PRIV, False, "Animation des filières"),
    (2026, REGION, M(35_000), OP, PUB, True, "Animation du pôle"),
    (2026, REGION, M(20_000), INV, PUB, True, "Étude de la légumerie"),
    (2026, None, M(30_000), OP, PUB, True, "Animation du pôle"),
    (2026, STATE, M(10_000), OP, PUB, False, "Appel à projets PTCE"),
    (2026, SPONSORS, M(12_000), OP, PRIV, False, "Animation des filières"),
]
BUILDING = ["bois", "constru", "paille", "habitat", "ressourcerie", "recycl"]
FOOD = ["jardin", "maraich", "aliment", "epicerie", "paysan", "bio", "cantine"]
TOURISM = ["gite", "tourisme", "loire", "accueil"]
# kind: (description, member types concerned, keywords choosing the ESS structures)
MUTUALISATIONS = {
    MutualisationKind.PREMISES: (
        "Atelier partagé de 400 m² à Ancenis-Saint-Géréon : stockage des matériaux "
        "biosourcés et outillage commun.",
        ("ess", "entreprise"),
        BUILDING,
    ),
    MutualisationKind.SHARED_JOBS: (
        "Un poste de chargé·e de développement commercial partagé entre trois structures.",
        ("ess",),
        [],
    ),
    MutualisationKind.PURCHASES: (
        "Groupement d'achats de produits locaux pour les cantines et l'épicerie solidaire.",
        ("ess", "collectivite"),
        FOOD,
    ),
    MutualisationKind.SKILLS: (
        "Formations croisées à la construction en paille et en chanvre.",
        ("ess", "formation", "entreprise"),
        BUILDING,
    ),
}
PROJECTS = [
    {
        "title": "Légumerie intercommunale pour la restauration collective",
        "description": "Transformer les légumes des maraîchers du territoire pour les cantines.",
        "status": CooperationStatus.ONGOING,
        "start_on": D(2025, 9, 1),
        "end_on": D(2027, 6, 30),
        "types": ("ess", "collectivite"),
        "keywords": FOOD,
    },
    {
        "title": "Parcours d'éco-tourisme « Loire et bâti durable »",
        "description": "Visites de chantiers écoconstruits et hébergements solidaires.",
        "status": CooperationStatus.PLANNED,
        "start_on": D(2026, 4, 1),
        "end_on": None,
        "types": ("ess", "entreprise"),
        "keywords": TOURISM + BUILDING,
    },
]
PARTNER_ROLES = {
    MemberType.COMPANY: "Collège des entreprises",
    MemberType.COLLECTIVITE: "Collège des collectivités et partenaires",
    MemberType.TRAINING: "Collège des collectivités et partenaires",
}


def typography(text):
    """French typography: no-break spaces before « : ; » and inside guillemets."""
    text = text.replace(" :", NBSP + ":").replace(" ;", NBSP + ";")
    return text.replace("« ", "«" + NBSP).replace(" »", NBSP + "»")


def ranked(actors, keywords):
    """`actors` whose name holds a keyword first, in a stable order."""

    def rank(actor):
        name = normalize(actor.name)
        return (not any(keyword in name for keyword in keywords), actor.pk)

    return sorted(actors, key=rank)


def rank_ess(actors):
    """The ESS actors, those whose name matches a filière first."""
    return ranked([a for a in actors if a.kind in ESS_ACTOR_KINDS], ESS_KEYWORDS)


def partner(workspace, actors, kind):
    """The first actor of `kind` given, else the demo partner of that kind (created once)."""
    found = sorted((a for a in actors if a.kind == kind), key=lambda a: a.pk)
    if found:
        return found[0]
    name, _employees = PARTNERS[kind]
    commune = Territory.objects.filter(kind="com", code="44003").first()
    actor, _ = Actor.objects.get_or_create(
        workspace=workspace, name=name, defaults={"kind": kind, "commune": commune}
    )
    return actor


def ess_members(workspace, actors):
    chosen = rank_ess(actors)[:ESS_COUNT]
    for name, kind in ESS_FALLBACK[: max(0, 3 - len(chosen))]:
        actor, _ = Actor.objects.get_or_create(
            workspace=workspace, name=name, defaults={"kind": kind}
        )
        chosen.append(actor)
    return chosen


def seed_identity(workspace):
    perimeter = Territory.objects.filter(kind="epci", code="244400552").first()
    fields = {key: typography(v) if isinstance(v, str) else v for key, v in IDENTITY.items()}
    ptce, _ = Ptce.objects.update_or_create(
        workspace=workspace,
        name=NAME,
        defaults={**fields, "perimeter": perimeter or workspace.main_territory},
    )
    ptce.diagnostics.set(Diagnostic.objects.filter(workspace=workspace).order_by("pk")[:1])
    return ptce


def seed_members(ptce, workspace, actors):
    """{"ess": [members], "entreprise": [...], ...}; the first ESS actor pilots the pole."""
    ess = ess_members(workspace, actors)
    plan = [(actor, MemberType.ESS) for actor in ess]
    plan += [(partner(workspace, actors, ActorKind.ENTREPRISE), MemberType.COMPANY)]
    plan += [(partner(workspace, actors, ActorKind.COLLECTIVITE), MemberType.COLLECTIVITE)]
    plan += [(partner(workspace, actors, ActorKind.FORMATION), MemberType.TRAINING)]
    by_type = {}
    for index, (actor, member_type) in enumerate(plan):
        member = seed_member(ptce, actor, member_type, index)
        by_type.setdefault(member_type.value, []).append(member)
    seed_former_member(ptce, actors)
    ptce.pilot = ess[0]
    ptce.save(update_fields=["pilot"])
    return by_type


def seed_member(ptce, actor, member_type, index, left_on=None):
    """Founders joined in 2013, the others in 2019; budgets for the enterprises only (a
    collectivité's or a training body's budget is not the pole's economy)."""
    enterprise = member_type in (MemberType.ESS, MemberType.COMPANY)
    role = "Structure pilote" if index == 0 else ("Membre fondateur" if index < 3 else "Membre")
    role = PARTNER_ROLES.get(member_type, role)
    member, _ = Member.objects.update_or_create(
        ptce=ptce,
        actor=actor,
        defaults={
            "member_type": member_type,
            "role": "Ancien membre" if left_on else role,
            "joined_on": D(2013, 9, 1) if index < 3 else D(2019, 1, 1),
            "left_on": left_on,
            "employees": PARTNER_EMPLOYEES.get(actor.name),
            "budget": M(450_000) + M(150_000) * (index % 4) if enterprise else None,
        },
    )
    return member


def seed_former_member(ptce, actors):
    """An ESS structure that left the pole at the end of 2024 (it no longer counts)."""
    former = rank_ess(actors)[ESS_COUNT : ESS_COUNT + 1]
    for actor in former:
        seed_member(ptce, actor, MemberType.ESS, 3, left_on=D(2024, 12, 31))


def seed_funding(ptce, collectivite):
    for year, funder, amount, nature, origin, is_collectivite, purpose in FUNDING:
        who = {"funder_actor": collectivite} if funder is None else {"funder": funder}
        key = {"ptce": ptce, "year": year, "nature": nature, "purpose": purpose, **who}
        defaults = {"amount": amount, "origin": origin, "is_collectivite": is_collectivite}
        FundingLine.objects.update_or_create(**key, defaults=defaults)


def seed_parts(ptce, by_type):
    for year, (budget, fte, self_financed) in ANIMATION.items():
        AnimationYear.objects.update_or_create(
            ptce=ptce,
            year=year,
            defaults={"budget": budget, "fte": fte, "self_financed": self_financed},
        )
    for kind, (description, types, keywords) in MUTUALISATIONS.items():
        mutualisation, _ = Mutualisation.objects.update_or_create(
            ptce=ptce, kind=kind, defaults={"description": typography(description)}
        )
        mutualisation.members.set(members_of_types(by_type, types, keywords))
    for spec in PROJECTS:
        fields = {k: v for k, v in spec.items() if k not in ("title", "types", "keywords")}
        project, _ = CooperationProject.objects.update_or_create(
            ptce=ptce, title=typography(spec["title"]), defaults=fields
        )
        project.members.set(members_of_types(by_type, spec["types"], spec["keywords"]))


def members_of_types(by_type, types, keywords):
    """Up to three members of each type named; ESS structures matching a keyword first."""
    chosen = []
    for member_type in types:
        members = by_type.get(member_type, [])
        by_actor = {member.actor.pk: member for member in members}
        actors = ranked([member.actor for member in members], keywords)
        chosen += [by_actor[actor.pk] for actor in actors[:3]]
    return chosen


@transaction.atomic
def seed_ptce(workspace, actors):
    """Create or refresh the demo PTCE of `workspace` and return it; `actors` are actors of
    that workspace (any iterable) among which members are chosen."""
    actors = list(actors)
    if any(actor.workspace_id != workspace.pk for actor in actors):
        raise ValueError(f"seed_ptce{NBSP}: tous les acteurs doivent appartenir à l'espace.")
    ptce = seed_identity(workspace)
    by_type = seed_members(ptce, workspace, actors)
    seed_funding(ptce, by_type[MemberType.COLLECTIVITE.value][0].actor)
    seed_parts(ptce, by_type)
    return ptce
