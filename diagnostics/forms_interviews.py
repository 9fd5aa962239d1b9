"""Forms of interviews, excerpts and the interview guide. Every choice (actors, interviewers,
themes) is limited to the diagnostic's workspace, so an id from elsewhere is refused."""

from django import forms
from django.contrib.auth import get_user_model

from actors.models import Actor
from diagnostics.enums import InterviewFormat
from diagnostics.models import Excerpt, GuideQuestion, Interview
from diagnostics.selectors import workspace_themes
from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import scope

NOTE_FIELDS = ("vision", "needs", "obstacles", "levers", "cooperations")
RELATIONS = ("actors", "interviewers", "themes")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActorChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class PersonChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.email


def workspace_members(workspace):
    return (
        get_user_model()
        .objects.filter(memberships__workspace=workspace, is_active=True)
        .order_by("last_name", "first_name", "email")
    )


class InterviewForm(forms.ModelForm):
    """An interview: who, when, how, the structured notes and the themes."""

    actors = ActorChoices(
        label="Acteurs rencontrés",
        queryset=Actor.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Les acteurs du répertoire de l'espace de travail.",
        error_messages={"required": "Choisissez au moins un acteur rencontré."},
    )
    interviewers = PersonChoices(
        label="Enquêteurs (membres de l'espace)",
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Interview
        fields = (
            "date",
            "format",
            "mode",
            "actors",
            "interviewers",
            "other_interviewers",
            *NOTE_FIELDS,
            "themes",
        )
        widgets = {
            "date": DATE_WIDGET,
            "themes": forms.CheckboxSelectMultiple,
            **{field: forms.Textarea(attrs={"rows": 4}) for field in NOTE_FIELDS},
        }
        help_texts = {
            "other_interviewers": "Personnes hors de l'espace, séparées par des virgules.",
            "vision": "Sa vision du territoire et de l'ESS, comparée aux territoires voisins.",
        }

    def __init__(self, *args, diagnostic, user, **kwargs):
        super().__init__(*args, **kwargs)
        workspace = diagnostic.workspace
        actors = scope(Actor, user, Action.CHANGE).filter(workspace=workspace)
        self.fields["actors"].queryset = actors.order_by("normalized_name")
        self.fields["interviewers"].queryset = workspace_members(workspace)
        self.fields["themes"].queryset = workspace_themes(workspace)

    def split(self):
        """(plain field values, actors, interviewers, themes) for the services."""
        data = {k: v for k, v in self.cleaned_data.items() if k not in RELATIONS}
        return data, *(self.cleaned_data.get(k) or [] for k in RELATIONS)


class InterviewFilterForm(forms.Form):
    """The list's filters; a value that does not fit is reported and ignored."""

    theme = forms.ModelChoiceField(
        label="Thème", queryset=None, required=False, empty_label="Tous les thèmes"
    )
    actor = forms.ModelChoiceField(
        label="Acteur", queryset=None, required=False, empty_label="Tous les acteurs"
    )
    format = forms.ChoiceField(
        label="Format",
        choices=[("", "Tous les formats"), *InterviewFormat.choices],
        required=False,
    )

    def __init__(self, *args, diagnostic, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = workspace_themes(diagnostic.workspace)
        actors = Actor.objects.filter(interviews__diagnostic=diagnostic).distinct()
        self.fields["actor"].queryset = actors.order_by("normalized_name")

    def filters(self):
        """The valid filters as keyword arguments of selectors.interview_list."""
        if not self.is_valid():
            return {}
        return {key: value or None for key, value in self.cleaned_data.items()}


class ExcerptForm(forms.ModelForm):
    class Meta:
        model = Excerpt
        fields = ("text", "theme")
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"text": "Les mots de l'acteur, tels qu'il les a dits."}

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = workspace_themes(workspace)
        self.fields["theme"].empty_label = "Sans thème"

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError("L'extrait est vide.")
        return text


class GuideQuestionForm(forms.ModelForm):
    class Meta:
        model = GuideQuestion
        fields = ("section", "text")
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"section": "Par exemple\u00a0: Vision du territoire, Besoins, Freins…"}

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError("La question est vide.")
        return text
