"""A pole's members: add (htmx welcome: the composition and eligibility come back at once),
edit, remove; the members and funding tables as CSV or XLSX."""

from copy import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import with_object
from essterritoire.exports import FORMATS, export_response
from ptce import rules
from ptce import services_poles as services
from ptce.forms_poles import MemberAddForm, MemberForm
from ptce.models import Member, Ptce
from ptce.selectors_poles import members_of
from ptce.services_poles import guillemets
from ptce.views.poles import sheet_context

MEMBER_HEADERS = [
    "Membre",
    "SIRET",
    "Type (article 9)",
    "Rôle",
    "Entré le",
    "Sorti le",
    "Membre actuel",
    "Salariés",
    "Origine de l'effectif",
    "Budget (€)",
]
EMPLOYEES_SOURCES = {"declared": "déclaré", "estimated": "estimé (tranche SIRENE)", "unknown": ""}
FUNDING_HEADERS = [
    "Année",
    "Financeur",
    "SIRET du financeur",
    "Montant (€)",
    "Nature",
    "Origine",
    "Collectivité",
    "Objet",
]


def render_composition(request, ptce, member, form):
    """The htmx answer: the members section with the eligibility box; out of band, the
    benchmark (its number of structures changed too) and a sentence for screen readers."""
    context = sheet_context(request, ptce, add_form=None if member else form)
    context["added"] = member
    return render(request, "ptce/_composition_update.html", context)


def add_member(request, ptce, form):
    """Run the service from a valid form; its ValidationError goes back to the form."""
    data = form.cleaned_data
    try:
        return services.member_add(
            ptce=ptce,
            actor=data["actor"],
            user=request.user,
            member_type=data["member_type"],
            role=data["role"],
            joined_on=data["joined_on"],
        )
    except ValidationError as error:
        form.add_error(None, error.messages)
        return None


@with_object(Ptce, Action.CHANGE, pk="pk")
@require_POST
def member_add(request, ptce):
    form = MemberAddForm(request.POST, user=request.user, ptce=ptce)
    member = add_member(request, ptce, form) if form.is_valid() else None
    if request.htmx:
        return render_composition(request, ptce, member, form)
    if member:
        messages.success(request, f"{guillemets(member.actor)} est membre du pôle.")
    else:
        errors = " ".join(" ".join(errors) for errors in form.errors.values())
        messages.error(request, f"Aucun membre ajouté. {errors}")
    return redirect(f"{ptce.get_absolute_url()}#membres")


@with_object(Member, Action.CHANGE, pk="pk")
def member_update(request, member):
    data = request.POST if request.method == "POST" else None
    form = MemberForm(data, instance=copy(member))
    if form.is_valid():
        try:
            services.member_update(member=member, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, f"Membre {guillemets(member.actor)} enregistré.")
            return redirect(member)
    context = {"form": form, "member": member, "ptce": member.ptce}
    return render(request, "ptce/member_form.html", context)


@with_object(Member, Action.CHANGE, pk="pk")
def member_remove(request, member):
    if request.method == "POST":
        services.member_remove(member=member, user=request.user)
        messages.success(request, f"{guillemets(member.actor)} ne fait plus partie du pôle.")
        return redirect(f"{member.ptce.get_absolute_url()}#membres")
    context = {
        "object": member.actor,
        "kind": "le membre",
        "verb": "Retirer",
        "consequence": "Il disparaît du pôle, de ses mutualisations et projets de coopération. "
        "Pour garder la trace d'un membre qui a quitté le pôle, indiquez plutôt sa date de "
        "sortie.",
        "cancel_url": member.get_absolute_url(),
    }
    return render(request, "ptce/confirm_delete.html", context)


def export(request, ptce, filename, headers, rows):
    fmt = request.GET.get("format", "csv")
    if fmt not in FORMATS:
        messages.error(request, "Format d'export inconnu\u00a0: choisissez CSV ou XLSX.")
        return redirect(ptce)
    return export_response(fmt, filename, headers, rows(), title=filename)


@with_object(Ptce, Action.VIEW, pk="pk")
def member_export(request, ptce):
    def rows():
        for member in members_of(ptce):
            employees, how = rules.member_employees(member)
            yield [
                member.actor.name,
                member.actor.siret,
                member.get_member_type_display(),
                member.role,
                member.joined_on,
                member.left_on,
                member.is_current,
                employees,
                EMPLOYEES_SOURCES[how],
                member.budget,
            ]

    return export(request, ptce, f"ptce-{ptce.pk}-membres", MEMBER_HEADERS, rows)


@with_object(Ptce, Action.VIEW, pk="pk")
def funding_export(request, ptce):
    def rows():
        for line in ptce.funding_lines.select_related("funder_actor").order_by("year", "-amount"):
            siret = line.funder_actor.siret if line.funder_actor_id else ""
            row = [line.year, line.funder_name, siret, line.amount, line.get_nature_display()]
            yield [*row, line.get_origin_display(), line.is_collectivite, line.purpose]

    return export(request, ptce, f"ptce-{ptce.pk}-financements", FUNDING_HEADERS, rows)
