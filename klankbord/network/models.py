"""The network itself: gatherings (return day, intervision) with invitations and attendance, experiences
submitted for the return day (de-identified), heavy-case flags and debrief requests.

An experience holds only text that de-identification no longer changes (``services.experience_submit``
checks it); the author saw and confirmed exactly that text. The raw text is never stored.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klankbord.crypto.fields import EncryptedTextField

from .constants import (
    AGENDA_MAX_LENGTH,
    CAPACITY_MAX,
    PLACE_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    DebriefReason,
    DebriefStatus,
    GatheringKind,
    Response,
)


class Gathering(models.Model):
    """A national return day or a regional intervision meeting."""

    kind = models.CharField(_("soort"), max_length=20, choices=GatheringKind.choices)
    title = models.CharField(_("titel"), max_length=TITLE_MAX_LENGTH)
    region = models.ForeignKey(
        "geo.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("regio"),
        help_text=_("Leeg: alle actieve ambassadeurs worden uitgenodigd."),
    )
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"))
    place = models.CharField(_("plaats"), max_length=PLACE_MAX_LENGTH, blank=True)
    online_url = models.URLField(_("link voor online deelname"), blank=True)
    agenda = models.TextField(_("agenda"), max_length=AGENDA_MAX_LENGTH, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("maximaal aantal deelnemers"), validators=[MinValueValidator(1), MaxValueValidator(CAPACITY_MAX)]
    )
    sequence = models.PositiveIntegerField(_("versie van de agenda-uitnodiging"), default=0)
    cancelled_at = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("herinnering verstuurd op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        permissions = [
            ("manage_gatherings", _("Kan bijeenkomsten plannen, uitnodigen en aanwezigheid registreren")),
            ("take_part", _("Kan deelnemen aan het netwerk (uitnodigingen, ervaringen, welzijn)")),
            ("view_network_figures", _("Kan tijdsbesteding en belasting van het netwerk zien")),
            ("handle_debriefs", _("Kan verzoeken om een nagesprek behandelen")),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="gathering_order"),
            models.CheckConstraint(
                condition=Q(capacity__gte=1, capacity__lte=CAPACITY_MAX), name="gathering_capacity"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_at:%Y-%m-%d})"

    @property
    def is_return_day(self) -> bool:
        return self.kind == GatheringKind.RETURN_DAY

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class Invitation(models.Model):
    """One ambassador invited to one gathering: the answer, the waiting list and the attendance."""

    gathering = models.ForeignKey(
        Gathering, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("bijeenkomst")
    )
    ambassador = models.ForeignKey(
        "ambassadors.Ambassador",
        on_delete=models.CASCADE,
        related_name="network_invitations",
        verbose_name=_("ambassadeur"),
    )
    invited_at = models.DateTimeField(_("uitgenodigd op"), default=timezone.now)
    response = models.CharField(
        _("antwoord"), max_length=10, choices=Response.choices, default=Response.PENDING
    )
    responded_at = models.DateTimeField(_("geantwoord op"), null=True, blank=True)
    attended = models.BooleanField(_("aanwezig"), null=True, blank=True)
    attendance_recorded_at = models.DateTimeField(_("aanwezigheid vastgelegd op"), null=True, blank=True)

    class Meta:
        ordering = ["gathering__starts_at", "ambassador__user__display_name", "pk"]
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        constraints = [
            models.UniqueConstraint(fields=["gathering", "ambassador"], name="invitation_once_per_gathering")
        ]
        indexes = [models.Index(fields=["gathering", "response"], name="invitation_response_idx")]

    def __str__(self) -> str:
        return f"{self.gathering_id} → {self.ambassador_id} ({self.response})"


class Experience(models.Model):
    """An experience an ambassador brings to the return day, de-identified before it was stored."""

    gathering = models.ForeignKey(
        Gathering, on_delete=models.CASCADE, related_name="experiences", verbose_name=_("bijeenkomst")
    )
    ambassador = models.ForeignKey(
        "ambassadors.Ambassador",
        on_delete=models.CASCADE,
        related_name="network_experiences",
        verbose_name=_("ambassadeur"),
    )
    # De-identified text only, and still encrypted at rest.
    text = EncryptedTextField(_("ervaring (geanonimiseerd)"))
    submitted_at = models.DateTimeField(_("ingediend op"), default=timezone.now)

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("ervaring")
        verbose_name_plural = _("ervaringen")

    def __str__(self) -> str:
        return f"experience {self.pk} for {self.gathering_id}"


class CaseLoadFlag(models.Model):
    """That a case weighed heavily on its ambassador. Holds no content: the assignment, who, when."""

    assignment = models.OneToOneField(
        "matching.Assignment", on_delete=models.CASCADE, related_name="load_flag", verbose_name=_("koppeling")
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemarkeerd door"),
    )
    at = models.DateTimeField(_("gemarkeerd op"), default=timezone.now)

    class Meta:
        ordering = ["-at", "pk"]
        verbose_name = _("zware zaak")
        verbose_name_plural = _("zware zaken")

    def __str__(self) -> str:
        return f"heavy {self.assignment_id}"


class DebriefRequest(models.Model):
    """An ambassador asks for a debrief with a counsellor. No free text: the counsellor calls them."""

    ambassador = models.ForeignKey(
        "ambassadors.Ambassador",
        on_delete=models.CASCADE,
        related_name="debrief_requests",
        verbose_name=_("ambassadeur"),
    )
    reason = models.CharField(_("aanleiding"), max_length=20, choices=DebriefReason.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=DebriefStatus.choices, default=DebriefStatus.OPEN, db_index=True
    )
    requested_at = models.DateTimeField(_("gevraagd op"), default=timezone.now)
    # Set when the coordinator proposed the debrief (seeing the load figures); the conversation itself is the
    # counsellor's, as with a request of the ambassador's own.
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voorgesteld door"),
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("behandeld door"),
    )
    handled_at = models.DateTimeField(_("behandeld op"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "pk"]
        verbose_name = _("verzoek om een nagesprek")
        verbose_name_plural = _("verzoeken om een nagesprek")

    def __str__(self) -> str:
        return f"debrief {self.pk} ({self.status})"
