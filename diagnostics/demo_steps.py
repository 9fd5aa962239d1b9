"""The diagnostics app's part of the demo: the Pays d'Ancenis diagnostic and what hangs on it."""

from actors.models import Actor
from diagnostics.demo import seed_diagnostic
from diagnostics.surveys.demo import seed_survey


def seed_diagnostics(workspaces, log):
    workspace = workspaces["cc-pays-ancenis"]
    diagnostic, created = seed_diagnostic(workspace)
    state = "créé" if created else "déjà présent"
    log(
        f"Diagnostic « {diagnostic.title} » {state} : {diagnostic.interviews.count()} entretiens, "
        f"{diagnostic.afom_items.alive().count()} éléments AFOM"
    )
    actors = Actor.objects.filter(workspace=workspace).ess()
    survey = seed_survey(diagnostic, actors)
    log(f"Enquête « {survey.title} » : {survey.responses.count()} réponses")
