"""JSON schema pieces of the diagnostic document, and validation with French reasons."""

from jsonschema import Draft202012Validator

from diagnostics.exchange.registry import SCHEMA_VERSION, sections

DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
NULLABLE_DATE = {"anyOf": [DATE, {"type": "null"}]}
TEXT = {"type": "string"}
NAME = {"type": "string", "minLength": 1}
TERRITORY = {
    "type": "object",
    "required": ["kind", "code", "name"],
    "properties": {
        "kind": {"enum": ["com", "epci", "dep", "reg", "grp"]},
        "code": NAME,
        "name": TEXT,
        "reason": TEXT,
    },
}
ACTOR_REF = {
    "type": "object",
    "required": ["name"],
    "properties": {
        "name": NAME,
        "siret": {"anyOf": [{"type": "string", "pattern": r"^\d{14}$"}, {"type": "null"}]},
        "kind": TEXT,
    },
}


def document_schema():
    properties = {
        "schema_version": {"const": SCHEMA_VERSION},
        "title": NAME,
        "start_date": DATE,
    }
    required = ["schema_version", "title", "start_date"]
    for section in sections():
        properties[section.name] = section.schema
        if section.required:
            required.append(section.name)
    return {"type": "object", "required": required, "properties": properties}


def _where(error):
    path = "/".join(str(part) for part in error.absolute_path)
    return path or "(document)"


def _reason(error):
    if error.validator == "required":
        return f"champ obligatoire absent : {error.message.split(' ')[0]}"
    if error.validator == "const":
        return f"valeur attendue {error.validator_value!r}, reçue {error.instance!r}"
    if error.validator == "enum":
        allowed = ", ".join(repr(v) for v in error.validator_value)
        return f"valeur {error.instance!r} non admise (attendu : {allowed})"
    if error.validator == "type":
        return f"type attendu {error.validator_value}, reçu {type(error.instance).__name__}"
    if error.validator == "pattern":
        return f"format incorrect : {error.instance!r}"
    return error.message


def validate_document(document):
    """The list of schema violations as French sentences "where : why" (empty when valid)."""
    validator = Draft202012Validator(document_schema())
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    return [f"{_where(error)} : {_reason(error)}" for error in errors]
