"""The role matrix of every page of the actor registry: anonymous visitors go to the login page,
a member of another workspace gets a 404 on our objects (and their own data on list pages),
a reader may read but not change (403), editors and admins may do both."""

import pytest
from django.urls import reverse

from actors.models import Actor, Contact, Theme
from tests.actors.factories import ActorFactory, ContactFactory, EstablishmentFactory, ThemeFactory
from tests.roles import check_role_matrix

pytestmark = pytest.mark.django_db

READ_LIST = {"anonymous": 302, "other": 200, "reader": 200, "editor": 200, "admin": 200}
READ_OBJECT = {"anonymous": 302, "other": 404, "reader": 200, "editor": 200, "admin": 200}
CHANGE_PAGE = {"anonymous": 302, "other": 200, "reader": 403, "editor": 200, "admin": 200}
CHANGE_OBJECT = {"anonymous": 302, "other": 404, "reader": 403, "editor": 200, "admin": 200}
CHANGE_REDIRECT = {"anonymous": 302, "other": 302, "reader": 403, "editor": 302, "admin": 302}
CHANGE_OBJECT_REDIRECT = {
    "anonymous": 302,
    "other": 404,
    "reader": 403,
    "editor": 302,
    "admin": 302,
}


@pytest.fixture
def actor(workspace):
    return ActorFactory(workspace=workspace, name="Ressourcerie d'Ancenis")


@pytest.mark.parametrize("name", ["actors:actor-list", "actors:theme-list"])
def test_list_pages_are_read_by_every_member(client_for, role_users, name):
    check_role_matrix(client_for, role_users, reverse(name), READ_LIST)


def test_export_is_read_by_every_member(client_for, role_users):
    url = reverse("actors:actor-export") + "?format=csv"
    check_role_matrix(client_for, role_users, url, READ_LIST)


def test_actor_detail_matrix(client_for, role_users, actor):
    check_role_matrix(client_for, role_users, actor.get_absolute_url(), READ_OBJECT)


@pytest.mark.parametrize(
    "name",
    [
        "actors:actor-create",
        "actors:actor-create-from-establishment",
        "actors:actor-bulk-add-ess",
        "actors:actor-duplicates",
        "actors:actor-import",
    ],
)
def test_editing_pages_of_the_workspace_are_for_editors_and_admins(client_for, role_users, name):
    check_role_matrix(client_for, role_users, reverse(name), CHANGE_PAGE)


def test_prefilled_form_from_an_establishment_matrix(client_for, role_users):
    url = reverse(
        "actors:actor-create-from-establishment-form", args=[EstablishmentFactory().siret]
    )
    check_role_matrix(client_for, role_users, url, CHANGE_PAGE)


def test_unknown_establishment_is_a_404(client_for, editor_user):
    url = reverse("actors:actor-create-from-establishment-form", args=["00000000000000"])
    assert client_for(editor_user).get(url).status_code == 404


def test_actor_create_post_matrix(client_for, role_users, workspace):
    data = {"name": "Atelier vélo", "kind": "association"}
    check_role_matrix(
        client_for, role_users, reverse("actors:actor-create"), CHANGE_REDIRECT, "post", data
    )
    assert Actor.objects.filter(workspace=workspace, name="Atelier vélo").count() == 2


@pytest.mark.parametrize(
    "name", ["actors:actor-edit", "actors:actor-delete", "actors:contact-create"]
)
def test_object_pages_for_editors_matrix(client_for, role_users, actor, name):
    check_role_matrix(client_for, role_users, reverse(name, args=[actor.pk]), CHANGE_OBJECT)


def test_actor_edit_post_matrix(client_for, role_users, actor):
    url = reverse("actors:actor-edit", args=[actor.pk])
    data = {"name": "Ressourcerie du Pays", "kind": "association"}
    check_role_matrix(client_for, role_users, url, CHANGE_OBJECT_REDIRECT, "post", data)
    actor.refresh_from_db()
    assert actor.name == "Ressourcerie du Pays"


def test_actor_delete_post_only_for_editors_and_admins(client_for, role_users, workspace):
    for role in ("anonymous", "other", "reader"):
        actor = ActorFactory(workspace=workspace)
        client_for(role_users[role]).post(reverse("actors:actor-delete", args=[actor.pk]))
        assert Actor.objects.filter(pk=actor.pk).exists(), role
    for role in ("editor", "admin"):
        actor = ActorFactory(workspace=workspace)
        response = client_for(role_users[role]).post(
            reverse("actors:actor-delete", args=[actor.pk])
        )
        assert response.status_code == 302
        assert not Actor.objects.filter(pk=actor.pk).exists(), role


def test_contact_pages_matrix(client_for, role_users, actor):
    contact = ContactFactory(actor=actor)
    for name in ("actors:contact-edit", "actors:contact-delete"):
        check_role_matrix(client_for, role_users, reverse(name, args=[contact.pk]), CHANGE_OBJECT)


def test_contact_create_and_edit_post_matrix(client_for, role_users, actor):
    url = reverse("actors:contact-create", args=[actor.pk])
    data = {"name": "Léa Martin", "email": "lea@asso.fr"}
    check_role_matrix(client_for, role_users, url, CHANGE_OBJECT_REDIRECT, "post", data)
    assert actor.contacts.count() == 2
    contact = actor.contacts.first()
    url = reverse("actors:contact-edit", args=[contact.pk])
    check_role_matrix(client_for, role_users, url, CHANGE_OBJECT_REDIRECT, "post", data)


def test_contact_delete_post_only_for_editors_and_admins(client_for, role_users, actor):
    for role in ("anonymous", "other", "reader"):
        contact = ContactFactory(actor=actor)
        client_for(role_users[role]).post(reverse("actors:contact-delete", args=[contact.pk]))
        assert Contact.objects.filter(pk=contact.pk).exists(), role
    for role in ("editor", "admin"):
        contact = ContactFactory(actor=actor)
        client_for(role_users[role]).post(reverse("actors:contact-delete", args=[contact.pk]))
        assert not Contact.objects.filter(pk=contact.pk).exists(), role


def test_theme_create_matrix(client_for, role_users, workspace):
    url = reverse("actors:theme-create")
    check_role_matrix(client_for, role_users, url, CHANGE_REDIRECT, "post", {"name": "Tourisme"})
    assert Theme.objects.filter(workspace=workspace, name="Tourisme").count() == 1


def test_theme_rename_and_delete_page_matrix(client_for, role_users, workspace):
    theme = ThemeFactory(workspace=workspace, name="Tourisme")
    url = reverse("actors:theme-rename", args=[theme.pk])
    check_role_matrix(
        client_for, role_users, url, CHANGE_OBJECT_REDIRECT, "post", {"name": "Loisirs"}
    )
    assert Theme.objects.get(pk=theme.pk).name == "Loisirs"
    url = reverse("actors:theme-delete", args=[theme.pk])
    check_role_matrix(client_for, role_users, url, CHANGE_OBJECT)


def test_theme_delete_post_only_for_editors_and_admins(client_for, role_users, workspace):
    for role in ("anonymous", "other", "reader"):
        theme = ThemeFactory(workspace=workspace, name=f"Thème {role}")
        client_for(role_users[role]).post(reverse("actors:theme-delete", args=[theme.pk]))
        assert Theme.objects.filter(pk=theme.pk).exists(), role
    for role in ("editor", "admin"):
        theme = ThemeFactory(workspace=workspace, name=f"Thème {role}")
        client_for(role_users[role]).post(reverse("actors:theme-delete", args=[theme.pk]))
        assert not Theme.objects.filter(pk=theme.pk).exists(), role


def test_merge_confirmation_matrix(client_for, role_users, workspace):
    a, b = ActorFactory.create_batch(2, workspace=workspace, name="Doublon")
    url = reverse("actors:actor-merge") + f"?a={a.pk}&b={b.pk}&keep={a.pk}"
    check_role_matrix(client_for, role_users, url, CHANGE_OBJECT)


def test_merge_post_only_for_editors_and_admins(client_for, role_users, workspace):
    for role in ("anonymous", "other", "reader", "editor", "admin"):
        a, b = ActorFactory.create_batch(2, workspace=workspace, name="Doublon")
        data = {"a": a.pk, "b": b.pk, "keep": a.pk}
        client_for(role_users[role]).post(reverse("actors:actor-merge"), data)
        merged = not Actor.objects.filter(pk=b.pk).exists()
        assert merged == (role in ("editor", "admin")), role


@pytest.mark.parametrize("name", ["actors:actor-import-mapping", "actors:actor-import-preview"])
def test_import_steps_without_a_file_go_back_to_the_upload(client_for, role_users, name):
    check_role_matrix(client_for, role_users, reverse(name), CHANGE_REDIRECT)


def test_import_cancel_matrix(client_for, role_users):
    check_role_matrix(
        client_for, role_users, reverse("actors:actor-import-cancel"), CHANGE_REDIRECT, "post"
    )


@pytest.mark.parametrize(
    "name",
    ["actors:theme-create", "actors:actor-import-cancel"],
)
def test_actions_need_a_post(client_for, editor_user, name):
    assert client_for(editor_user).get(reverse(name)).status_code == 405


def test_bulk_add_post_matrix(client_for, role_users):
    # Neither workspace has a main territory here: the page explains it, nothing is added.
    expected = {"anonymous": 302, "other": 200, "reader": 403, "editor": 200, "admin": 200}
    check_role_matrix(
        client_for, role_users, reverse("actors:actor-bulk-add-ess"), expected, "post"
    )
