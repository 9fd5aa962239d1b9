"""Import of an existing plan from the XLSX template: the template, file checks, per-row errors
that write nothing, the confirmed import, and a second run of the same file that changes
nothing."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from essterritoire.accounts.models import Activity
from ptce.enums import ActionStatus
from ptce.imports_plans import COLUMNS
from ptce.models import Action, ActionFunding, ActionIndicator, Axis, Objective
from tests.actors.factories import ActorFactory
from tests.diagnostics.factories import DiagnosticFactory

pytestmark = pytest.mark.django_db
HEADERS = [header for _, header, _ in COLUMNS]
NBSP = "\u00a0"


def xlsx(rows, headers=HEADERS, name="plan.xlsx"):
    workbook = Workbook()
    workbook.active.append(headers)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def row(**cells):
    """A row of the template; cells by column key (axe, objectif, action, pilote...)."""
    values = {"axe": "Alimentation", "objectif": "Circuits courts", "action": "Légumerie"}
    values.update(cells)
    return [values.get(key, "") for key, _, _ in COLUMNS]


@pytest.fixture
def diagnostic(workspace):
    return DiagnosticFactory(workspace=workspace)


@pytest.fixture
def actors(workspace):
    return {
        "scop": ActorFactory(workspace=workspace, name="Scop Bâtir", siret="35600000000048"),
        "ressourcerie": ActorFactory(workspace=workspace, name="Ressourcerie d'Ancenis"),
    }


@pytest.fixture
def editor(client_for, editor_user):
    return client_for(editor_user)


def upload(client, diagnostic, file):
    return client.post(reverse("ptce:plan-import", args=[diagnostic.pk]), {"file": file})


def confirm(client, diagnostic):
    url = reverse("ptce:plan-import-confirm", args=[diagnostic.pk])
    return client.post(url, follow=True)


def counts():
    models = (Axis, Objective, Action, ActionFunding, ActionIndicator)
    return tuple(model.objects.count() for model in models)


def test_the_template_has_the_columns_and_an_example(client_for, reader_user, diagnostic):
    response = client_for(reader_user).get(
        reverse("ptce:plan-import-template", args=[diagnostic.pk])
    )
    assert response["Content-Disposition"].endswith('modele-plan-d-action.xlsx"')
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Plan d'action", "Mode d'emploi", "Exemple"]
    first = next(workbook["Plan d'action"].iter_rows(values_only=True))
    assert list(first) == HEADERS
    assert HEADERS[:6] == ["Axe", "Objectif", "Action", "Description", "Pilote (nom ou SIRET)",
                           "Partenaires (séparés par ;)"]  # fmt: skip


def test_the_example_of_the_template_imports(editor, diagnostic):
    template = editor.get(reverse("ptce:plan-import-template", args=[diagnostic.pk]))
    workbook = load_workbook(io.BytesIO(template.content))
    example = [list(r) for r in workbook["Exemple"].iter_rows(min_row=2, values_only=True)]
    response = upload(editor, diagnostic, xlsx(example))
    assert "Aucune erreur" in response.content.decode()
    confirm(editor, diagnostic)
    action = Action.objects.get()
    assert action.pilot_is_collectivity and action.budget == Decimal("8000")


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (SimpleUploadedFile("plan.csv", b"axe;objectif\n"), "Déposez un classeur .xlsx"),
        (SimpleUploadedFile("plan.xlsx", b"pas un classeur"), "pas un classeur XLSX lisible"),
        (SimpleUploadedFile("plan.xlsx", b"0" * (5 * 1024 * 1024 + 1)), f"dépasse 5{NBSP}Mo"),
        (xlsx([], headers=["Nom", "Commune"]), "Colonnes obligatoires absentes"),
        (xlsx([]), "pas de ligne de données"),
    ],
)
def test_unreadable_files_are_refused(editor, diagnostic, file, message):
    response = upload(editor, diagnostic, file)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert counts() == (0, 0, 0, 0, 0)


@pytest.mark.parametrize(
    ("cells", "column", "reason"),
    [
        ({"pilote": "Inconnue SA"}, "Pilote (nom ou SIRET)", "acteur inconnu du registre"),
        ({"pilote": "12345678901234"}, "Pilote (nom ou SIRET)", "aucun acteur du registre"),
        ({"partenaires": "Scop Bâtir ; Personne"}, "Partenaires", "acteur inconnu"),
        ({"debut": "31/02/2026"}, "Début", "date illisible"),
        ({"debut": "01/06/2026", "fin": "01/01/2026"}, "Fin", "la fin précède le début"),
        ({"statut": "terminée ou presque"}, "Statut", "statut inconnu"),
        ({"avancement": "150"}, "Avancement (%)", "entier de 0 à 100"),
        ({"avancement": "0,5"}, "Avancement (%)", "entier de 0 à 100"),
        ({"budget": "-300"}, "Budget (€)", "ne peut pas être négatif"),
        ({"budget": "beaucoup"}, "Budget (€)", "nombre illisible"),
        ({"financeur": "Région"}, "Montant financé (€)", "montant manquant"),
        ({"montant": "500"}, "Financeur", "indiquez le financeur"),
        ({"acquis": "peut-être", "financeur": "CAF", "montant": "1"}, "Financement", "oui"),
        ({"cible": "10"}, "Indicateur", "indiquez le nom"),
        ({"action": ""}, "Action", "valeur obligatoire"),
    ],
)
def test_row_errors_are_listed_and_nothing_is_written(
    editor, diagnostic, actors, cells, column, reason
):
    response = upload(editor, diagnostic, xlsx([row(action="Autre action"), row(**cells)]))
    content = response.content.decode().replace("&#x27;", "'")
    assert "rien ne sera importé" in content
    assert f'<th scope="row" class="fw-normal">3</th><td>{column}' in content
    assert reason in content
    assert "Importer le plan" not in content
    assert "ptce_plan_import" not in editor.session
    assert "Aucun import en attente" in confirm(editor, diagnostic).content.decode()
    assert counts() == (0, 0, 0, 0, 0)


def test_a_name_two_actors_share_asks_for_the_siret(editor, diagnostic, actors, workspace):
    ActorFactory(workspace=workspace, name="Scop  bâtir")
    content = upload(editor, diagnostic, xlsx([row(pilote="Scop Bâtir")])).content.decode()
    assert "plusieurs acteurs portent ce nom" in content
    content = upload(editor, diagnostic, xlsx([row(pilote="356 000 000 00048")])).content.decode()
    assert "Aucune erreur" in content


def test_a_duplicate_action_is_reported_with_its_first_row(editor, diagnostic):
    response = upload(editor, diagnostic, xlsx([row(), row(action="légumerie")]))
    assert "action en double dans le fichier (déjà ligne 2)" in response.content.decode()


def full_rows():
    return [
        row(
            pilote="35600000000048",
            partenaires="Ressourcerie d'Ancenis",
            debut="01/02/2026",
            fin=date(2026, 9, 30),
            statut="en cours",
            avancement="40 %",
            budget="45 000,50",
            financeur="Région Pays de la Loire",
            montant="20000",
            acquis="oui",
            indicateur="Tonnes de légumes transformées",
            unite="tonnes",
            depart="0",
            cible="12,5",
        ),
        row(action="Groupement d'achats", pilote="collectivité", statut="Réalisée"),
        row(
            axe="Écoconstruction",
            objectif="Former",
            action="Chantier école",
            financeur="ADEME",
            budget="3000",
        ),  # fmt: skip
    ]


def test_a_good_file_is_previewed_then_imported(editor, diagnostic, actors):
    response = upload(editor, diagnostic, xlsx(full_rows()))
    content = response.content.decode()
    assert "Aucune erreur" in content and content.count("<td>création</td>") == 3
    assert counts() == (0, 0, 0, 0, 0)  # the preview writes nothing
    response = confirm(editor, diagnostic)
    assert f"Plan importé{NBSP}: 3 actions créées, 0 mise à jour." in response.content.decode()
    assert counts() == (2, 2, 3, 2, 1)
    legumerie = Action.objects.get(title="Légumerie")
    assert legumerie.pilot == actors["scop"]
    assert list(legumerie.partners.all()) == [actors["ressourcerie"]]
    assert (legumerie.start, legumerie.end) == (date(2026, 2, 1), date(2026, 9, 30))
    assert (legumerie.status, legumerie.progress) == (ActionStatus.ONGOING, 40)
    assert legumerie.budget == Decimal("45000.50")
    funding = legumerie.funding_lines.get()
    assert (funding.amount, funding.secured) == (Decimal("20000"), True)
    assert legumerie.indicators.get().target == Decimal("12.50")
    grouping = Action.objects.get(title="Groupement d'achats")
    assert grouping.pilot_is_collectivity and grouping.progress == 100
    assert ActionFunding.objects.get(funder="ADEME").amount == Decimal("3000")
    assert Activity.objects.filter(verb__startswith="a importé 3 actions").exists()


def test_importing_the_same_file_again_changes_nothing(editor, diagnostic, actors):
    upload(editor, diagnostic, xlsx(full_rows()))
    confirm(editor, diagnostic)
    before = counts()
    response = upload(editor, diagnostic, xlsx(full_rows()))
    assert response.content.decode().count("<td>mise à jour</td>") == 3
    response = confirm(editor, diagnostic)
    assert "0 action créée, 3 mises à jour" in response.content.decode()
    assert counts() == before


def test_a_pending_import_belongs_to_its_diagnostic(editor, diagnostic, actors, workspace):
    upload(editor, diagnostic, xlsx(full_rows()))
    other = DiagnosticFactory(workspace=workspace)
    assert "Aucun import en attente" in confirm(editor, other).content.decode()
    assert counts() == (0, 0, 0, 0, 0)


def test_the_registry_changing_before_confirmation_writes_nothing(editor, diagnostic, actors):
    upload(editor, diagnostic, xlsx(full_rows()))
    actors["ressourcerie"].delete()
    response = confirm(editor, diagnostic)
    assert "acteur inconnu du registre" in response.content.decode()
    assert counts() == (0, 0, 0, 0, 0)
