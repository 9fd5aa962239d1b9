from django import forms

MAX_DOCUMENT_SIZE = 10 * 1024 * 1024


class ImportDocumentForm(forms.Form):
    file = forms.FileField(
        label="Document JSON d'un diagnostic",
        help_text="Fichier .json exporté depuis essterritoire (10 Mo au plus).",
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".json"):
            raise forms.ValidationError("Le fichier doit être un document .json.")
        if upload.size > MAX_DOCUMENT_SIZE:
            raise forms.ValidationError("Le fichier dépasse 10 Mo.")
        return upload
