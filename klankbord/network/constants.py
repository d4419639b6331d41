"""Choices and tuning of the network: gatherings, RSVP, debriefs and the wellbeing thresholds."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class GatheringKind(models.TextChoices):
    RETURN_DAY = "return_day", _("Landelijke terugkomdag")
    INTERVISION = "intervision", _("Regionale intervisie")


class Response(models.TextChoices):
    PENDING = "pending", _("Nog niet geantwoord")
    YES = "yes", _("Ik kom")
    MAYBE = "maybe", _("Misschien")
    NO = "no", _("Ik kom niet")
    WAITLIST = "waitlist", _("Op de wachtlijst")


# What an ambassador can answer; WAITLIST is where a "yes" lands when the gathering is full.
ANSWERS = (Response.YES, Response.MAYBE, Response.NO)


class DebriefReason(models.TextChoices):
    HEAVY_CASE = "heavy_case", _("Na een zware zaak")
    HIGH_LOAD = "high_load", _("Hoge belasting")
    OWN_WISH = "own_wish", _("Eigen wens")
    COORDINATOR = "coordinator", _("Voorgesteld door de coördinator")


class DebriefStatus(models.TextChoices):
    OPEN = "open", _("Open")
    PLANNED = "planned", _("Afgesproken")
    CLOSED = "closed", _("Afgerond")


TITLE_MAX_LENGTH = 120
PLACE_MAX_LENGTH = 200
AGENDA_MAX_LENGTH = 4_000
EXPERIENCE_MAX_LENGTH = 3_000
CAPACITY_MAX = 500

# Wellbeing: a debrief is suggested when open cases reach this share of the capacity, when the hours of last
# month reach HOURS, or within HEAVY_PROMPT_DAYS after a case was marked heavy. Settings override the first two
# (KLANKBORD_NETWORK_LOAD_RATIO, KLANKBORD_NETWORK_HOURS_PER_MONTH).
LOAD_RATIO_DEFAULT = 1.0
HOURS_PER_MONTH_DEFAULT = 16
HEAVY_PROMPT_DAYS = 30
HEAVY_WINDOW_DAYS = 365  # "cases marked heavy" counts the last year

TIME_WINDOW_MONTHS = 6  # the coordinator's time tables and the median cover the last six complete months
