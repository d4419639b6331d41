"""Choices and tuning of matching. Exclusion codes are Dutch because the counsellor sees them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Exclusion(models.TextChoices):
    """Why an ambassador is left out. Each is a hard rule: an excluded ambassador is never suggested."""

    SAME_MUNICIPALITY = "zelfde_gemeente", _("Woont in dezelfde gemeente als het raadslid")
    SAME_PARTY = "zelfde_partij", _("Lid van dezelfde partij als het raadslid")
    WISH_MUNICIPALITY = "wens_gemeente", _("Het raadslid wil niemand uit deze gemeente")
    WISH_PARTY = "wens_partij", _("Het raadslid wil niemand van deze partij")
    WISH_GENDER = "wens_gender", _("Past niet bij het gewenste gender")
    CONFLICT = "belangenconflict", _("Heeft een belangenconflict gemeld")
    FULL = "vol", _("Heeft geen plek meer vrij")
    ON_LEAVE = "verlof", _("Is met verlof of gaat binnenkort met verlof")
    NOT_ACTIVE = "niet_actief", _("Is gepauzeerd of gestopt")


class AssignmentStatus(models.TextChoices):
    REQUESTED = "requested", _("Gevraagd")
    ACCEPTED = "accepted", _("Geaccepteerd")
    DECLINED = "declined", _("Afgewezen")
    EXPIRED = "expired", _("Verlopen")
    ENDED = "ended", _("Beëindigd")


# Requested and accepted assignments occupy a place of the ambassador's capacity.
OPEN_ASSIGNMENT_STATUSES = (AssignmentStatus.REQUESTED, AssignmentStatus.ACCEPTED)


class GapReason(models.TextChoices):
    NO_AMBASSADORS = "geen_ambassadeurs", _("Geen ambassadeurs in of naast de regio")
    ALL_EXCLUDED = "allen_uitgesloten", _("Alle ambassadeurs in of naast de regio zijn uitgesloten")


class Tier(models.IntegerChoices):
    OWN_REGION = 1, _("Zelfde regio")
    NEIGHBOURING_REGION = 2, _("Buurregio")


# Ranking inside a tier: score = distance_km + LOAD_WEIGHT_KM * load_ratio - bonuses (lower is better).
# A free ambassador 50 km away ranks level with a fully booked one next door; a matching preferred gender is
# worth 25 km, a preferred language 15 km. These are tuning values, documented on the matching page.
LOAD_WEIGHT_KM = 50.0
GENDER_BONUS_KM = 25.0
LANGUAGE_BONUS_KM = 15.0

LEAVE_HORIZON_DAYS_DEFAULT = 7  # settings.KLANKBORD_MATCHING_LEAVE_HORIZON_DAYS overrides it
RESPONSE_HOURS_DEFAULT = 48  # an ambassador answers a request within this time (part B sends the reminders)


class NoticeKind(models.TextChoices):
    REQUEST = "request", _("Verzoek")
    REMINDER = "reminder", _("Herinnering")
    EXPIRED = "expired", _("Verlopen")
