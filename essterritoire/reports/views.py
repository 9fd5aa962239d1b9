"""Report pages: the workspace's reports, the snapshots of one object (and the form that
generates a new one), a snapshot's progress, its download, the HTML preview.

Élus (readers) view and download; editors and admins generate, regenerate and delete. Every
view goes through the permission kernel: a snapshot or an object of another workspace is a 404.
"""

from functools import wraps

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import (
    can,
    get_object_for,
    requires,
    with_object,
    workspace_of,
)
from essterritoire.pagination import paginate
from essterritoire.reports import selectors, services
from essterritoire.reports.forms import ReportOptionsForm, options_from_query, options_query
from essterritoire.reports.models import ReportSnapshot
from essterritoire.reports.registry import report_kind
from essterritoire.reports.rendering import render_html

# The workspace is joined: the permission kernel reads it to check the role.
SNAPSHOTS = ReportSnapshot.objects.select_related("author", "workspace")


def kind_or_404(key):
    try:
        return report_kind(key)
    except LookupError:
        raise Http404("Type de rapport inconnu.") from None


def with_report_object(action):
    """A page about the object of a report kind (/rapports/<kind>/<pk>/...): unknown kind or
    object out of reach, 404; the view gets (request, kind, obj)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, kind, pk, *args, **kwargs):
            report = kind_or_404(kind)
            obj = get_object_for(request.user, report.model, action, pk=pk)
            return view(request, report, obj, *args, **kwargs)

        # The marker of the permission kernel, which the URL walk checks.
        wrapper.permission_action = action
        return wrapper

    return decorator


@requires(Action.VIEW)
def report_list(request):
    """The reports of the active workspace: each object with snapshots and its latest PDF."""
    search = request.GET.get("q", "").strip()
    page = paginate(request, selectors.objects_with_reports(request.workspace, search))
    page.object_list = selectors.attach_latest_done(page.object_list)
    context = {
        "page": page,
        "search": search,
        "can_generate": can(request.user, request.workspace, Action.CHANGE),
    }
    return render(request, "reports/snapshots/report_list.html", context)


@with_report_object(Action.VIEW)
def object_reports(request, kind, obj):
    """The snapshots of one object, newest first, and the generation form for editors."""
    form = ReportOptionsForm(kind=kind) if _can(request, obj, Action.CHANGE) else None
    return _object_page(request, kind, obj, form)


def _object_page(request, kind, obj, form, status=200):
    services.fail_abandoned(ReportSnapshot.objects.for_object(kind.key, obj))
    page = paginate(request, SNAPSHOTS.for_object(kind.key, obj))
    current = selectors.current_fingerprint(kind, obj)
    for snapshot in page.object_list:
        snapshot.stale = snapshot.is_stale(current)
        snapshot.options_words = selectors.describe_options(kind, snapshot.options)
    context = {
        "kind": kind,
        "obj": obj,
        "object_url": kind.object_url(obj),
        "page": page,
        "form": form,
        "preview_query": options_query(kind.default_options()),
        "can_delete": _can(request, obj, Action.DELETE),
    }
    return render(request, "reports/snapshots/object_reports.html", context, status=status)


@with_report_object(Action.CHANGE)
@require_POST
def snapshot_create(request, kind, obj):
    form = ReportOptionsForm(request.POST, kind=kind)
    if not form.is_valid():
        return _object_page(request, kind, obj, form, status=422)
    snapshot = services.request_snapshot(kind.key, obj, form.options(), request.user)
    messages.success(request, "Génération du rapport lancée.")
    return redirect("reports:snapshot-detail", pk=snapshot.pk)


@with_report_object(Action.VIEW)
def preview(request, kind, obj):
    """The report as an HTML page, from the same templates as the PDF. Options from the
    query for people who may see personal data; the kind's defaults for élus, so that a
    flag such as "anonymised excerpts" cannot be turned off by editing the URL."""
    if _can(request, obj, Action.VIEW_PERSONAL):
        options = options_from_query(kind, request.GET)
    else:
        options = kind.default_options()
    return HttpResponse(render_html(kind.key, obj, options, media="screen"))


@with_report_object(Action.VIEW)
def freshness(request, kind, obj):
    """Whether the object's latest completed snapshot is older than its data (a fragment the
    list of reports loads row by row, as it runs the kind's collect)."""
    latest = ReportSnapshot.objects.for_object(kind.key, obj).done().first()
    stale = latest.is_stale(selectors.current_fingerprint(kind, obj)) if latest else False
    return render(request, "reports/snapshots/_freshness.html", {"stale": stale, "latest": latest})


@with_object(SNAPSHOTS, Action.VIEW, pk="pk")
def snapshot_detail(request, snapshot):
    """A snapshot: its progress bar, refreshed by htmx while it renders, then its download."""
    if snapshot.running and services.fail_abandoned(ReportSnapshot.objects.filter(pk=snapshot.pk)):
        snapshot.refresh_from_db()
    kind = _kind_or_none(snapshot.kind)
    context = {
        "snapshot": snapshot,
        "kind": kind,
        "options_words": selectors.describe_options(kind, snapshot.options),
        "can_generate": kind is not None and _can(request, snapshot, Action.CHANGE),
        "can_delete": _can(request, snapshot, Action.DELETE),
        "reports_url": _reports_url(snapshot),
    }
    template = "reports/snapshots/snapshot_detail.html"
    if request.htmx:
        template += "#progress"
    return render(request, template, context)


DOWNLOAD = ReportSnapshot.objects.select_related("workspace").only(
    "workspace__id", "status", "file", "filename", "created_at"
)


@with_object(DOWNLOAD, Action.VIEW, pk="pk")
def snapshot_download(request, snapshot):
    """The stored PDF, as it is: no rendering, no data collected."""
    if not snapshot.is_done:
        raise Http404("Ce rapport n'est pas encore disponible.")
    try:
        handle = snapshot.file.open("rb")
    except FileNotFoundError:
        raise Http404("Le fichier de ce rapport est introuvable.") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=snapshot.download_name(),
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@with_object(SNAPSHOTS, Action.CHANGE, pk="pk")
@require_POST
def snapshot_regenerate(request, snapshot):
    """A new snapshot with the same options (after the data changed, or a failure)."""
    kind = kind_or_404(snapshot.kind)
    obj = get_object_for(request.user, kind.model, Action.CHANGE, pk=snapshot.object_id)
    new = services.snapshot_regenerate(snapshot=snapshot, obj=obj, author=request.user)
    messages.success(request, "Nouvelle génération du rapport lancée.")
    return redirect("reports:snapshot-detail", pk=new.pk)


@with_object(SNAPSHOTS, Action.DELETE, pk="pk")
def snapshot_delete(request, snapshot):
    """A confirmation page, then the deletion (POST)."""
    back = _reports_url(snapshot) or reverse("reports:report-list")
    if request.method == "POST":
        services.snapshot_delete(snapshot=snapshot)
        messages.success(request, "Rapport supprimé.")
        return redirect(back)
    context = {"snapshot": snapshot, "back": back}
    return render(request, "reports/snapshots/snapshot_confirm_delete.html", context)


def _can(request, obj, action):
    return can(request.user, workspace_of(obj), action)


def _kind_or_none(key):
    try:
        return report_kind(key)
    except LookupError:
        return None


def _reports_url(snapshot):
    if _kind_or_none(snapshot.kind) is None:
        return ""
    return reverse("reports:object-reports", args=[snapshot.kind, snapshot.object_id])
