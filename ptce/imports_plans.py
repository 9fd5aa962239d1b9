"""Import of an existing action plan from an XLSX workbook made on the template.

Staged like every import of the house: the file is checked (type, size), read and validated
whole; each problem is reported as {row, column, value, reason}; only a file without any error
is written, in one transaction (`plan_import`). Each row is an action, found again by its axis,
objective and action titles (case and accents ignored): importing the same file twice changes
nothing, and the file is the truth for the actions it lists.
"""

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from actors.models import Actor
from essterritoire.territories.text import normalize
from ptce.enums import ActionStatus
from ptce.forms_plans import MAX_UPLOAD_BYTES, parse_decimal
from ptce.models import Action

MAX_ROWS = 2000
MAX_SHEET_ROWS = 10 * MAX_ROWS
MAX_COLUMNS = 40
NBSP = "\u00a0"
DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d")
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)
MAX_AMOUNT = 10**12
CENT = Decimal("0.01")

# (key, header of the template, explanation). Headers are matched on their words before any
# parenthesis, case and accents ignored: "Pilote (nom ou SIRET)" and "pilote" are the same.
COLUMNS = [
    ("axe", "Axe", "Obligatoire. L'axe stratégique (enjeu)."),
    ("objectif", "Objectif", "Obligatoire. L'objectif de l'axe que l'action sert."),
    ("action", "Action", "Obligatoire. L'intitulé de l'action, unique dans son objectif."),
    ("description", "Description", "Facultatif."),
    (
        "pilote",
        "Pilote (nom ou SIRET)",
        "Un acteur du registre, par son nom ou son SIRET, ou « collectivité ».",
    ),
    ("partenaires", "Partenaires (séparés par ;)", "Des acteurs du registre, nom ou SIRET."),
    ("debut", "Début", "Date JJ/MM/AAAA."),
    ("fin", "Fin", "Date JJ/MM/AAAA, après le début."),
    ("statut", "Statut", "À lancer (par défaut), En cours, Réalisée, Suspendue, Abandonnée."),
    ("avancement", "Avancement (%)", "Un entier de 0 à 100 ; une action réalisée est à 100."),
    ("budget", "Budget (€)", "Le coût estimé de l'action, en euros."),
    ("financeur", "Financeur", "Un financement de l'action : qui paie."),
    ("montant", "Montant financé (€)", "Son montant ; à défaut, le budget de l'action."),
    ("acquis", "Financement acquis (oui/non)", "« oui » quand le financement est acquis."),
    ("indicateur", "Indicateur", "Un indicateur de l'action : son nom."),
    ("unite", "Unité", "emplois, tonnes, structures…"),
    ("depart", "Valeur de départ", "Un nombre."),
    ("cible", "Cible", "Un nombre."),
]
HEADERS = {key: header for key, header, _ in COLUMNS}
REQUIRED = ("axe", "objectif", "action")
STATUS_WORDS = {normalize(label): value for value, label in ActionStatus.choices}
STATUS_WORDS |= {normalize(value): value for value in ActionStatus.values}
STATUS_WORDS |= {"realise": ActionStatus.DONE, "abandonne": ActionStatus.ABANDONED}
STATUS_WORDS |= {"suspendu": ActionStatus.SUSPENDED, "termine": ActionStatus.DONE}
YES = {"oui", "o", "x", "vrai", "1", "acquis"}
NO = {"", "non", "n", "faux", "0"}
COLLECTIVITY_WORDS = {"collectivite", "la collectivite"}


class PlanFileError(ValueError):
    """A file that cannot be read as a plan; the message is for people."""


@dataclass
class RowError:
    row: int
    column: str
    value: str
    reason: str


@dataclass
class PlanRow:
    number: int
    axis: str
    objective: str
    action: str
    description: str = ""
    pilot: Actor | None = None
    pilot_is_collectivity: bool = False
    partners: list = field(default_factory=list)
    start: date | None = None
    end: date | None = None
    status: str = ActionStatus.TODO
    progress: int = 0
    budget: object = None
    funding: tuple | None = None  # (funder, amount, secured)
    indicator: tuple | None = None  # (name, unit, baseline, target)

    @property
    def status_label(self):
        return ActionStatus(self.status).label

    @property
    def key(self):
        return tuple(normalize(text) for text in (self.axis, self.objective, self.action))


# Reading the workbook


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def read_sheet(data):
    """[(row number, [cell texts])] of the first sheet's non-empty rows."""
    from openpyxl import load_workbook

    if len(data) > MAX_UPLOAD_BYTES:
        raise PlanFileError(f"Le fichier dépasse 5{NBSP}Mo.")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = workbook.worksheets[0].iter_rows(max_col=MAX_COLUMNS, values_only=True)
        return list(_numbered(rows))
    except PlanFileError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError, TypeError):
        raise PlanFileError("Ce fichier n'est pas un classeur XLSX lisible.") from None


def _numbered(rows):
    for number, row in enumerate(rows, start=1):
        if number > MAX_SHEET_ROWS:  # blank rows too: a sheet can declare a million of them
            raise PlanFileError(f"Le fichier dépasse 2{NBSP}000 lignes{NBSP}: découpez-le.")
        cells = [cell_text(value) for value in row]
        if not any(cells):
            continue
        if number > MAX_ROWS + 1:
            raise PlanFileError(f"Le fichier dépasse 2{NBSP}000 lignes{NBSP}: découpez-le.")
        yield number, cells


def column_key(header):
    words = normalize(header.split("(")[0])
    return next((key for key, label, _ in COLUMNS if normalize(label.split("(")[0]) == words), None)


def read_table(data):
    """(headers by key, [(row number, {key: text})]); PlanFileError when it is not a plan."""
    rows = read_sheet(data)
    if not rows:
        raise PlanFileError("Le fichier est vide.")
    _, header_cells = rows[0]
    positions = {}
    for index, header in enumerate(header_cells):
        key = column_key(header)
        if key and key not in positions:
            positions[key] = index
    missing = [HEADERS[key] for key in REQUIRED if key not in positions]
    if missing:
        names = ", ".join(f"«{NBSP}{name}{NBSP}»" for name in missing)
        raise PlanFileError(
            f"Colonnes obligatoires absentes{NBSP}: {names}. Partez du modèle à télécharger."
        )
    body = [(number, _cells(cells, positions)) for number, cells in rows[1:]]
    if not body:
        raise PlanFileError("Le fichier n'a pas de ligne de données sous les en-têtes.")
    headers = {key: header_cells[index] for key, index in positions.items()}
    return headers, body


def _cells(cells, positions):
    return {key: cells[index] if index < len(cells) else "" for key, index in positions.items()}


# Parsing single values: each returns the value or raises ValueError(reason)


def parse_date(text):
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            value = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if not EARLIEST <= value <= LATEST:
            raise ValueError(f"date hors de la période 2000{NBSP}–{NBSP}2100")
        return value
    raise ValueError("date illisible (attendu JJ/MM/AAAA)")


def parse_status(text):
    status = STATUS_WORDS.get(normalize(text)) if text else ActionStatus.TODO
    if status is None:
        labels = ", ".join(ActionStatus.labels)
        raise ValueError(f"statut inconnu (attendu{NBSP}: {labels})")
    return status


def parse_progress(text, status):
    if not text:
        return 100 if status == ActionStatus.DONE else 0
    cleaned = text.replace("%", "").replace(NBSP, "").replace(" ", "")
    if not cleaned.isdigit() or int(cleaned) > 100:
        raise ValueError("l'avancement est un entier de 0 à 100")
    return 100 if status == ActionStatus.DONE else int(cleaned)


def parse_amount(text, *, signed=False):
    try:
        value = parse_decimal(text)
    except ValueError:
        raise ValueError("nombre illisible (par exemple 12 500,50)") from None
    if value is None:
        return None
    if not signed and value < 0:
        raise ValueError("un montant ne peut pas être négatif")
    if abs(value) >= MAX_AMOUNT or value != value.quantize(CENT):
        raise ValueError("nombre trop grand ou plus de deux décimales")
    return value.quantize(CENT)


def parse_secured(text):
    word = normalize(text)
    if word in YES or word in NO:
        return word in YES
    raise ValueError("répondez «\u00a0oui\u00a0» ou «\u00a0non\u00a0»")


def parse_title(text):
    if not text:
        raise ValueError("valeur obligatoire")
    if len(text) > 255:
        raise ValueError("255 caractères au plus")
    return text


def parse_text(text, limit=255):
    if len(text) > limit:
        raise ValueError(f"{limit} caractères au plus")
    return text


# Actors named by the file


class ActorLookup:
    """The workspace's actors by SIRET and by name (case and accents ignored)."""

    def __init__(self, workspace):
        actors = list(Actor.objects.filter(workspace=workspace))
        self.by_siret = {actor.siret: actor for actor in actors if actor.siret}
        self.by_name = {}
        for actor in actors:
            self.by_name.setdefault(actor.normalized_name, []).append(actor)
        self.collectivity = COLLECTIVITY_WORDS | {normalize(workspace.name)}

    def is_collectivity(self, text):
        return normalize(text) in self.collectivity

    def find(self, text):
        digits = text.replace(" ", "").replace(NBSP, "")
        if digits.isdigit() and len(digits) == 14:
            if digits not in self.by_siret:
                raise ValueError("aucun acteur du registre n'a ce SIRET")
            return self.by_siret[digits]
        matches = self.by_name.get(normalize(text), [])
        if not matches:
            raise ValueError("acteur inconnu du registre (ajoutez-le d'abord au registre)")
        if len(matches) > 1:
            raise ValueError(f"plusieurs acteurs portent ce nom{NBSP}: indiquez le SIRET")
        return matches[0]


# Validating rows


@dataclass
class Validation:
    headers: dict
    rows: list
    errors: list


def validate(data, workspace):
    """Read and check the whole file; PlanFileError when it cannot be read as a plan."""
    headers, body = read_table(data)
    lookup = ActorLookup(workspace)
    rows, errors, seen = [], [], {}
    for number, cells in body:
        row = RowParser(number, cells, headers, lookup, errors).parse()
        if row is None:
            continue
        if row.key in seen:
            reason = f"action en double dans le fichier (déjà ligne {seen[row.key]})"
            errors.append(RowError(number, headers["action"], row.action, reason))
            continue
        seen[row.key] = number
        rows.append(row)
    return Validation(headers, rows, errors)


def existing_keys(diagnostic):
    """The (axis, objective, action) keys of the plan's actions, as PlanRow.key makes them."""
    titles = Action.objects.of_diagnostic(diagnostic).values_list(
        "objective__axis__title", "objective__title", "title"
    )
    return {tuple(normalize(text) for text in row) for row in titles}


class RowParser:
    """One row of the file into a PlanRow, each problem added to `errors`."""

    def __init__(self, number, cells, headers, lookup, errors):
        self.number, self.cells, self.headers = number, cells, headers
        self.lookup, self.errors = lookup, errors

    def fail(self, key, reason, value=None):
        value = self.cells.get(key, "") if value is None else value
        column = self.headers.get(key, HEADERS[key])
        self.errors.append(RowError(self.number, column, value, reason))

    def take(self, key, parse, *args, **kwargs):
        try:
            return parse(self.cells.get(key, ""), *args, **kwargs)
        except ValueError as error:
            self.fail(key, str(error))
            return None

    def parse(self):
        titles = [self.take(key, parse_title) for key in REQUIRED]
        status = self.take("statut", parse_status) or ActionStatus.TODO
        row = PlanRow(self.number, *titles)
        row.description = self.take("description", parse_text, 5000) or ""
        row.status = status
        row.progress = self.take("avancement", parse_progress, status) or 0
        row.start, row.end = self.take("debut", parse_date), self.take("fin", parse_date)
        if row.start and row.end and row.end < row.start:
            self.fail("fin", "la fin précède le début")
        row.budget = self.take("budget", parse_amount)
        self.pilot(row)
        row.partners = self.partners()
        row.funding = self.funding(row.budget)
        row.indicator = self.indicator()
        return row if all(titles) else None

    def pilot(self, row):
        text = self.cells.get("pilote", "")
        if text and self.lookup.is_collectivity(text):
            row.pilot_is_collectivity = True
        elif text:
            row.pilot = self.take("pilote", self.lookup.find)

    def partners(self):
        found = []
        for name in filter(
            None, (part.strip() for part in self.cells.get("partenaires", "").split(";"))
        ):
            try:
                actor = self.lookup.find(name)
            except ValueError as error:
                self.fail("partenaires", str(error), value=name)
                continue
            if actor not in found:
                found.append(actor)
        return found

    def funding(self, budget):
        funder = self.take("financeur", parse_text)
        amount = self.take("montant", parse_amount)
        secured = self.take("acquis", parse_secured)
        if not funder:
            if amount is not None or secured:
                self.fail("financeur", "indiquez le financeur de ce financement")
            return None
        amount = amount if amount is not None else budget
        if amount is None:
            self.fail("montant", "montant manquant (ni montant financé, ni budget)")
            return None
        return funder, amount, bool(secured)

    def indicator(self):
        name = self.take("indicateur", parse_text)
        unit = self.take("unite", parse_text, 50) or ""
        baseline = self.take("depart", parse_amount, signed=True)
        target = self.take("cible", parse_amount, signed=True)
        if not name:
            if unit or baseline is not None or target is not None:
                self.fail("indicateur", "indiquez le nom de l'indicateur")
            return None
        return name, unit, baseline, target
