from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from essterritoire.territories import services
from essterritoire.territories.models import Territory

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MINI_COG = FIXTURES / "cog-mini.json.gz"
COG_SOURCE = FIXTURES / "cog-source"


def load(path=MINI_COG):
    """Run load_territories on `path` (None: the committed file); returns its output."""
    out = StringIO()
    options = {"file": str(path)} if path else {}
    call_command("load_territories", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def cog(db):
    """The small COG sample: 3 régions, 4 départements, 3 EPCI, 9 communes, 12 former codes."""
    load()


def territory(ref):
    kind, code = ref.split(":")
    return Territory.objects.get(kind=kind, code=code)


@pytest.fixture
def grouping(cog, workspace, editor_user):
    """ "Pays d'Ancenis élargi" of `workspace`: the CC du Pays d'Ancenis and Angers."""
    communes = territory("epci:244400552").communes().values_list("pk", flat=True)
    return services.grouping_create(
        workspace=workspace,
        user=editor_user,
        name="Pays d'Ancenis élargi",
        description="Le périmètre du diagnostic.",
        commune_ids={*communes, territory("com:49007").pk},
    )


@pytest.fixture
def other_grouping(cog, other_workspace, other_user):
    return services.grouping_create(
        workspace=other_workspace,
        user=other_user,
        name="Secret de l'autre espace",
        description="",
        commune_ids={territory("com:69123").pk},
    )
