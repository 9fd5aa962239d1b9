"""Forms of the actor registry. Themes are limited to the actor's workspace: a theme id from
elsewhere is an invalid choice, never a write."""

import re

from django import forms
from django.core.exceptions import ValidationError

from actors.models import Actor, Contact, Theme
from actors.selectors import commune_from_text
from actors.validators import clean_naf, clean_siret, validate_siret

ACTOR_FORM_FIELDS = ["name", "kind", "siret", "legal_form", "naf_code", "size_band"]
ACTOR_FORM_FIELDS += ["address", "website", "themes", "notes"]
PHONE = re.compile(r"^\+?[0-9 .()\-]{6,30}$")


def commune_label(commune):
    """How a commune is written in a form: "Ancenis-Saint-Géréon (44003)"."""
    return f"{commune.name} ({commune.code})" if commune else ""


def plausible_id(value):
    text = str(value)
    return text.isascii() and text.isdigit() and len(text) <= 18


class ThemesField(forms.ModelMultipleChoiceField):
    """Refuses ids no column could hold before asking the database (which would raise)."""

    def _check_values(self, value):
        for pk in value:
            if not plausible_id(pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class ActorForm(forms.ModelForm):
    """An actor's identity; the commune is typed (code or name) rather than picked among
    35,000."""

    siret = forms.CharField(
        label="SIRET",
        required=False,
        max_length=25,  # spaces allowed as people type them, removed by clean_siret
        help_text="14 chiffres, espaces acceptés. Relie l'acteur à son établissement SIRENE.",
    )
    website = forms.URLField(
        label="Site web",
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text="Par exemple https://www.exemple.fr",
    )
    commune_ref = forms.CharField(
        label="Commune",
        required=False,
        max_length=220,
        help_text="Code Insee ou nom, par exemple 44003 ou Ancenis-Saint-Géréon.",
    )
    field_order = ["name", "kind", "siret", "legal_form", "naf_code", "size_band"]
    field_order += ["commune_ref", "address", "website", "themes", "notes"]

    class Meta:
        model = Actor
        fields = ACTOR_FORM_FIELDS
        field_classes = {"themes": ThemesField}
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 4}),
            "themes": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "naf_code": "Par exemple 88.99B.",
        }

    def __init__(self, *args, workspace, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        field = self.fields["themes"]
        field.queryset = Theme.objects.filter(workspace=workspace)
        field.choices = [(theme.pk, theme.name) for theme in themes]
        if self.instance.pk and not self.is_bound:
            self.initial["commune_ref"] = commune_label(self.instance.commune)

    def clean_siret(self):
        siret = clean_siret(self.cleaned_data["siret"])
        if siret:
            validate_siret(siret)
        return siret

    def clean_naf_code(self):
        return clean_naf(self.cleaned_data["naf_code"])

    def clean_commune_ref(self):
        territory = getattr(self.workspace, "main_territory", None)
        return commune_from_text(self.cleaned_data["commune_ref"], territory)

    def service_fields(self):
        """The keyword arguments of actor_create / actor_update."""
        data = self.cleaned_data
        fields = {name: data[name] for name in ACTOR_FORM_FIELDS}
        fields["commune"] = data["commune_ref"]
        return fields


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "role", "email", "phone", "consent", "consent_date"]
        widgets = {"consent_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "consent": "La personne a accepté d'être contactée au titre de la démarche.",
            "consent_date": "Aujourd'hui si vide et que le consentement est coché.",
        }

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE.match(phone):
            raise ValidationError("Numéro de téléphone invalide (chiffres, espaces, + . - ( )).")
        return phone


class ThemeForm(forms.Form):
    name = forms.CharField(label="Nom du thème", max_length=100)


class EstablishmentSearchForm(forms.Form):
    q = forms.CharField(
        label="Nom ou SIRET de l'établissement",
        max_length=200,
        required=False,
        help_text="Par exemple\u00a0: ressourcerie, 44306184100047 ou un SIREN à 9 chiffres.",
    )


class MergeForm(forms.Form):
    """Which of two actors to keep; the choices are the two actors' ids."""

    keep = forms.TypedChoiceField(label="Acteur à garder", coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args, first, second, **kwargs):
        super().__init__(*args, **kwargs)
        self.pair = {first.pk: first, second.pk: second}
        self.fields["keep"].choices = [(a.pk, f"{a.name} (n°{a.pk})") for a in (first, second)]

    def keep_and_remove(self):
        keep = self.pair[self.cleaned_data["keep"]]
        remove = next(actor for pk, actor in self.pair.items() if pk != keep.pk)
        return keep, remove


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label="Fichier des acteurs",
        help_text="CSV (séparateur point-virgule ou virgule, UTF-8) ou classeur XLSX, 5\u00a0Mo "
        "au plus, une ligne d'en-têtes puis un acteur par ligne.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class ImportMappingForm(forms.Form):
    """One select per actor field: which column of the file fills it."""

    def __init__(self, *args, headers, fields, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "— ne pas importer —"), *[(str(i), h) for i, h in enumerate(headers)]]
        for import_field in fields:
            self.fields[import_field.name] = forms.ChoiceField(
                label=import_field.label, choices=choices, required=import_field.required
            )

    def clean(self):
        data = super().clean()
        used = {}
        for name, column in list(data.items()):
            if column and column in used:
                label = self.fields[used[column]].label
                self.add_error(name, f"Cette colonne est déjà associée au champ {label}.")
            used.setdefault(column, name)
        return data

    def mapping(self):
        """{field name: column index} of the mapped fields."""
        return {name: int(column) for name, column in self.cleaned_data.items() if column}
