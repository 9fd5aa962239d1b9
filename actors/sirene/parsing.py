"""Reading the SIRENE stock files: opening (.csv or .zip), header, and pure row parsing.

Files are read by column name: the order is free and unknown columns are ignored (INSEE adds
some, e.g. the NAF 2025 ones in 12/2025). Text must be UTF-8; rows are numbered as lines of
the file (the header is row 1), as a spreadsheet shows them.
"""

import csv
import io
import zipfile
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from actors.enums import SIZE_BOUNDS

ND = "[ND]"
MAX_NAME = 255

ESTABLISHMENT_REQUIRED = (
    "siren",
    "siret",
    "etatAdministratifEtablissement",
    "codeCommuneEtablissement",
    "activitePrincipaleEtablissement",
    "trancheEffectifsEtablissement",
    "caractereEmployeurEtablissement",
)
ESTABLISHMENT_OPTIONAL = (
    "statutDiffusionEtablissement",
    "nomenclatureActivitePrincipaleEtablissement",
    "denominationUsuelleEtablissement",
    "enseigne1Etablissement",
    "numeroVoieEtablissement",
    "indiceRepetitionEtablissement",
    "typeVoieEtablissement",
    "libelleVoieEtablissement",
    "codePostalEtablissement",
    "libelleCommuneEtablissement",
)
LEGAL_UNIT_REQUIRED = (
    "siren",
    "categorieJuridiqueUniteLegale",
    "economieSocialeSolidaireUniteLegale",
    "denominationUniteLegale",
)
# The characters str.strip removes: the SQL reading trims the same ones.
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
SIRET_INVALID = "SIRET invalide (14 chiffres attendus)"
SIRET_DUPLICATE = "SIRET en double dans le fichier"
SIREN_MISMATCH = "le SIREN ne correspond pas aux 9 premiers chiffres du SIRET"
SIREN_INVALID = "SIREN invalide (9 chiffres attendus)"
STATE_UNKNOWN = "état inconnu (A ou F attendu)"
NOT_UTF8 = (
    "texte non encodé en UTF-8 (caractère illisible sur cette ligne) : enregistrez le fichier "
    "en UTF-8"
)


class SireneFileError(Exception):
    """A file that cannot be read at all; the reason is for people."""

    def __init__(self, reason, row=None, column="", value=""):
        super().__init__(reason)
        self.reason, self.row, self.column, self.value = reason, row, column, value


class RowError(Exception):
    """A row value that cannot be imported."""

    def __init__(self, column, value, reason):
        super().__init__(reason)
        self.column, self.value, self.reason = column, value, reason


class Establishment(NamedTuple):
    """An establishment row as parsed, before location and classification."""

    siret: str
    siren: str
    name: str
    non_diffusible: bool
    commune_code: str
    naf_code: str
    naf_nomenclature: str
    size_band: str
    employer: bool
    active: bool
    address: str


@contextmanager
def open_binary(path):
    """(binary stream, size in bytes) of a .csv file, or of the one CSV file of a .zip."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".zip"):
        raise SireneFileError(
            f"format non pris en charge ({suffix or 'sans extension'}) : "
            "fichier .csv ou .zip attendu"
        )
    try:
        if suffix == ".csv":
            with path.open("rb") as stream:
                yield stream, path.stat().st_size
        else:
            with zipfile.ZipFile(path) as archive, _zip_member(archive) as member:
                yield member
    except FileNotFoundError:
        raise SireneFileError(f"fichier introuvable : {path.name}") from None
    except zipfile.BadZipFile as error:
        raise SireneFileError(f"archive zip illisible ({error})") from None


@contextmanager
def _zip_member(archive):
    members = [i for i in archive.infolist() if i.filename.lower().endswith(".csv")]
    if not members:
        raise SireneFileError("l'archive zip ne contient aucun fichier .csv")
    if len(members) > 1:
        names = ", ".join(i.filename for i in members)
        raise SireneFileError(f"l'archive zip contient plusieurs fichiers .csv ({names})")
    with archive.open(members[0]) as stream:
        yield stream, members[0].file_size


def locate_decoding_error(path):
    """(line number, the text around the first undecodable byte, shown with a replacement
    character) of the first non-UTF-8 line of a file."""
    with open_binary(path) as (stream, _size):
        for number, line in enumerate(stream, start=1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as error:
                around = line[max(error.start - 30, 0) : error.start + 10]
                return number, around.decode("utf-8", "replace").strip()
    return None, ""


def read_header(reader, required, optional):
    """{column: position} of the wanted columns; a missing required one is a SireneFileError
    (all of them are named). Absent optional columns point past the row (an empty value)."""
    header = next(reader, None)
    if not header:
        raise SireneFileError("fichier vide : une ligne d'en-tête est attendue", row=1)
    names = [name.strip().lstrip("\ufeff") for name in header]
    missing = [name for name in required if name not in names]
    if missing:
        raise SireneFileError(
            "colonne(s) obligatoire(s) absente(s) de l'en-tête",
            row=1,
            column=", ".join(missing),
        )
    positions = {name: position for position, name in enumerate(names)}
    width = len(names)
    return {name: positions.get(name, width) for name in (*required, *optional)}, width


def text_reader(stream):
    """A csv reader over a binary stream, decoding UTF-8 strictly."""
    text = io.TextIOWrapper(stream, encoding="utf-8", errors="strict", newline="")
    return csv.reader(text)


def is_digits(value, length):
    return len(value) == length and value.isascii() and value.isdigit()


def address(number, repetition, street_type, street, postcode, city):
    """A one-line postal address from SIRENE's address columns, cleaned (see `clean`)."""
    line = " ".join(filter(None, (number, repetition, street_type, street)))
    place = " ".join(filter(None, (postcode, city)))
    return ", ".join(filter(None, (line, place)))[:MAX_NAME]


def employee_bounds(band):
    """(min, max) employees of a tranche; (0, 0) when unknown."""
    return SIZE_BOUNDS.get(band, (0, 0))


def row_problem(row, width, siret_at=None):
    """(column, value, reason) when a row has the wrong number of columns or, when `siret_at`
    is given, an invalid SIRET; None for a row that can be read further."""
    if len(row) != width:
        return "", f"{len(row)} colonnes", f"nombre de colonnes incorrect ({width} attendues)"
    if siret_at is not None and not is_digits(row[siret_at], 14):
        return "siret", row[siret_at], SIRET_INVALID
    return None


def too_long(size):
    return f"valeur trop longue ({size} caractères au plus)"


def check_length(column, value, size):
    if len(value) > size:
        raise RowError(column, value, too_long(size))
    return value


def parse_establishment(values):
    """An Establishment from the values of ESTABLISHMENT_REQUIRED + ESTABLISHMENT_OPTIONAL, in
    that order; RowError on a value that cannot be imported."""
    siren, siret, state, commune, naf, band, employer, diffusion, nomenclature, *rest = [
        "" if value == ND else value for value in map(str.strip, values)
    ]
    if siren and siren != siret[:9]:
        raise RowError("siren", siren, SIREN_MISMATCH)
    if state not in ("A", "F"):
        raise RowError("etatAdministratifEtablissement", state, STATE_UNKNOWN)
    usual, sign, *parts = rest
    return Establishment(
        siret=siret,
        siren=siret[:9],
        name=(usual or sign)[:MAX_NAME],
        non_diffusible=diffusion == "P",
        commune_code=commune,
        naf_code=check_length("activitePrincipaleEtablissement", naf, 6),
        naf_nomenclature=check_length(
            "nomenclatureActivitePrincipaleEtablissement", nomenclature, 8
        ),
        size_band=band if band in SIZE_BOUNDS else "",
        employer=employer == "O",
        active=state == "A",
        address=address(*parts),
    )


def parse_legal_unit(values):
    """(siren, name, legal category, ESS flag) from the values of LEGAL_UNIT_REQUIRED."""
    siren, category, flag, name = ["" if v == ND else v for v in map(str.strip, values)]
    if not is_digits(siren, 9):
        raise RowError("siren", siren, SIREN_INVALID)
    category = check_length("categorieJuridiqueUniteLegale", category, 4)
    return siren, name[:MAX_NAME], category, flag if flag in ("O", "N") else ""
