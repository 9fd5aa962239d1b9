"""The diagnostic as one JSON document: export, schema, import.

The document is made of sections; each section has an exporter, an importer and the JSON
schema of its value. Later features (survey, indicators, action plan) register their own
section with `register_section`, so the document grows without this package knowing them.
"""

from diagnostics.exchange.registry import Section, register_section, sections

__all__ = ["Section", "register_section", "sections"]
