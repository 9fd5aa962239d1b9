"""The role matrix on every PTCE view: anonymous visitors go to the login page, people of
another workspace get a 404 on objects, readers read (200) but never change (403), editors and
admins do both."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from ptce.models import AnimationYear, CooperationProject, FundingLine, Member, Mutualisation, Ptce
from tests.actors.factories import ActorFactory
from tests.ptce.factories import (
    AnimationYearFactory,
    CooperationProjectFactory,
    FundingLineFactory,
    MemberFactory,
    MutualisationFactory,
    PtceFactory,
)
from tests.roles import check_role_matrix

pytestmark = pytest.mark.django_db

READ = {"anonymous": 302, "other": 404, "reader": 200, "editor": 200, "admin": 200}
CHANGE_PAGE = {"anonymous": 302, "other": 404, "reader": 403, "editor": 200, "admin": 200}
CHANGED = {"anonymous": 302, "other": 404, "reader": 403, "editor": 302, "admin": 302}


@pytest.fixture
def pole(workspace):
    ptce = PtceFactory(workspace=workspace)
    member = MemberFactory(ptce=ptce)
    return SimpleNamespace(
        ptce=ptce,
        member=member,
        animation=AnimationYearFactory(ptce=ptce),
        funding=FundingLineFactory(ptce=ptce),
        mutualisation=MutualisationFactory(ptce=ptce),
        cooperation=CooperationProjectFactory(ptce=ptce),
    )


def test_the_workspace_pages(client_for, role_users):
    # "other" is admin of their own workspace: the list and the form are theirs.
    own = {"anonymous": 302, "other": 200, "reader": 200, "editor": 200, "admin": 200}
    for name in ("ptce:ptce-list", "ptce:ptce-export"):
        check_role_matrix(client_for, role_users, reverse(name), own)
    creating = {**own, "reader": 403}
    check_role_matrix(client_for, role_users, reverse("ptce:ptce-create"), creating)


def test_creating_a_pole_by_post(client_for, role_users, workspace, other_workspace):
    # "other" creates in their own workspace; the admin, after the editor, meets the name
    # already taken and gets the form again.
    expected = {"anonymous": 302, "other": 302, "reader": 403, "editor": 302, "admin": 200}
    data = {"name": "PTCE", "stage": "emergence"}
    url = reverse("ptce:ptce-create")
    check_role_matrix(client_for, role_users, url, expected, method="post", data=data)
    assert Ptce.objects.filter(workspace=workspace).count() == 1
    assert Ptce.objects.filter(workspace=other_workspace).count() == 1


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("ptce:ptce-detail", "ptce"),
        ("ptce:member-export", "ptce"),
        ("ptce:funding-export", "ptce"),
    ],
)
def test_the_pole_reads(client_for, role_users, pole, name, target):
    url = reverse(name, args=[getattr(pole, target).pk])
    check_role_matrix(client_for, role_users, url, READ)


CHANGE_PAGES = [
    ("ptce:ptce-update", "ptce"),
    ("ptce:ptce-delete", "ptce"),
    ("ptce:member-update", "member"),
    ("ptce:member-remove", "member"),
    ("ptce:animation-create", "ptce"),
    ("ptce:animation-update", "animation"),
    ("ptce:animation-delete", "animation"),
    ("ptce:funding-create", "ptce"),
    ("ptce:funding-update", "funding"),
    ("ptce:funding-delete", "funding"),
    ("ptce:mutualisation-create", "ptce"),
    ("ptce:mutualisation-update", "mutualisation"),
    ("ptce:mutualisation-delete", "mutualisation"),
    ("ptce:cooperation-create", "ptce"),
    ("ptce:cooperation-update", "cooperation"),
    ("ptce:cooperation-delete", "cooperation"),
]


@pytest.mark.parametrize(("name", "target"), CHANGE_PAGES)
def test_the_change_pages(client_for, role_users, pole, name, target):
    url = reverse(name, args=[getattr(pole, target).pk])
    check_role_matrix(client_for, role_users, url, CHANGE_PAGE)


def test_adding_a_member_by_post(client_for, role_users, pole):
    actor = ActorFactory(workspace=pole.ptce.workspace, kind="collectivite")
    url = reverse("ptce:member-add", args=[pole.ptce.pk])
    check_role_matrix(client_for, role_users, url, CHANGED, method="post", data={"actor": actor.pk})
    assert pole.ptce.members.filter(actor=actor).exists()
    # GET is not a way to add a member.
    expected = {**CHANGED, "editor": 405, "admin": 405}
    check_role_matrix(client_for, role_users, url, expected)


UPDATES = [
    ("ptce:ptce-update", "ptce", {"name": "PTCE renommé", "stage": "consolidation"}),
    ("ptce:member-update", "member", {"member_type": "autre", "role": "Observateur"}),
    (
        "ptce:animation-update",
        "animation",
        {"year": "2026", "budget": "1000", "fte": "1", "self_financed": "10"},
    ),
    (
        "ptce:funding-update",
        "funding",
        {"year": "2026", "funder": "Région", "amount": "5", "nature": "fonctionnement"}
        | {"origin": "public"},
    ),
    ("ptce:mutualisation-update", "mutualisation", {"kind": "achats", "description": "Achats"}),
    ("ptce:cooperation-update", "cooperation", {"title": "Légumerie", "status": "realise"}),
]


@pytest.mark.parametrize(("name", "target", "data"), UPDATES)
def test_updates_by_post(client_for, role_users, pole, name, target, data):
    obj = getattr(pole, target)
    url = reverse(name, args=[obj.pk])
    check_role_matrix(client_for, role_users, url, CHANGED, method="post", data=data)


def test_parts_are_created_by_post(client_for, role_users, pole):
    creations = [
        ("ptce:animation-create", {"year": "2025", "budget": "1", "fte": "1"}, AnimationYear),
        (
            "ptce:funding-create",
            {"year": "2025", "funder": "État", "amount": "5", "nature": "fonctionnement"}
            | {"origin": "public"},
            FundingLine,
        ),
        ("ptce:mutualisation-create", {"kind": "locaux", "description": "Salle"}, Mutualisation),
        ("ptce:cooperation-create", {"title": "Projet", "status": "en_projet"}, CooperationProject),
    ]
    for name, data, model in creations:
        data = {"self_financed": "0", **data} if model is AnimationYear else data
        before = model.objects.count()
        url = reverse(name, args=[pole.ptce.pk])
        # The admin's animation year is refused as a duplicate (200, the form again).
        expected = {**CHANGED, "admin": 200} if model is AnimationYear else CHANGED
        check_role_matrix(client_for, role_users, url, expected, method="post", data=data)
        assert model.objects.count() == before + (1 if model is AnimationYear else 2)


DELETIONS = [
    ("ptce:ptce-delete", lambda ws: PtceFactory(workspace=ws), Ptce),
    ("ptce:member-remove", lambda ws: MemberFactory(ptce__workspace=ws), Member),
    ("ptce:animation-delete", lambda ws: AnimationYearFactory(ptce__workspace=ws), AnimationYear),
    ("ptce:funding-delete", lambda ws: FundingLineFactory(ptce__workspace=ws), FundingLine),
    (
        "ptce:mutualisation-delete",
        lambda ws: MutualisationFactory(ptce__workspace=ws),
        Mutualisation,
    ),
    (
        "ptce:cooperation-delete",
        lambda ws: CooperationProjectFactory(ptce__workspace=ws),
        CooperationProject,
    ),
]


@pytest.mark.parametrize(("name", "make", "model"), DELETIONS)
def test_deletions_by_post(client_for, role_users, workspace, name, make, model):
    """Those who may not delete leave the object in place; editors and admins delete."""
    obj = make(workspace)
    url = reverse(name, args=[obj.pk])
    refused = {"anonymous": 302, "other": 404, "reader": 403}
    for role, status in refused.items():
        assert client_for(role_users[role]).post(url).status_code == status, role
    assert model.objects.filter(pk=obj.pk).exists()
    for role in ("editor", "admin"):
        obj = make(workspace)
        url = reverse(name, args=[obj.pk])
        assert client_for(role_users[role]).post(url).status_code == 302, role
        assert not model.objects.filter(pk=obj.pk).exists()
