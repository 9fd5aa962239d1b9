"""Contacts of an actor (personal data: editors and admins only) and the workspace's themes."""

from copy import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from actors import services
from actors.forms import ContactForm, ThemeForm
from actors.models import Actor, Contact, Theme
from actors.services import CONTACT_FIELDS, guillemets, themes_for
from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import requires, with_object


def _contact_fields(form):
    return {name: form.cleaned_data[name] for name in CONTACT_FIELDS}


def render_contact_form(request, form, actor, contact=None):
    context = {"form": form, "actor": actor, "contact": contact}
    return render(request, "actors/contact_form.html", context)


@with_object(Actor, Action.CHANGE, pk="pk")
def contact_create(request, actor):
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contact = services.contact_create(actor=actor, by=request.user, **_contact_fields(form))
        messages.success(request, f"Contact {guillemets(contact.name)} ajouté.")
        return redirect(actor.get_absolute_url() + "#contacts")
    return render_contact_form(request, form, actor)


@with_object(Contact, Action.CHANGE, pk="pk")
def contact_edit(request, contact):
    form = ContactForm(request.POST or None, instance=copy(contact))
    if request.method == "POST" and form.is_valid():
        services.contact_update(contact=contact, by=request.user, **_contact_fields(form))
        messages.success(request, f"Contact {guillemets(contact.name)} enregistré.")
        return redirect(contact.actor.get_absolute_url() + "#contacts")
    return render_contact_form(request, form, contact.actor, contact)


@with_object(Contact, Action.DELETE, pk="pk")
def contact_delete(request, contact):
    """GET asks for confirmation; POST deletes."""
    actor = contact.actor
    if request.method != "POST":
        return render(request, "actors/contact_confirm_delete.html", {"contact": contact})
    services.contact_delete(contact=contact, by=request.user)
    messages.success(request, f"Contact {guillemets(contact.name)} supprimé.")
    return redirect(actor.get_absolute_url() + "#contacts")


@requires(Action.VIEW)
def theme_list(request):
    context = {"themes": themes_for(request.workspace, with_counts=True), "form": ThemeForm()}
    return render(request, "actors/theme_list.html", context)


def _theme_saved(request, message):
    messages.success(request, message)
    return redirect("actors:theme-list")


def _theme_refused(request, error):
    messages.error(request, " ".join(error.messages))
    return redirect("actors:theme-list")


@requires(Action.CHANGE)
@require_POST
def theme_create(request):
    name = request.POST.get("name", "")
    try:
        theme = services.theme_create(workspace=request.workspace, name=name, by=request.user)
    except ValidationError as error:
        return _theme_refused(request, error)
    return _theme_saved(request, f"Thème {guillemets(theme.name)} ajouté.")


@with_object(Theme, Action.CHANGE, pk="pk")
@require_POST
def theme_rename(request, theme):
    old = theme.name
    try:
        services.theme_rename(theme=theme, name=request.POST.get("name", ""), by=request.user)
    except ValidationError as error:
        return _theme_refused(request, error)
    return _theme_saved(request, f"Thème {guillemets(old)} renommé en {guillemets(theme.name)}.")


@with_object(Theme, Action.DELETE, pk="pk")
def theme_delete(request, theme):
    """GET asks for confirmation; POST deletes (the actors lose the theme, nothing else)."""
    if request.method != "POST":
        context = {"theme": theme, "actor_count": theme.actors.count()}
        return render(request, "actors/theme_confirm_delete.html", context)
    services.theme_delete(theme=theme, by=request.user)
    messages.success(request, f"Thème {guillemets(theme.name)} supprimé.")
    return redirect("actors:theme-list")
