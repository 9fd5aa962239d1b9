from essterritoire.accounts.permissions import user_workspaces

SESSION_KEY = "workspace_id"


def active_workspace(request):
    """The workspace chosen in the session, else the user's first one; None without any."""
    workspaces = user_workspaces(request.user)
    chosen = request.session.get(SESSION_KEY) if workspaces else None
    for workspace in workspaces:
        if workspace.pk == chosen:
            return workspace
    return workspaces[0] if workspaces else None


class ActiveWorkspaceMiddleware:
    """Sets request.workspace to the workspace the person is working in (with its `role`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.workspace = active_workspace(request)
        return self.get_response(request)
