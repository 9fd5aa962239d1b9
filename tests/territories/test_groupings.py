import pytest
from django.urls import reverse

from essterritoire.accounts.models import Activity
from essterritoire.territories import services
from essterritoire.territories.models import Territory
from tests.territories.conftest import territory

CREATE = reverse("territories:grouping-create")
LIST = reverse("territories:grouping-list")


def edit_url(grouping):
    return reverse("territories:grouping-edit", args=[grouping.pk])


def delete_url(grouping):
    return reverse("territories:grouping-delete", args=[grouping.pk])


def member_codes(grouping):
    return set(grouping.members.values_list("code", flat=True))


def test_create_expands_refs_to_communes(cog, client_for, editor_user, workspace):
    data = {
        "name": "Pays de la Loire-Atlantique",
        "description": "Pour comparer.",
        "refs": "epci:244400552\ncom:49007, 44184\n44160",
    }
    response = client_for(editor_user).post(CREATE, data)
    grouping = Territory.objects.get(kind="grp")
    assert response.status_code == 302 and response["Location"] == grouping.get_absolute_url()
    assert grouping.code == "pays-de-la-loire-atlantique"
    assert grouping.workspace == workspace
    assert member_codes(grouping) == {"44003", "44213", "49160", "49007", "44184"}
    assert grouping.population == 11600 + 7587 + 3071 + 159022 + 74568
    activity = Activity.objects.get(workspace=workspace)
    assert (activity.user, activity.verb, activity.target) == (
        editor_user,
        "a créé le regroupement",
        "Pays de la Loire-Atlantique",
    )
    assert activity.url == grouping.get_absolute_url()


def test_bad_lines_are_reported_and_nothing_is_saved(cog, client_for, editor_user):
    data = {"name": "Essai", "refs": "epci:244400552\ncom:99999\n44\nvilles:1"}
    response = client_for(editor_user).post(CREATE, data)
    html = response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')
    assert response.status_code == 200
    assert "Le regroupement n'a pas été enregistré" in html
    assert "Ligne 2 (« com:99999 ») : Territoire inconnu : com:99999" in html
    assert "Ligne 3 (« 44 ») : Code ambigu" in html
    assert "Ligne 4 (« villes:1 ») : Type de territoire inconnu" in html
    assert "epci:244400552" in html  # the typed text is kept
    assert not Territory.objects.filter(kind="grp").exists()
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "Essai", "refs": ""}, "Ce champ est obligatoire."),
        ({"name": "Essai", "refs": " , \n ;"}, "Indiquez au moins un territoire."),
        ({"name": "   ", "refs": "44003"}, "Ce champ est obligatoire."),
    ],
)
def test_missing_fields(cog, client_for, editor_user, data, message):
    response = client_for(editor_user).post(CREATE, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Territory.objects.filter(kind="grp").exists()


def test_slugs_are_unique_across_workspaces(grouping, other_workspace, other_user):
    twin = services.grouping_create(
        workspace=other_workspace,
        user=other_user,
        name=grouping.name,
        description="",
        commune_ids={territory("com:44003").pk},
    )
    assert (grouping.code, twin.code) == ("pays-dancenis-elargi", "pays-dancenis-elargi-2")


def test_a_grouping_can_include_another_grouping(grouping, client_for, editor_user):
    data = {"name": "Plus grand", "refs": f"{grouping.ref}\ncom:69123"}
    client_for(editor_user).post(CREATE, data)
    bigger = Territory.objects.get(kind="grp", code="plus-grand")
    assert member_codes(bigger) == member_codes(grouping) | {"69123"}


def test_a_grouping_of_another_workspace_cannot_be_included(
    other_grouping, client_for, editor_user
):
    response = client_for(editor_user).post(CREATE, {"name": "X", "refs": other_grouping.ref})
    assert f"Territoire inconnu : {other_grouping.ref}" in response.content.decode()


def test_edit_form_shows_the_members_and_saves(grouping, client_for, editor_user, workspace):
    client = client_for(editor_user)
    html = client.get(edit_url(grouping)).content.decode()
    assert "com:44003\ncom:44213\ncom:49007\ncom:49160" in html
    data = {"name": "Pays d'Ancenis", "description": "", "refs": "epci:244400552"}
    response = client.post(edit_url(grouping), data)
    grouping.refresh_from_db()
    assert response.status_code == 302
    assert grouping.name == "Pays d'Ancenis"
    assert grouping.code == "pays-dancenis-elargi"  # references keep working
    assert member_codes(grouping) == {"44003", "44213", "49160"}
    assert grouping.population == 11600 + 7587 + 3071
    assert Activity.objects.filter(workspace=workspace, verb="a modifié le regroupement").exists()


def test_edit_with_a_bad_line_changes_nothing(grouping, client_for, editor_user):
    before = member_codes(grouping)
    data = {"name": "Autre nom", "refs": "epci:244400552\nreg:99"}
    response = client_for(editor_user).post(edit_url(grouping), data)
    assert "Ligne 2 (« reg:99 ») : Territoire inconnu : reg:99" in response.content.decode()
    grouping.refresh_from_db()
    assert grouping.name == "Pays d'Ancenis élargi" and member_codes(grouping) == before


def test_delete_asks_then_deletes(grouping, client_for, admin_user, workspace):
    client = client_for(admin_user)
    html = client.get(delete_url(grouping)).content.decode()
    assert "Supprimer « Pays d&#x27;Ancenis élargi » ?" in html
    assert Territory.objects.filter(pk=grouping.pk).exists()
    response = client.post(delete_url(grouping))
    assert response.status_code == 302 and response["Location"] == LIST
    assert not Territory.objects.filter(pk=grouping.pk).exists()
    assert territory("com:44003")  # the communes stay
    assert Activity.objects.filter(verb="a supprimé le regroupement", workspace=workspace).exists()


def test_a_grouping_in_use_is_kept(grouping, client_for, admin_user, workspace):
    workspace.main_territory = grouping
    workspace.save()
    response = client_for(admin_user).post(delete_url(grouping), follow=True)
    assert "il n&#x27;a pas été supprimé" in response.content.decode()
    assert Territory.objects.filter(pk=grouping.pk).exists()


def test_list_shows_the_active_workspaces_groupings(
    grouping, other_grouping, client_for, reader_user
):
    html = client_for(reader_user).get(LIST).content.decode()
    assert "Pays d&#x27;Ancenis élargi" in html and "grp:pays-dancenis-elargi" in html
    assert "Secret" not in html
    assert "Créer un regroupement" not in html and "Modifier" not in html


def test_list_empty_state(cog, client_for, editor_user):
    html = client_for(editor_user).get(LIST).content.decode()
    assert "Aucun regroupement dans cet espace." in html
    assert CREATE in html


def test_official_territories_are_not_editable(cog, client_for, admin_user):
    epci = territory("epci:244400552")
    assert client_for(admin_user).get(edit_url(epci)).status_code == 404
    assert client_for(admin_user).post(delete_url(epci)).status_code == 404
