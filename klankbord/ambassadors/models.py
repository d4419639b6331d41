"""The regional ambassador (regioambassadeur): profile, leave, declared conflicts and time spent.

Regions served, and what happens when the region scheme changes (decision, tested in
tests/ambassadors/test_ambassador_regions.py):
- An ambassador always serves the region of their home municipality in the *active* scheme: it is derived
  (``selectors.served_region_ids``), never stored, so it follows a scheme change by itself.
- ``extra_regions`` are the regions the coordinator added explicitly. Only those of the active scheme count;
  after a scheme change the old ones stop counting at once, so matching never uses a stale region.
- ``services.ambassador_regions_realign`` (offered to the coordinator whenever stale extras exist) removes the
  extras of other schemes and sets ``regions_review_needed``, so the coordinator picks the extra regions anew.
  Old regions are not mapped onto new ones automatically: a province overlaps several safety regions, and
  silently widening an ambassador's area is worse than a short review.

Party membership is special category data (GDPR art. 9): ``party`` is encrypted and only stored while
``party_consent_at`` is set; withdrawing consent erases it (``services.ambassador_party_set``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klankbord.crypto.fields import EncryptedCharField
from klankbord.geo.selectors import party_label

from .constants import (
    CAPACITY_DEFAULT,
    CAPACITY_MAX,
    CAPACITY_MIN,
    MINUTES_MAX,
    SCORE_MAX,
    SCORE_MIN,
    SHORT_TEXT_MAX_LENGTH,
    YEARS_MAX,
    AmbassadorStatus,
    BackgroundRole,
    Competence,
    ConflictKind,
    Gender,
    TimeActivity,
    TimeSource,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

_SCORE = [MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]
_YEARS = [MaxValueValidator(YEARS_MAX)]


def _score(label: StrOrPromise) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label, null=True, blank=True, validators=_SCORE)


def _years(label: StrOrPromise) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label, default=0, validators=_YEARS)


class Ambassador(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="ambassador",
        verbose_name=_("account"),
    )
    home_municipality = models.ForeignKey(
        "geo.Municipality", on_delete=models.PROTECT, related_name="+", verbose_name=_("woongemeente")
    )
    extra_regions = models.ManyToManyField(
        "geo.Region", blank=True, related_name="extra_ambassadors", verbose_name=_("extra regio's")
    )
    regions_review_needed = models.BooleanField(_("regio's controleren"), default=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AmbassadorStatus.choices,
        default=AmbassadorStatus.ACTIVE,
        db_index=True,
    )
    status_changed_at = models.DateTimeField(_("status gewijzigd op"), default=timezone.now)
    status_note = EncryptedCharField(
        _("toelichting bij de status"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True
    )
    capacity = models.PositiveSmallIntegerField(
        _("maximaal aantal open zaken"),
        default=CAPACITY_DEFAULT,
        validators=[MinValueValidator(CAPACITY_MIN), MaxValueValidator(CAPACITY_MAX)],
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    party = EncryptedCharField(_("partij"), max_length=100, blank=True)
    party_consent_at = models.DateTimeField(_("toestemming partij vastleggen op"), null=True, blank=True)
    languages = models.JSONField(_("talen"), default=list, blank=True)
    availability_note = models.CharField(_("beschikbaarheid"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    years_council_member = _years(_("jaren raadslid"))
    years_alderman = _years(_("jaren wethouder"))
    years_mayor = _years(_("jaren burgemeester"))
    years_clerk = _years(_("jaren griffier"))
    score_neutral = _score(Competence.NEUTRAL.label)
    score_integrity = _score(Competence.INTEGRITY.label)
    score_local_government = _score(Competence.LOCAL_GOVERNMENT.label)
    score_resilience = _score(Competence.RESILIENCE.label)
    score_empathy = _score(Competence.EMPATHY.label)
    assessed_on = models.DateField(_("beoordeeld op"), null=True, blank=True)
    started_on = models.DateField(_("ambassadeur sinds"), default=timezone.localdate)
    # The certificate of conduct (VOG) checked at onboarding, and when it must be renewed.
    vog_issued_on = models.DateField(_("VOG afgegeven op"), null=True, blank=True)
    vog_valid_until = models.DateField(_("VOG vernieuwen voor"), null=True, blank=True, db_index=True)
    vog_reminded_on = models.DateField(_("herinnering VOG verstuurd op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        ordering = ["user__display_name", "pk"]
        verbose_name = _("regioambassadeur")
        verbose_name_plural = _("regioambassadeurs")
        permissions = [
            ("manage_ambassadors", _("Kan alle ambassadeursprofielen beheren")),
            ("manage_own_profile", _("Kan het eigen ambassadeursprofiel beheren")),
            ("log_time", _("Kan tijdsbesteding bijhouden")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=CAPACITY_MIN, capacity__lte=CAPACITY_MAX),
                name="ambassador_capacity_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def name(self) -> str:
        return str(self.user)

    @property
    def is_active(self) -> bool:
        return self.status == AmbassadorStatus.ACTIVE

    @property
    def party_known(self) -> bool:
        return bool(self.party_consent_at and self.party)

    def competence_scores(self) -> list[tuple[str, int | None]]:
        return [(str(c.label), getattr(self, f"score_{c.value}")) for c in Competence]

    def background(self) -> list[tuple[str, int]]:
        """(role, years) for every former role with at least one year."""
        years = [(str(r.label), getattr(self, f"years_{r.value}")) for r in BackgroundRole]
        return [(label, count) for label, count in years if count]


class LeavePeriod(models.Model):
    """A period (both days inclusive) in which the ambassador takes no new case."""

    ambassador = models.ForeignKey(
        Ambassador, on_delete=models.CASCADE, related_name="leave_periods", verbose_name=_("ambassadeur")
    )
    starts_on = models.DateField(_("van"))
    ends_on = models.DateField(_("tot en met"))
    note = EncryptedCharField(_("toelichting"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("verlofperiode")
        verbose_name_plural = _("verlofperiodes")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="leave_period_order")
        ]

    def __str__(self) -> str:
        return f"{self.starts_on} - {self.ends_on}"


class AmbassadorConflict(models.Model):
    """Whom the ambassador cannot serve: a municipality (e.g. where a relative sits on the council), a person or
    a party. Names are encrypted; matching compares them after normalising case and spacing."""

    ambassador = models.ForeignKey(
        Ambassador, on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("ambassadeur")
    )
    kind = models.CharField(_("soort"), max_length=20, choices=ConflictKind.choices)
    municipality = models.ForeignKey(
        "geo.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    name = EncryptedCharField(_("naam"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    declared_at = models.DateTimeField(_("gemeld op"), default=timezone.now)

    class Meta:
        ordering = ["declared_at", "pk"]
        verbose_name = _("belangenconflict")
        verbose_name_plural = _("belangenconflicten")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=ConflictKind.MUNICIPALITY, municipality__isnull=False)
                | Q(~Q(kind=ConflictKind.MUNICIPALITY), municipality__isnull=True),
                name="conflict_municipality_iff_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.ambassador_id})"

    @property
    def label(self) -> str:
        """Whom the conflict is with, as shown: the municipality, the party's name on the list, or the person."""
        if self.municipality_id:
            return self.municipality.name if self.municipality else ""
        return party_label(self.name) if self.kind == ConflictKind.PARTY else self.name


class TimeEntry(models.Model):
    """Time an ambassador spent, per case and activity. Kept when the case file is destroyed (report SET_NULL)."""

    ambassador = models.ForeignKey(
        Ambassador, on_delete=models.CASCADE, related_name="time_entries", verbose_name=_("ambassadeur")
    )
    report = models.ForeignKey(
        "reports.Report",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("melding"),
    )
    date = models.DateField(_("datum"))
    activity = models.CharField(_("activiteit"), max_length=20, choices=TimeActivity.choices)
    minutes = models.PositiveSmallIntegerField(_("minuten"))
    # An entry booked with a contact moment belongs to that moment: it is not deleted on the time page.
    source = models.CharField(
        _("herkomst"), max_length=20, choices=TimeSource.choices, default=TimeSource.MANUAL
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("tijdsbesteding")
        verbose_name_plural = _("tijdsbesteding")
        indexes = [models.Index(fields=["ambassador", "date"], name="timeentry_ambassador_date_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=1, minutes__lte=MINUTES_MAX), name="timeentry_minutes"
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.activity} {self.minutes}"
