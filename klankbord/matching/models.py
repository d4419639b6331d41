"""Assignments of ambassadors to reports, and the coverage gaps recruitment works from."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klankbord.crypto.fields import EncryptedTextField

from .constants import OPEN_ASSIGNMENT_STATUSES, AssignmentStatus, GapReason, NoticeKind


class Assignment(models.Model):
    """An ambassador asked (and, once accepted, connected) to support the member of one report.

    Invariants: a report has at most one open (requested or accepted) assignment (database constraint), and an
    ambassador never has more open assignments than their capacity (``services.assignment_confirm`` counts
    them under a row lock on the ambassador).
    """

    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="assignments", verbose_name=_("melding")
    )
    ambassador = models.ForeignKey(
        "ambassadors.Ambassador",
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("ambassadeur"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AssignmentStatus.choices, default=AssignmentStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gevraagd door"),
    )
    requested_at = models.DateTimeField(_("gevraagd op"), default=timezone.now)
    responded_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    due_at = models.DateTimeField(_("antwoord uiterlijk"), null=True, blank=True)
    ended_at = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    reason = EncryptedTextField(_("reden"), blank=True)

    class Meta:
        ordering = ["-requested_at", "pk"]
        verbose_name = _("koppeling")
        verbose_name_plural = _("koppelingen")
        permissions = [("match_report", _("Kan een ambassadeur aan een melding koppelen"))]
        constraints = [
            models.UniqueConstraint(
                fields=["report"],
                condition=Q(status__in=OPEN_ASSIGNMENT_STATUSES),
                name="assignment_one_open_per_report",
            )
        ]
        indexes = [models.Index(fields=["ambassador", "status"], name="assignment_ambassador_idx")]

    def __str__(self) -> str:
        return f"{self.report_id} → {self.ambassador_id} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ASSIGNMENT_STATUSES


class CoverageGap(models.Model):
    """Nobody was available in or next to the member's region on a day: input for recruitment (issue 6).

    Holds no case content: the region, the day, the report's reference and counts of exclusion codes.
    """

    region = models.ForeignKey(
        "geo.Region",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("regio"),
    )
    region_name = models.CharField(_("regionaam"), max_length=80)
    scheme_slug = models.CharField(_("indeling"), max_length=40)
    date = models.DateField(_("datum"), default=timezone.localdate)
    report = models.ForeignKey(
        "reports.Report",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("melding"),
    )
    report_reference = models.CharField(_("kenmerk melding"), max_length=16)
    reason = models.CharField(_("reden"), max_length=20, choices=GapReason.choices)
    exclusion_counts = models.JSONField(_("uitsluitingen"), default=dict, blank=True)
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("tekort aan ambassadeurs")
        verbose_name_plural = _("tekorten aan ambassadeurs")
        constraints = [models.UniqueConstraint(fields=["report", "date"], name="coverage_gap_once_per_day")]

    def __str__(self) -> str:
        return f"{self.region_name} {self.date}"


class RequestNotice(models.Model):
    """Which mail about a request went out, so the reminder command never sends one twice."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="+", verbose_name=_("koppeling")
    )
    kind = models.CharField(_("soort"), max_length=10, choices=NoticeKind.choices)
    sent_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)

    class Meta:
        verbose_name = _("bericht over een verzoek")
        verbose_name_plural = _("berichten over verzoeken")
        constraints = [models.UniqueConstraint(fields=["assignment", "kind"], name="request_notice_once")]

    def __str__(self) -> str:
        return f"{self.kind} for {self.assignment_id}"
