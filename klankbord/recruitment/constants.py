"""Choices and fixed numbers of recruitment. Every label is a Dutch msgid (English lives in the catalogue)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Coverage: default target per region (see docs/adr/0030-recruitment-coverage-target.md).
SEATS_TOTAL = 8552  # council seats after the elections of 18 March 2026
MUNICIPALITIES_TOTAL = 342  # municipalities in the 2026 division
SEATS_PER_MUNICIPALITY = 25  # 8,552 / 342 = 25.0: there is no per-municipality seat table, so use the mean
SEATS_PER_AMBASSADOR = 300  # one ambassador per about 300 council seats (about 28 nationally)
CASES_PER_AMBASSADOR_YEAR = 5  # mid-range of the 1-10 cases per ambassador per year in the domain notes
DEMAND_WINDOW = timedelta(days=365)

# Retention (docs/adr/0032-recruitment-retention.md).
RETENTION_WITHOUT_CONSENT = timedelta(weeks=4)
RETENTION_WITH_CONSENT = timedelta(days=365)
PENDING_UPLOAD_LIFETIME = timedelta(hours=24)
# The certificate of conduct (VOG): at onboarding it may be at most three months old (the usual term for a VOG
# handed in); the association asks for a new one every three years and reminds the ambassador two months ahead.
VOG_MAX_AGE = timedelta(days=92)
VOG_RENEW_AFTER_YEARS = 3
VOG_REMIND_DAYS = 60

# Uploads.
CV_MAX_BYTES = 10 * 1024 * 1024
APPLY_RATE = 5  # stored applications per IP address ...
APPLY_ATTEMPT_RATE = 30  # ... and form submissions (valid or not) per IP address ...
APPLY_RATE_WINDOW_SECONDS = 3600  # ... per hour


class VacancyStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Gesloten")


class ApplicationStatus(models.TextChoices):
    RECEIVED = "received", _("Ontvangen")
    INTERVIEW = "interview", _("Gespreksfase")
    ACCEPTED = "accepted", _("Aangenomen")
    RESERVE = "reserve", _("Reserve")
    REJECTED = "rejected", pgettext_lazy("sollicitatie", "Afgewezen")
    ONBOARDED = "onboarded", _("Ingewerkt")
    WITHDRAWN = "withdrawn", _("Teruggetrokken")


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("Aannemen")
    RESERVE = "reserve", _("Reserve")
    REJECTED = "rejected", _("Afwijzen")


class BackgroundKind(models.TextChoices):
    COUNCIL_MEMBER = "council_member", _("Raadslid")
    FORMER_COUNCIL_MEMBER = "former_council_member", _("Oud-raadslid")
    ALDERMAN = "alderman", _("(Oud-)wethouder")
    CLERK = "clerk", _("(Oud-)griffier of raadsadviseur")
    OTHER = "other", _("Anders binnen het lokaal bestuur")


class Recommendation(models.TextChoices):
    STRONG_YES = "strong_yes", _("Sterk aanbevolen")
    YES = "yes", _("Aanbevolen")
    DOUBT = "doubt", _("Twijfel")
    NO = "no", _("Niet aanbevolen")


class InterviewMode(models.TextChoices):
    IN_PERSON = "in_person", _("Op locatie")
    VIDEO = "video", _("Videogesprek")


class InterviewStatus(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    HELD = "held", _("Gehouden")
    CANCELLED = "cancelled", _("Geannuleerd")


class CVKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"
    ODT = "odt", "OpenDocument (ODT)"


class Competence(models.TextChoices):
    """The five competences of the function profile, in its order; the value is the score field's name."""

    NEUTRAL = "neutral", _("Neutraal")
    # A context: Django's own Dutch catalogue translates the msgid "Integer" as "Geheel getal".
    INTEGRITY = "integrity", pgettext_lazy("competentie", "Integer")
    EXPERIENCE = "experience", _("Ervaring binnen het lokaal bestuur")
    RESILIENCE = "resilience", _("Bestand tegen omgevingsdruk")
    EMPATHY = "empathy", _("Empathisch")


@dataclass(frozen=True)
class RubricLevel:
    score: int
    label: Promise
    description: Promise


RUBRIC_LEVELS: tuple[RubricLevel, ...] = (
    RubricLevel(
        1, _("Onvoldoende"), _("Geen of een tegenstrijdig beeld; dit is een duidelijk risico voor de rol.")
    ),
    RubricLevel(2, _("Zwak"), _("Enkele aanwijzingen, maar te weinig om er in de rol op te kunnen bouwen.")),
    RubricLevel(
        3, _("Voldoende"), _("Aanwezig en met een voorbeeld onderbouwd; genoeg om de rol te vervullen.")
    ),
    RubricLevel(
        4, _("Goed"), _("Duidelijk aanwezig, met meerdere overtuigende voorbeelden uit de praktijk.")
    ),
    RubricLevel(5, _("Uitstekend"), _("Sterk en consequent aanwezig, ook onder moeilijke omstandigheden.")),
)

# What the committee looks for per competence: the question each score answers.
COMPETENCE_GUIDANCE: dict[str, StrOrPromise] = {
    Competence.NEUTRAL: _(
        "Kan een raadslid bijstaan los van partij, gemeente of eigen opvattingen, en kiest geen kant in het conflict."
    ),
    Competence.INTEGRITY: _(
        "Gaat zorgvuldig om met vertrouwelijke informatie, is open over eigen belangen en doet wat is afgesproken."
    ),
    Competence.EXPERIENCE: _(
        "Kent de praktijk van raad, griffie en college van binnenuit en begrijpt de positie van een raadslid."
    ),
    Competence.RESILIENCE: _(
        "Blijft rustig en helder als er druk wordt uitgeoefend, door publiek, media of collega-bestuurders."
    ),
    Competence.EMPATHY: _(
        "Luistert echt, laat het verhaal bij de ander en voelt aan wat iemand op dat moment nodig heeft."
    ),
}
