"""Demo data: the template survey of a diagnostic, sent to its actors, with about sixty answers
drawn from realistic distributions (a fixed random seed: the same data on every run).

    seed_survey(diagnostic, actors, *, responses=60, seed=2026) -> Survey

Idempotent: a second run finds the survey by its title, invites actors added since, and adds
no answers once it has `responses`. No e-mail is sent: invitations to consenting contacts are
stamped as sent three weeks ago. Answers beyond what the invited actors give come through the
public link.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from actors.enums import ActorKind
from diagnostics.models import SurveyResponse
from diagnostics.surveys import invitations as invites
from diagnostics.surveys import services
from diagnostics.surveys.answers import questionnaire, response_save
from diagnostics.surveys.enums import QuestionKind
from diagnostics.surveys.logic import Choice
from diagnostics.surveys.template_data import TEMPLATE_INTRODUCTION, TEMPLATE_TITLE

RATE = 0.65
DRAFTS = 3
# Weights of the template's choices, by question key (its order in the template).
WEIGHTS = {
    "q2": [14, 9, 8, 6, 5, 3, 3, 1, 1],
    "q6": [0.6, 0.45, 0.35, 0.4, 0.3, 0.35, 0.05],
    "q18": [0.3, 0.35, 0.25, 0.45, 0.4, 0.05],
    "q19": [0.55, 0.35, 0.5, 0.2],
    "q21": [0.45, 0.5, 0.3, 0.15, 0.05],
}
YES_SHARE = {"q9": 0.62, "q17": 0.7, "q22": 0.48}
SCALE_WEIGHTS = {"q10": [1, 2, 4, 5, 2], "q15": [3, 5, 6, 4, 2], "q16": [2, 4, 6, 5, 2]}
FAMILY_INDEX = {
    ActorKind.ASSOCIATION: 0,
    ActorKind.COOPERATIVE: 1,
    ActorKind.MUTUELLE: 2,
    ActorKind.FONDATION: 3,
    ActorKind.ESS_COMMERCIAL: 4,
}
TEXTS = {
    "q7": ["Un local de 80 m² à Ancenis pour stocker et trier.", "Une salle d'activité partagée."],
    "q11": [
        "Un tissu associatif dense et des bénévoles engagés.",
        "Des coopératives agricoles anciennes et solides.",
        "Une collectivité à l'écoute.",
    ],
    "q12": [
        "Peu de locaux disponibles à prix abordable.",
        "Les acteurs se connaissent mal d'une commune à l'autre.",
        "Des difficultés de recrutement.",
    ],
    "q13": ["Les achats publics responsables.", "La demande de circuits courts augmente."],
    "q14": ["La baisse des subventions de fonctionnement.", "L'épuisement des bénévoles."],
    "q20": ["Une ressourcerie et un atelier vélo en commun.", "Un groupement d'employeurs."],
    "q23": ["Merci pour cette démarche.", "Vivement les ateliers."],
}


@transaction.atomic
def seed_survey(diagnostic, actors, *, responses=60, seed=2026):
    """Create or complete the demo survey of `diagnostic`; returns it."""
    survey = diagnostic.surveys.filter(title=TEMPLATE_TITLE).first()
    today = timezone.localdate()
    if survey is None:
        data = {
            "title": TEMPLATE_TITLE,
            "introduction": TEMPLATE_INTRODUCTION,
            "opens_on": today - timedelta(days=21),
            "closes_on": today + timedelta(days=30),
        }
        survey = services.survey_create(
            diagnostic=diagnostic, user=None, data=data, source=services.TEMPLATE
        )
        services.public_link_enable(survey=survey)
    new = invites.invitations_create(survey=survey, actors=list(actors))
    sent = [i.pk for i in new if i.contact_id]
    survey.invitations.filter(pk__in=sent).update(sent_at=timezone.now() - timedelta(days=21))
    done = survey.responses.filter(submitted_at__isnull=False).count()
    if done < responses:
        _answer(survey, responses - done, random.Random(f"{seed}-{done}"))
    return survey


def _answer(survey, wanted, rng):
    questions = questionnaire(survey)
    keys = {q.pk: f"q{n}" for n, q in enumerate([q for q in questions if not q.is_section], 1)}
    waiting = list(survey.invitations.filter(response__isnull=True).select_related("actor"))
    rng.shuffle(waiting)
    invited = waiting[: min(wanted, round(len(waiting) * RATE))]
    for invitation in invited:
        _one(survey, questions, keys, rng, invitation)
    for _ in range(wanted - len(invited)):
        _one(survey, questions, keys, rng, None)
    for invitation in waiting[len(invited) : len(invited) + DRAFTS]:
        response = SurveyResponse(survey=survey, invitation=invitation)
        values = _values(questions[:6], keys, rng, invitation.actor)
        response_save(survey=survey, response=response, questions=questions, values=values)


def _one(survey, questions, keys, rng, invitation):
    actor = invitation.actor if invitation else None
    response = SurveyResponse(survey=survey, invitation=invitation)
    values = _values(questions, keys, rng, actor)
    response = response_save(
        survey=survey, response=response, questions=questions, values=values, submit=True
    )
    when = timezone.now() - timedelta(days=rng.randint(0, 20), minutes=rng.randint(0, 600))
    SurveyResponse.objects.filter(pk=response.pk).update(started_at=when, submitted_at=when)


def _values(questions, keys, rng, actor):
    values = {}
    for question in questions:
        value = _value(question, keys.get(question.pk, ""), rng, actor)
        if value is not None:
            values[question.pk] = value
    return values


def _value(question, key, rng, actor):
    kind = question.kind
    choices = [o for o in question.options.all() if o.role == "choice"]
    if kind == QuestionKind.SINGLE:
        return _single(question, key, choices, rng, actor)
    if kind == QuestionKind.MULTIPLE:
        return _multiple(question, key, choices, rng)
    if kind == QuestionKind.YES_NO:
        return rng.random() < YES_SHARE.get(key, 0.5)
    if kind == QuestionKind.SCALE:
        return rng.choices([1, 2, 3, 4, 5], SCALE_WEIGHTS.get(key, [1, 2, 3, 3, 2]))[0]
    if kind == QuestionKind.MATRIX:
        rows = [o for o in question.options.all() if o.role == "row"]
        return {row.pk: rng.choices([1, 2, 3, 4, 5], _tilt(rng))[0] for row in rows}
    if kind == QuestionKind.NUMBER:
        return _number(key, rng)
    pool = TEXTS.get(key)
    return rng.choice(pool) if pool and rng.random() < 0.55 else None


def _single(question, key, choices, rng, actor):
    if key == "q1" and actor is not None and actor.kind in FAMILY_INDEX:
        return Choice((choices[FAMILY_INDEX[actor.kind]].pk,))
    weights = WEIGHTS.get(key) or [max(1, 8 - n) for n in range(len(choices) + 1)]
    options = [*choices, None] if question.allow_other else choices
    picked = rng.choices(options, weights[: len(options)])[0]
    return Choice((picked.pk,)) if picked else Choice((), "Économie circulaire")


def _multiple(question, key, choices, rng):
    shares = WEIGHTS.get(key) or [0.4] * (len(choices) + 1)
    picked = tuple(o.pk for o, p in zip(choices, shares, strict=False) if rng.random() < p)
    other = "Transmission et reprise" if question.allow_other and rng.random() < shares[-1] else ""
    if not picked and not other:
        picked = (rng.choice(choices).pk,)
    return Choice(picked, other)


def _tilt(rng):
    peak = rng.randint(2, 5)
    return [4 if step == peak else 1 + (abs(step - peak) < 2) for step in range(1, 6)]


def _number(key, rng):
    if key == "q3":
        return Decimal(min(400, round(rng.lognormvariate(1.3, 1.1), 1))).quantize(Decimal("0.1"))
    if key == "q4":
        return int(rng.lognormvariate(2.3, 1.0))
    if key == "q5":
        return rng.choice(
            [rng.randint(1901, 1990), rng.randint(1990, 2025), rng.randint(2005, 2025)]
        )
    return rng.randint(0, 50)
