import html

import pytest
from django.urls import reverse

from actors.models import Actor
from tests.actors.factories import ActorFactory, ContactFactory

pytestmark = pytest.mark.django_db
DUPLICATES = reverse("actors:actor-duplicates")
MERGE = reverse("actors:actor-merge")


def text(response):
    return html.unescape(response.content.decode())


def test_the_page_lists_pairs_with_a_choice_of_the_actor_to_keep(
    client_for, editor_user, workspace
):
    a = ActorFactory(workspace=workspace, name="Épicerie solidaire")
    b = ActorFactory(workspace=workspace, name="EPICERIE SOLIDAIRE")
    page = text(client_for(editor_user).get(DUPLICATES))
    assert "même nom dans la même commune" in page
    assert f'name="keep" value="{a.pk}"' in page and f'name="keep" value="{b.pk}"' in page


def test_no_duplicates_says_so(client_for, editor_user):
    assert "Aucun doublon" in text(client_for(editor_user).get(DUPLICATES))


def test_merge_is_confirmed_then_done(client_for, editor_user, workspace):
    keep = ActorFactory(workspace=workspace, name="Épicerie solidaire")
    remove = ActorFactory(workspace=workspace, name="EPICERIE SOLIDAIRE")
    ContactFactory.create_batch(2, actor=remove)
    client = client_for(editor_user)
    params = {"a": keep.pk, "b": remove.pk, "keep": keep.pk}
    page = text(client.get(MERGE, params))
    assert "Contacts\u00a0: 2" in page and 'method="post"' in page
    assert Actor.objects.filter(pk=remove.pk).exists()
    response = client.post(MERGE, params, follow=True)
    assert "a été fusionné dans" in text(response)
    assert not Actor.objects.filter(pk=remove.pk).exists()
    assert keep.contacts.count() == 2


def test_keeping_the_second_actor_removes_the_first(client_for, editor_user, workspace):
    first, second = ActorFactory.create_batch(2, workspace=workspace, name="Doublon")
    params = {"a": first.pk, "b": second.pk, "keep": second.pk}
    client_for(editor_user).post(MERGE, params)
    assert list(Actor.objects.filter(workspace=workspace)) == [second]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"a": "x", "b": "y"},
        {"a": "1"},
        {"a": "999998", "b": "999999", "keep": "999998"},
    ],
)
def test_bad_merge_requests_are_404(client_for, editor_user, params):
    assert client_for(editor_user).get(MERGE, params).status_code == 404


def test_a_merge_with_an_actor_of_another_workspace_is_404(
    client_for, editor_user, workspace, other_workspace
):
    mine, theirs = ActorFactory(workspace=workspace), ActorFactory(workspace=other_workspace)
    params = {"a": mine.pk, "b": theirs.pk, "keep": mine.pk}
    assert client_for(editor_user).post(MERGE, params).status_code == 404
    assert Actor.objects.count() == 2


def test_a_merge_without_a_choice_goes_back_to_the_duplicates(client_for, editor_user, workspace):
    a, b = ActorFactory.create_batch(2, workspace=workspace)
    response = client_for(editor_user).get(MERGE, {"a": a.pk, "b": b.pk, "keep": "42"})
    assert response["Location"] == DUPLICATES
