"""The respondent's form, built from the questionnaire.

Every field is optional for Django: what is required depends on the final submission and on
the conditional display, both checked in `clean()` (hidden questions are never required and
their answers are dropped). Types, bounds and choices are checked on every save. After
validation each input knows its help and error ids (aria-describedby, aria-invalid).
"""

from django import forms

from diagnostics.surveys.enums import SCALE_VALUES, OptionRole, QuestionKind
from diagnostics.surveys.logic import NO, YES, Choice, describe_condition, visible_ids
from essterritoire.reports.formats import number

OTHER = "autre"
REQUIRED = "Répondez à cette question."
OTHER_MISSING = "Précisez votre réponse «\u00a0Autre\u00a0»."
ROW_MISSING = "Choisissez une valeur pour «\u00a0{row}\u00a0»."
TEXT_LIMITS = {QuestionKind.SHORT_TEXT: 500, QuestionKind.LONG_TEXT: 5000}


def field_name(question, suffix=""):
    return f"q{question.pk}{suffix}"


def row_name(question, row):
    return field_name(question, f"_r{row.pk}")


class AnswerForm(forms.Form):
    """`questions` in order, with `options` prefetched and `condition_question` selected;
    `final` for the submission (required questions enforced)."""

    def __init__(self, questions, *args, final=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.final = final
        self.values = {}
        self.shown = set()
        for question in self.questions:
            for name, field in _fields_for(question):
                self.fields[name] = field
        self._describe()

    # Validation

    def clean(self):
        cleaned = super().clean()
        values = {}
        for question in self.questions:
            value = self._value(question, cleaned)
            if value not in (None, "", {}) and value != Choice():
                values[question.pk] = value
        self.shown = visible_ids(self.questions, values)
        self.values = {pk: value for pk, value in values.items() if pk in self.shown}
        for question in self.questions:
            if question.pk not in self.shown:
                for name in _names(question):
                    self._errors.pop(name, None)
        if self.final:
            for question in self.questions:
                if question.pk in self.shown and not question.is_section:
                    self._check_required(question, cleaned)
        return cleaned

    def _value(self, question, cleaned):
        kind = question.kind
        raw = cleaned.get(field_name(question))
        if kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
            return (raw or "").strip()
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            return _choice(raw, cleaned.get(field_name(question, "_autre")))
        if kind == QuestionKind.YES_NO:
            return {YES: True, NO: False}.get(raw)
        if kind == QuestionKind.SCALE:
            return int(raw) if raw else None
        if kind == QuestionKind.MATRIX:
            rows = {row.pk: cleaned.get(row_name(question, row)) for row in _rows(question)}
            return {pk: int(value) for pk, value in rows.items() if value}
        return raw

    def _check_required(self, question, cleaned):
        name = field_name(question)
        if self._chose_other_without_text(question, cleaned):
            self.add_error(name + "_autre", OTHER_MISSING)
        if not question.required or self.has_error(name):
            return
        if question.kind == QuestionKind.MATRIX:
            answered = self.values.get(question.pk, {})
            for row in _rows(question):
                if row.pk not in answered:
                    self.add_error(row_name(question, row), ROW_MISSING.format(row=row.label))
        elif question.pk not in self.values:
            self.add_error(name, REQUIRED)

    def _chose_other_without_text(self, question, cleaned):
        if not question.allow_other:
            return False
        raw = cleaned.get(field_name(question))
        chosen = OTHER in raw if isinstance(raw, list) else raw == OTHER
        return chosen and not (cleaned.get(field_name(question, "_autre")) or "").strip()

    # Accessibility

    def full_clean(self):
        super().full_clean()
        self._describe()

    def _describe(self):
        """aria-describedby: the question's help, and the field's error when it has one."""
        errors = self.errors if self.is_bound and hasattr(self, "cleaned_data") else {}
        for question in self.questions:
            help_id = f"aide-{field_name(question)}" if _has_hint(question) else ""
            for name in _names(question):
                attrs = self.fields[name].widget.attrs
                ids = [help_id] if help_id else []
                if name in errors:
                    ids.append(f"erreur-{name}")
                    attrs["aria-invalid"] = "true"
                if ids:
                    attrs["aria-describedby"] = " ".join(ids)

    # Display

    def groups(self):
        """Sections with their questions, for the template: [{"section", "items"}]."""
        numbers = self.numbers()
        groups = [{"section": None, "items": []}]
        for question in self.questions:
            if question.is_section:
                groups.append({"section": self._item(question, numbers), "items": []})
            else:
                groups[-1]["items"].append(self._item(question, numbers))
        return [g for g in groups if g["section"] or g["items"]]

    def numbers(self):
        questions = [q for q in self.questions if not q.is_section]
        return {q.pk: n for n, q in enumerate(questions, start=1)}

    def _item(self, question, numbers):
        name = field_name(question)
        other = self[name + "_autre"] if question.allow_other and name + "_autre" in self else None
        rows = [(row, self[row_name(question, row)]) for row in _rows(question)]
        return {
            "question": question,
            "number": numbers.get(question.pk),
            "field": self[name] if name in self.fields else None,
            "other": other,
            "rows": rows,
            "help_id": f"aide-{name}" if _has_hint(question) else "",
            "condition": _condition_attrs(question),
            "condition_text": describe_condition(question, numbers),
            "errors": [(n, e) for n in _names(question) for e in self.errors.get(n, [])],
        }

    def error_summary(self):
        """[(anchor id, text)] for the summary at the top of the page."""
        numbers = self.numbers()
        summary = []
        for question in self.questions:
            for name in _names(question):
                for error in self.errors.get(name, []):
                    label = f"Question {numbers.get(question.pk)}"
                    summary.append((self._anchor(name), f"{label}\u00a0: {error}"))
        return summary

    def _anchor(self, name):
        field = self[name]
        widget_id = field.id_for_label or f"id_{name}"
        if isinstance(field.field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
            return f"{widget_id}_0" if not widget_id.endswith("_0") else widget_id
        return widget_id


def initial_from(questions, values):
    """The form's initial data from saved values (resuming an answer)."""
    initial = {}
    for question in questions:
        value = values.get(question.pk)
        if value is None:
            continue
        name = field_name(question)
        if isinstance(value, Choice):
            chosen = [str(pk) for pk in value.options] + ([OTHER] if value.other else [])
            many = question.kind == QuestionKind.MULTIPLE
            initial[name] = chosen if many else (chosen[0] if chosen else "")
            initial[name + "_autre"] = value.other
        elif isinstance(value, dict):
            for row in _rows(question):
                if row.pk in value:
                    initial[row_name(question, row)] = str(value[row.pk])
        elif isinstance(value, bool):
            initial[name] = YES if value else NO
        else:
            initial[name] = value
    return initial


def _choice(raw, other_text):
    chosen = raw if isinstance(raw, list) else [raw] if raw else []
    options = tuple(int(v) for v in chosen if v != OTHER)
    other = (other_text or "").strip() if OTHER in chosen else ""
    return Choice(options, other)


def _rows(question):
    return [o for o in question.options.all() if o.role == OptionRole.ROW]


def _choices(question):
    return [o for o in question.options.all() if o.role == OptionRole.CHOICE]


def _names(question):
    if question.kind == QuestionKind.MATRIX:
        return [row_name(question, row) for row in _rows(question)]
    if question.is_section:
        return []
    names = [field_name(question)]
    return names + [field_name(question, "_autre")] if question.allow_other else names


def _has_hint(question):
    scaled = question.kind in (QuestionKind.SCALE, QuestionKind.MATRIX)
    return bool(question.help_text) or question.kind == QuestionKind.MULTIPLE or scaled


def _condition_attrs(question):
    source = question.condition_question
    if source is None:
        return None
    if question.condition_option_id:
        value = str(question.condition_option_id)
    elif source.kind == QuestionKind.YES_NO:
        value = question.condition_value
    else:
        value = f"ge:{question.condition_value}"
    return {"source": field_name(source), "value": value}


def _fields_for(question):
    kind = question.kind
    if kind == QuestionKind.SECTION:
        return []
    if kind in TEXT_LIMITS:
        return [(field_name(question), _text_field(question))]
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        return _choice_fields(question)
    if kind == QuestionKind.YES_NO:
        choices = [(YES, "Oui"), (NO, "Non")]
        return [(field_name(question), _radio_field(choices))]
    if kind == QuestionKind.NUMBER:
        return [(field_name(question), _number_field(question))]
    scale = [(str(v), str(v)) for v in SCALE_VALUES]
    if kind == QuestionKind.SCALE:
        return [(field_name(question), _radio_field(scale))]
    return [(row_name(question, row), _radio_field(scale)) for row in _rows(question)]


def _text_field(question):
    limit = TEXT_LIMITS[question.kind]
    widget = (
        forms.Textarea(attrs={"rows": 4, "class": "form-control"})
        if question.kind == QuestionKind.LONG_TEXT
        else forms.TextInput(attrs={"class": "form-control"})
    )
    return forms.CharField(required=False, max_length=limit, widget=widget)


def _radio_field(choices):
    widget = forms.RadioSelect(attrs={"class": "form-check-input"})
    return forms.ChoiceField(required=False, choices=choices, widget=widget)


def _choice_fields(question):
    choices = [(str(o.pk), o.label) for o in _choices(question)]
    if question.allow_other:
        choices.append((OTHER, "Autre"))
    if question.kind == QuestionKind.MULTIPLE:
        widget = forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})
        field = forms.MultipleChoiceField(required=False, choices=choices, widget=widget)
    else:
        field = _radio_field(choices)
    fields = [(field_name(question), field)]
    if question.allow_other:
        other = forms.CharField(
            required=False, max_length=500, widget=forms.TextInput(attrs={"class": "form-control"})
        )
        fields.append((field_name(question, "_autre"), other))
    return fields


def _number_field(question):
    low, high = question.min_value, question.max_value
    bounds = _bounds_text(low, high)
    messages = {
        "invalid": "Saisissez un nombre, par exemple 12"
        + (" ou 2,5." if question.allow_decimals else "."),
        "min_value": f"Saisissez un nombre {bounds}.",
        "max_value": f"Saisissez un nombre {bounds}.",
        "max_decimal_places": (
            "Deux décimales au plus." if question.allow_decimals else "Saisissez un nombre entier."
        ),
        "max_digits": "Ce nombre est trop grand.",
    }
    return forms.DecimalField(
        required=False,
        min_value=low,
        max_value=high,
        max_digits=14,
        decimal_places=2 if question.allow_decimals else 0,
        localize=True,
        error_messages=messages,
        widget=forms.TextInput(
            attrs={
                "class": "form-control",
                "inputmode": "decimal" if question.allow_decimals else "numeric",
            }
        ),
    )


def _bounds_text(low, high):
    def shown(value):
        return number(value, 0 if value == value.to_integral_value() else 2)

    if low is not None and high is not None:
        return f"entre {shown(low)} et {shown(high)}"
    if low is not None:
        return f"supérieur ou égal à {shown(low)}"
    if high is not None:
        return f"inférieur ou égal à {shown(high)}"
    return ""
