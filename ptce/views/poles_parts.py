"""Create, edit and delete the parts of a pole (animation years, funding lines, mutualisations,
cooperation projects): the same three pages for each, built from a description of the part."""

from copy import copy
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import with_object
from ptce import services_poles as services
from ptce.forms_poles import (
    AnimationYearForm,
    CooperationProjectForm,
    FundingLineForm,
    MutualisationForm,
)
from ptce.models import AnimationYear, CooperationProject, FundingLine, Mutualisation, Ptce


@dataclass(frozen=True)
class PartPage:
    model: type
    form: type
    new_title: str
    name: str  # "la ligne de financement", as titles and messages say it
    feminine: bool = True
    consequence: str = "Le reste du pôle n'est pas modifié."

    def said(self, participle):
        """ "La ligne de financement enregistrée." with the participle agreeing."""
        return f"{self.name[0].upper()}{self.name[1:]} {participle}{'e' if self.feminine else ''}."


def posted(request):
    return request.POST if request.method == "POST" else None


def save_part(request, form, page, *, ptce=None, part=None):
    """Create (ptce given) or update (part given) through the services; None when nothing
    was written (the service's errors then show on the form)."""
    fields = dict(form.cleaned_data)
    members = fields.pop("members", None)
    members = None if members is None else list(members)
    try:
        if part is None:
            return services.part_create(
                model=page.model, ptce=ptce, user=request.user, members=members, **fields
            )
        return services.part_update(part=part, user=request.user, members=members, **fields)
    except ValidationError as error:
        form.add_error(None, error.messages)
        return None


def render_form(request, page, form, ptce, part=None):
    context = {"form": form, "ptce": ptce, "part": part, "page_info": page}
    return render(request, "ptce/part_form.html", context)


def create_view(page):
    def view(request, ptce):
        form = page.form(posted(request), user=request.user, ptce=ptce)
        if form.is_valid() and (part := save_part(request, form, page, ptce=ptce)):
            messages.success(request, page.said("enregistré"))
            return redirect(part)
        return render_form(request, page, form, ptce)

    return view


def update_view(page):
    def view(request, part):
        form = page.form(posted(request), instance=copy(part), user=request.user, ptce=part.ptce)
        if form.is_valid() and save_part(request, form, page, part=part):
            messages.success(request, page.said("enregistré"))
            return redirect(part)
        return render_form(request, page, form, part.ptce, part)

    return view


def delete_view(page):
    def view(request, part):
        if request.method == "POST":
            services.part_delete(part=part, user=request.user)
            messages.success(request, page.said("supprimé"))
            return redirect(part)
        context = {
            "object": part,
            "kind": page.name,
            "consequence": page.consequence,
            "cancel_url": part.get_absolute_url(),
        }
        return render(request, "ptce/confirm_delete.html", context)

    return view


def named(view, name):
    view.__name__ = view.__qualname__ = name
    return view


def views_for(prefix, page):
    """(create, update, delete) views of a part, each behind the permission kernel."""
    create = named(create_view(page), f"{prefix}_create")
    update = named(update_view(page), f"{prefix}_update")
    delete = named(delete_view(page), f"{prefix}_delete")
    return (
        with_object(Ptce, Action.CHANGE, pk="pk")(create),
        with_object(page.model, Action.CHANGE, pk="pk")(update),
        with_object(page.model, Action.DELETE, pk="pk")(delete),
    )


ANIMATION = PartPage(
    AnimationYear,
    AnimationYearForm,
    "Nouvelle année de la cellule d'animation",
    "l'année de la cellule d'animation",
)
FUNDING = PartPage(
    FundingLine,
    FundingLineForm,
    "Nouvelle ligne de financement",
    "la ligne de financement",
)
MUTUALISATION = PartPage(
    Mutualisation, MutualisationForm, "Nouvelle mutualisation", "la mutualisation"
)
COOPERATION = PartPage(
    CooperationProject,
    CooperationProjectForm,
    "Nouveau projet de coopération",
    "le projet de coopération",
    feminine=False,
)

animation_create, animation_update, animation_delete = views_for("animation", ANIMATION)
funding_create, funding_update, funding_delete = views_for("funding", FUNDING)
mutualisation_create, mutualisation_update, mutualisation_delete = views_for(
    "mutualisation", MUTUALISATION
)
cooperation_create, cooperation_update, cooperation_delete = views_for("cooperation", COOPERATION)
