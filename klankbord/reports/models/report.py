"""The report (melding) and its append-only status history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klankbord.core.append_only import AppendOnlyModel
from klankbord.crypto.fields import EncryptedCharField, EncryptedTextField

from ..constants import (
    ContactChannel,
    GenderPreference,
    MemberRole,
    PerpetratorType,
    PoliceReport,
    ReportStatus,
    SourceChannel,
)


class Report(models.Model):
    """What a council member reported, who handles it and where it stands.

    Everything a person wrote is encrypted at rest. ``categories``, ``incident_channels`` and ``impacts`` are JSON
    lists of choice values (not content) so that anonymised statistics can count them.
    """

    reference = models.CharField(_("kenmerk"), max_length=16, unique=True)
    status = models.CharField(
        _("status"), max_length=30, choices=ReportStatus.choices, default=ReportStatus.RECEIVED, db_index=True
    )
    status_changed_at = models.DateTimeField(_("status gewijzigd op"), default=timezone.now)
    source_channel = models.CharField(_("binnengekomen via"), max_length=20, choices=SourceChannel.choices)
    acute_danger = models.BooleanField(_("acuut gevaar gemeld"), default=False)
    urgent = models.BooleanField(_("urgent"), default=False, db_index=True)

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("melder (account)"),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registered_reports",
        verbose_name=_("geregistreerd door"),
    )
    assigned_counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_reports",
        verbose_name=_("vertrouwenspersoon"),
    )
    # Hook for the matching issue: the ambassador connected to this report. Access is decided by consent, not
    # by this column alone (see reports.permissions).
    ambassador = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ambassador_reports",
        verbose_name=_("regioambassadeur"),
    )

    municipality = models.ForeignKey(
        "geo.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("gemeente"),
    )
    member_role = models.CharField(_("functie"), max_length=20, choices=MemberRole.choices, blank=True)
    narrative = EncryptedTextField(_("wat er gebeurde"), blank=True)
    categories = models.JSONField(_("soort voorval"), default=list, blank=True)
    incident_channels = models.JSONField(_("hoe het gebeurde"), default=list, blank=True)
    perpetrator_type = models.CharField(
        _("wie het deed"), max_length=30, choices=PerpetratorType.choices, blank=True
    )
    occurred_on = models.DateField(_("datum"), null=True, blank=True)
    occurred_period = EncryptedCharField(_("periode"), max_length=200, blank=True)
    ongoing = models.BooleanField(_("gaat nog door"), null=True, blank=True)
    police_report = models.CharField(_("aangifte"), max_length=20, choices=PoliceReport.choices, blank=True)
    impacts = models.JSONField(_("gevolgen"), default=list, blank=True)
    impact_notes = EncryptedTextField(_("toelichting op de gevolgen"), blank=True)

    preferred_contact_channel = models.CharField(
        _("contact bij voorkeur via"), max_length=20, choices=ContactChannel.choices, blank=True
    )
    preferred_contact_times = EncryptedCharField(_("bereikbaar op"), max_length=200, blank=True)
    contact_name = EncryptedCharField(_("naam"), max_length=200, blank=True)
    contact_email = EncryptedCharField(_("e-mailadres"), max_length=254, blank=True)
    contact_phone = EncryptedCharField(_("telefoonnummer"), max_length=40, blank=True)

    wish_gender = models.CharField(
        _("voorkeur ambassadeur"), max_length=10, choices=GenderPreference.choices, blank=True
    )
    wish_excluded_municipalities = models.ManyToManyField(
        "geo.Municipality",
        blank=True,
        related_name="+",
        verbose_name=_("ambassadeur niet uit deze gemeenten"),
    )
    # Party membership is special category data (GDPR art. 9): stored only after an explicit choice to share it.
    party_shared = models.BooleanField(_("partij gedeeld"), default=False)
    member_party = EncryptedCharField(_("eigen partij"), max_length=100, blank=True)
    wish_notes = EncryptedTextField(_("andere wensen"), blank=True)

    received_at = models.DateTimeField(_("ontvangen op"), default=timezone.now, db_index=True)
    first_response_due = models.DateField(_("eerste reactie uiterlijk"), db_index=True)
    # Acute reports are answered within hours, not working days: the moment the first response is due.
    first_response_due_at = models.DateTimeField(
        _("eerste reactie uiterlijk om (acuut)"), null=True, blank=True
    )
    first_responded_at = models.DateTimeField(_("eerste reactie op"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        permissions = [("assign_report", _("Kan meldingen aan een vertrouwenspersoon toewijzen"))]
        indexes = [
            models.Index(fields=["status", "urgent"], name="reports_status_urgent_idx"),
            models.Index(fields=["assigned_counsellor", "status"], name="reports_assigned_idx"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status not in {ReportStatus.CLOSED, ReportStatus.WITHDRAWN}


class ReportStatusChange(AppendOnlyModel):
    """One step in a report's life. Written only by ``report_transition``; never edited."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("melding")
    )
    from_status = models.CharField(_("van"), max_length=30, choices=ReportStatus.choices, blank=True)
    to_status = models.CharField(_("naar"), max_length=30, choices=ReportStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    actor_kind = models.CharField(_("soort actor"), max_length=20)
    reason = EncryptedTextField(_("reden"), blank=True)
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")

    def __str__(self) -> str:
        return f"{self.report_id}: {self.from_status} → {self.to_status}"


class ReceiptCode(models.Model):
    """How a reporter without an account comes back: a lookup part and a slow hash of the secret part."""

    report = models.OneToOneField(
        Report, on_delete=models.CASCADE, related_name="receipt", verbose_name=_("melding")
    )
    lookup = models.CharField(_("opzoekdeel"), max_length=12, unique=True)
    secret_hash = models.CharField(_("hash van het geheime deel"), max_length=200)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("ontvangstcode")
        verbose_name_plural = _("ontvangstcodes")

    def __str__(self) -> str:
        return f"receipt of {self.report_id}"


class IntakeNote(models.Model):
    """A counsellor's short factual note. The member can ask for it: kept minimal, shown in their export."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="intake_notes", verbose_name=_("melding")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("auteur"),
    )
    body = EncryptedTextField(_("notitie"))
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("intakenotitie")
        verbose_name_plural = _("intakenotities")

    def __str__(self) -> str:
        return f"note {self.pk} on {self.report_id}"
