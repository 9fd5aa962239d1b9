"""The list and the sheet run a fixed number of queries whatever the number of members."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.actors.factories import ActorFactory, EstablishmentFactory
from tests.ptce.factories import (
    AnimationYearFactory,
    CooperationProjectFactory,
    FundingLineFactory,
    MemberFactory,
    MutualisationFactory,
    PtceFactory,
)

pytestmark = pytest.mark.django_db


def fill(ptce, members):
    """`members` members (with SIRENE establishments), each in a mutualisation and a project,
    and one animation year and funding line per member."""
    mutualisation = MutualisationFactory(ptce=ptce)
    project = CooperationProjectFactory(ptce=ptce)
    for n in range(members):
        actor = ActorFactory(workspace=ptce.workspace, establishment=EstablishmentFactory())
        member = MemberFactory(ptce=ptce, actor=actor)
        mutualisation.members.add(member)
        project.members.add(member)
        AnimationYearFactory(ptce=ptce, year=2000 + n)
        FundingLineFactory(ptce=ptce, year=2000 + n)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_sheet_queries_do_not_grow_with_members(client_for, editor_user, workspace):
    small, large = PtceFactory(workspace=workspace), PtceFactory(workspace=workspace)
    fill(small, 1)
    fill(large, 12)
    client = client_for(editor_user)
    count_queries(client, small.get_absolute_url())  # warm the session
    few = count_queries(client, small.get_absolute_url())
    assert count_queries(client, large.get_absolute_url()) == few
    assert few <= 25, few


def test_the_list_queries_do_not_grow_with_poles_or_members(client_for, reader_user, workspace):
    client = client_for(reader_user)
    url = reverse("ptce:ptce-list")
    fill(PtceFactory(workspace=workspace), 1)
    count_queries(client, url)
    few = count_queries(client, url)
    for _ in range(4):
        fill(PtceFactory(workspace=workspace), 6)
    assert count_queries(client, url) == few
    assert few <= 10, few
