from django import forms

from essterritoire.territories.refs import resolve_communes

REFS_HELP = (
    "Un territoire par ligne, ou plusieurs séparés par des virgules : epci:244400552, "
    "com:44003, 49160, dep:44… Chaque territoire est remplacé par ses communes."
)


class GroupingForm(forms.Form):
    """A grouping's name, description and the territories whose communes it gathers."""

    name = forms.CharField(label="Nom", max_length=200)
    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    refs = forms.CharField(
        label="Territoires",
        help_text=REFS_HELP,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
    )

    def __init__(self, *args, workspace_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace_ids = workspace_ids
        self.commune_ids = set()

    @classmethod
    def initial_for(cls, grouping):
        refs = grouping.members.order_by("code").values_list("code", flat=True)
        return {
            "name": grouping.name,
            "description": grouping.description,
            "refs": "\n".join(f"com:{code}" for code in refs),
        }

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Donnez un nom au regroupement.")
        return name

    def clean_refs(self):
        commune_ids, errors = resolve_communes(self.cleaned_data["refs"], self.workspace_ids)
        if errors:
            raise forms.ValidationError(errors)
        if not commune_ids:
            raise forms.ValidationError("Indiquez au moins un territoire.")
        self.commune_ids = commune_ids
        return self.cleaned_data["refs"]
