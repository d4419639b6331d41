"""Support of one case: the ambassador's contact log, referrals, escalations, aftercare and the evaluation.

Free text is encrypted at rest and kept minimal; choices are stored as values so that anonymised process
feedback can count them without reading any text.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klankbord.core.append_only import AppendOnlyModel
from klankbord.crypto.fields import EncryptedTextField

from .constants import (
    CHECKIN_OPENS_DAYS_BEFORE,
    SCORE_MAX,
    SCORE_MIN,
    CheckInOutcome,
    CheckInStatus,
    ContactForm,
    EscalationTarget,
    ReferralKind,
    ReferralOutcome,
    Topic,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

USER = settings.AUTH_USER_MODEL


def _report(related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name=related_name, verbose_name=_("melding")
    )


def _user(label: StrOrPromise) -> models.ForeignKey:
    return models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=label
    )


class ContactMoment(models.Model):
    report = _report("contact_moments")
    author = _user(_("ambassadeur"))
    date = models.DateField(_("datum"), default=timezone.localdate)
    form = models.CharField(_("vorm"), max_length=10, choices=ContactForm.choices)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duur in minuten"), validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )
    topics = models.JSONField(_("onderwerpen"), default=list, blank=True)
    note = EncryptedTextField(_("korte notitie"), blank=True)
    next_appointment = models.DateTimeField(_("volgende afspraak"), null=True, blank=True)
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")

    def __str__(self) -> str:
        return f"contact {self.pk} on {self.report_id}"

    @property
    def topic_labels(self) -> list[str]:
        """The guidance topics chosen, as labels in the order chosen (a code no longer offered is left out)."""
        return [str(Topic(code).label) for code in self.topics if code in Topic.values]


class ReferralResource(models.Model):
    """An entry of the directory of help, national or for one region; kept by the coordinator."""

    name = models.CharField(_("naam"), max_length=120)
    kind = models.CharField(_("soort hulp"), max_length=30, choices=ReferralKind.choices)
    region = models.ForeignKey(
        "geo.Region",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("regio (leeg: landelijk)"),
    )
    description = models.TextField(_("omschrijving"), max_length=1000, blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    website = models.URLField(_("website"), blank=True)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("hulpaanbod")
        verbose_name_plural = _("hulpaanbod")
        permissions = [("manage_referral_resources", _("Kan het hulpaanbod beheren"))]
        constraints = [models.UniqueConstraint(fields=["name", "region"], name="referral_resource_unique")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_national(self) -> bool:
        return self.region_id is None


class Referral(models.Model):
    report = _report("referrals")
    resource = models.ForeignKey(
        ReferralResource, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("hulpaanbod")
    )
    created_by = _user(_("doorverwezen door"))
    created_at = models.DateTimeField(_("doorverwezen op"), default=timezone.now)
    outcome = models.CharField(
        _("stand"), max_length=10, choices=ReferralOutcome.choices, default=ReferralOutcome.SUGGESTED
    )
    outcome_changed_at = models.DateTimeField(_("stand gewijzigd op"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("doorverwijzing")
        verbose_name_plural = _("doorverwijzingen")

    def __str__(self) -> str:
        return f"referral {self.pk} on {self.report_id}"


class ReferralOutcomeChange(AppendOnlyModel):
    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="history", verbose_name=_("doorverwijzing")
    )
    outcome = models.CharField(_("stand"), max_length=10, choices=ReferralOutcome.choices)
    actor = _user(_("door"))
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("wijziging van een doorverwijzing")
        verbose_name_plural = _("wijzigingen van doorverwijzingen")

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.outcome}"


class Escalation(models.Model):
    """ "Dit gaat mijn rol te boven": the ambassador hands a question to the counsellor or the association."""

    report = _report("escalations")
    raised_by = _user(_("gemeld door"))
    target = models.CharField(_("naar"), max_length=12, choices=EscalationTarget.choices)
    reason = EncryptedTextField(_("waarom"))
    created_at = models.DateTimeField(_("gemeld op"), default=timezone.now)
    handled_at = models.DateTimeField(_("opgepakt op"), null=True, blank=True)
    handled_by = _user(_("opgepakt door"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("escalatie")
        verbose_name_plural = _("escalaties")

    def __str__(self) -> str:
        return f"escalation {self.pk} on {self.report_id}"


class AftercareCheckIn(models.Model):
    report = _report("checkins")
    ambassador = _user(_("ambassadeur"))
    offset_days = models.PositiveSmallIntegerField(_("dagen na einde begeleiding"))
    due_on = models.DateField(_("gepland op"), db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CheckInStatus.choices, default=CheckInStatus.PLANNED
    )
    outcome = models.CharField(_("uitkomst"), max_length=12, choices=CheckInOutcome.choices, blank=True)
    note = EncryptedTextField(_("korte notitie"), blank=True)
    done_at = models.DateTimeField(_("gehouden op"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("herinnering verstuurd op"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("nazorgmoment")
        verbose_name_plural = _("nazorgmomenten")

    def __str__(self) -> str:
        return f"check-in {self.pk} on {self.report_id}"

    @property
    def recordable_from(self) -> date:
        """The first day this check-in can be recorded as held (the day its reminder goes out)."""
        return self.due_on - timedelta(days=CHECKIN_OPENS_DAYS_BEFORE)

    @property
    def opens_later(self) -> bool:
        """Its recording window has not opened yet today."""
        return timezone.localdate() < self.recordable_from


class Reflection(models.Model):
    """The reflection conversation at the end: what went well, what to learn (kept short)."""

    report = _report("reflections")
    author = _user(_("vastgelegd door"))
    held_on = models.DateField(_("gehouden op"), default=timezone.localdate)
    note = EncryptedTextField(_("korte weergave"))
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("reflectiegesprek")
        verbose_name_plural = _("reflectiegesprekken")

    def __str__(self) -> str:
        return f"reflection {self.pk} on {self.report_id}"


def _score(label: StrOrPromise) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label, validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]
    )


class ClosingEvaluation(models.Model):
    report = models.OneToOneField(
        "reports.Report", on_delete=models.CASCADE, related_name="evaluation", verbose_name=_("melding")
    )
    score_heard = _score(_("gehoord"))
    score_fit = _score(_("passende ambassadeur"))
    score_referrals = _score(_("doorverwijzingen"))
    score_overall = _score(_("tevredenheid"))
    helped = EncryptedTextField(_("wat hielp"), blank=True)
    missing = EncryptedTextField(_("wat miste"), blank=True)
    submitted_at = models.DateTimeField(_("ingevuld op"), default=timezone.now)

    class Meta:
        verbose_name = _("slotevaluatie")
        verbose_name_plural = _("slotevaluaties")

    def __str__(self) -> str:
        return f"evaluation of {self.report_id}"
