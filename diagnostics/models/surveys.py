"""Surveys of the territory's ESS actors: questionnaire, invitations with personal links,
responses and their answers, one row per answered value (so results are GROUP BY queries)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from diagnostics.surveys.enums import MailingKind, OptionRole, QuestionKind, SurveyState


class Survey(models.Model):
    """A questionnaire sent to the actors of a diagnostic's territory.

    It is open from `opens_on` to `closes_on` included (Europe/Paris days) unless closed by
    hand (`closed_at`); without `opens_on` it is still being prepared. The optional public link
    is stored as a nonce and a hash, like the personal links (surveys/tokens.py)."""

    workspace_path = "diagnostic__workspace"

    diagnostic = models.ForeignKey("diagnostics.Diagnostic", models.CASCADE, related_name="surveys")
    title = models.CharField("titre", max_length=255)
    introduction = models.TextField("introduction", blank=True)
    privacy_controller = models.CharField("responsable du traitement", max_length=255)
    privacy_purpose = models.TextField("finalité du traitement")
    privacy_retention = models.CharField("durée de conservation", max_length=255)
    privacy_contact = models.CharField("contact pour exercer vos droits", max_length=255)
    opens_on = models.DateField("ouverture le", null=True, blank=True)
    closes_on = models.DateField("clôture le", null=True, blank=True)
    closed_at = models.DateTimeField("close manuellement le", null=True, blank=True)
    named_results = models.BooleanField(
        "résultats nominatifs",
        default=False,
        help_text="Sinon, les résultats et les exports ne nomment pas les structures.",
    )
    public_nonce = models.CharField(max_length=64, blank=True, editable=False)
    public_token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "enquête"
        verbose_name_plural = "enquêtes"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("diagnostics:survey-detail", args=[self.pk])

    def state(self, today=None):
        today = today or timezone.localdate()
        if self.closed_at or (self.closes_on and self.closes_on < today):
            return SurveyState.CLOSED
        if self.opens_on is None:
            return SurveyState.DRAFT
        return SurveyState.OPEN if self.opens_on <= today else SurveyState.SCHEDULED

    def get_state_display(self):
        return self.state().label

    @property
    def has_public_link(self):
        return bool(self.public_token_hash)


class SurveyQuestion(models.Model):
    """A question, or a section heading (kind "section") grouping the questions after it.

    It is shown only when its condition holds: an option chosen (`condition_option`), or
    `condition_value` ("oui"/"non" for yes/no, a minimum for a scale or a number) given to
    the earlier `condition_question`. A section's condition applies to its questions."""

    workspace_path = "survey__diagnostic__workspace"

    survey = models.ForeignKey(Survey, models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField("ordre", default=0)
    kind = models.CharField("type", max_length=12, choices=QuestionKind.choices)
    text = models.CharField("intitulé", max_length=500)
    help_text = models.TextField("aide", blank=True)
    required = models.BooleanField("réponse obligatoire", default=False)
    allow_other = models.BooleanField("proposer «\u00a0Autre, précisez\u00a0»", default=False)
    min_value = models.DecimalField(
        "minimum", max_digits=14, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        "maximum", max_digits=14, decimal_places=2, null=True, blank=True
    )
    allow_decimals = models.BooleanField("décimales admises", default=False)
    scale_min_label = models.CharField("libellé du 1", max_length=100, blank=True)
    scale_max_label = models.CharField("libellé du 5", max_length=100, blank=True)
    condition_question = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="dependents",
        verbose_name="afficher selon la question",
    )
    condition_option = models.ForeignKey(
        "diagnostics.SurveyOption",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    condition_value = models.CharField(max_length=20, blank=True)

    class Meta:
        verbose_name = "question d'enquête"
        verbose_name_plural = "questions d'enquête"
        ordering = ["survey", "order", "pk"]

    def __str__(self):
        return self.text

    @property
    def is_section(self):
        return self.kind == QuestionKind.SECTION


class SurveyOption(models.Model):
    """A choice of a single or multiple choice question, or a row of a matrix."""

    workspace_path = "question__survey__diagnostic__workspace"

    question = models.ForeignKey(SurveyQuestion, models.CASCADE, related_name="options")
    role = models.CharField(max_length=6, choices=OptionRole.choices, default=OptionRole.CHOICE)
    label = models.CharField("libellé", max_length=255)
    order = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "option de question"
        verbose_name_plural = "options de question"
        ordering = ["question", "role", "order", "pk"]

    def __str__(self):
        return self.label


class SurveyInvitation(models.Model):
    """An actor invited to answer, with its personal link. Only a random nonce and the SHA-256
    of the link's token are stored (surveys/tokens.py). The e-mail goes to `contact` only
    while that contact consents to be contacted."""

    workspace_path = "survey__diagnostic__workspace"

    survey = models.ForeignKey(Survey, models.CASCADE, related_name="invitations")
    actor = models.ForeignKey("actors.Actor", models.CASCADE, related_name="survey_invitations")
    contact = models.ForeignKey(
        "actors.Contact", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    nonce = models.CharField(max_length=64, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("invitée le", auto_now_add=True)
    opened_at = models.DateTimeField("lien ouvert le", null=True, blank=True)
    sent_at = models.DateTimeField("envoyée le", null=True, blank=True)
    reminded_at = models.DateTimeField("relancée le", null=True, blank=True)
    reminder_count = models.PositiveSmallIntegerField("relances", default=0)

    class Meta:
        verbose_name = "invitation à l'enquête"
        verbose_name_plural = "invitations à l'enquête"
        ordering = ["survey", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "actor"], name="survey_invitation_unique"),
        ]

    def __str__(self):
        return f"{self.survey} → {self.actor}"


class SurveyResponse(models.Model):
    """One respondent's answers: through an invitation, or through the public link (then the
    browser session holds its id, and `ip_hash` a keyed hash of the address for the rate
    limit). Answers may be saved before `submitted_at`; only submitted ones are counted."""

    workspace_path = "survey__diagnostic__workspace"

    survey = models.ForeignKey(Survey, models.CASCADE, related_name="responses")
    # SET_NULL: an actor deleted (or merged into a duplicate) leaves its answers counted.
    invitation = models.OneToOneField(
        SurveyInvitation, models.SET_NULL, null=True, blank=True, related_name="response"
    )
    ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    started_at = models.DateTimeField("commencée le", auto_now_add=True)
    updated_at = models.DateTimeField("enregistrée le", auto_now=True)
    submitted_at = models.DateTimeField("envoyée le", null=True, blank=True)

    class Meta:
        verbose_name = "réponse à l'enquête"
        verbose_name_plural = "réponses à l'enquête"
        ordering = ["survey", "pk"]
        indexes = [
            models.Index(fields=["survey", "submitted_at"]),
            models.Index(fields=["survey", "ip_hash", "started_at"]),
        ]

    def __str__(self):
        return f"Réponse n°{self.pk} à {self.survey}"


class SurveyAnswer(models.Model):
    """One answered value: a chosen option (or a matrix row with its `number`), a number (yes
    = 1, no = 0, scale 1 to 5) or a text; a choice row without option is "Autre" with its
    text."""

    workspace_path = "response__survey__diagnostic__workspace"

    response = models.ForeignKey(SurveyResponse, models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, models.CASCADE, related_name="answers")
    option = models.ForeignKey(
        SurveyOption, models.CASCADE, null=True, blank=True, related_name="answers"
    )
    number = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = "réponse à une question"
        verbose_name_plural = "réponses aux questions"
        indexes = [models.Index(fields=["question", "option", "number"])]

    def __str__(self):
        return f"{self.question_id}: {self.option_id or self.number or self.text[:40]}"


class SurveyMailing(models.Model):
    """A batch of invitation or reminder e-mails, sent by a background task that records its
    progress here."""

    workspace_path = "survey__diagnostic__workspace"

    survey = models.ForeignKey(Survey, models.CASCADE, related_name="mailings")
    kind = models.CharField("nature", max_length=10, choices=MailingKind.choices)
    total = models.PositiveIntegerField("à envoyer", default=0)
    sent = models.PositiveIntegerField("envoyés", default=0)
    failed = models.PositiveIntegerField("échecs", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("lancé le", auto_now_add=True)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)

    class Meta:
        verbose_name = "envoi de l'enquête"
        verbose_name_plural = "envois de l'enquête"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} du {self.created_at:%d/%m/%Y}"

    @property
    def progress(self):
        """Share done, 0 to 100."""
        done = self.sent + self.failed
        return 100 if not self.total else min(100, round(100 * done / self.total))
