"""The builder (source release -> compact file) and the loader (compact file -> database)."""

import gzip
import json
import shutil

import pytest
from django.core.management import CommandError, call_command

from essterritoire.territories import cog
from essterritoire.territories.models import FormerCode, Territory
from tests.territories.conftest import COG_SOURCE, MINI_COG, load, territory

pytestmark = pytest.mark.django_db


def test_builder_writes_the_committed_sample(tmp_path):
    output = tmp_path / "cog.json.gz"
    call_command("build_territories_data", str(COG_SOURCE), output=str(output), stdout=None)
    assert output.read_bytes() == MINI_COG.read_bytes()


def test_builder_keeps_only_what_is_needed():
    data = cog.build(COG_SOURCE)
    assert data["source"] == "@etalab/decoupage-administratif cog-source"
    assert data["reg"][0] == ["52", "Pays de la Loire", "44109"]
    assert ["2A", "Corse-du-Sud", "94"] in data["dep"]
    assert ["244400552", "CC du Pays d'Ancenis", "CC", 69666, ["44003", "44213", "49160"]] in data[
        "epci"
    ]
    assert ["2A004", "Ajaccio", "2A", "94", 76320] in data["com"]
    assert len(data["com"]) == 9  # current communes only
    old = {code: (name, commune) for code, name, commune in data["old"]}
    assert old["44160"] == ("", "44003")  # anciensCodes
    assert old["44011"] == ("Belligné", "44213")  # commune déléguée
    assert old["49168"] == ("Jumelles", "49180")  # commune associée
    assert old["69381"] == ("Lyon 1er Arrondissement", "69123")  # arrondissement municipal
    assert "44213" not in old  # the delegated commune that is its own chef-lieu


def test_a_chef_lieu_wins_over_another_communes_former_codes():
    communes = [
        {
            "code": "55245",
            "nom": "Heudicourt",
            "type": "commune-actuelle",
            "anciensCodes": ["55273"],
        },
        {"code": "55386", "nom": "Nonsard-Lamarche", "type": "commune-actuelle"},
        {"code": "55273", "nom": "Lamarche", "type": "commune-associee", "chefLieu": "55386"},
    ]
    assert cog.former_codes(communes) == [["55273", "Lamarche", "55386"]]


def test_builder_reads_the_version_from_package_json(tmp_path):
    shutil.copytree(COG_SOURCE, tmp_path / "data")
    (tmp_path / "package.json").write_text(
        '{"name": "@etalab/decoupage-administratif", "version": "7.0.0"}'
    )
    assert cog.build(tmp_path / "data")["source"] == "@etalab/decoupage-administratif 7.0.0"


def test_builder_says_which_file_is_missing(tmp_path):
    shutil.copytree(COG_SOURCE, tmp_path / "src")
    (tmp_path / "src" / "epci.json").unlink()
    with pytest.raises(CommandError, match="Fichier manquant : .*epci.json"):
        call_command("build_territories_data", str(tmp_path / "src"), output=str(tmp_path / "o.gz"))


def test_loader_counts_and_links():
    output = load()
    assert "3 régions : 3 créées, 0 modifiée, 0 inchangée" in output
    assert "4 départements : 4 créés" in output
    assert "3 EPCI : 3 créés" in output
    assert "9 communes : 9 créées" in output
    assert "12 anciens codes : 12 créés" in output
    assert Territory.objects.count() == 3 + 4 + 3 + 9
    ingrandes = territory("com:49160")
    assert (
        ingrandes.epci.code == "244400552"
    )  # an EPCI spanning Loire-Atlantique and Maine-et-Loire
    assert (ingrandes.departement.code, ingrandes.region.code) == ("49", "52")
    assert territory("com:2A004").departement.code == "2A"
    assert territory("com:2A004").search_name == "ajaccio"
    assert territory("com:44184").epci is None


def test_loader_sums_populations_and_keeps_epci_figures():
    load()
    assert territory("dep:44").population == 11600 + 74568 + 7587
    assert territory("reg:52").population == 11600 + 74568 + 7587 + 159022 + 3071 + 6564
    assert territory("epci:244400552").population == 69666
    assert territory("epci:244400552").epci_kind == "CC"
    assert territory("epci:244400552").departement is None


def test_loader_stores_former_codes():
    load()
    assert FormerCode.objects.get(code="69381").commune.code == "69123"
    assert FormerCode.objects.get(code="44160").commune.code == "44003"


def test_second_run_changes_nothing():
    load()
    before = list(Territory.objects.values_list("pk", "name", "population", "epci_id"))
    output = load()
    assert "Aucun changement" in output
    assert "9 communes : 0 créée, 0 modifiée, 9 inchangées" in output
    assert list(Territory.objects.values_list("pk", "name", "population", "epci_id")) == before


def test_a_changed_file_updates_only_what_changed(tmp_path):
    load()
    data = cog.read(MINI_COG)
    data["com"] = [[*row[:4], 11700] if row[0] == "44003" else row for row in data["com"]]
    data["old"] = [row for row in data["old"] if row[0] != "20004"]
    data["old"] = [["44160", "Ancenis", "44003"] if r[0] == "44160" else r for r in data["old"]]
    changed = tmp_path / "cog.json.gz"
    cog.write(data, changed)
    output = load(changed)
    assert "9 communes : 0 créée, 1 modifiée, 8 inchangées" in output
    assert "11 anciens codes : 0 créé, 1 modifié, 10 inchangés, 1 supprimé" in output
    assert FormerCode.objects.get(code="44160").name == "Ancenis"
    assert "Aucun changement" not in output
    assert territory("com:44003").population == 11700
    assert territory("dep:44").population == 11700 + 74568 + 7587


def test_loader_refuses_a_broken_file(tmp_path):
    broken = tmp_path / "broken.json.gz"
    broken.write_bytes(gzip.compress(json.dumps({"format": 1, "reg": []}).encode()))
    with pytest.raises(CommandError, match="section"):
        load(broken)
    with pytest.raises(CommandError, match="introuvable"):
        load(tmp_path / "absent.json.gz")
    assert not Territory.objects.exists()


def test_the_committed_file_holds_the_2026_cog():
    data = cog.read()
    counts = {key: len(data[key]) for key in ("reg", "dep", "epci", "com")}
    assert counts == {"reg": 26, "dep": 109, "epci": 1255, "com": 34969}
    assert data["source"] == "@etalab/decoupage-administratif 6.0.0"
    assert cog.DATA_FILE.stat().st_size < 700_000


def test_an_inconsistent_file_changes_nothing(tmp_path):
    data = cog.read(MINI_COG)
    data["com"].append(["99001", "Nulle-Part", "99", "52", 10])
    inconsistent = tmp_path / "cog.json.gz"
    cog.write(data, inconsistent)
    with pytest.raises(CommandError, match="Code inconnu dans le fichier : 99"):
        load(inconsistent)
    assert not Territory.objects.exists()
