"""The regional data import: French numbers, both layouts, encodings, errors that write
nothing, idempotence, the command and the staff upload page."""

import io
import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from diagnostics.indicators import forms, runs
from diagnostics.indicators.importer import import_bytes, import_file
from diagnostics.indicators.reading import ValueProblem, parse_number, parse_year
from diagnostics.models import IndicatorImport, IndicatorValue
from tests.diagnostics.factories import TerritoryFactory, commune, departement, region
from tests.factories import UserFactory
from tests.roles import check_role_matrix

pytestmark = pytest.mark.django_db
NBSP, NNBSP = "\u00a0", "\u202f"

LONG = (
    "territoire;indicateur;annee;valeur;unite;source\n"
    f"reg:52;effectifs_salaries.ess;2022;168{NBSP}900;;CRESS\n"
    "dep:44;part_emploi.ess;2022;12,1 %;;CRESS\n"
    f"epci:244400552;Nombre de bénévoles;2021;1{NNBSP}234,5;personnes;CRESS\n"
    "44003;emploi_salarie.total;2022;5 600;salariés;Insee\n"
)


@pytest.fixture
def places(db):
    reg = region()
    dep = departement("44", "Loire-Atlantique", reg)
    epci = TerritoryFactory(code="244400552", name="CC du Pays d'Ancenis")
    return {"reg": reg, "dep": dep, "epci": epci, "com": commune("44003", "Ancenis", dep, epci)}


def run(text, name="valeurs.csv", encoding="utf-8", **options):
    return import_bytes(text.encode(encoding), name, **options)


@pytest.mark.parametrize(
    ("text", "value", "is_percent"),
    [
        ("1 234,5", "1234.5", False),
        (f"1{NBSP}234,5", "1234.5", False),
        (f"1{NNBSP}234{NNBSP}567", "1234567", False),
        ("12,3 %", "12.3", True),
        (f"12,3{NBSP}%", "12.3", True),
        ("1.234,5", "1234.5", False),
        ("1,234.5", "1234.5", False),
        ("1.234.567", "1234567", False),
        ("1234.5", "1234.5", False),
        ("\u22124,5", "-4.5", False),
        ("-4", "-4", False),
        ("0,00004", "0.0000", False),
        ("12 €", "12", False),
    ],
)
def test_french_numbers_are_read(text, value, is_percent):
    assert parse_number(text) == (Decimal(value), is_percent)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "valeur manquante"),
        ("abc", "valeur non numérique"),
        ("1,2,3", "valeur non numérique"),
        ("12,3 %%", "valeur non numérique"),
        ("n.d.", "valeur non numérique"),
        ("1" * 20, "valeur trop grande"),
    ],
)
def test_what_is_not_a_number_is_an_error(text, reason):
    with pytest.raises(ValueProblem, match=reason):
        parse_number(text)


def test_years_have_four_digits():
    assert parse_year(" 2022 ") == 2022
    for text in ("", "22", "2022-23", "1850"):
        with pytest.raises(ValueProblem):
            parse_year(text)


def test_a_long_file_is_imported(places):
    outcome = run(LONG)
    assert outcome.errors == []
    assert outcome.as_dict() == {
        "rows": 4,
        "created": 4,
        "updated": 0,
        "unchanged": 0,
        "errors": [],
    }
    share = IndicatorValue.objects.get(indicator="part_emploi.ess")
    assert (share.territory, share.value, share.unit) == (places["dep"], Decimal("12.1"), "%")
    assert share.label == "Part de l'ESS dans l'emploi salarié"
    free = IndicatorValue.objects.get(territory=places["epci"])
    assert (free.indicator, free.label, free.value) == (
        "nombre_de_benevoles",
        "Nombre de bénévoles",
        Decimal("1234.5"),
    )
    assert IndicatorValue.objects.get(territory=places["com"]).source == "Insee"
    assert IndicatorImport.objects.get().created == 4


def test_a_windows_1252_file_with_commas_is_read(places):
    text = (
        "territoire,indicateur,annee,valeur,source\n"
        'reg:52,Nombre de bénévoles,2022,"12,5",Région des Pays de la Loire\n'
    )
    outcome = run(text, encoding="cp1252")
    assert outcome.errors == []
    value = IndicatorValue.objects.get()
    assert (value.label, value.value, value.source) == (
        "Nombre de bénévoles",
        Decimal("12.5"),
        "Région des Pays de la Loire",
    )


def test_an_xlsx_file_is_read(places):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Territoire", "Indicateur", "Année", "Valeur", "Unité"])
    sheet.append(["reg:52", "etp.ess", 2022, 153100.0, "ETP"])
    sheet.append(["dep:44", "part_emploi.ess", 2022, 12.1, "%"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    outcome = import_bytes(buffer.getvalue(), "donnees.xlsx", source="CRESS")
    assert outcome.errors == []
    assert IndicatorValue.objects.get(indicator="etp.ess").value == Decimal("153100")
    assert IndicatorValue.objects.get(indicator="part_emploi.ess").value == Decimal("12.1")


URSSAF = (
    "champ_ess;famille_ess;secteur_na88;annee;code_region;nombre_d_etablissements;"
    "effectifs_salaries_moyens;masse_salariale\n"
    f"ESS;Ensemble;Ensemble;2022;52;14{NBSP}500;168{NBSP}900,5;4{NBSP}512{NBSP}000{NBSP}000\n"
    "ESS;Associations;88 - Action sociale sans hébergement;2022;52;3 100;41 000;\n"
    "Hors ESS;Ensemble;Ensemble;2022;52;120 000;1 262 000;50 000 000 000\n"
)


def test_the_urssaf_layout_gives_one_value_per_measure(places):
    outcome = run(URSSAF, name="urssaf.csv")
    assert outcome.errors == [] and outcome.layout == "urssaf"
    assert (outcome.rows, outcome.created) == (3, 8)  # an empty payroll is skipped
    codes = set(IndicatorValue.objects.values_list("indicator", flat=True))
    assert {
        "etablissements_employeurs.ess",
        "effectifs_salaries.ess",
        "masse_salariale.ess",
        "effectifs_salaries.ess.association.na88-88",
        "effectifs_salaries.hors_ess",
    } <= codes
    value = IndicatorValue.objects.get(indicator="effectifs_salaries.ess")
    assert (value.value, value.source, value.territory) == (
        Decimal("168900.5"),
        "Urssaf",
        places["reg"],
    )
    assert value.label == "Effectifs salariés de l'ESS"


ERRORS = (
    "territoire;indicateur;annee;valeur;source\n"
    "reg:52;effectifs_salaries.ess;2022;168 900;CRESS\n"
    "dep:99;effectifs_salaries.ess;2022;1 000;CRESS\n"
    "reg:52;etp.ess;2022;beaucoup;CRESS\n"
    "reg:52;etp.ess;;153 100;CRESS\n"
    "reg:52;effectifs_salaries.ess;2022;170 000;CRESS\n"
)


def test_errors_are_listed_and_nothing_is_written(places):
    outcome = run(ERRORS)
    assert outcome.errors == [
        {
            "row": 3,
            "column": "territoire",
            "value": "dep:99",
            "reason": "territoire inconnu : dep:99",
        },
        {"row": 4, "column": "valeur", "value": "beaucoup", "reason": "valeur non numérique"},
        {"row": 5, "column": "annee", "value": "", "reason": "année manquante"},
        {
            "row": 6,
            "column": "valeur",
            "value": "effectifs_salaries.ess",
            "reason": "ligne en double : même territoire, indicateur, année et source que la "
            "ligne 2",
        },
    ]
    assert not IndicatorValue.objects.exists()
    assert not IndicatorImport.objects.exists()


def test_territories_are_found_by_code_former_code_or_not_at_all(places, workspace):
    from essterritoire.territories.models import FormerCode, Territory

    FormerCode.objects.create(code="44160", name="Saint-Géréon", commune=places["com"])
    Territory.objects.create(kind="grp", code="pays", name="Pays", workspace=workspace)
    outcome = run(
        "territoire;indicateur;annee;valeur;source\n"
        "44160;etp.ess;2022;10;X\n"
        "244400552;etp.ess;2022;20;X\n"
        "grp:pays;etp.ess;2022;30;X\n"
        "44;etp.ess;2022;40;X\n"
        "com:99999;etp.ess;2022;50;X\n"
    )
    reasons = {error["row"]: error["reason"] for error in outcome.errors}
    assert set(reasons) == {4, 5, 6}
    assert reasons[4].startswith("territoire non admis : les regroupements")
    assert reasons[5].startswith("territoire illisible : Code ambigu")
    assert reasons[6] == "territoire inconnu : com:99999"
    ok = run("territoire;indicateur;annee;valeur;source\n44160;etp.ess;2022;10;X\n")
    assert ok.created == 1 and IndicatorValue.objects.get().territory == places["com"]


def test_a_second_run_changes_nothing_and_a_correction_updates(places):
    run(LONG)
    again = run(LONG)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    corrected = run(LONG.replace("12,1 %", "12,4 %"))
    assert (corrected.created, corrected.updated, corrected.unchanged) == (0, 1, 3)
    assert IndicatorValue.objects.get(indicator="part_emploi.ess").value == Decimal("12.4")
    assert IndicatorValue.objects.count() == 4


def test_a_dry_run_counts_but_writes_nothing(places):
    outcome = run(LONG, dry_run=True)
    assert outcome.created == 4
    assert not IndicatorValue.objects.exists() and not IndicatorImport.objects.exists()


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"", "vide.csv", "fichier vide"),
        (b"a;b\n1;2\n", "x.csv", "colonnes absentes : territoire, indicateur, annee, valeur"),
        (b"\x00\x01\x02binaire", "x.csv", "pas un fichier texte"),
        (b"PK\x03\x04 pas un classeur", "x.xlsx", "pas un classeur XLSX"),
        (b"territoire;indicateur\n", "x.pdf", "format non pris en charge"),
    ],
)
def test_files_that_cannot_be_read_are_refused_without_crash(places, data, name, reason):
    outcome = import_bytes(data, name)
    assert len(outcome.errors) == 1 and reason in outcome.errors[0]["reason"]
    assert not IndicatorValue.objects.exists()


def test_a_long_file_needs_a_source(places):
    outcome = run("territoire;indicateur;annee;valeur\nreg:52;etp.ess;2022;1\n")
    assert outcome.errors[0]["reason"].startswith("source manquante")
    assert run("territoire;indicateur;annee;valeur\nreg:52;etp.ess;2022;1\n", source="X").created


def test_the_command_prints_json_and_fails_on_errors(places, tmp_path):
    good, bad = tmp_path / "bon.csv", tmp_path / "mauvais.csv"
    good.write_text(LONG, encoding="utf-8")
    bad.write_text(ERRORS, encoding="utf-8")
    out = io.StringIO()
    call_command("import_indicators", str(good), "--json", stdout=out)
    assert json.loads(out.getvalue())["created"] == 4
    out = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_indicators", str(bad), "--json", stdout=out)
    assert failure.value.returncode == 1
    document = json.loads(out.getvalue())
    assert set(document) == {"rows", "created", "updated", "unchanged", "errors"}
    assert len(document["errors"]) == 4 and document["created"] == 0


def test_the_command_reads_in_french(places, tmp_path):
    path = tmp_path / "bon.csv"
    path.write_text(LONG, encoding="utf-8")
    out = io.StringIO()
    call_command("import_indicators", str(path), "--dry-run", stdout=out)
    assert out.getvalue().startswith("Simulation\u00a0: 4 lignes lues (format long)\u00a0:")
    assert not IndicatorValue.objects.exists()


def test_a_missing_file_is_an_error(db):
    outcome = import_file("/nonexistent/valeurs.csv")
    assert outcome.errors[0]["reason"] == "fichier introuvable"


# The staff upload page ------------------------------------------------------------------------


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True)


def upload(client, text, name="valeurs.csv", source=""):
    data = {"fichier": SimpleUploadedFile(name, text.encode()), "source": source}
    return client.post(reverse("diagnostics:indicator-import"), data)


def checked(client, text=LONG):
    """Upload `text`; the IndicatorImport (checked at once: tasks run immediately in tests)."""
    response = upload(client, text)
    record = IndicatorImport.objects.latest("pk")
    assert response.status_code == 302 and response["Location"] == record.get_absolute_url()
    return record


@pytest.mark.parametrize("name", ["indicator-import", "indicator-import-list"])
def test_only_staff_reach_the_import_pages(client_for, role_users, staff, name):
    url = reverse(f"diagnostics:{name}")
    expected = {"anonymous": 302, "other": 403, "reader": 403, "editor": 403, "admin": 403}
    check_role_matrix(client_for, role_users, url, expected)
    assert client_for(staff).get(url).status_code == 200


@pytest.mark.parametrize(
    "name", ["indicator-import-detail", "indicator-import-confirm", "indicator-import-cancel"]
)
def test_only_staff_reach_an_import(client_for, role_users, staff, places, name):
    record = checked(client_for(staff))
    url = reverse(f"diagnostics:{name}", args=[record.pk])
    expected = {"anonymous": 302, "other": 403, "reader": 403, "editor": 403, "admin": 403}
    check_role_matrix(client_for, role_users, url, expected)
    if name != "indicator-import-detail":  # POST only; the role matrix for POST too
        check_role_matrix(client_for, role_users, url, expected, method="post")
    assert client_for(staff).get(url).status_code == (200 if name.endswith("detail") else 405)
    assert not IndicatorValue.objects.exists()
    assert (
        client_for(staff)
        .get(reverse("diagnostics:indicator-import-detail", args=[999]))
        .status_code
        == 404
    )


def test_the_check_lists_the_errors_and_writes_nothing(client_for, staff, places):
    client = client_for(staff)
    record = checked(client, ERRORS)
    assert record.status == "refused" and record.token == "" and record.rows == 5
    html = client.get(record.get_absolute_url()).content.decode()
    assert "4 erreurs" in html and "beaucoup" in html and "année manquante" in html
    assert "Confirmer" not in html
    assert not IndicatorValue.objects.exists()
    confirm = client.post(reverse("diagnostics:indicator-import-confirm", args=[record.pk]))
    assert confirm.status_code == 302 and not IndicatorValue.objects.exists()


def test_the_check_then_the_confirmation_writes(client_for, staff, places):
    client = client_for(staff)
    record = checked(client)
    assert record.status == "checked" and record.progress == 100
    assert record.report["created"] == 4 and len(record.report["preview"]) == 4
    assert forms.staged(record.token) is not None
    assert not IndicatorValue.objects.exists()
    page = client.get(record.get_absolute_url()).content.decode()
    assert "l'import créerait <strong>4</strong> valeurs" in page
    assert "168\u202f900" in page and "Confirmer l'import" in page
    confirm = client.post(reverse("diagnostics:indicator-import-confirm", args=[record.pk]))
    assert confirm.status_code == 302 and confirm["Location"] == record.get_absolute_url()
    record.refresh_from_db()
    assert (record.status, record.created, record.token) == ("done", 4, "")
    assert IndicatorValue.objects.count() == 4
    assert IndicatorValue.objects.filter(batch=record).count() == 4
    assert record.created_by == staff and IndicatorImport.objects.count() == 1
    assert (
        "Import terminé&nbsp;: 4 valeurs créées" in client.get(confirm["Location"]).content.decode()
    )
    again = client.post(
        reverse("diagnostics:indicator-import-confirm", args=[record.pk]), follow=True
    )
    assert "attend plus de confirmation" in again.content.decode()
    assert IndicatorValue.objects.count() == 4


def test_a_checked_import_can_be_given_up(client_for, staff, places):
    client = client_for(staff)
    record = checked(client)
    token = record.token
    response = client.post(reverse("diagnostics:indicator-import-cancel", args=[record.pk]))
    assert response.status_code == 302 and response["Location"].endswith("/importer/")
    record.refresh_from_db()
    assert record.status == "canceled" and forms.staged(token) is None
    client.post(reverse("diagnostics:indicator-import-confirm", args=[record.pk]))
    assert not IndicatorValue.objects.exists()


def test_a_running_import_shows_its_progress_and_polls(client_for, staff, places):
    record = IndicatorImport.objects.create(
        file_name="gros.csv",
        status="writing",
        progress=70,
        progress_label="Écriture des valeurs",
        created_by=staff,
        updated_at=timezone.now(),
    )
    client = client_for(staff)
    partial = client.get(record.get_absolute_url(), headers={"HX-Request": "true"})
    html = partial.content.decode()
    assert 'role="progressbar"' in html and 'aria-valuenow="70"' in html
    assert 'hx-trigger="every 1s"' in html and "Écriture des valeurs" in html
    assert "<html" not in html
    listing = client.get(reverse("diagnostics:indicator-import-list")).content.decode()
    assert "Import en cours (70&nbsp;%)" in listing


def test_a_run_no_worker_moves_is_failed_after_a_while(client_for, staff, places):
    old = timezone.now() - runs.ABANDONED_AFTER - timedelta(minutes=1)
    record = IndicatorImport.objects.create(
        file_name="x.csv", status="checking", created_by=staff, updated_at=old
    )
    html = client_for(staff).get(record.get_absolute_url()).content.decode()
    record.refresh_from_db()
    assert record.status == "failed" and "est interrompu" in html


def test_an_expired_file_or_a_crash_fails_the_run(client_for, staff, places, monkeypatch):
    client = client_for(staff)
    record = checked(client)
    forms.discard(record.token)
    client.post(reverse("diagnostics:indicator-import-confirm", args=[record.pk]))
    record.refresh_from_db()
    assert record.status == "failed" and "n'est plus disponible" in record.error

    def crash(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(runs, "import_bytes", crash)
    record = checked(client)
    assert record.status == "failed" and "erreur inattendue" in record.error
    assert forms.staged(record.token) is None
    assert not IndicatorValue.objects.exists()


def test_a_file_that_no_longer_passes_at_writing_is_refused(client_for, staff, places):
    client = client_for(staff)
    record = checked(client)
    (forms._folder() / record.token).write_bytes(ERRORS.encode())
    client.post(reverse("diagnostics:indicator-import-confirm", args=[record.pk]))
    record.refresh_from_db()
    assert record.status == "refused" and len(record.report["errors"]) == 4
    assert not IndicatorValue.objects.exists()


def test_the_import_reports_its_progress_between_steps(places):
    steps = []
    run(LONG, progress=lambda percent, label: steps.append((percent, label)))
    percents = [percent for percent, _ in steps]
    assert percents == sorted(percents) and percents[-1] == 70
    assert steps[-1][1] == "Écriture des valeurs"
    assert IndicatorValue.objects.count() == 4


def test_a_file_of_another_type_is_refused_by_the_form_and_nothing_is_queued(client_for, staff):
    data = {"fichier": SimpleUploadedFile("rapport.pdf", b"%PDF-1.7"), "source": ""}
    response = client_for(staff).post(reverse("diagnostics:indicator-import"), data)
    assert (
        response.status_code == 200
        and "Déposez un fichier .csv ou .xlsx." in response.content.decode()
    )
    assert not IndicatorImport.objects.exists()


def test_an_empty_list_says_so(client_for, staff):
    html = client_for(staff).get(reverse("diagnostics:indicator-import-list")).content.decode()
    assert "Aucun import pour l" in html and "Importer un fichier" in html
