"""Method templates: the built-in CRESS method and the workspace's own copies, which can be
adapted (phases, durations, expected results, deliverables)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from diagnostics import services
from diagnostics.forms import (
    MethodTemplateForm,
    PhaseTemplateFormSet,
    phase_template_initial,
    posted,
)
from diagnostics.models import MethodTemplate, PhaseTemplate
from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import requires, with_object

TEMPLATES = MethodTemplate.objects.prefetch_related(
    Prefetch("phases", queryset=PhaseTemplate.objects.order_by("number"))
)


@requires(Action.VIEW)
def method_list(request):
    """The built-in templates, then those of the active workspace."""
    templates = TEMPLATES.visible_to_workspaces([request.workspace.pk]).order_by(
        "workspace", "name", "pk"
    )
    return render(request, "diagnostics/method_list.html", {"templates": templates})


@requires(Action.CHANGE)
@require_POST
def method_copy(request, pk):
    """Copy a built-in template, or one of the workspace's, into the active workspace."""
    template = (
        MethodTemplate.objects.visible_to_workspaces([request.workspace.pk]).filter(pk=pk).first()
    )
    if template is None:
        raise Http404("Modèle introuvable.")
    copy = services.method_template_copy(
        template=template, workspace=request.workspace, by=request.user
    )
    messages.success(request, f"Modèle copié\u00a0: adaptez «\u00a0{copy.name}\u00a0» ci-dessous.")
    return redirect("diagnostics:method-edit", copy.pk)


@with_object(MethodTemplate, Action.CHANGE, pk="pk")
def method_edit(request, template):
    """Name, description and phases of one of the workspace's templates."""
    form = MethodTemplateForm(
        posted(request), initial={"name": template.name, "description": template.description}
    )
    formset = PhaseTemplateFormSet(
        posted(request), initial=phase_template_initial(template), prefix="phases"
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.method_template_update(
                template=template, by=request.user, phases=_phases(formset), **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Modèle «\u00a0{template.name}\u00a0» enregistré.")
            return redirect("diagnostics:method-list")
    context = {"form": form, "formset": formset, "template": template}
    return render(request, "diagnostics/method_form.html", context)


def _phases(formset):
    """The phases kept, in order, without the formset's bookkeeping."""
    return [
        {key: value for key, value in form.cleaned_data.items() if key != "DELETE"}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


@with_object(MethodTemplate, Action.DELETE, pk="pk")
def method_delete(request, template):
    """GET asks for confirmation; POST deletes (diagnostics keep their phases)."""
    if request.method != "POST":
        return render(request, "diagnostics/method_confirm_delete.html", {"template": template})
    name = template.name
    services.method_template_delete(template=template, by=request.user)
    messages.success(request, f"Modèle «\u00a0{name}\u00a0» supprimé.")
    return redirect("diagnostics:method-list")
