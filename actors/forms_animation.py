"""Forms of the territory's animation. Every choice of actor, theme or network is limited to
the object's workspace (through the permission kernel's `scope`): an id from elsewhere is an
invalid choice, never a write."""

from django import forms
from django.core.validators import RegexValidator
from django.db.models import Q
from django.utils import timezone

from actors.enums import HolderNeed, HolderStage, HolderStatus, NetworkScope
from actors.models import Actor, Meeting, Network, Orientation, ProjectHolder, Theme
from actors.services_animation import HOLDER_FIELDS, check_attendance
from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import scope

MULTI_HELP = "Maintenez Ctrl (ou Cmd sur Mac) enfoncé pour en choisir plusieurs."
phone_validator = RegexValidator(
    r"^\+?[0-9 .()-]{6,30}$", "Numéro de téléphone invalide (chiffres, espaces, + . - ( ))."
)


# The largest id a 64-bit primary key holds: bigger ones are refused before any query, since
# SQLite raises OverflowError on them in an IN lookup.
MAX_ID = 2**63 - 1


class ActorsField(forms.ModelMultipleChoiceField):
    """A choice of several actors whose ids are checked to be plausible before the query."""

    def _check_values(self, value):
        for pk in value:
            if not str(pk).isdigit() or int(pk) > MAX_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def workspace_actors(user, workspace):
    """The actors of `workspace` that `user` may attach to something."""
    return scope(Actor.objects.all(), user, Action.CHANGE).filter(workspace=workspace)


def workspace_themes(user, workspace):
    return scope(Theme.objects.all(), user, Action.VIEW).filter(workspace=workspace)


def choices_with_blank(choices, blank):
    return [("", blank), *choices]


class NetworkForm(forms.ModelForm):
    class Meta:
        model = Network
        fields = ["name", "scope", "theme", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "scope": "Territorial\u00a0: les acteurs d'un territoire. Thématique\u00a0: autour "
            "d'un enjeu (habitat, mobilité, déchets, énergie…).",
        }

    def __init__(self, *args, user, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        self.fields["theme"].queryset = workspace_themes(user, workspace)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        taken = Network.objects.filter(workspace=self.workspace, name__iexact=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("Un réseau porte déjà ce nom dans cet espace.")
        return name


class NetworkMembersForm(forms.Form):
    actors = ActorsField(
        label="Acteurs à ajouter", queryset=Actor.objects.none(), help_text=MULTI_HELP
    )

    def __init__(self, *args, user, network, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["actors"]
        field.queryset = workspace_actors(user, network.workspace_id).exclude(networks=network)
        field.widget.attrs["size"] = 8


class MeetingForm(forms.ModelForm):
    invite_network_members = forms.BooleanField(
        label="Inviter aussi tous les membres du réseau choisi", required=False
    )
    field_order = ["title", "date", "start_time", "place", "theme", "network"]
    field_order += ["invite_network_members", "invited", "present", "minutes"]

    class Meta:
        model = Meeting
        fields = ["title", "date", "start_time", "place", "theme", "network", "invited"]
        fields += ["present", "minutes"]
        field_classes = {"invited": ActorsField, "present": ActorsField}
        widgets = {
            "date": date_input(),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "minutes": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "invited": MULTI_HELP,
            "present": "Parmi les invités. " + MULTI_HELP,
            "minutes": "Ce qui a été dit et décidé, les suites prévues.",
        }

    def __init__(self, *args, user, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        actors = workspace_actors(user, workspace)
        self.fields["theme"].queryset = workspace_themes(user, workspace)
        self.fields["network"].queryset = scope(Network, user, Action.VIEW).filter(
            workspace=workspace
        )
        for name in ("invited", "present"):
            self.fields[name].queryset = actors
            self.fields[name].widget.attrs["size"] = 8

    def clean(self):
        cleaned = super().clean()
        invited = list(cleaned.get("invited") or [])
        network = cleaned.get("network")
        if cleaned.get("invite_network_members") and network:
            invited += list(network.members.filter(workspace=network.workspace_id))
        cleaned["invited"] = list({actor.pk: actor for actor in invited}.values())
        try:
            check_attendance(cleaned["invited"], cleaned.get("present") or [])
        except forms.ValidationError as error:
            self.add_error("present", error)
        return cleaned


class AttendanceForm(forms.Form):
    present = ActorsField(
        label="Acteurs présents",
        queryset=Actor.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        invited = workspace_actors(user, meeting.workspace_id).filter(meetings_invited=meeting)
        self.fields["present"].queryset = invited


class ProjectHolderForm(forms.ModelForm):
    class Meta:
        model = ProjectHolder
        fields = list(HOLDER_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "need_details": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "received_on": date_input(),
            "consent_date": date_input(),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
        }
        help_texts = {
            "consent_date": "Laissée vide, elle prend la date du jour si la case est cochée.",
            "notes": "Données personnelles\u00a0: visibles des seuls éditeurs et administrateurs.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].validators.append(phone_validator)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("consent"):
            cleaned["consent_date"] = None
        elif not cleaned.get("consent_date"):
            cleaned["consent_date"] = timezone.localdate()
        return cleaned


class HolderStatusForm(forms.Form):
    status = forms.ChoiceField(label="Suivi", choices=HolderStatus.choices)


class OrientationForm(forms.ModelForm):
    class Meta:
        model = Orientation
        fields = ["actor", "date", "purpose", "outcome_status", "outcome"]
        widgets = {"date": date_input(), "outcome": forms.Textarea(attrs={"rows": 3})}
        labels = {"actor": "Acteur vers qui orienter"}

    def __init__(self, *args, user, workspace, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("date", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = workspace_actors(user, workspace)
        self.fields["actor"].required = True


# Filters of the list pages: invalid values are reported on the field and ignored.


class FilterForm(forms.Form):
    q = forms.CharField(label="Recherche", required=False, max_length=100)

    def apply(self, queryset):
        self.is_valid()
        for name, value in self.cleaned_data.items():
            if value not in (None, ""):
                queryset = getattr(self, f"filter_{name}")(queryset, value)
        return queryset

    @property
    def is_filtered(self):
        return any(v not in (None, "") for v in getattr(self, "cleaned_data", {}).values())


class NetworkFilterForm(FilterForm):
    scope = forms.ChoiceField(
        label="Portée",
        required=False,
        choices=choices_with_blank(NetworkScope.choices, "Toutes"),
    )
    theme = forms.ModelChoiceField(
        label="Thème", required=False, queryset=Theme.objects.none(), empty_label="Tous"
    )

    def __init__(self, *args, user, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = workspace_themes(user, workspace)

    def filter_q(self, queryset, value):
        return queryset.filter(Q(name__icontains=value) | Q(description__icontains=value))

    def filter_scope(self, queryset, value):
        return queryset.filter(scope=value)

    def filter_theme(self, queryset, value):
        return queryset.filter(theme=value)


class MeetingFilterForm(FilterForm):
    PERIODS = [("", "Toutes"), ("a_venir", "À venir"), ("passees", "Passées")]

    network = forms.ModelChoiceField(
        label="Réseau", required=False, queryset=Network.objects.none(), empty_label="Tous"
    )
    theme = forms.ModelChoiceField(
        label="Thème", required=False, queryset=Theme.objects.none(), empty_label="Tous"
    )
    period = forms.ChoiceField(label="Période", required=False, choices=PERIODS)
    start = forms.DateField(label="Du", required=False, widget=date_input())
    end = forms.DateField(label="Au", required=False, widget=date_input())

    def __init__(self, *args, user, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = workspace_themes(user, workspace)
        self.fields["network"].queryset = scope(Network, user).filter(workspace=workspace)

    def filter_q(self, queryset, value):
        match = Q(title__icontains=value) | Q(place__icontains=value)
        return queryset.filter(match | Q(minutes__icontains=value))

    def filter_network(self, queryset, value):
        return queryset.filter(network=value)

    def filter_theme(self, queryset, value):
        return queryset.filter(theme=value)

    def filter_period(self, queryset, value):
        today = timezone.localdate()
        if value == "a_venir":
            return queryset.filter(date__gte=today)
        return queryset.filter(date__lt=today)

    def filter_start(self, queryset, value):
        return queryset.filter(date__gte=value)

    def filter_end(self, queryset, value):
        return queryset.filter(date__lte=value)


class HolderFilterForm(FilterForm):
    stage = forms.ChoiceField(
        label="Stade", required=False, choices=choices_with_blank(HolderStage.choices, "Tous")
    )
    status = forms.ChoiceField(
        label="Suivi", required=False, choices=choices_with_blank(HolderStatus.choices, "Tous")
    )
    need = forms.ChoiceField(
        label="Besoin", required=False, choices=choices_with_blank(HolderNeed.choices, "Tous")
    )

    def __init__(self, *args, personal, **kwargs):
        super().__init__(*args, **kwargs)
        self.personal = personal
        if personal:
            self.fields["q"].help_text = "Projet, description ou nom de la personne"

    def filter_q(self, queryset, value):
        match = Q(project_name__icontains=value) | Q(description__icontains=value)
        # Searching a name would let a reader guess who is behind a project.
        if self.personal:
            match |= Q(person_name__icontains=value)
        return queryset.filter(match)

    def filter_stage(self, queryset, value):
        return queryset.filter(stage=value)

    def filter_status(self, queryset, value):
        return queryset.filter(status=value)

    def filter_need(self, queryset, value):
        return queryset.filter(need=value)
