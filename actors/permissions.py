"""Permission checks of the actors app beyond the kernel (essterritoire.accounts.permissions)."""

from functools import wraps

from django.core.exceptions import PermissionDenied

STAFF = "staff"


def staff_required(view):
    """A page for staff only (reference data: SIRENE imports, classification rules): a
    logged-in person who is not staff gets a 403; anonymous visitors go to the login page
    (LoginRequiredMiddleware), as everywhere."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapper.permission_action = STAFF
    return wrapper
