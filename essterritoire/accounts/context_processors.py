from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import can, user_workspaces


def workspace(request):
    current = getattr(request, "workspace", None)
    user = getattr(request, "user", None)
    return {
        "workspace": current,
        "user_workspaces": user_workspaces(user) if user else [],
        "can_edit": bool(current and can(user, current, Action.CHANGE)),
        "can_manage": bool(current and can(user, current, Action.MANAGE)),
    }
