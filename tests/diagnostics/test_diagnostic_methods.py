"""Method templates: the list, copying one into the workspace, editing its phases, deleting."""

from html import unescape

import pytest
from django.urls import reverse

from diagnostics.models import Diagnostic, MethodTemplate
from tests.diagnostics.factories import DiagnosticFactory, MethodTemplateFactory, cress_method
from tests.roles import check_role_matrix

pytestmark = pytest.mark.django_db
CHANGE = {"anonymous": 302, "other": 404, "reader": 403, "editor": 200, "admin": 200}


@pytest.fixture
def own(workspace):
    return MethodTemplateFactory(workspace=workspace, name="Méthode de l'espace")


def formset_data(name="Méthode adaptée", phases=(), delete=()):
    data = {
        "name": name,
        "description": "Notre version.",
        "phases-TOTAL_FORMS": str(len(phases)),
        "phases-INITIAL_FORMS": "0",
        "phases-MIN_NUM_FORMS": "1",
        "phases-MAX_NUM_FORMS": "20",
    }
    for index, (phase_name, months, deliverables) in enumerate(phases):
        data.update(
            {
                f"phases-{index}-name": phase_name,
                f"phases-{index}-duration_months": str(months),
                f"phases-{index}-expected_results": "",
                f"phases-{index}-deliverables": deliverables,
            }
        )
        if index in delete:
            data[f"phases-{index}-DELETE"] = "on"
    return data


def test_list_role_matrix(client_for, role_users):
    expected = {"anonymous": 302, "other": 200, "reader": 200, "editor": 200, "admin": 200}
    check_role_matrix(client_for, role_users, reverse("diagnostics:method-list"), expected)


def test_the_list_shows_the_builtin_and_the_workspace_templates(
    client_for, reader_user, own, other_workspace
):
    MethodTemplateFactory(workspace=other_workspace, name="Méthode d'un autre espace")
    page = unescape(
        client_for(reader_user).get(reverse("diagnostics:method-list")).content.decode()
    )
    assert "Diagnostic partagé — méthode CRESS" in page
    assert "24\u00a0mois" in page
    assert "Méthode de l'espace" in page
    assert "Méthode d'un autre espace" not in page
    assert "Copier dans l'espace" not in page  # readers do not copy


def test_copy_role_matrix(client_for, role_users, own):
    url = reverse("diagnostics:method-copy", args=[own.pk])
    expected = {"anonymous": 302, "other": 404, "reader": 403, "editor": 302, "admin": 302}
    check_role_matrix(client_for, role_users, url, expected, method="post")
    assert MethodTemplate.objects.filter(workspace=own.workspace).count() == 3


def test_copying_the_builtin_template_gives_an_editable_copy(client_for, editor_user, workspace):
    url = reverse("diagnostics:method-copy", args=[cress_method().pk])
    response = client_for(editor_user).post(url)
    copy = MethodTemplate.objects.get(workspace=workspace)
    assert response["Location"] == reverse("diagnostics:method-edit", args=[copy.pk])
    assert copy.name == "Diagnostic partagé — méthode CRESS (copie)"
    assert [p.duration_months for p in copy.phases.order_by("number")] == [6, 3, 3, 24]
    assert (
        copy.phases.get(number=4).deliverables == cress_method().phases.get(number=4).deliverables
    )


def test_builtin_templates_cannot_be_edited_or_deleted(client_for, admin_user):
    builtin = cress_method()
    for name in ("method-edit", "method-delete"):
        response = client_for(admin_user).get(reverse(f"diagnostics:{name}", args=[builtin.pk]))
        assert response.status_code == 404


def test_edit_role_matrix(client_for, role_users, own):
    url = reverse("diagnostics:method-edit", args=[own.pk])
    check_role_matrix(client_for, role_users, url, CHANGE)


def test_edit_replaces_the_phases(client_for, editor_user, own):
    url = reverse("diagnostics:method-edit", args=[own.pk])
    data = formset_data(
        phases=[
            ("État des lieux", 4, "Portrait statistique\n\nEntretiens  menés"),
            ("Ancienne étape", 2, ""),
            ("Plan d'actions", 5, "Plan"),
        ],
        delete={1},
    )
    response = client_for(editor_user).post(url, data)
    assert response.status_code == 302
    own.refresh_from_db()
    phases = list(own.phases.order_by("number"))
    assert own.name == "Méthode adaptée"
    assert [(p.number, p.name, p.duration_months) for p in phases] == [
        (1, "État des lieux", 4),
        (2, "Plan d'actions", 5),
    ]
    assert phases[0].deliverables == ["Portrait statistique", "Entretiens menés"]


def test_a_diagnostic_keeps_its_phases_when_its_template_changes(client_for, editor_user, own):
    diagnostic = DiagnosticFactory(workspace=own.workspace, method=own)
    url = reverse("diagnostics:method-edit", args=[own.pk])
    client_for(editor_user).post(url, formset_data(phases=[("Unique", 12, "")]))
    assert diagnostic.phases.count() == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (formset_data(phases=[("Seule", 3, "")], delete={0}), "Veuillez"),
        (formset_data(phases=[("Trop longue", 500, "")]), "inférieure ou égale à 120"),
        (formset_data(phases=[("Nulle", 0, "")]), "supérieure ou égale à 1"),
        (formset_data(name="", phases=[("A", 3, "")]), "Ce champ est obligatoire."),
    ],
)
def test_edit_refuses_bad_input_and_changes_nothing(client_for, editor_user, own, data, message):
    url = reverse("diagnostics:method-edit", args=[own.pk])
    response = client_for(editor_user).post(url, data)
    assert response.status_code == 200
    assert message in unescape(response.content.decode())
    assert own.phases.count() == 2


def test_a_workspace_template_is_offered_when_creating(client_for, editor_user, own):
    page = client_for(editor_user).get(reverse("diagnostics:diagnostic-create")).content.decode()
    assert f'value="{own.pk}"' in page
    assert f'value="{cress_method().pk}"' in page


def test_delete_role_matrix(client_for, role_users, own):
    url = reverse("diagnostics:method-delete", args=[own.pk])
    check_role_matrix(client_for, role_users, url, CHANGE)


def test_delete_keeps_the_diagnostics_made_from_it(client_for, admin_user, own):
    diagnostic = DiagnosticFactory(workspace=own.workspace, method=own)
    url = reverse("diagnostics:method-delete", args=[own.pk])
    assert client_for(admin_user).post(url).status_code == 302
    assert not MethodTemplate.objects.filter(pk=own.pk).exists()
    diagnostic = Diagnostic.objects.get(pk=diagnostic.pk)
    assert diagnostic.method is None and diagnostic.phases.count() == 2
