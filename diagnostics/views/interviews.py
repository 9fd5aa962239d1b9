"""Interviews of a diagnostic: list (filters, export), create, detail, edit, delete."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from diagnostics import selectors
from diagnostics import services_interviews as services
from diagnostics.forms_interviews import (
    NOTE_FIELDS,
    ExcerptForm,
    InterviewFilterForm,
    InterviewForm,
)
from diagnostics.models import Diagnostic, Evidence, Interview
from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import can, with_object
from essterritoire.exports import FORMATS, export_response
from essterritoire.pagination import paginate

EXPORT_HEADERS = [
    "Date",
    "Format",
    "Modalité",
    "Acteurs rencontrés",
    "Enquêteurs",
    "Thèmes",
    "Extraits",
    "Vision du territoire",
    "Besoins",
    "Freins",
    "Leviers",
    "Coopérations",
]
INTERVIEWS = Interview.objects.select_related("diagnostic__workspace")


@with_object(Diagnostic, Action.VIEW, pk="pk")
def interview_list(request, diagnostic):
    """The diagnostic's interviews; filters by theme, actor and format; CSV/XLSX export."""
    filters = InterviewFilterForm(request.GET or None, diagnostic=diagnostic)
    interviews = selectors.interview_list(diagnostic, **filters.filters())
    export = request.GET.get("export")
    if export in FORMATS:
        rows = (_export_row(interview) for interview in interviews)
        name = f"entretiens-diagnostic-{diagnostic.pk}"
        return export_response(export, name, EXPORT_HEADERS, rows, title="Entretiens")
    if export:
        messages.error(request, "Format d'export inconnu\u00a0: choisissez CSV ou XLSX.")
    context = {
        "diagnostic": diagnostic,
        "filters": filters,
        "page": paginate(request, interviews),
        "can_change": can(request.user, diagnostic.workspace_id, Action.CHANGE),
        "query": request.GET.urlencode(),
    }
    template = "diagnostics/interviews/list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    return render(request, template, context)


def _export_row(interview):
    interviewers = [
        person.get_full_name() or person.email for person in interview.interviewers.all()
    ]
    if interview.other_interviewers:
        interviewers.append(interview.other_interviewers)
    return [
        interview.date,
        interview.get_format_display(),
        interview.get_mode_display(),
        ", ".join(actor.name for actor in interview.actors.all()),
        ", ".join(interviewers),
        ", ".join(theme.name for theme in interview.themes.all()),
        interview.excerpt_count,
        interview.vision,
        interview.needs,
        interview.obstacles,
        interview.levers,
        interview.cooperations,
    ]


@with_object(Diagnostic, Action.CHANGE, pk="pk")
def interview_create(request, diagnostic):
    initial = {"date": timezone.localdate(), "interviewers": [request.user.pk]}
    form = InterviewForm(
        request.POST or None, diagnostic=diagnostic, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data, actors, interviewers, themes = form.split()
        interview = services.interview_create(
            diagnostic=diagnostic,
            user=request.user,
            data=data,
            actors=actors,
            interviewers=interviewers,
            themes=themes,
        )
        messages.success(request, f"{interview} enregistré. Ajoutez-lui ses extraits.")
        return redirect("diagnostics:interview-detail", interview.pk)
    context = {"diagnostic": diagnostic, "form": form}
    return render(request, "diagnostics/interviews/form.html", context)


@with_object(INTERVIEWS, Action.VIEW, pk="pk")
def interview_detail(request, interview):
    """The interview, its notes and excerpts; an htmx request gets the excerpts alone."""
    return render_detail(request, interview)


def render_detail(request, interview, **extra):
    """The detail page, or its excerpts section for htmx. `extra` may hold `excerpt_form`
    (a refused new excerpt), `editing` and `edit_form` (an excerpt being edited),
    `converting` and `afom_form` (an excerpt becoming an AFOM item), `focus_pk` and
    `focus_control` (the control to focus after the change), `status` (said to screen
    readers)."""
    diagnostic = interview.diagnostic
    extra.setdefault(
        "excerpt_form", ExcerptForm(prefix="nouvel-extrait", workspace=diagnostic.workspace)
    )
    for form_name, field in (("edit_form", "text"), ("afom_form", "title")):
        if form_name in extra:
            extra[form_name].fields[field].widget.attrs["autofocus"] = True
    if extra.pop("focus_new", False):
        extra["excerpt_form"].fields["text"].widget.attrs["autofocus"] = True
    context = {
        "diagnostic": diagnostic,
        "interview": interview,
        "notes": [(_label(field), getattr(interview, field)) for field in NOTE_FIELDS],
        "excerpts": selectors.interview_excerpts(interview),
        "can_change": can(request.user, diagnostic.workspace_id, Action.CHANGE),
        "can_delete": can(request.user, diagnostic.workspace_id, Action.DELETE),
        **extra,
    }
    template = "diagnostics/interviews/detail.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#excerpts"
    return render(request, template, context)


def _label(field):
    label = str(Interview._meta.get_field(field).verbose_name)
    return label[:1].upper() + label[1:]


@with_object(INTERVIEWS, Action.CHANGE, pk="pk")
def interview_edit(request, interview):
    diagnostic = interview.diagnostic
    form = InterviewForm(
        request.POST or None, instance=interview, diagnostic=diagnostic, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        data, actors, interviewers, themes = form.split()
        services.interview_update(
            interview=interview,
            data=data,
            actors=actors,
            interviewers=interviewers,
            themes=themes,
        )
        messages.success(request, f"{interview} modifié.")
        return redirect("diagnostics:interview-detail", interview.pk)
    context = {"diagnostic": diagnostic, "form": form, "interview": interview}
    return render(request, "diagnostics/interviews/form.html", context)


@with_object(INTERVIEWS, Action.DELETE, pk="pk")
def interview_delete(request, interview):
    """A confirmation page; the POST deletes the interview and its excerpts."""
    diagnostic = interview.diagnostic
    if request.method == "POST":
        label = str(interview)
        services.interview_delete(interview=interview, user=request.user)
        messages.success(request, f"{label} supprimé.")
        return redirect("diagnostics:interview-list", diagnostic.pk)
    citing = Evidence.objects.filter(
        excerpt__interview=interview, item__deleted_at__isnull=True
    ).values("item")
    context = {
        "diagnostic": diagnostic,
        "interview": interview,
        "excerpt_count": interview.excerpts.count(),
        "item_count": citing.distinct().count(),
    }
    return render(request, "diagnostics/interviews/confirm_delete.html", context)
