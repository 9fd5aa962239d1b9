"""Forms of the PTCE pages. Every choice of actor, diagnostic or member is limited to the pole's
workspace (through the permission kernel's `scope`): an id from elsewhere is an invalid choice,
never a write. Amounts are typed the French way ("152 000,50"); dates as 23/11/2026."""

from django import forms
from django.utils import timezone

from actors.models import Actor
from diagnostics.forms import DateField, TerritoryField, find_territory, french_spacing
from diagnostics.models import Diagnostic
from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import scope
from essterritoire.forms import FrenchDecimalField
from essterritoire.territories.forms import REFS_HELP
from essterritoire.territories.models import Territory
from essterritoire.territories.refs import resolve_communes
from ptce.enums import LegalForm, MemberType, PtceStage, Sector
from ptce.models import AnimationYear, CooperationProject, FundingLine, Member, Mutualisation, Ptce

NBSP = "\u00a0"
MONEY_ATTRS = {"inputmode": "decimal", "autocomplete": "off"}


def workspace_actors(user, workspace_id):
    """The actors of the workspace that `user` may attach to a pole."""
    return scope(Actor, user, Action.CHANGE).filter(workspace_id=workspace_id)


def money_widgets(*names):
    return {name: forms.TextInput(attrs=MONEY_ATTRS) for name in names}


class PtceFilterForm(forms.Form):
    q = forms.CharField(label="Rechercher", required=False, max_length=100)
    stade = forms.ChoiceField(
        label="Stade", required=False, choices=[("", "Tous les stades"), *PtceStage.choices]
    )

    @property
    def is_filtered(self):
        return self.is_valid() and any(self.cleaned_data.values())

    def apply(self, queryset):
        if not self.is_valid():
            return queryset
        queryset = queryset.search(self.cleaned_data["q"])
        if self.cleaned_data["stade"]:
            queryset = queryset.filter(stage=self.cleaned_data["stade"])
        return queryset


class PtceForm(forms.ModelForm):
    """The pole's identity and governance. The perimeter is a territory typed as a reference
    or a name; the communes, a list of references each expanded to its communes."""

    perimeter_ref = TerritoryField(label="Périmètre", required=False)
    communes_refs = forms.CharField(
        label="Communes",
        required=False,
        help_text="Facultatif. " + REFS_HELP,
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
    )
    sectors = forms.MultipleChoiceField(
        label="Filières",
        required=False,
        choices=Sector.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    field_order = ["name", "stage", "legal_form", "created_on", "perimeter_ref", "communes_refs"]

    class Meta:
        model = Ptce
        fields = ["name", "stage", "legal_form", "created_on", "description", "governance"]
        fields += ["pilot", "sectors", "other_sectors", "diagnostics"]
        field_classes = {"created_on": DateField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "governance": forms.Textarea(attrs={"rows": 3}),
            "diagnostics": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "governance": "Instances et fonctionnement : assemblée générale, conseil "
            "d'administration, comité de pilotage, collèges…".replace(" :", f"{NBSP}:"),
            "other_sectors": "Filières hors de la liste, séparées par des virgules.",
        }

    def __init__(self, *args, user, workspace_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace_id = workspace_id
        self.commune_ids = set()
        self.fields["pilot"].queryset = workspace_actors(user, workspace_id)
        self.fields["pilot"].empty_label = "Aucune pour l'instant"
        self.fields["legal_form"].choices = [("", "Non renseignée"), *LegalForm.choices]
        diagnostics = scope(Diagnostic, user).filter(workspace_id=workspace_id)
        if diagnostics.exists():
            self.fields["diagnostics"].queryset = diagnostics.order_by("-start_date", "title")
        else:  # an empty list of boxes would only confuse
            del self.fields["diagnostics"]
        if self.instance.pk:
            self.initial.update(self.initial_refs(self.instance))

    @staticmethod
    def initial_refs(ptce):
        codes = ptce.communes.order_by("code").values_list("code", flat=True)
        return {
            "perimeter_ref": ptce.perimeter.ref if ptce.perimeter_id else "",
            "communes_refs": ", ".join(f"com:{code}" for code in codes),
        }

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        taken = Ptce.objects.filter(workspace_id=self.workspace_id, name__iexact=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("Un PTCE porte déjà ce nom dans cet espace.")
        return name

    def clean_perimeter_ref(self):
        text = self.cleaned_data["perimeter_ref"].strip()
        return find_territory(text, [self.workspace_id]) if text else None

    def clean_communes_refs(self):
        commune_ids, errors = resolve_communes(
            self.cleaned_data["communes_refs"], [self.workspace_id]
        )
        if errors:
            raise forms.ValidationError([french_spacing(error) for error in errors])
        self.commune_ids = commune_ids
        return self.cleaned_data["communes_refs"]

    def service_fields(self):
        """The keyword arguments of ptce_create / ptce_update."""
        data = self.cleaned_data
        fields = {name: data[name] for name in self.Meta.fields if name != "diagnostics"}
        return {
            **fields,
            "perimeter": data["perimeter_ref"],
            "communes": list(Territory.objects.filter(pk__in=self.commune_ids)),
            "diagnostics": list(data.get("diagnostics", [])),
        }


class MemberAddForm(forms.Form):
    """An actor of the registry joins the pole; its type defaults to the one its kind
    suggests (an association is a structure de l'ESS, a company an entreprise hors ESS)."""

    actor = forms.ModelChoiceField(label="Acteur du registre", queryset=Actor.objects.none())
    member_type = forms.ChoiceField(
        label="Type (article 9)",
        required=False,
        choices=[("", "Selon le type de l'acteur"), *MemberType.choices],
    )
    role = forms.CharField(label="Rôle dans le pôle", required=False, max_length=200)
    joined_on = DateField(label="Entré le", required=False)

    def __init__(self, *args, user, ptce, **kwargs):
        super().__init__(*args, **kwargs)
        actors = workspace_actors(user, ptce.workspace_id).exclude(ptce_memberships__ptce=ptce)
        self.fields["actor"].queryset = actors.order_by("normalized_name")
        self.fields["actor"].empty_label = "Choisir un acteur…"
        self.fields["role"].widget.attrs["placeholder"] = "Membre fondateur, chef de file…"


class MemberForm(forms.ModelForm):
    class Meta:
        model = Member
        fields = ["member_type", "role", "joined_on", "left_on", "employees", "budget"]
        localized_fields = ["budget"]
        field_classes = {
            "joined_on": DateField,
            "left_on": DateField,
            "budget": FrenchDecimalField,
        }
        widgets = money_widgets("budget")
        help_texts = {
            "left_on": "Un membre sorti reste dans l'historique mais ne compte plus.",
            "employees": "À défaut, l'effectif est estimé d'après la tranche SIRENE de l'acteur.",
        }


class PartForm(forms.ModelForm):
    """A part of a pole; `members` (when the model has some) among the pole's members."""

    def __init__(self, *args, user, ptce, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.ptce = ptce
        if "year" in self.fields and not self.instance.pk:
            self.initial.setdefault("year", timezone.localdate().year)
        if "members" not in self.fields:
            return
        members = Member.objects.filter(ptce=ptce).select_related("actor")
        if members.exists():
            self.fields["members"].queryset = members
            self.fields["members"].label_from_instance = lambda member: member.actor.name
        else:  # a pole without members yet: no empty list of boxes
            del self.fields["members"]


class AnimationYearForm(PartForm):
    class Meta:
        model = AnimationYear
        fields = ["year", "budget", "fte", "self_financed"]
        localized_fields = ["budget", "fte", "self_financed"]
        field_classes = {
            "budget": FrenchDecimalField,
            "fte": FrenchDecimalField,
            "self_financed": FrenchDecimalField,
        }
        widgets = money_widgets("budget", "fte", "self_financed")
        help_texts = {
            "self_financed": "La part du budget couverte par les ressources propres du pôle "
            "(cotisations, prestations).",
        }

    def clean_year(self):
        year = self.cleaned_data["year"]
        taken = AnimationYear.objects.filter(ptce=self.instance.ptce, year=year)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("Cette année est déjà renseignée pour ce pôle.")
        return year


class FundingLineForm(PartForm):
    class Meta:
        model = FundingLine
        fields = ["year", "funder_actor", "funder", "amount", "nature", "origin"]
        fields += ["is_collectivite", "purpose"]
        localized_fields = ["amount"]
        field_classes = {"amount": FrenchDecimalField}
        widgets = money_widgets("amount")
        help_texts = {
            "funder_actor": "Un acteur du registre, ou bien saisissez le nom ci-dessous.",
            "is_collectivite": "Coché d'office quand le financeur du registre est une "
            "collectivité.",
        }

    def __init__(self, *args, user, ptce, **kwargs):
        super().__init__(*args, user=user, ptce=ptce, **kwargs)
        self.fields["funder_actor"].queryset = workspace_actors(user, ptce.workspace_id)
        self.fields["funder_actor"].empty_label = "Aucun (nom saisi ci-dessous)"


class MutualisationForm(PartForm):
    class Meta:
        model = Mutualisation
        fields = ["kind", "description", "members"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "members": forms.CheckboxSelectMultiple,
        }


class CooperationProjectForm(PartForm):
    class Meta:
        model = CooperationProject
        fields = ["title", "description", "status", "start_on", "end_on", "members"]
        field_classes = {"start_on": DateField, "end_on": DateField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "members": forms.CheckboxSelectMultiple,
        }
