"""The permission kernel: the one place that decides what a person may see and do.

Every view goes through one of the decorators below, and every query that serves a user goes
through `scope()` or `get_object_for()`. Rules:

- deny by default: an anonymous person is sent to the login page (LoginRequiredMiddleware);
- a person sees only the data of the workspaces they are a member of: anything else is a 404,
  so that the existence of another workspace's objects is not revealed;
- inside their workspace, their role grants a set of actions: asking for another one is a 403.

A model owned by a workspace says how to reach it with `workspace_path` (default "workspace").
"""

from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.shortcuts import redirect

from essterritoire.accounts.enums import Action, Role

ROLE_ACTIONS = {
    Role.READER: frozenset({Action.VIEW}),
    Role.EDITOR: frozenset({Action.VIEW, Action.VIEW_PERSONAL, Action.CHANGE, Action.DELETE}),
    Role.ADMIN: frozenset(
        {Action.VIEW, Action.VIEW_PERSONAL, Action.CHANGE, Action.DELETE, Action.MANAGE}
    ),
}

# The marker the URL-walk test looks for on every view.
PUBLIC = "public"
AUTHENTICATED = "authenticated"


def role_allows(role, action):
    """True when `role` grants `action`."""
    return action in ROLE_ACTIONS.get(role, ())


def user_workspaces(user):
    """The user's workspaces, ordered by name, each with its `role`; one query, cached on the
    user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_workspaces", None)
    if cached is None:
        cached = []
        memberships = user.memberships.select_related("workspace__main_territory")
        for membership in memberships.order_by("workspace__name"):
            membership.workspace.role = membership.role
            cached.append(membership.workspace)
        user._workspaces = cached
    return cached


def roles_for(user):
    """{workspace_id: role} for the user's memberships."""
    return {workspace.pk: workspace.role for workspace in user_workspaces(user)}


def forget_roles(user):
    """Drop the cached memberships after they changed."""
    user.__dict__.pop("_workspaces", None)


def workspace_ids_for(user, action=Action.VIEW):
    """Ids of the workspaces where the user's role grants `action`."""
    return [ws for ws, role in roles_for(user).items() if role_allows(role, action)]


def can(user, workspace, action):
    """True when the user is a member of `workspace` with a role granting `action`."""
    workspace_id = getattr(workspace, "pk", workspace)
    return role_allows(roles_for(user).get(workspace_id), action)


def workspace_path(model):
    return getattr(model, "workspace_path", "workspace")


def scope(queryset, user, action=Action.VIEW):
    """Restrict `queryset` to the rows of the workspaces where the user may do `action`."""
    if isinstance(queryset, type) and issubclass(queryset, Model):
        queryset = queryset._default_manager.all()
    ids = workspace_ids_for(user, action)
    return queryset.filter(**{f"{workspace_path(queryset.model)}__in": ids})


def workspace_of(obj):
    """Follow the model's workspace_path from an object to its workspace id; the last hop
    reads the foreign key's id, so the workspace row itself is never fetched."""
    *hops, last = workspace_path(type(obj)).split("__")
    value = obj
    for part in hops:
        value = getattr(value, part)
    return getattr(value, f"{last}_id")


def get_object_for(user, queryset, action=Action.VIEW, **lookup):
    """The object matching `lookup` for an action: 404 outside the user's workspaces, 403 when
    the user's role there does not grant `action`."""
    if not isinstance(queryset, QuerySet):
        queryset = queryset._default_manager.all()
    try:
        obj = scope(queryset, user, Action.VIEW).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError):
        raise Http404("Objet introuvable.") from None
    if not can(user, workspace_of(obj), action):
        raise PermissionDenied
    return obj


def _mark(view, action):
    view.permission_action = action
    return view


def public(view):
    """A page anyone may open without logging in (login, password reset, invitation)."""
    return _mark(login_not_required(view), PUBLIC)


def authenticated(view):
    """A page any logged-in person may open: reference data, their own account, their
    workspaces. What it shows of workspace data must still go through `scope()`."""
    return _mark(view, AUTHENTICATED)


def requires(action):
    """A page acting on the active workspace (request.workspace): 403 unless the user's role
    there grants `action`; a person without any workspace is told so."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.workspace is None:
                return redirect("accounts:no-workspace")
            if not can(request.user, request.workspace, action):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return _mark(wrapper, action)

    return decorator


def with_object(model, action, **lookups):
    """A page about one object: fetches it through `get_object_for` and passes it to the view.

    `lookups` maps model lookups to URL keyword arguments, e.g. `pk="pk"`.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            filters = {field: kwargs.pop(kwarg) for field, kwarg in lookups.items()}
            obj = get_object_for(request.user, model, action, **filters)
            return view(request, obj, *args, **kwargs)

        return _mark(wrapper, action)

    return decorator
