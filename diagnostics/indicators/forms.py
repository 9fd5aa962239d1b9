"""The upload form of the regional data import, and the staging of the file between the
preview and the confirmation (MEDIA_ROOT/tmp/indicator-imports, random names, a day at most)."""

import secrets
import time
from pathlib import Path

from django import forms
from django.conf import settings

from diagnostics.indicators.reading import EXTENSIONS
from essterritoire.reports.formats import number

MAX_BYTES = 20 * 1024 * 1024
STAGING_DIR = "tmp/indicator-imports"
LIFETIME = 24 * 3600


class IndicatorUploadForm(forms.Form):
    fichier = forms.FileField(
        label="Fichier",
        help_text=(
            "CSV (UTF-8 ou Windows-1252, séparateur « ; » ou « , ») ou XLSX, "
            f"{number(MAX_BYTES // (1024 * 1024))}\u00a0Mo au plus."
        ),
    )
    source = forms.CharField(
        label="Source",
        required=False,
        max_length=120,
        help_text=(
            "Pour les lignes sans colonne source, par exemple «\u00a0CRESS Pays de la Loire, "
            "observatoire\u00a0». Au format Urssaf, «\u00a0Urssaf\u00a0» par défaut."
        ),
    )

    def clean_fichier(self):
        upload = self.cleaned_data["fichier"]
        if Path(upload.name).suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError("Déposez un fichier .csv ou .xlsx.")
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"Le fichier dépasse {number(MAX_BYTES // (1024 * 1024))}\u00a0Mo."
            )
        return upload


def _folder():
    folder = Path(settings.MEDIA_ROOT) / STAGING_DIR
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def stage(data, name):
    """Keep the bytes under a random token until the confirmation; returns the token."""
    horizon = time.time() - LIFETIME
    for old in _folder().iterdir():
        if old.stat().st_mtime < horizon:
            old.unlink(missing_ok=True)
    token = secrets.token_hex(16) + Path(name).suffix.lower()
    (_folder() / token).write_bytes(data)
    return token


def staged(token):
    """The staged bytes of a token, or None (unknown, expired or forged token)."""
    stem, _, suffix = (token or "").partition(".")
    if len(stem) != 32 or not stem.isalnum() or f".{suffix}" not in EXTENSIONS:
        return None
    path = _folder() / token
    return path.read_bytes() if path.exists() else None


def discard(token):
    if staged(token) is not None:
        (_folder() / token).unlink(missing_ok=True)
