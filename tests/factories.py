"""factory_boy factories for the kernel's models; each app adds its own beside its tests."""

import factory

from essterritoire.accounts.enums import Role, WorkspaceKind
from essterritoire.accounts.models import Membership, User, Workspace

PASSWORD = "motdepasse-de-test-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.django.Password(PASSWORD)


class WorkspaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workspace

    name = factory.Sequence(lambda n: f"Communauté de communes n°{n}")
    slug = factory.Sequence(lambda n: f"espace-{n}")
    kind = WorkspaceKind.COLLECTIVITE


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    workspace = factory.SubFactory(WorkspaceFactory)
    role = Role.EDITOR


def member(workspace, role):
    """A new user holding `role` in `workspace`."""
    return MembershipFactory(workspace=workspace, role=role).user
