from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from essterritoire.accounts.enums import Action
from essterritoire.accounts.middleware import SESSION_KEY
from essterritoire.accounts.permissions import authenticated, requires, roles_for
from essterritoire.accounts.selectors import workspace_summary


@requires(Action.VIEW)
def home(request):
    """The workspace home: what exists, the recent changes, and where to start."""
    context = workspace_summary(request.workspace, request.user)
    return render(request, "accounts/home.html", context)


@authenticated
def no_workspace(request):
    if roles_for(request.user):
        return redirect("accounts:home")
    return render(request, "accounts/no_workspace.html")


@authenticated
@require_POST
def switch_workspace(request):
    try:
        workspace_id = int(request.POST.get("workspace", ""))
    except ValueError:
        workspace_id = None
    if workspace_id not in roles_for(request.user):
        messages.error(request, "Cet espace de travail n'existe pas ou ne vous est pas ouvert.")
        return redirect("accounts:home")
    request.session[SESSION_KEY] = workspace_id
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        return redirect(next_url)
    return redirect("accounts:home")
