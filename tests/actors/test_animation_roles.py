"""The role matrix of every page of the territory's animation (networks, meetings, holders)."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from actors.models import Meeting, Network, Orientation, ProjectHolder
from actors.urls.animation import urlpatterns
from tests.actors.factories import ActorFactory
from tests.actors.factories_animation import (
    MeetingFactory,
    NetworkFactory,
    OrientationFactory,
    ProjectHolderFactory,
)
from tests.roles import ROLES, check_role_matrix

pytestmark = pytest.mark.django_db

# "other" is an admin of another workspace: pages of the active workspace show them their own
# (empty) data, objects of ours are a 404 for them.
LIST = {"anonymous": 302, "other": 200, "reader": 200, "editor": 200, "admin": 200}
NEW = {"anonymous": 302, "other": 200, "reader": 403, "editor": 200, "admin": 200}
CREATE = {"anonymous": 302, "other": 302, "reader": 403, "editor": 302, "admin": 302}
READ = {"anonymous": 302, "other": 404, "reader": 200, "editor": 200, "admin": 200}
FORM = {"anonymous": 302, "other": 404, "reader": 403, "editor": 200, "admin": 200}
CHANGE = {"anonymous": 302, "other": 404, "reader": 403, "editor": 302, "admin": 302}


@pytest.fixture
def objs(workspace):
    actor, newcomer = ActorFactory(workspace=workspace), ActorFactory(workspace=workspace)
    network = NetworkFactory(workspace=workspace)
    network.members.add(actor)
    meeting = MeetingFactory(workspace=workspace, network=network)
    meeting.invited.add(actor)
    holder = ProjectHolderFactory(workspace=workspace)
    orientation = OrientationFactory(holder=holder, actor=actor)
    return SimpleNamespace(
        actor=actor,
        newcomer=newcomer,
        network=network,
        meeting=meeting,
        holder=holder,
        orientation=orientation,
    )


def meeting_data(o):
    return {"title": "Rencontre réemploi", "date": "2026-12-03", "invited": [o.actor.pk]}


def holder_data(o):
    return {
        "person_name": "Alex Fictif",
        "project_name": "Recyclerie de matériaux",
        "need": "local",
        "stage": "idee",
        "status": "recu",
    }


def orientation_data(o):
    return {
        "actor": o.actor.pk,
        "date": "2026-11-20",
        "purpose": "Étude de marché",
        "outcome_status": "contact_pris",
    }


def pk(name):
    return lambda o: [getattr(o, name).pk]


# (url name, url args from the objects, method, expected statuses, POST data from the objects)
CASES = [
    ("network-list", None, "get", LIST, None),
    ("network-export", None, "get", LIST, None),
    ("network-create", None, "get", NEW, None),
    ("network-create", None, "post", NEW, lambda o: {"name": "", "scope": "territorial"}),
    ("network-detail", pk("network"), "get", READ, None),
    ("network-update", pk("network"), "get", FORM, None),
    (
        "network-update",
        pk("network"),
        "post",
        CHANGE,
        lambda o: {"name": "R", "scope": "territorial"},
    ),
    ("network-delete", pk("network"), "get", FORM, None),
    ("network-member-add", pk("network"), "post", CHANGE, lambda o: {"actors": [o.newcomer.pk]}),
    (
        "network-member-remove",
        lambda o: [o.network.pk, o.actor.pk],
        "post",
        CHANGE,
        None,
    ),
    ("meeting-list", None, "get", LIST, None),
    ("meeting-export", None, "get", LIST, None),
    ("meeting-create", None, "get", NEW, None),
    ("meeting-detail", pk("meeting"), "get", READ, None),
    ("meeting-update", pk("meeting"), "get", FORM, None),
    ("meeting-update", pk("meeting"), "post", CHANGE, meeting_data),
    ("meeting-delete", pk("meeting"), "get", FORM, None),
    ("meeting-attendance", pk("meeting"), "get", FORM, None),
    ("meeting-attendance", pk("meeting"), "post", CHANGE, lambda o: {"present": [o.actor.pk]}),
    ("holder-list", None, "get", LIST, None),
    ("holder-export", None, "get", LIST, None),
    ("holder-create", None, "get", NEW, None),
    ("holder-create", None, "post", CREATE, holder_data),
    ("holder-detail", pk("holder"), "get", READ, None),
    ("holder-update", pk("holder"), "get", FORM, None),
    ("holder-update", pk("holder"), "post", CHANGE, holder_data),
    ("holder-delete", pk("holder"), "get", FORM, None),
    ("holder-status", pk("holder"), "post", CHANGE, lambda o: {"status": "accompagne"}),
    ("orientation-create", pk("holder"), "get", FORM, None),
    ("orientation-create", pk("holder"), "post", CHANGE, orientation_data),
    ("orientation-update", pk("orientation"), "get", FORM, None),
    ("orientation-update", pk("orientation"), "post", CHANGE, orientation_data),
    ("orientation-delete", pk("orientation"), "get", FORM, None),
]


@pytest.mark.parametrize(
    ("name", "args", "method", "expected", "data"),
    CASES,
    ids=[f"{c[0]}-{c[2]}" for c in CASES],
)
def test_role_matrix(client_for, role_users, objs, name, args, method, expected, data):
    url = reverse(f"actors:{name}", args=args(objs) if args else None)
    payload = data(objs) if data else None
    check_role_matrix(client_for, role_users, url, expected, method, payload)


def test_meeting_create_post_role_matrix(client_for, role_users, objs):
    # "other" may create in their own workspace, but not with our actors.
    url = reverse("actors:meeting-create")
    data = {"title": "Rencontre réemploi", "date": "2026-12-03"}
    check_role_matrix(client_for, role_users, url, CREATE, "post", data)
    assert Meeting.objects.filter(workspace=objs.meeting.workspace).count() == 3


DELETIONS = [
    ("network-delete", NetworkFactory, Network, "workspace"),
    ("meeting-delete", MeetingFactory, Meeting, "workspace"),
    ("holder-delete", ProjectHolderFactory, ProjectHolder, "workspace"),
    ("orientation-delete", OrientationFactory, Orientation, "holder__workspace"),
]


@pytest.mark.parametrize(("name", "factory", "model", "path"), DELETIONS)
def test_only_editors_and_admins_delete(
    client_for, role_users, workspace, name, factory, model, path
):
    def make():
        if factory is OrientationFactory:
            return factory(holder=ProjectHolderFactory(workspace=workspace))
        return factory(workspace=workspace)

    for role, status in {"anonymous": 302, "other": 404, "reader": 403}.items():
        target = make()
        response = client_for(role_users[role]).post(reverse(f"actors:{name}", args=[target.pk]))
        assert response.status_code == status, role
        assert model.objects.filter(pk=target.pk).exists(), role
    for role in ("editor", "admin"):
        target = make()
        response = client_for(role_users[role]).post(reverse(f"actors:{name}", args=[target.pk]))
        assert response.status_code == 302, role
        assert not model.objects.filter(pk=target.pk).exists(), role


def test_every_animation_view_has_its_role_matrix():
    covered = {case[0] for case in CASES} | {case[0] for case in DELETIONS}
    assert covered == {pattern.name for pattern in urlpatterns}
    assert set(ROLES) == set(LIST)


def test_changes_need_a_post(client_for, editor_user, objs):
    client = client_for(editor_user)
    for name, args in [
        ("network-member-add", [objs.network.pk]),
        ("network-member-remove", [objs.network.pk, objs.actor.pk]),
        ("holder-status", [objs.holder.pk]),
    ]:
        assert client.get(reverse(f"actors:{name}", args=args)).status_code == 405, name
    assert objs.network.members.filter(pk=objs.actor.pk).exists()


def test_other_workspace_lists_show_none_of_our_data(client_for, other_user, objs):
    client = client_for(other_user)
    pages = {
        "network-list": objs.network.name,
        "meeting-list": objs.meeting.title,
        "holder-list": objs.holder.project_name,
    }
    for name, text in pages.items():
        assert text not in client.get(reverse(f"actors:{name}")).content.decode(), name
    for name in ("network-export", "meeting-export", "holder-export"):
        content = client.get(reverse(f"actors:{name}")).content.decode("utf-8-sig")
        assert len(content.strip().splitlines()) == 1, name
