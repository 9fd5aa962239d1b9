"""The compact COG data file: built from @etalab/decoupage-administratif, read by the loader.

The file is gzip-compressed JSON with one list of rows per kind; `fields` names the columns of
each row, so the file explains itself (see data/PROVENANCE.md).
"""

import gzip
import json
import re
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "cog2026.json.gz"
FORMAT = 1
FIELDS = {
    "reg": ["code", "nom", "chefLieu"],
    "dep": ["code", "nom", "region"],
    "epci": ["code", "nom", "type", "populationMunicipale", "membres"],
    "com": ["code", "nom", "departement", "region", "population"],
    "old": ["ancienCode", "nom", "commune"],
}
SOURCE_FILES = ("regions.json", "departements.json", "epci.json", "communes.json")
CURRENT = "commune-actuelle"
ABSORBED = ("commune-deleguee", "commune-associee")
ARRONDISSEMENT = "arrondissement-municipal"
PACKAGE = "@etalab/decoupage-administratif"


class CogFileError(Exception):
    """A source directory or a data file that cannot be used; the message is for people."""


def build(source_dir):
    """The compact data of a decoupage-administratif release directory."""
    source_dir = Path(source_dir)
    regions, departements, epcis, communes = (_read_source(source_dir, n) for n in SOURCE_FILES)
    current = [c for c in communes if c["type"] == CURRENT]
    return {
        "format": FORMAT,
        "source": _source_label(source_dir),
        "fields": FIELDS,
        "reg": [[r["code"], r["nom"], r.get("chefLieu")] for r in regions],
        "dep": [[d["code"], d["nom"], d["region"]] for d in departements],
        "epci": [_epci_row(e) for e in epcis],
        "com": [
            [c["code"], c["nom"], c["departement"], c["region"], c.get("population")]
            for c in current
        ],
        "old": former_codes(communes),
    }


def _epci_row(epci):
    members = sorted(m["code"] for m in epci["membres"])
    return [epci["code"], epci["nom"], epci["type"], epci.get("populationMunicipale"), members]


def former_codes(communes):
    """[old code, name, current commune code] rows, sorted by old code.

    A delegated or associated commune maps to its chef-lieu even when another commune lists its
    code in `anciensCodes` (two such cases in 2026): the chef-lieu is where it belongs today.
    """
    current = {c["code"] for c in communes if c["type"] == CURRENT}
    mapping = {}
    for commune in communes:
        if commune["type"] == CURRENT:
            for old in commune.get("anciensCodes", []):
                mapping.setdefault(old, ("", commune["code"]))
    for commune in communes:
        target = commune.get("chefLieu") if commune["type"] in ABSORBED else None
        if commune["type"] == ARRONDISSEMENT:
            target = commune["commune"]
        if target and target != commune["code"]:
            mapping[commune["code"]] = (commune["nom"], target)
    return [
        [old, name, target]
        for old, (name, target) in sorted(mapping.items())
        if old not in current and target in current
    ]


def _read_source(source_dir, name):
    path = source_dir / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CogFileError(f"Fichier manquant : {path}") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise CogFileError(f"{path} n'est pas un JSON lisible : {error}") from None


def _source_label(source_dir):
    """ "@etalab/decoupage-administratif 6.0.0", from package.json (the npm package keeps the
    data in data/, next to it) or else from a directory name ending in the version."""
    source_dir = source_dir.resolve()
    for package in (source_dir / "package.json", source_dir.parent / "package.json"):
        if package.exists():
            meta = json.loads(package.read_text(encoding="utf-8"))
            return f"{meta.get('name', PACKAGE)} {meta.get('version', '?')}"
    match = re.search(r"(\d+\.\d+\.\d+)$", source_dir.name)
    return f"{PACKAGE} {match.group(1) if match else source_dir.name}"


def write(data, path):
    """Write `data` compact and byte-for-byte reproducible (no timestamp in the gzip header)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    Path(path).write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def read(path=DATA_FILE):
    """The data of a file written by `write`; CogFileError when it is missing or malformed."""
    try:
        data = json.loads(gzip.decompress(Path(path).read_bytes()).decode("utf-8"))
    except FileNotFoundError:
        raise CogFileError(f"Fichier introuvable : {path}") from None
    except (OSError, ValueError, UnicodeDecodeError) as error:
        raise CogFileError(f"{path} n'est pas un fichier COG compressé lisible : {error}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CogFileError(f"{path} : format {FORMAT} attendu.")
    missing = [key for key in FIELDS if not isinstance(data.get(key), list)]
    if missing:
        raise CogFileError(f"{path} : section(s) absente(s) : {', '.join(missing)}.")
    return data
