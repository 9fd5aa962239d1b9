import pytest
from django.core.management import CommandError, call_command

from essterritoire.accounts.enums import Role
from essterritoire.accounts.models import Membership, User, Workspace
from essterritoire.territories.models import Territory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _accounts_only(monkeypatch):
    """The apps' demo steps need the full COG: tests/test_demo.py runs them."""
    monkeypatch.setattr(
        "essterritoire.accounts.management.commands.seed_demo.demo_steps", lambda: []
    )


@pytest.fixture
def demo_territories():
    Territory.objects.create(kind="reg", code="52", name="Pays de la Loire")
    Territory.objects.create(kind="epci", code="244400552", name="CC du Pays d'Ancenis")


def test_seed_demo_creates_the_workspaces_and_prints_the_logins(demo_territories, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "elu@ancenis.demo" in out and "demo-ess-2026" in out
    cc = Workspace.objects.get(slug="cc-pays-ancenis")
    assert cc.main_territory.ref == "epci:244400552"
    facilitator = User.objects.get(email="animatrice@cress-pdl.demo")
    roles = dict(facilitator.memberships.values_list("workspace__slug", "role"))
    assert roles == {"cress-pays-de-la-loire": Role.ADMIN, "cc-pays-ancenis": Role.EDITOR}
    assert User.objects.get(email="elu@ancenis.demo").check_password("demo-ess-2026")


def test_seed_demo_is_idempotent(demo_territories):
    call_command("seed_demo")
    counts = (User.objects.count(), Workspace.objects.count(), Membership.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Workspace.objects.count(), Membership.objects.count()) == counts


def test_seed_demo_without_territories_says_what_to_do():
    with pytest.raises(CommandError, match="load_territories"):
        call_command("seed_demo")
    assert not Workspace.objects.exists()
