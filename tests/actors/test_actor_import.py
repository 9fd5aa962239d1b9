import html
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from actors.import_files import STAGING_DIR, ImportFileError, read_table
from actors.imports import auto_mapping
from actors.models import Actor, Theme
from tests.actors.factories import ActorFactory, EstablishmentFactory, TerritoryFactory

pytestmark = pytest.mark.django_db
UPLOAD = reverse("actors:actor-import")
MAPPING = reverse("actors:actor-import-mapping")
PREVIEW = reverse("actors:actor-import-preview")
GOOD_CSV = (
    "Raison sociale;N° SIRET;Famille;Code commune;Thématiques;Tranche d'effectif;Site internet\n"
    "École de musique;;Association;44003;Culture, Éducation populaire;10 à 19 salariés;\n"
    "Garage solidaire;443 061 841 00047;Coopérative;44082;Mobilité;11;garage.fr\n"
    "Mairie de Ligné;;collectivité;44082;;;\n"
)


def html_text(response):
    return html.unescape(response.content.decode())


def upload(client, content, name="acteurs.csv"):
    data = content.encode("utf-8") if isinstance(content, str) else content
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data)})


@pytest.fixture
def communes(db):
    return TerritoryFactory(code="44003", name="Ancenis-Saint-Géréon"), TerritoryFactory(
        code="44082", name="Ligné"
    )


@pytest.fixture
def client(client_for, editor_user, communes):
    return client_for(editor_user)


def test_french_headers_are_matched_automatically():
    headers = ["Nom", "Commune", "Code commune", "SIRET", "Type", "Code APE", "Notes", "Divers"]
    assert auto_mapping(headers) == {
        "name": 0,
        "siret": 3,
        "kind": 4,
        "naf_code": 5,
        "commune": 2,  # the code is preferred to the name
        "notes": 6,
    }


def test_a_full_import_previews_then_writes(client, workspace, settings):
    response = upload(client, GOOD_CSV)
    assert response["Location"] == MAPPING
    html = client.get(MAPPING).content.decode()
    assert '<option value="0" selected>Raison sociale</option>' in html
    assert list((settings.MEDIA_ROOT / STAGING_DIR).iterdir())  # staged, random name
    preview = client.get(PREVIEW)
    html = preview.content.decode()
    assert "Aucune erreur" in html and "3 acteurs à créer" in html
    assert not Actor.objects.exists()  # nothing written before the confirmation

    response = client.post(PREVIEW)
    assert response["Location"] == reverse("actors:actor-list")
    garage = Actor.objects.get(name="Garage solidaire")
    assert (garage.siret, garage.kind, garage.size_band) == ("44306184100047", "cooperative", "11")
    assert (garage.website, garage.commune.code) == ("https://garage.fr", "44082")
    ecole = Actor.objects.get(name="École de musique")
    assert ecole.normalized_name == "ecole de musique"
    assert sorted(t.name for t in ecole.themes.all()) == ["Culture", "Éducation populaire"]
    assert Theme.objects.filter(workspace=workspace, name="Éducation populaire").exists()
    assert not list((settings.MEDIA_ROOT / STAGING_DIR).iterdir())  # staged file removed


def test_re_importing_the_same_file_changes_nothing(client, workspace):
    for _ in range(2):
        upload(client, GOOD_CSV)
        client.get(MAPPING)
        client.post(PREVIEW)
    assert Actor.objects.filter(workspace=workspace).count() == 3
    upload(client, GOOD_CSV)
    html = client.get(PREVIEW).content.decode()
    assert "0 acteur à créer, 0 à mettre à jour, 3 inchangés" in html


def test_rows_update_the_actor_of_the_same_siret_or_name_and_commune(client, workspace, communes):
    by_siret = ActorFactory(workspace=workspace, name="Ancien nom", siret="44306184100047")
    by_name = ActorFactory(workspace=workspace, name="ECOLE DE MUSIQUE", commune=communes[0])
    EstablishmentFactory(siren="443061841", siret="44306184100047")
    upload(client, GOOD_CSV)
    client.post(PREVIEW)
    by_siret.refresh_from_db()
    by_name.refresh_from_db()
    assert by_siret.name == "Garage solidaire" and by_siret.establishment_id == "44306184100047"
    assert by_name.name == "École de musique"
    assert Actor.objects.filter(workspace=workspace).count() == 3


def test_every_bad_row_is_reported_and_nothing_is_written(client, workspace):
    content = (
        "Nom;SIRET;Type;Commune;Effectif;Site web;Code NAF\n"
        ";;;;;;\n"  # an empty row is skipped
        "Sans siret valide;12345678901234;Association;44003;;;\n"
        ";;Association;;;;\n"
        "Type inconnu;;Pirate;Atlantide;beaucoup;pas une url;88\n"
        "Bon;;;;;;\n"
        "Double;73282932000074;;;;;\n"
        "Double bis;73282932000074;;;;;\n"
    )
    upload(client, content)
    client.get(MAPPING)
    response = client.get(PREVIEW)
    errors = {(e["row"], e["column"]): e for e in response.context["validation"].errors}
    assert errors[3, "SIRET"]["value"] == "12345678901234"
    assert "clé de contrôle" in errors[3, "SIRET"]["reason"]
    assert errors[4, "Nom"]["reason"] == "le nom est obligatoire"
    assert "type inconnu" in errors[5, "Type"]["reason"]
    assert "Commune inconnue" in errors[5, "Commune"]["reason"]
    assert "tranche d'effectif inconnue" in errors[5, "Effectif"]["reason"]
    assert errors[5, "Site web"]["reason"] == "adresse web invalide"
    assert "88.99B" in errors[5, "Code NAF"]["reason"]
    assert "même acteur que la ligne 7" in errors[8, "SIRET"]["reason"]
    assert len(errors) == 8
    html = response.content.decode()
    assert "rien ne sera importé" in html and "Problème" in html

    response = client.post(PREVIEW, follow=True)
    assert "rien n'a été importé" in html_text(response)
    assert not Actor.objects.exists()


def test_the_mapping_can_be_changed(client, workspace):
    upload(client, "Organisme;Remarques\nAtelier vélo;Ouvert le samedi\n")
    response = client.post(MAPPING, {"name": "1", "notes": "0"})
    assert response["Location"] == PREVIEW
    client.post(PREVIEW)
    assert Actor.objects.get().name == "Ouvert le samedi"


def test_the_mapping_needs_a_name_and_one_field_per_column(client):
    upload(client, "Colonne A;Colonne B\nx;y\n")
    response = client.get(MAPPING)
    assert "— ne pas importer —" in response.content.decode()
    response = client.post(MAPPING, {"siret": "0"})
    assert response.status_code == 200 and "obligatoire" in response.content.decode()
    response = client.post(MAPPING, {"name": "0", "notes": "0"})
    assert "déjà associée au champ Nom" in response.content.decode()


def test_xlsx_files_are_read(client, workspace):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Nom", "SIRET", "Code commune"])
    sheet.append(["Garage solidaire", 44306184100047, 44082])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload(client, buffer.getvalue(), "acteurs.xlsx")
    client.post(PREVIEW)
    actor = Actor.objects.get()
    assert (actor.siret, actor.commune.code, actor.kind) == ("44306184100047", "44082", "autre")


def test_windows_1252_csv_with_commas_is_read():
    table = read_table("Nom,Commune\nCafé associatif,Ancenis\n".encode("cp1252"), ".csv")
    assert table.headers == ["Nom", "Commune"] and table.rows == [["Café associatif", "Ancenis"]]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("acteurs.pdf", b"%PDF-1.4", "Déposez un fichier .csv ou .xlsx."),
        ("acteurs.csv", b"", "est vide"),
        ("acteurs.csv", b"\n\n;;\n", "Le fichier est vide."),
        ("acteurs.csv", b"Nom;SIRET\n", "pas de ligne de donn"),
        ("acteurs.xlsx", b"PK\x03\x04 not really a workbook", "pas un classeur XLSX lisible"),
        ("acteurs.csv", b"Nom\x00;x\n\x00\x00", "pas un fichier texte CSV"),
        ("acteurs.csv", b"\x81\x8d\x8f\x90\x9d", "Encodage illisible"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(client, name, content, message):
    response = upload(client, content, name)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_files_over_5_mb_are_refused(client, settings):
    big = b"Nom\n" + b"x" * (5 * 1024 * 1024)
    response = upload(client, big)
    assert "5\u00a0Mo" in response.content.decode()
    assert not (settings.MEDIA_ROOT / STAGING_DIR).exists() or not list(
        (settings.MEDIA_ROOT / STAGING_DIR).iterdir()
    )


def test_too_many_rows_are_refused():
    content = "Nom\n" + "x\n" * 5001
    with pytest.raises(ImportFileError, match="5\u00a0000 lignes"):
        read_table(content.encode(), ".csv")


def test_cancel_removes_the_staged_file(client, settings):
    upload(client, GOOD_CSV)
    response = client.post(reverse("actors:actor-import-cancel"))
    assert response.status_code == 302
    assert not list((settings.MEDIA_ROOT / STAGING_DIR).iterdir())
    assert client.get(PREVIEW)["Location"] == UPLOAD


def test_a_staged_import_does_not_follow_into_another_workspace(client_for, communes, workspace):
    from essterritoire.accounts.enums import Role
    from tests.factories import MembershipFactory, WorkspaceFactory

    user = MembershipFactory(workspace=workspace, role=Role.EDITOR).user
    second = WorkspaceFactory(name="AAA premier par ordre alphabétique")
    MembershipFactory(user=user, workspace=second, role=Role.EDITOR)
    client = client_for(user)
    client.post(reverse("accounts:switch-workspace"), {"workspace": workspace.pk})
    upload(client, GOOD_CSV)
    client.post(reverse("accounts:switch-workspace"), {"workspace": second.pk})
    assert client.post(PREVIEW)["Location"] == UPLOAD
    assert not Actor.objects.exists()


def test_themes_of_the_file_join_the_list_accents_aside(client, workspace):
    upload(client, "Nom;Thèmes\nCentrale villageoise;energie, Habitat\n")
    response = client.post(PREVIEW, follow=True)
    assert "Import terminé\u00a0: 1 acteur créé, 0 mis à jour, 0 inchangé." in html_text(response)
    actor = Actor.objects.get()
    assert {t.name for t in actor.themes.all()} == {"Énergie", "Habitat"}
    assert not Theme.objects.filter(workspace=workspace, name="energie").exists()
