"""Forms of the survey pages for editors: survey settings, questions, invitations, AFOM."""

from django import forms
from django.core.exceptions import ValidationError

from actors.enums import ActorKind
from diagnostics.enums import Quadrant
from diagnostics.models import AfomItem, Survey, SurveyQuestion
from diagnostics.surveys.enums import CHOICE_KINDS, QuestionKind
from diagnostics.surveys.logic import NO, YES
from diagnostics.surveys.results import question_numbers
from essterritoire.territories.models import Territory

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
BLANK, TEMPLATE, COPY = "vide", "modele", "copie"


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = [
            "title",
            "introduction",
            "opens_on",
            "closes_on",
            "named_results",
            "privacy_controller",
            "privacy_purpose",
            "privacy_retention",
            "privacy_contact",
        ]
        widgets = {
            "opens_on": DATE,
            "closes_on": DATE,
            "introduction": forms.Textarea(attrs={"rows": 3}),
            "privacy_purpose": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "opens_on": "Vide tant que l'enquête est en préparation.",
            "closes_on": "Dernier jour pour répondre (inclus). Vide\u00a0: pas de date de fin.",
        }

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", "La clôture doit suivre l'ouverture.")
        return cleaned


class SurveyCreateForm(forms.Form):
    title = forms.CharField(label="Titre", max_length=255)
    source = forms.ChoiceField(
        label="Questionnaire de départ",
        widget=forms.RadioSelect,
        initial=TEMPLATE,
        choices=[
            (TEMPLATE, "Le modèle «\u00a0Questionnaire des acteurs de l'ESS du territoire\u00a0»"),
            (COPY, "Une copie d'une autre enquête"),
            (BLANK, "Un questionnaire vide"),
        ],
    )
    copy_of = forms.ModelChoiceField(
        label="Enquête à copier", queryset=Survey.objects.none(), required=False
    )

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        surveys = Survey.objects.filter(diagnostic__workspace=workspace)
        self.fields["copy_of"].queryset = surveys.select_related("diagnostic")
        self.fields["copy_of"].label_from_instance = lambda s: f"{s.title} ({s.diagnostic})"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("source") == COPY and not cleaned.get("copy_of"):
            self.add_error("copy_of", "Choisissez l'enquête à copier.")
        return cleaned


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class QuestionForm(forms.ModelForm):
    choices = forms.CharField(
        label="Choix proposés",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Un choix par ligne (choix unique ou multiple).",
    )
    rows = forms.CharField(
        label="Lignes de la matrice",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Une ligne par élément à noter de 1 à 5 (matrice).",
    )
    condition = forms.ChoiceField(
        label="Afficher seulement si…",
        required=False,
        help_text="Une réponse à une question placée avant. Vide\u00a0: toujours affichée.",
    )

    class Meta:
        model = SurveyQuestion
        fields = [
            "kind",
            "text",
            "help_text",
            "required",
            "allow_other",
            "min_value",
            "max_value",
            "allow_decimals",
            "scale_min_label",
            "scale_max_label",
        ]
        widgets = {"help_text": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "allow_other": "Choix unique ou multiple\u00a0: ajoute «\u00a0Autre\u00a0» à préciser.",
            "min_value": "Nombre\u00a0: bornes facultatives.",
            "scale_min_label": "Échelle ou matrice, par ex. «\u00a0Pas du tout d'accord\u00a0».",
        }

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.sources = self._sources()
        self.fields["condition"].choices = [("", "Toujours afficher")] + self._condition_choices()
        if self.instance.pk:
            self.initial["choices"] = "\n".join(o.label for o in self._options("choice"))
            self.initial["rows"] = "\n".join(o.label for o in self._options("row"))
            self.initial["condition"] = self._current_condition()

    def _options(self, role):
        return [o for o in self.instance.options.all() if o.role == role]

    def _sources(self):
        """The earlier questions (all of them for a new question) a condition may use."""
        questions = self.survey.questions.prefetch_related("options").order_by("order", "pk")
        if self.instance.pk:
            questions = [q for q in questions if (q.order, q.pk) < self._position()]
        return list(questions)

    def _position(self):
        return (self.instance.order, self.instance.pk)

    def _condition_choices(self):
        numbers = question_numbers(self.sources)
        choices = []
        for source in self.sources:
            ref = f"Q{numbers.get(source.pk)}. {source.text[:60]}"
            if source.kind in CHOICE_KINDS:
                options = [o for o in source.options.all() if o.role == "choice"]
                choices += [(f"{source.pk}:c{o.pk}", f"{ref} = {o.label}") for o in options]
            elif source.kind == QuestionKind.YES_NO:
                choices += [(f"{source.pk}:{v}", f"{ref} = {v.capitalize()}") for v in (YES, NO)]
            elif source.kind == QuestionKind.SCALE:
                choices += [(f"{source.pk}:ge{n}", f"{ref} ≥ {n}") for n in (2, 3, 4, 5)]
        return choices

    def _current_condition(self):
        question = self.instance
        if not question.condition_question_id:
            return ""
        if question.condition_option_id:
            return f"{question.condition_question_id}:c{question.condition_option_id}"
        if question.condition_value in (YES, NO):
            return f"{question.condition_question_id}:{question.condition_value}"
        return f"{question.condition_question_id}:ge{question.condition_value}"

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        choices, rows = _lines(cleaned.get("choices")), _lines(cleaned.get("rows"))
        if kind in CHOICE_KINDS and len(set(choices)) < 2:
            self.add_error("choices", "Proposez au moins deux choix différents.")
        if kind == QuestionKind.MATRIX and not rows:
            self.add_error("rows", "Indiquez au moins une ligne.")
        low, high = cleaned.get("min_value"), cleaned.get("max_value")
        if low is not None and high is not None and low > high:
            self.add_error("max_value", "Le maximum doit être supérieur ou égal au minimum.")
        cleaned["choice_list"], cleaned["row_list"] = choices, rows
        cleaned.update(self._parse_condition(cleaned.get("condition")))
        return cleaned

    def _parse_condition(self, value):
        empty = {"condition_question": None, "condition_option": None, "condition_value": ""}
        if not value:
            return empty
        source_id, _, rule = value.partition(":")
        source = next((q for q in self.sources if str(q.pk) == source_id), None)
        if source is None:
            raise ValidationError("Condition inconnue.")
        result = {**empty, "condition_question": source}
        if source.kind in CHOICE_KINDS:
            option = next((o for o in source.options.all() if f"c{o.pk}" == rule), None)
            if option is None:
                raise ValidationError("Choix inconnu pour la condition.")
            result["condition_option"] = option
        elif rule.startswith("ge"):
            result["condition_value"] = rule[2:]
        else:
            result["condition_value"] = rule
        return result

    def data_for_service(self):
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        for name in ("condition_question", "condition_option", "condition_value"):
            fields[name] = self.cleaned_data[name]
        return fields


class InviteFilterForm(forms.Form):
    """Which actors to invite: by kind (ESS family or partner), theme and commune."""

    kinds = forms.MultipleChoiceField(
        label="Type de structure",
        choices=ActorKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    theme = forms.ModelChoiceField(label="Thème", queryset=None, required=False)
    commune = forms.ModelChoiceField(label="Commune", queryset=None, required=False)

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = workspace.themes.order_by("name")
        communes = workspace.actors.exclude(commune=None).values("commune")
        self.fields["commune"].queryset = Territory.objects.filter(pk__in=communes).order_by("name")

    def filters(self):
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"kinds": data["kinds"], "theme": data["theme"], "commune": data["commune"]}


class AttachToItemForm(forms.Form):
    item = forms.ModelChoiceField(label="Élément de la matrice AFOM", queryset=None)

    def __init__(self, *args, diagnostic, **kwargs):
        super().__init__(*args, **kwargs)
        items = AfomItem.objects.alive().filter(diagnostic=diagnostic).in_reading_order()
        self.fields["item"].queryset = items


class NewItemForm(forms.Form):
    quadrant = forms.ChoiceField(label="Quadrant", choices=Quadrant.choices)
    title = forms.CharField(label="Intitulé de l'élément", max_length=255)
