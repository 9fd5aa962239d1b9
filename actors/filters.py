"""The filters, search and sort of the actor list, shared by the page and its exports."""

from django import forms
from django.db.models import Case, F, Value, When
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

from actors.enums import ESS_ACTOR_KINDS, ActorKind, SizeBand
from actors.models import Actor, Network, Theme
from essterritoire.territories.models import Territory
from essterritoire.territories.text import normalize

ESS = "ess"
PARTNERS = "partenaires"
KIND_CHOICES = [
    ("", "Tous les types"),
    (ESS, "Toutes les familles de l'ESS"),
    (PARTNERS, "Tous les partenaires (hors ESS)"),
    *ActorKind.choices,
]
# Kinds ranked by their French label, so that "sort by type" reads alphabetically.
KIND_RANK = Case(
    *[
        When(kind=value, then=Value(rank))
        for rank, (value, _label) in enumerate(
            sorted(ActorKind.choices, key=lambda choice: normalize(choice[1]))
        )
    ],
    default=Value(99),
)
SORTS = {
    "nom": ("Nom (A → Z)", ["normalized_name", "pk"]),
    "-nom": ("Nom (Z → A)", ["-normalized_name", "-pk"]),
    "type": ("Type", [KIND_RANK, "normalized_name", "pk"]),
    "commune": ("Commune", [F("commune__name").asc(nulls_last=True), "normalized_name", "pk"]),
    "-modifie": ("Modifiés récemment", ["-updated_at", "-pk"]),
    "modifie": ("Modifiés il y a longtemps", ["updated_at", "pk"]),
}
PAGE_SIZE_CHOICES = [("25", "25"), ("50", "50"), ("100", "100")]


class FastSelect(forms.Select):
    """A select built in Python. Django renders every option through a template of its own:
    with the few hundred communes of a territory, that was most of the list page's time."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((v, " selected" if str(v) in selected else "", label) for v, label in self.choices),
        )
        final_attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>{}</select>', name, final_attrs, options)


def _sorted_choices(pairs, blank):
    """[("", blank), (pk, name)...] sorted by name, accents aside."""
    return [("", blank), *sorted(pairs, key=lambda pair: normalize(pair[1]))]


class ActorFilterForm(forms.Form):
    """Search, filters and sort of the actor list; a bad value is ignored, never an error
    page."""

    q = forms.CharField(label="Rechercher", required=False, max_length=200)
    type = forms.ChoiceField(label="Type", choices=KIND_CHOICES, required=False)
    theme = forms.ModelChoiceField(label="Thème", queryset=Theme.objects.none(), required=False)
    commune = forms.ModelChoiceField(
        label="Commune", queryset=Territory.objects.none(), required=False
    )
    effectif = forms.ChoiceField(
        label="Effectif", choices=[("", "Tous les effectifs"), *SizeBand.choices], required=False
    )
    reseau = forms.ModelChoiceField(label="Réseau", queryset=Network.objects.none(), required=False)
    tri = forms.ChoiceField(
        label="Trier par", choices=[(k, v[0]) for k, v in SORTS.items()], required=False
    )
    par_page = forms.ChoiceField(label="Par page", choices=PAGE_SIZE_CHOICES, required=False)

    def __init__(self, data, *, workspace, themes):
        super().__init__(_plausible_ids(data))
        self._choices(workspace, themes)
        for name in ("type", "theme", "commune", "effectif", "reseau", "tri", "par_page"):
            field = self.fields[name]
            field.widget = FastSelect(choices=field.choices, attrs={"class": "form-select"})
        self.fields["q"].widget = forms.TextInput(
            attrs={
                "type": "search",
                "class": "form-control",
                "placeholder": "Nom ou SIRET",
                "autocomplete": "off",
            }
        )

    def _choices(self, workspace, themes):
        theme, commune, network = (self.fields[f] for f in ("theme", "commune", "reseau"))
        theme.queryset = Theme.objects.filter(workspace=workspace)
        theme.choices = _sorted_choices(((t.pk, t.name) for t in themes), "Tous les thèmes")
        used = Actor.objects.filter(workspace=workspace).values("commune_id")
        commune.queryset = Territory.objects.filter(pk__in=used)
        names = commune.queryset.values_list("pk", "name")
        commune.choices = _sorted_choices(names, "Toutes les communes")
        network.queryset = Network.objects.filter(workspace=workspace)
        names = network.queryset.values_list("pk", "name")
        network.choices = _sorted_choices(names, "Tous les réseaux")

    def value(self, name):
        """The cleaned value of a field, or its default when it is missing or invalid."""
        self.is_valid()
        return self.cleaned_data.get(name) or None

    @property
    def is_filtered(self):
        names = ("q", "type", "theme", "commune", "effectif", "reseau")
        return any(self.value(name) for name in names)

    def apply(self, queryset):
        """`queryset` searched, filtered and sorted as the form says."""
        queryset = queryset.search(self.value("q") or "")
        queryset = _by_kind(queryset, self.value("type"))
        for field, lookup in (("theme", "themes"), ("reseau", "networks")):
            if self.value(field):
                queryset = queryset.filter(**{lookup: self.value(field)})
        if self.value("commune"):
            queryset = queryset.filter(commune=self.value("commune"))
        if self.value("effectif"):
            queryset = queryset.filter(size_band=self.value("effectif"))
        return queryset.order_by(*SORTS[self.value("tri") or "nom"][1])


def _plausible_ids(data):
    """The query without id filters that no database column could hold (a 30-digit "id" makes
    the database raise instead of finding nothing)."""
    data = data.copy()
    for name in ("theme", "commune", "reseau"):
        value = data.get(name, "")
        if value and not (value.isascii() and value.isdigit() and len(value) <= 18):
            del data[name]
    return data


def _by_kind(queryset, kind):
    if kind == ESS:
        return queryset.filter(kind__in=ESS_ACTOR_KINDS)
    if kind == PARTNERS:
        return queryset.exclude(kind__in=ESS_ACTOR_KINDS)
    return queryset.filter(kind=kind) if kind else queryset
