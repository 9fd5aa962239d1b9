"""Writes on interviews, their excerpts and the interview guide (atomic, no HTTP)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from diagnostics.models import Diagnostic, Excerpt, GuideQuestion, Interview
from diagnostics.services_afom import evidence_detach_excerpts, move_in_list, next_order

# The default guide follows the CRESS method (seed 003) and the AFOM reading (seed 000):
# the actors' view of the territory against its neighbours, their needs, the obstacles and
# levers, and the co-operations they have or want.
DEFAULT_GUIDE = (
    (
        "Vision du territoire",
        (
            "Comment décririez-vous le territoire et la place qu'y tient l'économie sociale et "
            "solidaire\u00a0?",
            "Par rapport aux territoires voisins ou comparables, quels sont ses points forts "
            "et ses points faibles\u00a0?",
            "Quelles évolutions extérieures (régionales, nationales, réglementaires, "
            "économiques) peuvent l'aider ou le fragiliser\u00a0?",
        ),
    ),
    (
        "Besoins",
        (
            "Quels sont les besoins de votre structure\u00a0: locaux, compétences, financements, "
            "recrutements\u00a0?",
            "Quels besoins des habitants ou des entreprises du territoire restent sans "
            "réponse\u00a0?",
        ),
    ),
    (
        "Freins",
        (
            "Quels obstacles rencontrez-vous pour développer votre activité\u00a0?",
            "Qu'est-ce qui freine aujourd'hui les coopérations entre acteurs\u00a0?",
        ),
    ),
    (
        "Leviers",
        (
            "Sur quels leviers agir en priorité pour consolider et développer l'ESS sur le "
            "territoire\u00a0?",
            "Qu'attendez-vous de la collectivité et de la CRESS\u00a0?",
        ),
    ),
    (
        "Coopérations",
        (
            "Avec quels acteurs, de l'ESS ou non, coopérez-vous déjà, et sous quelle forme "
            "(mutualisation de locaux, de compétences, de services)\u00a0?",
            "Quels projets communs aimeriez-vous construire, et avec qui\u00a0?",
        ),
    ),
)

# Interviews


@transaction.atomic
def interview_create(*, diagnostic, user, data, actors, interviewers=(), themes=()):
    """Create an interview; `actors`, `interviewers` and `themes` were validated by the form
    against the diagnostic's workspace."""
    interview = Interview.objects.create(diagnostic=diagnostic, created_by=user, **data)
    interview.actors.set(actors)
    interview.interviewers.set(interviewers)
    interview.themes.set(themes)
    return interview


@transaction.atomic
def interview_update(*, interview, data, actors, interviewers=(), themes=()):
    for field, value in data.items():
        setattr(interview, field, value)
    interview.save()
    interview.actors.set(actors)
    interview.interviewers.set(interviewers)
    interview.themes.set(themes)
    return interview


@transaction.atomic
def interview_delete(*, interview, user):
    """Delete an interview and its excerpts. AFOM items citing an excerpt keep the quotation
    as a reference, so that no item silently loses its evidence."""
    evidence_detach_excerpts(excerpts=interview.excerpts.all(), user=user)
    interview.delete()


# Excerpts


def excerpt_create(*, interview, text, theme=None):
    return Excerpt.objects.create(interview=interview, text=text, theme=theme)


def excerpt_update(*, excerpt, text, theme=None):
    excerpt.text, excerpt.theme = text, theme
    excerpt.save(update_fields=["text", "theme"])
    return excerpt


@transaction.atomic
def excerpt_delete(*, excerpt, user):
    """Delete an excerpt; the AFOM items citing it keep the quotation as a reference."""
    evidence_detach_excerpts(excerpts=[excerpt], user=user)
    excerpt.delete()


# The interview guide


@transaction.atomic
def guide_ensure(*, diagnostic):
    """Give the diagnostic the default guide when it has no question yet (first visit).
    The diagnostic row is locked so that two first visits do not seed it twice."""
    Diagnostic.objects.select_for_update().filter(pk=diagnostic.pk).first()
    if diagnostic.guide_questions.exists():
        return False
    questions = [
        GuideQuestion(diagnostic=diagnostic, section=section, text=text)
        for section, texts in DEFAULT_GUIDE
        for text in texts
    ]
    for order, question in enumerate(questions):
        question.order = order
    GuideQuestion.objects.bulk_create(questions)
    return True


def guide_question_create(*, diagnostic, section, text):
    order = next_order(diagnostic.guide_questions.all())
    return GuideQuestion.objects.create(
        diagnostic=diagnostic, section=section, text=text, order=order
    )


def guide_question_update(*, question, section, text):
    question.section, question.text = section, text
    question.save(update_fields=["section", "text"])
    return question


@transaction.atomic
def guide_question_move(*, question, direction):
    siblings = question.diagnostic.guide_questions.select_for_update().order_by("order", "pk")
    changed = move_in_list(siblings, question, direction)
    GuideQuestion.objects.bulk_update(changed, ["order"])
    return bool(changed)


@transaction.atomic
def guide_question_delete(*, question):
    """Delete a question; the guide keeps at least one (an empty guide would be reseeded)."""
    siblings = question.diagnostic.guide_questions.select_for_update()
    # len(), not count(): PostgreSQL refuses FOR UPDATE on an aggregate.
    if len(siblings) <= 1:
        raise ValidationError(
            "Le guide doit garder au moins une question\u00a0: "
            "modifiez-la plutôt que de la supprimer."
        )
    question.delete()
