"""Forms of the diagnostics pages (diagnostic, comparisons, phases, method templates)."""

import re
from datetime import date

from django import forms
from django.db.models import Count
from django.urls import reverse_lazy
from django.utils import timezone

from actors.models import Actor
from diagnostics.enums import DiagnosticStatus
from diagnostics.models import MethodTemplate
from essterritoire.territories.refs import TerritoryRefError, resolve
from essterritoire.territories.search import search_territories

NBSP = "\u00a0"
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
TERRITORY_HELP = (
    f"Une référence TYPE:CODE (epci:244400552, com:44003, dep:44, grp:mon-pays) ou un nom{NBSP}: "
    "les territoires correspondants sont proposés pendant la saisie."
)
MAX_CHOICES_SHOWN = 5


def posted(request):
    """The submitted data, or None for a GET; unlike `request.POST or None`, a POST without
    any field still binds the form (and gets its errors)."""
    return request.POST if request.method == "POST" else None


def french_spacing(text):
    """No-break spaces before « : ; ? ! » and inside « guillemets »."""
    text = re.sub(r" ([:;?!»])", NBSP + r"\1", str(text))
    return text.replace("« ", "«" + NBSP)


class DateField(forms.DateField):
    """A date typed as 23/11/2026 or picked (ISO), within a sensible range."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, input_formats=DATE_INPUT_FORMATS, **kwargs)

    def validate(self, value):
        super().validate(value)
        if value and not EARLIEST <= value <= LATEST:
            raise forms.ValidationError(
                f"Indiquez une date entre le {EARLIEST:%d/%m/%Y} et le {LATEST:%d/%m/%Y}."
            )


def find_territory(text, workspace_ids):
    """The territory a person typed, as a reference or a name; ValidationError in French."""
    text = " ".join((text or "").split())[:200]
    if not text:
        raise forms.ValidationError("Indiquez le territoire.")
    try:
        if ":" in text:
            return resolve(text, workspace_ids)
        results, _notice = search_territories(text, workspace_ids)
        matches = list(results[: MAX_CHOICES_SHOWN + 1])
    except TerritoryRefError as error:
        raise forms.ValidationError(french_spacing(error)) from None
    return _single_match(text, matches)


def _single_match(text, matches):
    if not matches:
        raise forms.ValidationError(
            f"Aucun territoire ne correspond à «{NBSP}{text}{NBSP}». Saisissez une référence "
            "TYPE:CODE, par exemple epci:244400552."
        )
    exact = [t for t in matches if getattr(t, "rank", 1) == 0]
    if len(matches) == 1 or len(exact) == 1:
        return exact[0] if exact else matches[0]
    shown = ", ".join(f"{t.name} ({t.ref})" for t in matches[:MAX_CHOICES_SHOWN])
    raise forms.ValidationError(
        f"Plusieurs territoires correspondent à «{NBSP}{text}{NBSP}»{NBSP}: {shown}. "
        "Saisissez la référence de celui que vous voulez."
    )


class TerritoryField(forms.CharField):
    """A territory typed as a reference or a name; while typing, htmx fills the datalist
    `#territory-options` the page provides with matching territories."""

    def __init__(self, **kwargs):
        attrs = {
            "list": "territory-options",
            "autocomplete": "off",
            "spellcheck": "false",
            "hx-get": reverse_lazy("diagnostics:territory-options"),
            "hx-trigger": "input changed delay:300ms",
            "hx-target": "#territory-options",
            "hx-sync": "this:replace",
        }
        super().__init__(
            max_length=200,
            help_text=TERRITORY_HELP,
            widget=forms.TextInput(attrs),
            error_messages={"required": "Indiquez le territoire."},
            **kwargs,
        )


class DiagnosticForm(forms.Form):
    """A diagnostic's description; `method` only at creation, `status` only afterwards."""

    title = forms.CharField(
        label="Titre",
        max_length=255,
        error_messages={"required": "Donnez un titre au diagnostic."},
    )
    territory = TerritoryField(label="Territoire")
    start_date = DateField(
        label="Date de début", error_messages={"required": "Indiquez la date de début."}
    )
    method = forms.ModelChoiceField(
        label="Méthode", queryset=MethodTemplate.objects.none(), empty_label=None
    )
    status = forms.ChoiceField(label="État", choices=DiagnosticStatus.choices)
    description = forms.CharField(
        label="Présentation", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    steering_actors = forms.ModelMultipleChoiceField(
        label="Comité de pilotage (structures)",
        queryset=Actor.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Maintenez Ctrl (ou Cmd) pour en choisir plusieurs.",
    )
    steering_people = forms.CharField(
        label="Comité de pilotage (personnes)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=f"Une personne par ligne{NBSP}: nom, fonction, structure.",
    )

    def __init__(self, *args, workspace, diagnostic=None, **kwargs):
        if diagnostic is not None:
            kwargs.setdefault("initial", self.initial_for(diagnostic))
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        self.fields["steering_actors"].queryset = Actor.objects.filter(workspace=workspace)
        if diagnostic is None:
            del self.fields["status"]
            self.fields["start_date"].initial = timezone.localdate
            self.fields["method"].queryset = _usable_methods(workspace)
            self.fields[
                "start_date"
            ].help_text = (
                "Les phases de la méthode sont planifiées bout à bout à partir de cette date."
            )
        else:
            del self.fields["method"]
            self.fields[
                "start_date"
            ].help_text = (
                "Changer la date replanifie les dates prévues des phases (pas les dates réelles)."
            )

    @staticmethod
    def initial_for(diagnostic):
        return {
            "title": diagnostic.title,
            "territory": diagnostic.territory.ref,
            "start_date": diagnostic.start_date,
            "status": diagnostic.status,
            "description": diagnostic.description,
            "steering_actors": list(diagnostic.steering_actors.all()),
            "steering_people": diagnostic.steering_people,
        }

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError("Donnez un titre au diagnostic.")
        return title

    def clean_territory(self):
        return find_territory(self.cleaned_data["territory"], [self.workspace.pk])


def _usable_methods(workspace):
    """Built-in templates and the workspace's own, those with at least one phase."""
    return (
        MethodTemplate.objects.visible_to_workspaces([workspace.pk])
        .annotate(phase_count=Count("phases"))
        .filter(phase_count__gt=0)
        .order_by("workspace", "name")
    )


class DiagnosticFilterForm(forms.Form):
    q = forms.CharField(label="Rechercher", required=False, max_length=100)
    status = forms.ChoiceField(
        label="État", required=False, choices=[("", "Tous")] + DiagnosticStatus.choices
    )


class ComparisonForm(forms.Form):
    territory = TerritoryField(label="Territoire à comparer")
    reason = forms.CharField(label="Motif", required=False, max_length=255)

    def __init__(self, *args, workspace_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace_ids = workspace_ids
        self.fields["territory"].widget.attrs.update(
            {"class": "form-control", "aria-describedby": "aide-territoire-comparaison"}
        )

    def clean_territory(self):
        return find_territory(self.cleaned_data["territory"], self.workspace_ids)


class PhaseForm(forms.Form):
    planned_start = DateField(label="Début prévu")
    planned_end = DateField(label="Fin prévue")
    actual_start = DateField(label="Début réel", required=False)
    actual_end = DateField(label="Fin réelle", required=False)
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 6}))

    def clean(self):
        data = super().clean()
        self._check_order(data, "planned_start", "planned_end", "La fin prévue")
        self._check_order(data, "actual_start", "actual_end", "La fin réelle")
        if data.get("actual_end") and not data.get("actual_start"):
            self.add_error("actual_start", "Indiquez le début réel d'une phase terminée.")
        return data

    def _check_order(self, data, start, end, label):
        if data.get(start) and data.get(end) and data[end] < data[start]:
            self.add_error(end, f"{label} ne peut pas précéder le début.")


class DeliverableForm(forms.Form):
    label = forms.CharField(
        label="Nouveau livrable",
        max_length=255,
        error_messages={"required": "Indiquez l'intitulé du livrable."},
    )

    def clean_label(self):
        label = " ".join(self.cleaned_data["label"].split())
        if not label:
            raise forms.ValidationError("Indiquez l'intitulé du livrable.")
        return label


class PhaseAdvanceForm(forms.Form):
    override_reason = forms.CharField(
        label="Motif du passage sans tous les livrables",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, missing=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.missing = missing
        if missing:
            self.fields[
                "override_reason"
            ].help_text = "Il est enregistré sur la phase, avec votre nom et la date."
        else:
            del self.fields["override_reason"]

    def clean_override_reason(self):
        reason = self.cleaned_data["override_reason"].strip()
        if self.missing and not reason:
            raise forms.ValidationError(
                "Des livrables ne sont pas cochés\u00a0: indiquez le motif du passage à la "
                "phase suivante, ou cochez-les d'abord."
            )
        return reason


class MethodTemplateForm(forms.Form):
    name = forms.CharField(label="Nom", max_length=200)
    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class PhaseTemplateForm(forms.Form):
    name = forms.CharField(label="Nom de la phase", max_length=200)
    duration_months = forms.IntegerField(label="Durée (mois)", min_value=1, max_value=120)
    expected_results = forms.CharField(
        label="Résultats attendus", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    deliverables = forms.CharField(
        label="Livrables",
        required=False,
        help_text="Un livrable par ligne.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_deliverables(self):
        lines = (" ".join(line.split()) for line in self.cleaned_data["deliverables"].splitlines())
        return [line[:255] for line in lines if line]


PhaseTemplateFormSet = forms.formset_factory(
    PhaseTemplateForm,
    extra=1,
    can_delete=True,
    min_num=1,
    validate_min=True,
    max_num=20,
    validate_max=True,
)


def phase_template_initial(template):
    return [
        {
            "name": phase.name,
            "duration_months": phase.duration_months,
            "expected_results": phase.expected_results,
            "deliverables": "\n".join(phase.deliverables or []),
        }
        for phase in template.phases.order_by("number")
    ]
