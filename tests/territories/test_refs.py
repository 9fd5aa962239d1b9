import re

import pytest

from essterritoire.territories.refs import (
    SYNTAX_HELP,
    TerritoryRefError,
    parse_ref,
    resolve,
    resolve_communes,
    split_refs,
)
from tests.territories.conftest import territory


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("com:44003", ("com", "44003")),
        ("epci:244400552", ("epci", "244400552")),
        ("dep:44", ("dep", "44")),
        ("reg:52", ("reg", "52")),
        ("grp:mon-pays", ("grp", "mon-pays")),
        ("DEP:44", ("dep", "44")),
        ("  Com : 44003 ", ("com", "44003")),
        ("dep:2a", ("dep", "2A")),
        ("dep:2B", ("dep", "2B")),
        ("dep:974", ("dep", "974")),
        ("com:2a004", ("com", "2A004")),
        ("GRP:Mon-Pays", ("grp", "mon-pays")),
        ("44003", ("com", "44003")),
        ("01001", ("com", "01001")),
        ("2A004", ("com", "2A004")),
        ("2b033", ("com", "2B033")),
        ("244400552", ("epci", "244400552")),
    ],
)
def test_parse_ref_reads_kind_and_code(text, expected):
    assert parse_ref(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("com:1001", "01001"), ("dep:1", "01"), ("reg:4", "04"), ("dep:01", "01")],
)
def test_parse_ref_restores_leading_zeros(text, expected):
    assert parse_ref(text)[1] == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Territoire non renseigné"),
        ("ville:44003", "Type de territoire inconnu : « ville »"),
        ("com:440", "Code commune invalide : « 440 »"),
        ("com:ABCDE", "Code commune invalide : « ABCDE »"),
        ("epci:2444", "Code EPCI invalide : « 2444 »"),
        ("dep:", "Code département invalide : « vide »"),
        ("reg:2A", "Code région invalide"),
        ("grp:mon pays", "Identifiant de regroupement invalide"),
        ("44", "Code ambigu : « 44 ». Précisez dep:44 (département) ou reg:44 (région)."),
        ("4400", "Référence illisible : « 4400 »"),
        ("ancenis", "Référence illisible"),
    ],
)
def test_parse_ref_explains_in_french(text, message):
    with pytest.raises(TerritoryRefError, match=re.escape(message)):
        parse_ref(text)


def test_syntax_help_names_every_kind():
    assert SYNTAX_HELP == (
        "Syntaxe attendue TYPE:CODE, par exemple com:44003, epci:244400552, dep:44, reg:52 "
        "ou grp:mon-pays"
    )
    with pytest.raises(TerritoryRefError, match="Syntaxe attendue TYPE:CODE"):
        parse_ref("Ancenis")


def test_a_ref_error_is_a_value_error():
    assert issubclass(TerritoryRefError, ValueError)


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("com:44003", "com:44003"),
        ("44003", "com:44003"),
        ("2A004", "com:2A004"),
        ("2a004", "com:2A004"),
        ("epci:244400552", "epci:244400552"),
        ("244400552", "epci:244400552"),
        ("dep:44", "dep:44"),
        ("DEP:44", "dep:44"),
        ("dep:2A", "dep:2A"),
        ("reg:52", "reg:52"),
    ],
)
def test_resolve_finds_official_territories(cog, text, ref):
    assert resolve(text).ref == ref


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("com:44160", "com:44003"),  # merged into Ancenis-Saint-Géréon
        ("44160", "com:44003"),
        ("20004", "com:2A004"),  # Ajaccio before the split of Corsica
        ("com:44011", "com:44213"),  # commune déléguée
        ("49168", "com:49180"),  # commune associée
        ("69381", "com:69123"),  # arrondissement municipal of Lyon
    ],
)
def test_former_codes_resolve_to_todays_commune(cog, text, ref):
    assert resolve(text).ref == ref


@pytest.mark.parametrize("text", ["com:99999", "99999", "epci:200000000", "dep:2B", "reg:11"])
def test_unknown_territories_are_named(cog, text):
    with pytest.raises(TerritoryRefError, match=r"^Territoire inconnu : \w+:\w+$"):
        resolve(text)


def test_unknown_message_uses_the_normalised_ref(cog):
    with pytest.raises(TerritoryRefError) as error:
        resolve("com:99999")
    assert str(error.value) == "Territoire inconnu : com:99999"


def test_groupings_resolve_only_in_the_given_workspaces(grouping, other_grouping, workspace):
    assert resolve(f"grp:{grouping.code}", [workspace.pk]) == grouping
    assert resolve(grouping.ref.upper(), [workspace.pk]) == grouping
    for workspace_ids in ([workspace.pk], None, []):
        with pytest.raises(TerritoryRefError, match="Territoire inconnu : grp:"):
            resolve(other_grouping.ref, workspace_ids)


def test_split_refs_accepts_lines_and_commas():
    text = "epci:244400552\n\n com:44003, 49160 ;dep:44\n"
    assert split_refs(text) == [
        (1, "epci:244400552"),
        (3, "com:44003"),
        (3, "49160"),
        (3, "dep:44"),
    ]


def test_resolve_communes_expands_every_territory(cog):
    ids, errors = resolve_communes("epci:244400552, 49007\n44160")
    assert errors == []
    codes = {territory(f"com:{c}").pk: c for c in ("44003", "44213", "49160", "49007")}
    assert ids == set(codes)


def test_resolve_communes_reports_each_bad_line(cog):
    ids, errors = resolve_communes("com:44003\ncom:99999\n44, ville:1")
    assert errors == [
        "Ligne 2 (« com:99999 ») : Territoire inconnu : com:99999",
        "Ligne 3 (« 44 ») : Code ambigu : « 44 ». Précisez dep:44 (département) ou reg:44 "
        "(région).",
        "Ligne 3 (« ville:1 ») : Type de territoire inconnu : « ville ». " + SYNTAX_HELP + ".",
    ]
