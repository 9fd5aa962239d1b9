"""Import of actors from a CSV or XLSX file, in stages: read the file, map its columns to the
actor's fields (French headers matched automatically), validate every row, then write.

Every row is checked before anything is written; one error and nothing is. A row updates the
actor with the same SIRET, else the one with the same name in the same commune, else creates
one: importing the same file twice changes nothing the second time.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from actors.enums import ActorKind, SizeBand
from actors.selectors import commune_from_text, guillemets
from actors.validators import clean_naf, clean_siret, siret_error
from essterritoire.territories.text import normalize


@dataclass(frozen=True)
class ImportField:
    name: str
    label: str
    synonyms: tuple  # normalised headers, the most specific first
    required: bool = False
    max_length: int = 255


FIELDS = (
    ImportField("name", "Nom", ("nom", "raison sociale", "denomination", "nom de la structure",
                                "structure", "organisme", "acteur"), required=True),
    ImportField("kind", "Type", ("type", "type d acteur", "famille", "famille ess", "nature")),
    ImportField("siret", "SIRET", ("siret", "n siret", "numero siret", "no siret")),
    ImportField("legal_form", "Forme juridique", ("forme juridique", "statut juridique",
                                                  "statut", "categorie juridique")),
    ImportField("naf_code", "Code NAF", ("code naf", "naf", "code ape", "ape")),
    ImportField("size_band", "Effectif", ("effectif", "effectifs", "tranche d effectif",
                                          "tranche d effectifs", "taille")),
    ImportField("commune", "Commune", ("code commune", "code insee", "commune", "ville")),
    ImportField("address", "Adresse", ("adresse", "adresse postale")),
    ImportField("website", "Site web", ("site web", "site internet", "site", "url", "web"),
                max_length=200),
    ImportField("themes", "Thèmes", ("themes", "theme", "thematiques", "thematique")),
    ImportField("notes", "Notes", ("notes", "note", "commentaire", "commentaires", "remarques",
                                   "observations"), max_length=0),
)  # fmt: skip
FIELDS_BY_NAME = {f.name: f for f in FIELDS}
KIND_ALIASES = {"asso": ActorKind.ASSOCIATION, "scop": ActorKind.COOPERATIVE,
                "scic": ActorKind.COOPERATIVE, "cooperative": ActorKind.COOPERATIVE,
                "collectivite territoriale": ActorKind.COLLECTIVITE}  # fmt: skip
KINDS = {normalize(label): ActorKind(value) for value, label in ActorKind.choices}
KINDS |= {normalize(value): ActorKind(value) for value in ActorKind.values} | KIND_ALIASES
SIZE_BANDS = {normalize(label): value for value, label in SizeBand.choices}
THEME_SEPARATORS = re.compile(r"[,;|\n]")
_url = URLValidator(schemes=["http", "https"])


# Mapping


def header_key(header):
    """A header as the synonyms are written: "N° SIRET" is "n siret"."""
    return " ".join(re.sub(r"[^a-z0-9]", " ", normalize(header)).split())


def auto_mapping(headers):
    """{field name: column index} guessed from the headers: for each field, its synonyms in
    order, an exact match of a normalised header first; a column serves one field only."""
    normalized = [header_key(header) for header in headers]
    mapping, used = {}, set()
    for import_field in FIELDS:
        for synonym in import_field.synonyms:
            index = next(
                (i for i, h in enumerate(normalized) if h == synonym and i not in used), None
            )
            if index is not None:
                mapping[import_field.name] = index
                used.add(index)
                break
    return mapping


# Validation


@dataclass
class ImportRow:
    number: int
    values: dict  # field name -> parsed value, for the mapped fields
    themes: list | None = None
    actor: object = None  # the actor it updates, if any
    target: object = None  # the actor written, once written
    action: str = "create"  # create, update or unchanged

    def display(self, name):
        """The parsed value of a field as the preview shows it."""
        if name == "themes":
            return ", ".join(self.themes or [])
        value = self.values.get(name, "")
        if name == "kind" and value:
            return ActorKind(value).label
        if name == "size_band" and value:
            return SizeBand(value).label
        return value.name if hasattr(value, "name") and name == "commune" else value or ""


@dataclass
class Validation:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # {row, column, value, reason}

    def count(self, action):
        return sum(1 for row in self.rows if row.action == action)


def validate(table, mapping, workspace):
    """Every row parsed and checked, matched against the registry; errors name the file's row
    (the header is row 1), column, value and reason."""
    from actors.models import Actor

    parser = RowParser(workspace)
    result = Validation()
    for number, cells in zip(table.numbers, table.rows, strict=True):
        row = ImportRow(number, {})
        for name, index in mapping.items():
            value = cells[index]
            try:
                parsed = parser.parse(name, value)
            except ValidationError as error:
                reason = " ".join(error.messages)
                result.errors.append(_error(number, table.headers[index], value, reason))
                continue
            if name == "themes":
                row.themes = parsed
            else:
                row.values[name] = parsed
        result.rows.append(row)
    _check_duplicates(result, table, mapping)
    existing = Actor.objects.filter(workspace=workspace).prefetch_related("themes")
    _match(result.rows, list(existing))
    return result


def _error(row, column, value, reason):
    return {"row": row, "column": column, "value": value, "reason": reason}


def _check_duplicates(result, table, mapping):
    """Two rows of the file for one actor: the same SIRET, or the same name and commune."""
    seen = {}
    for row in result.rows:
        values = row.values
        commune = values.get("commune")
        key = values.get("siret") or (normalize(values.get("name", "")), commune)
        if not values.get("name") and not values.get("siret"):
            continue
        if key in seen:
            field_name = "siret" if values.get("siret") else "name"
            reason = f"même acteur que la ligne {seen[key]} du fichier"
            column = table.headers[mapping[field_name]]
            result.errors.append(_error(row.number, column, values[field_name], reason))
        seen.setdefault(key, row.number)


class RowParser:
    """Turns cell texts into field values; raises ValidationError with the reason."""

    def __init__(self, workspace):
        self.territory = workspace.main_territory
        self.communes = {}

    def parse(self, name, value):
        value = value.strip()
        method = getattr(self, f"parse_{name}", None)
        if method:
            return method(value)
        limit = FIELDS_BY_NAME[name].max_length
        if limit and len(value) > limit:
            raise ValidationError(f"{limit} caractères au plus")
        return value

    def parse_name(self, value):
        if not value:
            raise ValidationError("le nom est obligatoire")
        if len(value) > 255:
            raise ValidationError("255 caractères au plus")
        return value

    def parse_kind(self, value):
        if not value:
            return ActorKind.AUTRE
        kind = KINDS.get(normalize(value))
        if kind is None:
            labels = ", ".join(label for _, label in ActorKind.choices)
            raise ValidationError(f"type inconnu (valeurs possibles\u00a0: {labels})")
        return kind

    def parse_siret(self, value):
        siret = clean_siret(value)
        error = siret_error(siret) if siret else ""
        if error:
            raise ValidationError(error)
        return siret

    def parse_naf_code(self, value):
        return clean_naf(value)

    def parse_size_band(self, value):
        if not value:
            return ""
        if value.upper() in SizeBand.values:
            return value.upper()
        band = SIZE_BANDS.get(normalize(value))
        if band is None:
            raise ValidationError(
                "tranche d'effectif inconnue (un code SIRENE comme 11, ou un libellé comme "
                f"{guillemets('10 à 19 salariés')})"
            )
        return band

    def parse_commune(self, value):
        if value not in self.communes:
            try:
                self.communes[value] = ("ok", commune_from_text(value, self.territory))
            except ValidationError as error:
                self.communes[value] = ("error", error)
        status, result = self.communes[value]
        if status == "error":
            raise result
        return result

    def parse_website(self, value):
        if not value:
            return ""
        url = value if "://" in value else f"https://{value}"
        if len(url) > 200:
            raise ValidationError("200 caractères au plus")
        try:
            _url(url)
        except ValidationError:
            raise ValidationError("adresse web invalide") from None
        return url

    def parse_themes(self, value):
        names = {}
        for name in THEME_SEPARATORS.split(value):
            name = " ".join(name.split())
            if len(name) > 100:
                raise ValidationError("un thème compte au plus 100 caractères")
            if name:
                names.setdefault(normalize(name), name)
        return list(names.values())


# Matching with the registry


def _match(rows, actors):
    by_siret = {actor.siret: actor for actor in actors if actor.siret}
    by_name = {(actor.normalized_name, actor.commune_id): actor for actor in actors}
    for row in rows:
        values = row.values
        commune = values.get("commune")
        key = (normalize(values.get("name", "")), commune.pk if commune else None)
        siret = values.get("siret")
        actor = by_siret.get(siret) if siret else None
        if actor is None:
            actor = by_name.get(key)
            # Same name, another SIRET: another establishment of the same organisation.
            if actor is not None and siret and actor.siret and actor.siret != siret:
                actor = None
        if actor is None:
            continue
        row.actor = actor
        row.action = "update" if _differs(actor, row) else "unchanged"


def _differs(actor, row):
    for name, value in row.values.items():
        current = actor.commune if name == "commune" else getattr(actor, name)
        if current != value:
            return True
    if row.themes is None:
        return False
    current = {normalize(theme.name) for theme in actor.themes.all()}
    return current != {normalize(name) for name in row.themes}


# Writing


@transaction.atomic
def actors_import(*, workspace, validation, by):
    """Write a validated import in one transaction; returns {"created", "updated",
    "unchanged"}. Refuses a validation with errors: a bad file changes nothing."""
    from actors.models import Actor

    if validation.errors:
        raise ValidationError("Le fichier comporte des erreurs\u00a0: rien n'a été importé.")
    rows = [row for row in validation.rows if row.action != "unchanged"]
    themes = _themes_by_name(workspace, rows)
    linked = _known_sirets(rows)
    now, user = timezone.now(), by if getattr(by, "is_authenticated", False) else None
    created, updated = [], []
    for row in rows:
        actor = row.actor or Actor(workspace=workspace, kind=ActorKind.AUTRE, created_by=user)
        for name, value in row.values.items():
            setattr(actor, name, value)
        if "siret" in row.values:
            actor.establishment_id = actor.siret if actor.siret in linked else None
        actor.normalized_name = normalize(actor.name)  # bulk writes do not call save()
        actor.updated_at = now
        row.target = actor
        (updated if row.actor else created).append(actor)
    Actor.objects.bulk_create(created, batch_size=1000)
    fields = {name for row in rows if row.actor for name in row.values}
    fields |= {"normalized_name", "updated_at"} | (
        {"establishment"} if "siret" in fields else set()
    )
    Actor.objects.bulk_update(updated, sorted(fields), batch_size=1000)
    _set_themes(rows, themes)
    summary = {"created": len(created), "updated": len(updated)}
    summary["unchanged"] = len(validation.rows) - len(rows)
    _record_import(workspace, by, summary)
    return summary


def _themes_by_name(workspace, rows):
    """{normalised name: Theme}, creating the themes the file names and the list lacks
    ("energie" in the file is the list's "Énergie")."""
    from actors.models import Theme
    from actors.services import themes_for

    existing = {normalize(theme.name): theme for theme in themes_for(workspace)}
    wanted = {normalize(name): name for row in rows for name in row.themes or ()}
    missing = [Theme(workspace=workspace, name=n) for k, n in wanted.items() if k not in existing]
    for theme in Theme.objects.bulk_create(missing):
        existing[normalize(theme.name)] = theme
    return existing


def _known_sirets(rows):
    from actors.models import Establishment

    sirets = {row.values["siret"] for row in rows if row.values.get("siret")}
    return set(Establishment.objects.filter(siret__in=sirets).values_list("siret", flat=True))


def _set_themes(rows, themes):
    from actors.models import Actor

    through = Actor.themes.through
    rows = [row for row in rows if row.themes is not None]
    through.objects.filter(actor__in=[row.actor for row in rows if row.actor]).delete()
    links = [
        through(actor_id=row.target.pk, theme_id=themes[normalize(name)].pk)
        for row in rows
        for name in row.themes
    ]
    through.objects.bulk_create(links, batch_size=1000)


def _record_import(workspace, by, summary):
    from essterritoire.accounts.services import activity_record

    created = counted(summary["created"], "acteur créé", "acteurs créés")
    updated = counted(summary["updated"], "mis à jour", "mis à jour")
    activity_record(
        workspace=workspace, user=by, verb=f"a importé un fichier ({created}, {updated})"
    )


def counted(number, singular, plural):
    """ "0 acteur créé", "2 acteurs créés": French plural from 2 on."""
    return f"{number} {plural if number >= 2 else singular}"
