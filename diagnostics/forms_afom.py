"""Forms of the AFOM matrix: items, evidence, workshops and the workshop's vote grid."""

from django import forms

from diagnostics.enums import Quadrant
from diagnostics.models import AfomItem, Evidence, Workshop
from diagnostics.selectors import diagnostic_excerpts, workspace_themes

QUADRANT_HELP = (
    "Atouts et faiblesses\u00a0: internes au territoire, jugés par rapport aux territoires voisins "
    "ou comparables. Opportunités et menaces\u00a0: externes, venues de l'environnement "
    "supra-territorial."
)
ITEM_FIELDS = ("quadrant", "title", "description", "theme", "priority")
TITLE_WORDS = 12
MAX_POINTS = 100


def item_initial(item):
    return {field: getattr(item, field) for field in ITEM_FIELDS}


def excerpt_title(text, words=TITLE_WORDS):
    """The first words of an excerpt, as the title of the item it becomes."""
    parts = text.split()
    title = " ".join(parts[:words])
    if len(parts) > words or len(title) > 200:
        return title[:200].rstrip(" ,;:.") + "…"
    return title


class ThemeFilterForm(forms.Form):
    """The board's theme filter; an unknown theme is reported and ignored."""

    theme = forms.ModelChoiceField(
        label="Thème", queryset=None, required=False, empty_label="Tous les thèmes"
    )

    def __init__(self, data, *, diagnostic):
        super().__init__({"theme": data.get("theme", "")})
        self.fields["theme"].queryset = workspace_themes(diagnostic.workspace)

    def selected(self):
        return self.cleaned_data["theme"] if self.is_valid() else None


class AfomItemForm(forms.ModelForm):
    """An item of the matrix. Built from `initial`, never bound to the item itself, so that
    the service can compare the values before and after."""

    class Meta:
        model = AfomItem
        fields = ITEM_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, diagnostic, with_quadrant=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = workspace_themes(diagnostic.workspace)
        self.fields["theme"].empty_label = "Sans thème"
        if not with_quadrant:
            del self.fields["quadrant"]

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError("Donnez un intitulé à l'élément.")
        return title


class ExcerptToAfomForm(AfomItemForm):
    """The item an excerpt becomes: the quadrant as four radio buttons, with the reading."""

    class Meta(AfomItemForm.Meta):
        widgets = {**AfomItemForm.Meta.widgets, "quadrant": forms.RadioSelect}
        help_texts = {"quadrant": QUADRANT_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quadrant"].choices = Quadrant.choices


class ReferenceEvidenceForm(forms.ModelForm):
    """A document or a web page supporting the item."""

    url = forms.URLField(label="Adresse web", required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = Evidence
        # `url` is declared above (assume_scheme); listing it here would build the
        # model's default field too, with Django's deprecation warning.
        fields = ("title", "citation")
        widgets = {"citation": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"citation": "Le passage cité, ou la référence complète du document."}

    def clean(self):
        cleaned = super().clean()
        if not any((cleaned.get(f) or "").strip() for f in ("title", "citation", "url")):
            raise forms.ValidationError(
                "Donnez au moins un titre, une citation ou une adresse web."
            )
        return cleaned


class ExcerptChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        text = obj.text if len(obj.text) <= 90 else obj.text[:90] + "…"
        return f"{obj.interview.date:%d/%m/%Y} — «\u00a0{text}\u00a0»"


class ExcerptEvidenceForm(forms.Form):
    """An excerpt of the diagnostic's interviews, not yet cited by the item."""

    excerpt = ExcerptChoice(
        label="Extrait d'entretien", queryset=None, empty_label="Choisissez un extrait"
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        cited = item.evidence.filter(excerpt__isnull=False).values("excerpt")
        self.fields["excerpt"].queryset = diagnostic_excerpts(item.diagnostic).exclude(pk__in=cited)


class WorkshopForm(forms.ModelForm):
    class Meta:
        model = Workshop
        fields = ("title", "date", "points_per_participant")
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "points_per_participant": "Chaque participant répartit ces points entre les éléments."
        }

    def clean_points_per_participant(self):
        points = self.cleaned_data["points_per_participant"]
        if not 1 <= points <= MAX_POINTS:
            raise forms.ValidationError(f"Entre 1 et {MAX_POINTS} points par participant.")
        return points


class VoteGridForm(forms.Form):
    """The workshop's grid: one column per participant (a name, then points per item), and a
    few empty columns for new participants. A column whose name is emptied is dropped."""

    extra_columns = 3

    def __init__(self, *args, workshop, items, grid, **kwargs):
        self.limit = workshop.points_per_participant
        self.items = list(items)
        participants = sorted(grid, key=str.casefold)
        self.columns = range(len(participants) + self.extra_columns)
        initial = {}
        for column, name in enumerate(participants):
            initial[f"nom_{column}"] = name
            for item_id, points in grid[name].items():
                initial[f"points_{column}_{item_id}"] = points
        super().__init__(*args, initial=initial, **kwargs)
        for column in self.columns:
            self._add_column(column)

    def _add_column(self, column):
        self.fields[f"nom_{column}"] = forms.CharField(
            label=f"Nom du participant {column + 1}", max_length=200, required=False
        )
        for item in self.items:
            self.fields[f"points_{column}_{item.pk}"] = forms.IntegerField(
                label=f"Points du participant {column + 1} pour «\u00a0{item.title}\u00a0»",
                min_value=0,
                max_value=self.limit,
                required=False,
                widget=forms.NumberInput(
                    attrs={"min": 0, "max": self.limit, "class": "form-control form-control-sm"}
                ),
            )

    def name_fields(self):
        return [self[f"nom_{column}"] for column in self.columns]

    def rows(self):
        """[(item, [points field of each column])] for the template."""
        return [
            (item, [self[f"points_{column}_{item.pk}"] for column in self.columns])
            for item in self.items
        ]

    def clean(self):
        cleaned = super().clean()
        self.votes, seen = {}, set()
        for column in self.columns:
            name = " ".join((cleaned.get(f"nom_{column}") or "").split())
            points = {
                item.pk: cleaned.get(f"points_{column}_{item.pk}") or 0 for item in self.items
            }
            error = self._column_error(column, name, sum(points.values()), seen)
            if error:
                self.add_error(f"nom_{column}", error)
            elif name:
                seen.add(name.casefold())
                self.votes[name] = {pk: value for pk, value in points.items() if value}
        return cleaned

    def _column_error(self, column, name, total, seen):
        if not name:
            return (
                f"Colonne {column + 1}\u00a0: indiquez le nom du participant, "
                "ou effacez ses points."
                if total
                else None
            )
        if name.casefold() in seen:
            return (
                f"«\u00a0{name}\u00a0» figure deux fois\u00a0: "
                "regroupez ses points dans une seule colonne."
            )
        if total > self.limit:
            return (
                f"{name} a attribué {total} points\u00a0: {self.limit} au maximum par participant."
            )
        return None
