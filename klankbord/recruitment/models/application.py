from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klankbord.crypto.fields import EncryptedCharField, EncryptedTextField

from ..constants import ApplicationStatus, BackgroundKind, CVKind, Decision


def cv_path(instance: object, filename: str) -> str:
    """A random storage name: neither the applicant's name nor the original file name ends up on disk."""
    return f"recruitment/cv/{secrets.token_hex(16)}.bin"


def pending_path(instance: object, filename: str) -> str:
    """Only named by migration 0001: pending CVs now live in ``klankbord.uploads``."""
    return f"recruitment/pending/{secrets.token_hex(16)}.bin"


class Application(models.Model):
    """One person applying for one vacancy. Contact details, texts and the CV are encrypted at rest.

    ``procedure_ended_at`` is set when the procedure is over for this person (a rejection or reserve decision,
    a withdrawal, or onboarding completed); ``retain_until`` follows from it and the consent, and the purge
    command removes the application (with its scores, interviews and files) once that moment has passed.
    """

    vacancy = models.ForeignKey(
        "recruitment.Vacancy",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("vacature"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.RECEIVED,
        db_index=True,
    )
    name = EncryptedCharField(_("naam"), max_length=120)
    email = EncryptedCharField(_("e-mailadres"), max_length=254)
    phone = EncryptedCharField(_("telefoonnummer"), max_length=40, blank=True)
    home_municipality = models.ForeignKey(
        "geo.Municipality", on_delete=models.PROTECT, related_name="+", verbose_name=_("woongemeente")
    )
    background_kind = models.CharField(
        _("rol in het lokaal bestuur"), max_length=30, choices=BackgroundKind.choices
    )
    background = EncryptedTextField(_("achtergrond in het lokaal bestuur"))
    years_council_member = models.PositiveSmallIntegerField(_("jaren raadslid"), default=0)
    years_alderman = models.PositiveSmallIntegerField(_("jaren wethouder"), default=0)
    years_mayor = models.PositiveSmallIntegerField(_("jaren burgemeester"), default=0)
    years_clerk = models.PositiveSmallIntegerField(_("jaren griffier"), default=0)
    motivation = EncryptedTextField(_("motivatie"))
    language = models.CharField(_("taal voor e-mail"), max_length=2, default="nl")

    cv = models.FileField(_("cv"), upload_to=cv_path, max_length=200, blank=True)
    cv_filename = EncryptedCharField(_("bestandsnaam cv"), max_length=200, blank=True)
    cv_kind = models.CharField(_("soort cv"), max_length=4, choices=CVKind.choices, blank=True)
    cv_size = models.PositiveIntegerField(_("grootte cv (bytes)"), default=0)

    consent_keep = models.BooleanField(_("gegevens een jaar bewaren voor latere vacatures"), default=False)
    submitted_at = models.DateTimeField(_("ontvangen op"), default=timezone.now, db_index=True)

    decision = models.CharField(_("besluit"), max_length=10, choices=Decision.choices, blank=True)
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    # A decision is first proposed, then confirmed in a second step; the mail leaves only on confirmation.
    proposed_decision = models.CharField(
        _("voorgesteld besluit"), max_length=10, choices=Decision.choices, blank=True
    )
    proposed_at = models.DateTimeField(_("voorgesteld op"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voorgesteld door"),
    )
    procedure_ended_at = models.DateTimeField(_("procedure afgerond op"), null=True, blank=True)
    retain_until = models.DateTimeField(_("bewaren tot"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("sollicitatie")
        verbose_name_plural = _("sollicitaties")
        ordering = ["-submitted_at"]
        permissions = [
            ("view_applications", _("Kan sollicitaties inzien")),
            ("score_applications", _("Kan sollicitaties beoordelen als lid van de selectiecommissie")),
            ("conduct_interviews", _("Kan selectiegesprekken plannen en verslag vastleggen")),
            ("decide_applications", _("Kan het besluit over een sollicitatie vastleggen")),
            ("onboard_ambassadors", _("Kan aangenomen kandidaten inwerken en hun account aanmaken")),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} ({self.status})"
