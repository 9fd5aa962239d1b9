"""The actor registry: list with filters and search, detail, create, edit, delete, export."""

from copy import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render

from actors import services
from actors.filters import ActorFilterForm
from actors.forms import ActorForm
from actors.models import Actor, Contact
from actors.sections import actor_sections
from actors.services import guillemets, themes_for
from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import can, requires, scope, with_object
from essterritoire.exports import FORMATS, export_response
from essterritoire.pagination import paginate

EXPORT_HEADERS = [
    "Nom",
    "Type",
    "SIRET",
    "Forme juridique",
    "Code NAF",
    "Effectif",
    "Commune",
    "Code commune",
    "Adresse",
    "Site web",
    "Thèmes",
    "Réseaux",
    "Notes",
    "Modifié le",
]
PERSONAL_HEADERS = ["Contacts", "E-mails des contacts", "Téléphones des contacts"]


def workspace_actors(request):
    return scope(Actor, request.user).filter(workspace=request.workspace)


def filter_form(request, themes=None):
    themes = themes_for(request.workspace) if themes is None else themes
    return ActorFilterForm(request.GET, workspace=request.workspace, themes=themes)


@requires(Action.VIEW)
def actor_list(request):
    """The registry; an htmx request (live filtering) gets the results fragment alone."""
    form = filter_form(request)
    page = paginate(request, form.apply(workspace_actors(request)).for_list())
    total = workspace_actors(request).count() if form.is_filtered else page.paginator.count
    context = {"filter_form": form, "page": page, "total": total}
    template = "actors/actor_list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    return render(request, template, context)


@requires(Action.VIEW)
def actor_export(request):
    """The filtered list as CSV or XLSX; contacts only for roles seeing personal data."""
    fmt = request.GET.get("format", "csv")
    if fmt not in FORMATS:
        messages.error(request, "Format d'export inconnu\u00a0: choisissez CSV ou XLSX.")
        return redirect("actors:actor-list")
    personal = can(request.user, request.workspace, Action.VIEW_PERSONAL)
    queryset = filter_form(request).apply(workspace_actors(request)).for_list()
    queryset = queryset.prefetch_related("networks")
    if personal:
        queryset = queryset.prefetch_related(Prefetch("contacts", Contact.objects.order_by("name")))
    headers = EXPORT_HEADERS + (PERSONAL_HEADERS if personal else [])
    rows = (export_row(actor, personal) for actor in queryset.iterator(chunk_size=1000))
    return export_response(fmt, "acteurs", headers, rows, title="Acteurs")


def export_row(actor, personal):
    commune = actor.commune
    row = [
        actor.name,
        actor.kind_label,
        actor.siret,
        actor.legal_form,
        actor.naf_code,
        actor.size_label,
        commune.name if commune else "",
        commune.code if commune else "",
        actor.address,
        actor.website,
        ", ".join(sorted(theme.name for theme in actor.themes.all())),
        ", ".join(sorted(network.name for network in actor.networks.all())),
        actor.notes,
        actor.updated_at,
    ]
    if personal:
        contacts = list(actor.contacts.all())
        row.append(", ".join(f"{c.name} ({c.role})" if c.role else c.name for c in contacts))
        row.append(", ".join(c.email for c in contacts if c.email))
        row.append(", ".join(c.phone for c in contacts if c.phone))
    return row


@with_object(Actor, Action.VIEW, pk="pk")
def actor_detail(request, actor):
    user, workspace_id = request.user, actor.workspace_id
    personal = can(user, workspace_id, Action.VIEW_PERSONAL)
    context = {
        "actor": actor,
        "themes": actor.themes.order_by("name"),
        "contacts": actor.contacts.all() if personal else None,
        "contact_count": actor.contacts.count(),
        "networks": actor.networks.order_by("name"),
        "meetings": actor.meetings_invited.select_related("theme")[:20],
        "orientations": actor.orientations.select_related("holder")[:20],
        "same_siret": _same_siret(actor),
        "sections": actor_sections(actor, user),
        "can_change": can(user, workspace_id, Action.CHANGE),
        "can_delete": can(user, workspace_id, Action.DELETE),
    }
    return render(request, "actors/actor_detail.html", context)


def _same_siret(actor):
    if not actor.siret:
        return []
    others = Actor.objects.filter(workspace_id=actor.workspace_id, siret=actor.siret)
    return list(others.exclude(pk=actor.pk))


def render_actor_form(request, form, actor=None, establishment=None):
    context = {"form": form, "actor": actor, "establishment": establishment}
    return render(request, "actors/actor_form.html", context)


def save_actor(request, form, create):
    """Run the service behind a valid form; a refusal of the service becomes a form error."""
    fields = form.service_fields()
    themes = fields.pop("themes")
    try:
        return create(themes=themes, **fields)
    except ValidationError as error:
        form.add_error(None, error)
        return None


@requires(Action.CHANGE)
def actor_create(request):
    themes = themes_for(request.workspace)
    form = ActorForm(request.POST or None, workspace=request.workspace, themes=themes)
    if request.method == "POST" and form.is_valid():

        def create(**fields):
            return services.actor_create(workspace=request.workspace, by=request.user, **fields)

        actor = save_actor(request, form, create)
        if actor:
            return _saved(request, actor, f"Acteur {guillemets(actor.name)} ajouté.")
    return render_actor_form(request, form)


def _saved(request, actor, message):
    messages.success(request, message)
    if _same_siret(actor):
        messages.warning(
            request,
            "Un autre acteur du registre a le même SIRET\u00a0: voyez la page des doublons "
            "pour les fusionner.",
        )
    return redirect(actor)


@with_object(Actor, Action.CHANGE, pk="pk")
def actor_edit(request, actor):
    themes = themes_for(actor.workspace)
    form = ActorForm(
        request.POST or None, instance=copy(actor), workspace=actor.workspace, themes=themes
    )
    if request.method == "POST" and form.is_valid():

        def update(**fields):
            return services.actor_update(actor=actor, by=request.user, **fields)

        if save_actor(request, form, update):
            return _saved(request, actor, f"Acteur {guillemets(actor.name)} enregistré.")
    return render_actor_form(request, form, actor=actor)


@with_object(Actor, Action.DELETE, pk="pk")
def actor_delete(request, actor):
    """GET asks for confirmation; POST deletes."""
    if request.method != "POST":
        context = {"actor": actor, "contact_count": actor.contacts.count()}
        return render(request, "actors/actor_confirm_delete.html", context)
    services.actor_delete(actor=actor, by=request.user)
    messages.success(request, f"Acteur {guillemets(actor.name)} supprimé.")
    return redirect("actors:actor-list")
