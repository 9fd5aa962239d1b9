"""Error pages in French. They are public: Django calls them outside the view machinery."""

from django.shortcuts import render


def _render(request, template, status):
    return render(request, template, status=status)


def bad_request(request, exception=None):
    return _render(request, "errors/400.html", 400)


def permission_denied(request, exception=None):
    return _render(request, "errors/403.html", 403)


def page_not_found(request, exception=None):
    return _render(request, "errors/404.html", 404)


def server_error(request):
    # No context processors that query the database: the error may come from there.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("errors/500.html").render())
