from urllib.parse import urlencode

from django import forms

TRUE_VALUES = ("1", "on", "true", "oui")


class ReportOptionsForm(forms.Form):
    """The options of a report kind: a checkbox per section (at least one when the kind has
    sections) and per flag."""

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        defaults = kind.default_options()
        sections = kind.section_choices()
        if sections:
            self.fields["sections"] = forms.MultipleChoiceField(
                label="Sections à inclure",
                choices=[(choice.key, choice.label) for choice in sections],
                widget=forms.CheckboxSelectMultiple,
                initial=defaults["sections"],
                error_messages={"required": "Choisissez au moins une section."},
            )
        for flag in kind.flags:
            self.fields[flag.key] = forms.BooleanField(
                label=flag.label, help_text=flag.help_text, required=False, initial=flag.default
            )

    def options(self):
        """The cleaned options, in the kind's form ({"sections": [...], flag: bool})."""
        data = {key: value for key, value in self.cleaned_data.items() if key != "sections"}
        data["sections"] = self.cleaned_data.get("sections", [])
        return self.kind.clean_options(data)

    def section_rows(self):
        """(choice, checked) for each section, for a template that shows their help texts."""
        if "sections" not in self.fields:
            return []
        chosen = set(self["sections"].value() or [])
        return [(choice, choice.key in chosen) for choice in self.kind.section_choices()]

    def flag_rows(self):
        """(choice, checked) for each flag."""
        return [(flag, bool(self[flag.key].value())) for flag in self.kind.flags]


def options_from_query(kind, query):
    """The options of a preview URL: `sections` repeated (absent: the defaults), each flag
    `1` or `0` (absent: its default)."""
    options = {}
    if "sections" in query:
        options["sections"] = [key for key in query.getlist("sections") if key]
    for flag in kind.flags:
        if flag.key in query:
            options[flag.key] = query.get(flag.key, "").lower() in TRUE_VALUES
    return kind.clean_options(options)


def options_query(options):
    """The query string of a preview URL for `options`."""
    pairs = [("sections", key) for key in options.get("sections", [])]
    pairs += [(key, "1" if value else "0") for key, value in options.items() if key != "sections"]
    return urlencode(pairs)
