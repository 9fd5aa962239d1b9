"""Forms of the action plan pages. Every choice (AFOM item, objective, pilot, partner) is
limited to the diagnostic and its workspace: an id from elsewhere is an invalid choice, never a
write. Amounts and measures are typed the French way ("12 500,50"), dates as 23/11/2026."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone

from actors.forms_animation import MAX_ID, MULTI_HELP, ActorsField
from actors.models import Actor
from diagnostics.forms import DateField
from diagnostics.models import AfomItem
from essterritoire.accounts.enums import Action as Permission
from essterritoire.accounts.permissions import scope
from ptce.enums import ActionStatus
from ptce.models import Action, Axis, Objective

NBSP = "\u00a0"
COLLECTIVITY = "collectivite"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
DECIMAL_ATTRS = {"inputmode": "decimal", "autocomplete": "off"}


def parse_decimal(text):
    """A number typed the French way ("12 500,50", "12500.5", "1 234 €"), or None when empty;
    ValueError when it is not a number."""
    text = re.sub(r"[\s\u00a0\u202f€]", "", str(text or ""))
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


class FrenchDecimalField(forms.DecimalField):
    """A decimal typed with French separators (space or no-break space, comma)."""

    widget = forms.TextInput(attrs=DECIMAL_ATTRS)

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)

    def to_python(self, value):
        try:
            value = parse_decimal(value)
        except ValueError:
            raise forms.ValidationError("Saisissez un nombre, par exemple 12 500,50.") from None
        return value

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format(value.normalize(), "f").replace(".", ",")
        return value


def workspace_actors(user, workspace_id):
    """The actors of the workspace `user` may attach to an action, by name."""
    actors = scope(Actor, user, Permission.CHANGE).filter(workspace_id=workspace_id)
    return actors.order_by("normalized_name", "pk")


def strip_title(value):
    return " ".join(value.split())


class AfomItemChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_quadrant_display()}{NBSP}: {obj.title}"


class AxisForm(forms.Form):
    title = forms.CharField(label="Intitulé de l'axe", max_length=255)
    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    afom_items = AfomItemChoices(
        label="Éléments AFOM auxquels l'axe répond",
        queryset=AfomItem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, diagnostic, **kwargs):
        super().__init__(*args, **kwargs)
        items = AfomItem.objects.alive().filter(diagnostic=diagnostic).in_reading_order()
        self.fields["afom_items"].queryset = items
        if not items.exists():  # an empty list of boxes would only confuse
            del self.fields["afom_items"]

    def clean_title(self):
        return strip_title(self.cleaned_data["title"])

    @staticmethod
    def initial_for(axis):
        fields = {"title": axis.title, "description": axis.description}
        return {**fields, "afom_items": list(axis.afom_items.values_list("pk", flat=True))}


class ObjectiveForm(forms.Form):
    title = forms.CharField(label="Intitulé de l'objectif", max_length=255)

    def clean_title(self):
        return strip_title(self.cleaned_data["title"])


class ObjectiveChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.axis.title} → {obj.title}"


class ActionForm(forms.Form):
    """An action; `objective` is offered when editing, to move it within the plan."""

    objective = ObjectiveChoice(label="Objectif", queryset=Objective.objects.none())
    title = forms.CharField(label="Intitulé de l'action", max_length=255)
    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    pilot = forms.ChoiceField(label="Pilote", required=False)
    partners = ActorsField(
        label="Partenaires",
        queryset=Actor.objects.none(),
        required=False,
        help_text=MULTI_HELP,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    start = DateField(label="Début", required=False)
    end = DateField(label="Fin", required=False)
    status = forms.ChoiceField(label="État", choices=ActionStatus.choices)
    progress = forms.IntegerField(
        label="Avancement (%)",
        min_value=0,
        max_value=100,
        initial=0,
        help_text="De 0 à 100. Une action réalisée passe à 100\u00a0%.",
    )
    budget = FrenchDecimalField(
        label="Budget estimé (€)",
        required=False,
        min_value=Decimal(0),
        help_text="Le coût prévu de l'action. Les financements se saisissent sur sa fiche.",
    )

    def __init__(self, *args, diagnostic, user, objective=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actors = workspace_actors(user, diagnostic.workspace_id)
        self.fields["partners"].queryset = self.actors
        self.fields["pilot"].choices = self.pilot_choices(diagnostic)
        if objective is None:
            objectives = Objective.objects.filter(axis__diagnostic=diagnostic)
            queryset = objectives.select_related("axis").order_by("axis__order", "order", "pk")
            self.fields["objective"].queryset = queryset
        else:
            del self.fields["objective"]

    def pilot_choices(self, diagnostic):
        collectivity = f"{diagnostic.workspace.name} (la collectivité elle-même)"
        actors = [(str(actor.pk), actor.name) for actor in self.actors]
        return [("", "Pas encore de pilote"), (COLLECTIVITY, collectivity), *actors]

    def clean_title(self):
        return strip_title(self.cleaned_data["title"])

    def clean_pilot(self):
        value = self.cleaned_data["pilot"]
        if value in ("", COLLECTIVITY):
            return value
        if not value.isdigit() or int(value) > MAX_ID:
            raise forms.ValidationError("Choisissez un pilote de la liste.")
        actor = self.actors.filter(pk=int(value)).first()
        if actor is None:
            raise forms.ValidationError("Choisissez un pilote de la liste.")
        return actor

    def clean(self):
        """Also turns the pilot choice into the services' `pilot` and
        `pilot_is_collectivity`, so that cleaned_data are their keyword arguments."""
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "La fin ne peut pas précéder le début.")
        if "pilot" in data:
            pilot = data["pilot"]
            data["pilot"] = pilot if isinstance(pilot, Actor) else None
            data["pilot_is_collectivity"] = pilot == COLLECTIVITY
        if "partners" in data:
            data["partners"] = list(data["partners"])
        return data

    @staticmethod
    def initial_for(action):
        pilot = COLLECTIVITY if action.pilot_is_collectivity else str(action.pilot_id or "")
        fields = ("title", "description", "start", "end", "status", "progress", "budget")
        initial = {name: getattr(action, name) for name in fields}
        partners = list(action.partners.values_list("pk", flat=True))
        return {**initial, "objective": action.objective_id, "pilot": pilot, "partners": partners}


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="État", choices=ActionStatus.choices)


class FundingForm(forms.Form):
    funder = forms.CharField(label="Financeur", max_length=255)
    amount = FrenchDecimalField(label="Montant (€)", min_value=Decimal(0))
    secured = forms.BooleanField(label="Financement acquis", required=False)

    def clean_funder(self):
        return strip_title(self.cleaned_data["funder"])


class IndicatorForm(forms.Form):
    name = forms.CharField(label="Indicateur", max_length=255)
    unit = forms.CharField(
        label="Unité", max_length=50, required=False, help_text="emplois, tonnes, %, structures…"
    )
    baseline = FrenchDecimalField(label="Valeur de départ", required=False)
    target = FrenchDecimalField(label="Cible", required=False)

    def clean_name(self):
        return strip_title(self.cleaned_data["name"])


class IndicatorValueForm(forms.Form):
    date = DateField(label="Date du relevé", initial=timezone.localdate)
    value = FrenchDecimalField(label="Valeur")


class UpdateForm(forms.Form):
    date = DateField(label="Date", initial=timezone.localdate)
    text = forms.CharField(
        label="Point d'étape",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ce qui a été fait, les décisions, les difficultés rencontrées.",
    )


class PlanFilterForm(forms.Form):
    """The filters of the actions table; choices limited to the plan."""

    axe = forms.ModelChoiceField(
        label="Axe", required=False, queryset=Axis.objects.none(), empty_label="Tous les axes"
    )
    statut = forms.ChoiceField(label="État", required=False)
    pilote = forms.ChoiceField(label="Pilote", required=False)
    partenaire = forms.ChoiceField(label="Partenaire", required=False)
    retard = forms.BooleanField(label="En retard seulement", required=False)

    def __init__(self, *args, diagnostic, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["axe"].queryset = Axis.objects.filter(diagnostic=diagnostic)
        self.fields["statut"].choices = [("", "Tous les états"), *ActionStatus.choices]
        actions = Action.objects.of_diagnostic(diagnostic)
        pilots = Actor.objects.filter(piloted_plan_actions__in=actions).distinct()
        partners = Actor.objects.filter(plan_partnerships__in=actions).distinct()
        collectivity = (COLLECTIVITY, f"{diagnostic.workspace.name} (la collectivité)")
        self.fields["pilote"].choices = [("", "Tous les pilotes"), collectivity]
        self.fields["pilote"].choices += [(str(a.pk), a.name) for a in pilots]
        self.fields["partenaire"].choices = [("", "Tous les partenaires")]
        self.fields["partenaire"].choices += [(str(a.pk), a.name) for a in partners]
        for name, field in self.fields.items():
            css = "form-check-input" if name == "retard" else "form-select"
            field.widget.attrs["class"] = css

    @property
    def is_filtered(self):
        return self.is_valid() and any(self.cleaned_data.values())

    def apply(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["axe"]:
            queryset = queryset.filter(objective__axis=data["axe"])
        if data["statut"]:
            queryset = queryset.filter(status=data["statut"])
        if data["pilote"] == COLLECTIVITY:
            queryset = queryset.filter(pilot_is_collectivity=True)
        elif data["pilote"]:
            queryset = queryset.filter(pilot_id=int(data["pilote"]))
        if data["partenaire"]:
            queryset = queryset.filter(partners__id=int(data["partenaire"]))
        return queryset.late() if data["retard"] else queryset


class PlanImportForm(forms.Form):
    file = forms.FileField(
        label="Fichier du plan d'action (.xlsx)",
        help_text="Un classeur au format du modèle, 5\u00a0Mo au plus.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("Déposez un classeur .xlsx (le modèle à télécharger).")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("Le fichier dépasse 5\u00a0Mo.")
        return upload
