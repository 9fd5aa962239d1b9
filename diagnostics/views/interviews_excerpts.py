"""Excerpts of an interview, edited inline (htmx, with plain pages without JavaScript), and
an excerpt turned into an AFOM item."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from diagnostics import services_afom
from diagnostics import services_interviews as services
from diagnostics.enums import Priority
from diagnostics.forms_afom import ExcerptToAfomForm, excerpt_title
from diagnostics.forms_interviews import ExcerptForm
from diagnostics.models import Excerpt
from diagnostics.views.interviews import INTERVIEWS, render_detail
from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import with_object

EXCERPTS = Excerpt.objects.select_related("interview__diagnostic__workspace", "theme")


def _back_to(excerpt):
    url = reverse("diagnostics:interview-detail", args=[excerpt.interview_id])
    return redirect(f"{url}#extrait-{excerpt.pk}")


@with_object(INTERVIEWS, Action.CHANGE, pk="pk")
@require_POST
def excerpt_add(request, interview):
    workspace = interview.diagnostic.workspace
    form = ExcerptForm(request.POST, prefix="nouvel-extrait", workspace=workspace)
    if not form.is_valid():
        return render_detail(request, interview, excerpt_form=form, focus_new=True)
    excerpt = services.excerpt_create(interview=interview, **form.cleaned_data)
    if request.htmx:
        return render_detail(request, interview, focus_new=True, status="Extrait ajouté.")
    messages.success(request, "Extrait ajouté.")
    return _back_to(excerpt)


@with_object(EXCERPTS, Action.CHANGE, pk="pk")
def excerpt_edit(request, excerpt):
    interview = excerpt.interview
    form = ExcerptForm(
        request.POST or None,
        instance=excerpt,
        prefix=f"extrait-{excerpt.pk}",
        workspace=interview.diagnostic.workspace,
    )
    if request.method == "POST" and form.is_valid():
        services.excerpt_update(excerpt=excerpt, **form.cleaned_data)
        if request.htmx:
            return render_detail(
                request,
                interview,
                focus_pk=excerpt.pk,
                focus_control="edit",
                status="Extrait modifié.",
            )
        messages.success(request, "Extrait modifié.")
        return _back_to(excerpt)
    if request.htmx:
        return render_detail(request, interview, editing=excerpt.pk, edit_form=form)
    context = {"interview": interview, "diagnostic": interview.diagnostic, "form": form}
    return render(request, "diagnostics/interviews/excerpt_form.html", context)


@with_object(EXCERPTS, Action.DELETE, pk="pk")
@require_POST
def excerpt_delete(request, excerpt):
    """Delete the excerpt; the AFOM items citing it keep its text as a reference."""
    interview = excerpt.interview
    services.excerpt_delete(excerpt=excerpt, user=request.user)
    messages.success(request, "Extrait supprimé.")
    return redirect(reverse("diagnostics:interview-detail", args=[interview.pk]) + "#extraits")


@with_object(EXCERPTS, Action.CHANGE, pk="pk")
def excerpt_to_afom(request, excerpt):
    """An AFOM item from the excerpt: title from its first words, its theme, and the excerpt
    as evidence, so that the item links back to the interview."""
    interview = excerpt.interview
    form = _afom_form(request, excerpt)
    if request.method == "POST" and form.is_valid():
        item = services_afom.excerpt_to_afom(
            excerpt=excerpt, user=request.user, data=form.cleaned_data
        )
        message = (
            f"«\u00a0{item.title}\u00a0» ajouté à la matrice AFOM ({item.get_quadrant_display()})."
        )
        if request.htmx:
            return render_detail(
                request, interview, focus_pk=excerpt.pk, focus_control="afom", status=message
            )
        messages.success(request, message)
        return _back_to(excerpt)
    if request.htmx:
        return render_detail(request, interview, converting=excerpt.pk, afom_form=form)
    context = {
        "interview": interview,
        "diagnostic": interview.diagnostic,
        "excerpt": excerpt,
        "form": form,
    }
    return render(request, "diagnostics/interviews/excerpt_to_afom.html", context)


def _afom_form(request, excerpt):
    initial = {
        "title": excerpt_title(excerpt.text),
        "theme": excerpt.theme_id,
        "priority": Priority.MEDIUM,
    }
    return ExcerptToAfomForm(
        request.POST or None,
        initial=initial,
        prefix=f"afom-{excerpt.pk}",
        diagnostic=excerpt.interview.diagnostic,
    )
