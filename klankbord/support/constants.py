"""Choices of support (begeleiding): contact moments, referrals, escalations, aftercare and the evaluation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class ContactForm(models.TextChoices):
    CALL = "call", _("Telefoongesprek")
    VISIT = "visit", _("Bezoek")
    VIDEO = "video", _("Videogesprek")
    OTHER = "other", _("Anders")


class Topic(models.TextChoices):
    ABUSE_OF_POWERS = "abuse_of_powers", _("Misbruik van bevoegdheden, middelen of positie")
    TRANSGRESSIVE = "transgressive", _("Grensoverschrijdend gedrag")
    SAFETY = "safety", _("Veiligheid")
    FAMILY = "family", _("Gezin en familie")
    MEDIA = "media", _("Media")
    POLICE_REPORT = "police_report", _("Aangifte")
    WELLBEING = "wellbeing", _("Welzijn en veerkracht")
    OTHER = "other", _("Anders")


class ReferralKind(models.TextChoices):
    PSYCHOSOCIAL = "psychosocial", _("Psychosociale hulp")
    VICTIM_SUPPORT = "victim_support", _("Slachtofferhulp Nederland")
    LEGAL = "legal", _("Juridisch advies")
    POLICE_REPORT = "police_report", _("Hulp bij aangifte (ook via burgemeester of griffier)")
    OT_WEERBAAR_BESTUUR = "ot_weerbaar_bestuur", _("Ondersteuningsteam Weerbaar Bestuur")
    HOME_SECURITY = "home_security", _("Woningscan (beveiliging thuis)")
    ASSOCIATION = "association", _("De vereniging zelf")


class ReferralOutcome(models.TextChoices):
    SUGGESTED = "suggested", _("Voorgesteld")
    CONTACTED = "contacted", _("Contact gelegd")
    HELPING = "helping", _("Helpt nu")
    DONE = "done", _("Afgerond")
    DECLINED = "declined", _("Afgewezen door het raadslid")


class EscalationTarget(models.TextChoices):
    COUNSELLOR = "counsellor", _("De vertrouwenspersoon")
    ASSOCIATION = "association", _("De vereniging")


class CheckInStatus(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    DONE = "done", _("Gehouden")
    CANCELLED = "cancelled", _("Vervallen")


class CheckInOutcome(models.TextChoices):
    WELL = "well", _("Gaat goed")
    ATTENTION = "attention", _("Heeft nog aandacht nodig")
    REOPEN = "reopen", _("Begeleiding weer nodig")
    NOT_REACHED = "not_reached", _("Niet bereikt")


# The closing evaluation: questions answered on a 1-5 scale (5 = fully agree). Only these numbers are ever
# aggregated; the free text stays with the case.
EVALUATION_QUESTIONS: list[tuple[str, StrOrPromise]] = [
    ("score_heard", _("Ik voelde me gehoord.")),
    ("score_fit", _("De ambassadeur paste bij mij.")),
    ("score_referrals", _("De doorverwijzingen hielpen mij verder.")),
    ("score_overall", _("Ik ben tevreden over de begeleiding als geheel.")),
]
SCORE_MIN, SCORE_MAX = 1, 5

AFTERCARE_OFFSETS_DEFAULT = (14, 91, 182)
CHECKIN_REMIND_DAYS_BEFORE = 2
# A check-in can be recorded from the day its reminder goes out: a contact held earlier is a contact moment.
CHECKIN_OPENS_DAYS_BEFORE = CHECKIN_REMIND_DAYS_BEFORE
NOTE_MAX_LENGTH = 2_000
