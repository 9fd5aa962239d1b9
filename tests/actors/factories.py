import factory

from actors.enums import ActorKind, Family
from actors.models import Actor, Contact, Establishment, LegalCategory, Theme
from essterritoire.territories.enums import Kind
from essterritoire.territories.models import Territory
from tests.factories import WorkspaceFactory


def with_luhn_key(first13):
    """The 14-digit SIRET whose last digit makes the Luhn sum a multiple of 10."""
    for key in "0123456789":
        candidate = first13 + key
        total = sum(
            (n * 2 - 9 if n > 4 else n * 2) if i % 2 else n
            for i, n in enumerate(int(c) for c in reversed(candidate))
        )
        if total % 10 == 0:
            return candidate
    raise AssertionError("unreachable")


class TerritoryFactory(factory.django.DjangoModelFactory):
    """A commune unless told otherwise; the same kind and code give the same territory."""

    class Meta:
        model = Territory
        django_get_or_create = ("kind", "code")

    kind = Kind.COMMUNE
    code = factory.Sequence(lambda n: f"{44100 + n:05d}")
    name = factory.Sequence(lambda n: f"Commune n°{n}")


def pays_d_ancenis():
    """The CC du Pays d'Ancenis with two of its communes: {"epci", "ancenis", "ligne"}."""
    epci = TerritoryFactory(kind=Kind.EPCI, code="244400552", name="CC du Pays d'Ancenis")
    ancenis = TerritoryFactory(code="44003", name="Ancenis-Saint-Géréon", epci=epci)
    ligne = TerritoryFactory(code="44082", name="Ligné", epci=epci)
    return {"epci": epci, "ancenis": ancenis, "ligne": ligne}


class LegalCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalCategory
        django_get_or_create = ("code",)

    code = "9220"
    label = "Association déclarée"


class EstablishmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Establishment

    siren = factory.Sequence(lambda n: f"{800000000 + n:09d}")
    siret = factory.LazyAttribute(lambda o: with_luhn_key(f"{o.siren}0001"))
    name = factory.Sequence(lambda n: f"Association n°{n}")
    commune_code = "44003"
    epci_code = "244400552"
    departement_code = "44"
    region_code = "52"
    naf_code = "88.99B"
    size_band = "11"
    employer = True
    active = True
    legal_category = "9220"
    family = Family.ASSOCIATION


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("workspace", "name")

    workspace = factory.SubFactory(WorkspaceFactory)
    name = "Alimentation"


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Sequence(lambda n: f"Ressourcerie du Pays n°{n}")
    kind = ActorKind.ASSOCIATION


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    actor = factory.SubFactory(ActorFactory)
    name = factory.Faker("name", locale="fr_FR")
    role = "Directrice"
    email = factory.Sequence(lambda n: f"contact{n}@asso.fr")
    phone = "02 40 00 00 00"
    consent = True
