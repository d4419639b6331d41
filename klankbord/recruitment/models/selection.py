from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from klankbord.crypto.fields import EncryptedCharField, EncryptedTextField

from ..constants import InterviewMode, InterviewStatus, Recommendation

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

SCORE_RANGE = [MinValueValidator(1), MaxValueValidator(5)]


def _score_field(label: StrOrPromise) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label, validators=SCORE_RANGE)


class Score(models.Model):
    """One committee member's independent judgement of one applicant. Submitted once and never edited, so
    nobody can adjust a score after seeing the others' (see docs/adr/0031-recruitment-blind-scoring.md)."""

    application = models.ForeignKey(
        "recruitment.Application",
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("sollicitatie"),
    )
    # SET_NULL: removing a member's account keeps their (anonymous) score in the combined overview.
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("commissielid"),
    )
    neutral = _score_field(_("neutraal"))
    integrity = _score_field(pgettext_lazy("competentie", "integer"))
    experience = _score_field(_("ervaring binnen het lokaal bestuur"))
    resilience = _score_field(_("bestand tegen omgevingsdruk"))
    empathy = _score_field(_("empathisch"))
    recommendation = models.CharField(_("advies"), max_length=12, choices=Recommendation.choices)
    remarks = EncryptedTextField(_("toelichting"), blank=True)
    submitted_at = models.DateTimeField(_("ingediend op"), default=timezone.now)

    class Meta:
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")
        ordering = ["submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "member"], name="recruitment_one_score_per_member"
            ),
            *[
                models.CheckConstraint(
                    condition=models.Q(**{f"{name}__gte": 1, f"{name}__lte": 5}),
                    name=f"recruitment_score_{name}",
                )
                for name in ("neutral", "integrity", "experience", "resilience", "empathy")
            ],
        ]

    def __str__(self) -> str:
        return f"score {self.application_id}/{self.member_id}"


class CommitteeConflict(models.Model):
    """A member declared a conflict of interest: they no longer see or judge this applicant."""

    application = models.ForeignKey(
        "recruitment.Application",
        on_delete=models.CASCADE,
        related_name="conflicts",
        verbose_name=_("sollicitatie"),
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("commissielid")
    )
    reason = EncryptedTextField(_("toelichting"), blank=True)
    declared_at = models.DateTimeField(_("gemeld op"), default=timezone.now)

    class Meta:
        verbose_name = _("belangenconflict")
        verbose_name_plural = _("belangenconflicten")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "member"], name="recruitment_one_conflict_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"conflict {self.application_id}/{self.member_id}"


class Interview(models.Model):
    application = models.ForeignKey(
        "recruitment.Application",
        on_delete=models.CASCADE,
        related_name="interviews",
        verbose_name=_("sollicitatie"),
    )
    uid = models.UUIDField(_("agenda-ID"), default=uuid.uuid4, unique=True, editable=False)
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"))
    mode = models.CharField(_("vorm"), max_length=10, choices=InterviewMode.choices)
    location = models.CharField(_("adres"), max_length=200, blank=True)
    video_url = models.CharField(
        _("videolink"), max_length=300, blank=True, validators=[URLValidator(schemes=["https"])]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=InterviewStatus.choices, default=InterviewStatus.PLANNED
    )
    sequence = models.PositiveIntegerField(_("versie"), default=0)
    # The committee members who hold the interview: each gets the invitation, appears on the calendar file,
    # and must score (or recuse) before a decision (docs/adr/0031-recruitment-blind-scoring.md).
    panel = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("gesprekspanel")
    )
    outcome_notes = EncryptedTextField(_("verslag"), blank=True)
    outcome_recorded_at = models.DateTimeField(_("verslag vastgelegd op"), null=True, blank=True)
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verslag vastgelegd door"),
    )
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("gepland door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("selectiegesprek")
        verbose_name_plural = _("selectiegesprekken")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="recruitment_interview_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"interview {self.application_id} {self.starts_at:%Y-%m-%d %H:%M}"


class Onboarding(models.Model):
    """The checklist between acceptance and a working ambassador account."""

    application = models.OneToOneField(
        "recruitment.Application",
        on_delete=models.CASCADE,
        related_name="onboarding",
        verbose_name=_("sollicitatie"),
    )
    vog_received_at = models.DateTimeField(_("VOG ontvangen op"), null=True, blank=True)
    vog_issued_on = models.DateField(_("VOG afgegeven op"), null=True, blank=True)
    vog_valid_until = models.DateField(_("VOG vernieuwen voor"), null=True, blank=True)
    vog_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("VOG gecontroleerd door"),
    )
    pledge_signed_at = models.DateTimeField(_("geheimhoudingsverklaring getekend op"), null=True, blank=True)
    pledge_signed_on = models.DateField(_("datum van ondertekening"), null=True, blank=True)
    pledge_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verklaring gecontroleerd door"),
    )
    training_followed_at = models.DateTimeField(_("training gevolgd op"), null=True, blank=True)
    regions = models.ManyToManyField("geo.Region", blank=True, related_name="+", verbose_name=_("regio's"))
    capacity = models.PositiveSmallIntegerField(_("capaciteit (lopende trajecten tegelijk)"), default=2)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )
    account_created_at = models.DateTimeField(_("account aangemaakt op"), null=True, blank=True)
    note = EncryptedCharField(_("notitie"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("inwerken")
        verbose_name_plural = _("inwerken")

    def __str__(self) -> str:
        return f"onboarding {self.application_id}"

    @property
    def checklist_complete(self) -> bool:
        return all((self.vog_received_at, self.pledge_signed_at, self.training_followed_at))
