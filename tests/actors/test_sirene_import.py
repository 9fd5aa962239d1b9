"""The import_sirene command on the Pays d'Ancenis sample: figures, idempotence, updates."""

import csv
import json
import zipfile
from io import StringIO

import pytest
from django.core.management import call_command

from actors.enums import Family, ImportStatus
from actors.models import Establishment, ImportBatch, LegalCategory, LegalUnit, NafCode
from actors.sirene.importer import import_sirene
from tests.fixtures.sirene import support

pytestmark = pytest.mark.django_db
EPCI = "epci:244400552"


@pytest.fixture
def territories(db):
    return support.load_territories()


def run(*args):
    out = StringIO()
    call_command("import_sirene", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def run_sample(*extra, etablissements=support.ETABLISSEMENTS):
    return run(
        "--etablissements",
        str(etablissements),
        "--unites-legales",
        str(support.UNITES_LEGALES),
        *extra,
    )


def figures(summary):
    return {
        key: value
        for key, value in summary.items()
        if key not in ("created", "updated", "unchanged", "errors")
    }


def test_the_summary_matches_an_independent_reading_of_the_sample(territories):
    summary = run_sample("--territory", EPCI)
    assert figures(summary) == support.expected_summary(support.ancenis_codes())
    assert summary["errors"] == []
    assert summary["created"] == summary["active"] + summary["closed"]
    assert Establishment.objects.count() == summary["created"]


def test_the_sample_has_the_cases_the_demo_needs(territories):
    summary = run_sample("--territory", EPCI)
    ess = sum(
        summary["by_family"][f]
        for f in ("association", "cooperative", "mutuelle", "fondation", "ess_commercial")
    )
    assert 140 <= ess <= 170
    assert summary["by_family"]["ess_commercial"] >= 1
    assert summary["unclassified"] == 1
    assert summary["outside"] >= 5 and summary["closed"] >= 5


def test_without_territory_every_commune_of_the_cog_is_kept(territories):
    summary = run_sample()
    assert figures(summary) == support.expected_summary(territories)


def test_a_second_run_of_the_same_files_changes_nothing(territories):
    first = run_sample("--territory", EPCI)
    second = run_sample("--territory", EPCI)
    assert (second["created"], second["updated"]) == (0, 0)
    assert second["unchanged"] == first["created"]
    assert figures(second) == figures(first)


def test_a_changed_row_is_updated_and_a_closed_one_kept_inactive(territories, tmp_path):
    run_sample("--territory", EPCI)
    rows = support.read(support.ETABLISSEMENTS)
    target = next(
        r
        for r in rows
        if r["etatAdministratifEtablissement"] == "A" and r["codeCommuneEtablissement"] == "44003"
    )
    target["etatAdministratifEtablissement"] = "F"
    changed = tmp_path / "StockEtablissement.csv"
    with open(changed, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    summary = run_sample("--territory", EPCI, etablissements=changed)
    assert (summary["created"], summary["updated"]) == (0, 1)
    establishment = Establishment.objects.get(siret=target["siret"])
    assert establishment.active is False


def test_a_former_commune_code_resolves_to_the_current_commune(territories):
    run_sample("--territory", EPCI)
    rows = support.read(support.ETABLISSEMENTS)
    former = next(r for r in rows if r["codeCommuneEtablissement"] == "44160")
    establishment = Establishment.objects.get(siret=former["siret"])
    assert establishment.commune_code == "44003"
    assert (establishment.epci_code, establishment.departement_code) == ("244400552", "44")
    across = next(r for r in rows if r["codeCommuneEtablissement"] == "49144")
    assert Establishment.objects.get(siret=across["siret"]).departement_code == "44"


def test_names_come_from_the_establishment_or_its_legal_unit(territories):
    run_sample("--territory", EPCI)
    hidden = Establishment.objects.get(non_diffusible=True)
    assert hidden.display_name == "[ND] non diffusible"
    association = Establishment.objects.filter(name__startswith="Comité des fêtes").first()
    assert association.family == Family.ASSOCIATION
    orphan = Establishment.objects.get(family=Family.UNCLASSIFIED)
    assert orphan.name == "Les Amis du patrimoine ancenien"
    assert not LegalUnit.objects.filter(siren=orphan.siren).exists()


def test_the_classification_follows_the_rules(territories):
    run_sample("--territory", EPCI)
    assert Establishment.objects.get(naf_code="94.11Z").family == Family.NON_ESS
    scop = Establishment.objects.get(name__startswith="Atelier coopératif du bâtiment")
    assert (scop.legal_category, scop.ess_flag, scop.family) == ("5710", "O", "ess_commercial")


def test_a_dry_run_writes_nothing_but_gives_the_counts(territories):
    summary = run_sample("--territory", EPCI, "--dry-run")
    assert summary["created"] == summary["active"] + summary["closed"]
    assert not Establishment.objects.exists()
    assert not LegalUnit.objects.exists()
    assert not ImportBatch.objects.exists()


def test_the_run_is_recorded_with_its_summary_and_the_nomenclatures(territories):
    summary = run_sample("--territory", EPCI)
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.DONE
    assert batch.summary == summary
    assert Establishment.objects.filter(batch=batch).count() == summary["created"]
    assert LegalCategory.objects.count() == 260 and NafCode.objects.count() == 1728


def test_legal_units_of_a_previous_import_serve_when_the_file_is_absent(territories):
    run_sample("--territory", EPCI)
    summary = run("--etablissements", str(support.ETABLISSEMENTS), "--territory", EPCI)
    assert (summary["created"], summary["updated"]) == (0, 0)
    assert summary["unclassified"] == 1


def test_a_zip_file_is_read_like_its_csv(territories, tmp_path):
    archive = tmp_path / "StockEtablissement_utf8.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.write(support.ETABLISSEMENTS, "StockEtablissement_utf8.csv")
    summary = run_sample("--territory", EPCI, etablissements=archive)
    assert figures(summary) == support.expected_summary(support.ancenis_codes())


def test_the_service_reports_its_progress(territories):
    steps = []
    import_sirene(
        support.ETABLISSEMENTS,
        support.UNITES_LEGALES,
        [EPCI],
        progress=lambda percent, label: steps.append(percent),
    )
    assert steps[0] == 0 and steps[-1] == 100 and steps == sorted(steps)


def test_the_readable_output_is_in_french(territories):
    out = StringIO()
    call_command(
        "import_sirene",
        "--etablissements",
        str(support.ETABLISSEMENTS),
        "--territory",
        EPCI,
        stdout=out,
    )
    assert "Lignes lues\u00a0: 215" in out.getvalue()
    assert "estimation centrale" in out.getvalue()


def test_deleting_a_batch_keeps_its_rows_without_it(territories):
    # The batch foreign keys have no database constraint: Django sets them to NULL itself.
    import_sirene(support.ETABLISSEMENTS, support.UNITES_LEGALES, [EPCI])
    ImportBatch.objects.get().delete()
    assert Establishment.objects.exists() and LegalUnit.objects.exists()
    assert not Establishment.objects.filter(batch__isnull=False).exists()
    assert not LegalUnit.objects.filter(batch__isnull=False).exists()
