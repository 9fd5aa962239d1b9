"""Forms of the SIRENE pages: establishment search, classification rules, file upload."""

import re
import zipfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from actors.enums import Family, RuleKind
from actors.models import ClassificationRule
from actors.sirene.text import typo
from essterritoire.territories.refs import TerritoryRefError, resolve, split_refs

YES_NO = [("", "Tous"), ("oui", "Oui"), ("non", "Non")]
STATES = [("", "Tous"), ("actif", "Actifs"), ("ferme", "Fermés")]
VALUE_PATTERNS = {
    RuleKind.NAF_EXCLUSION: (
        re.compile(r"\d{2}(\.\d{1,2}[A-Z]?)?"),
        "un début de code NAF : division (84), groupe (94.1), classe (94.11) ou sous-classe "
        "(94.11Z)",
    ),
    RuleKind.LEGAL_CATEGORY: (re.compile(r"\d{4}"), "une catégorie juridique à 4 chiffres (9220)"),
    RuleKind.ESS_FLAG: (re.compile(r"[ON]"), "O ou N"),
}
DEFAULT_UPLOAD_MAX = 200 * 1024 * 1024


def upload_max_size():
    """Largest accepted upload, in bytes (setting SIRENE_UPLOAD_MAX_SIZE, default 200 Mo)."""
    return getattr(settings, "SIRENE_UPLOAD_MAX_SIZE", DEFAULT_UPLOAD_MAX)


class EstablishmentFilterForm(forms.Form):
    q = forms.CharField(label="Nom ou SIRET", required=False, max_length=200)
    territoire = forms.CharField(
        label="Territoire",
        required=False,
        max_length=80,
        help_text="TYPE:CODE, par exemple epci:244400552, com:44003, dep:44",
    )
    famille = forms.ChoiceField(
        label="Famille", required=False, choices=[("", "Toutes"), *Family.choices]
    )
    employeur = forms.ChoiceField(label="Employeur", required=False, choices=YES_NO)
    etat = forms.ChoiceField(label="État", required=False, choices=STATES)

    def __init__(self, *args, workspace_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace_ids = workspace_ids

    def clean_territoire(self):
        text = self.cleaned_data["territoire"].strip()
        if not text:
            return None
        try:
            return resolve(text, self.workspace_ids)
        except TerritoryRefError as error:
            raise forms.ValidationError(typo(str(error))) from None


class ClassificationRuleForm(forms.ModelForm):
    family = forms.ChoiceField(
        label="Famille attribuée",
        choices=[c for c in Family.choices if c[0] != Family.UNCLASSIFIED],
    )

    class Meta:
        model = ClassificationRule
        fields = ["kind", "value", "family", "note"]
        help_texts = {
            "value": "Code NAF (début), catégorie juridique (4 chiffres) ou indicateur ESS (O).",
        }

    def clean_value(self):
        return self.cleaned_data["value"].strip().upper()

    def clean(self):
        cleaned = super().clean()
        kind, value = cleaned.get("kind"), cleaned.get("value")
        if kind in VALUE_PATTERNS and value:
            pattern, expected = VALUE_PATTERNS[kind]
            if not pattern.fullmatch(value):
                self.add_error("value", typo(f"Valeur invalide : {expected} attendu."))
        return cleaned


class SireneUploadForm(forms.Form):
    etablissements = forms.FileField(
        label="Fichier StockEtablissement", help_text="CSV (UTF-8) ou ZIP contenant un CSV"
    )
    unites_legales = forms.FileField(
        label="Fichier StockUniteLegale",
        required=False,
        help_text="Facultatif : sans lui, les unités légales déjà importées servent.",
    )
    territoires = forms.CharField(
        label="Territoires à garder",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Vide : toute la France. Sinon TYPE:CODE séparés par des virgules, "
        "par exemple epci:244400552, reg:52",
    )
    simulation = forms.BooleanField(
        label="Simulation (tout est vérifié et compté, rien n'est écrit)", required=False
    )

    def __init__(self, *args, workspace_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace_ids = workspace_ids

    def clean_etablissements(self):
        return check_upload(self.cleaned_data["etablissements"])

    def clean_unites_legales(self):
        upload = self.cleaned_data["unites_legales"]
        return check_upload(upload) if upload else None

    def clean_territoires(self):
        territories, errors = [], []
        for number, ref in split_refs(self.cleaned_data["territoires"]):
            try:
                territories.append(resolve(ref, self.workspace_ids))
            except TerritoryRefError as error:
                errors.append(typo(f"Ligne {number} (« {ref} ») : {error}"))
        if errors:
            raise forms.ValidationError(errors)
        return territories


def check_upload(upload):
    """The upload when its size and type are acceptable, else a ValidationError."""
    limit = upload_max_size()
    if upload.size > limit:
        raise forms.ValidationError(
            typo(f"Fichier trop volumineux : {filesizeformat(limit)} au plus.")
        )
    suffix = Path(upload.name).suffix.lower()
    if suffix not in (".csv", ".zip"):
        raise forms.ValidationError(typo("Format non pris en charge : fichier .csv ou .zip."))
    if suffix == ".zip" and not zipfile.is_zipfile(upload):
        raise forms.ValidationError(typo("Ce fichier .zip n'est pas une archive lisible."))
    upload.seek(0)
    return upload
