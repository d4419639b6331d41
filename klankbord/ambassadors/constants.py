"""Choices of an ambassador profile. The five competences are those of the NVR function profile."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AmbassadorStatus(models.TextChoices):
    ACTIVE = "active", _("Actief")
    PAUSED = "paused", _("Gepauzeerd")
    ENDED = "ended", _("Gestopt")


class Gender(models.TextChoices):
    NOT_STATED = "", _("Niet opgegeven")
    WOMAN = "woman", _("Vrouw")
    MAN = "man", _("Man")
    OTHER = "other", _("Anders")


class Competence(models.TextChoices):
    """The competences of the function profile; each is scored 1-5 at selection (field ``score_<value>``)."""

    NEUTRAL = "neutral", _("Neutraal")
    # A context keeps Django's own catalogue from translating "Integer" into "Geheel getal".
    INTEGRITY = "integrity", pgettext_lazy("competentie", "Integer")
    LOCAL_GOVERNMENT = "local_government", _("Ervaring binnen het lokaal bestuur")
    RESILIENCE = "resilience", _("Bestand tegen omgevingsdruk")
    EMPATHY = "empathy", _("Empathisch")


class BackgroundRole(models.TextChoices):
    """Former roles in local government; the years in each are fields ``years_<value>``."""

    COUNCIL_MEMBER = "council_member", _("Raadslid")
    ALDERMAN = "alderman", _("Wethouder")
    MAYOR = "mayor", _("Burgemeester")
    CLERK = "clerk", _("Griffier")


class Language(models.TextChoices):
    DUTCH = "nl", _("Nederlands")
    FRISIAN = "fy", _("Fries")
    ENGLISH = "en", _("Engels")
    GERMAN = "de", _("Duits")
    FRENCH = "fr", _("Frans")
    TURKISH = "tr", _("Turks")
    ARABIC = "ar", _("Arabisch")
    BERBER = "ber", _("Tamazight (Berbers)")
    PAPIAMENTO = "pap", _("Papiaments")
    SRANAN = "srn", _("Sranantongo")
    POLISH = "pl", _("Pools")
    SIGN_LANGUAGE = "sgn", _("Nederlandse Gebarentaal")


class ConflictKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Gemeente")
    PERSON = "person", _("Persoon")
    PARTY = "party", _("Partij")


class TimeActivity(models.TextChoices):
    CONTACT = "contact", _("Contact met het raadslid")
    TRAVEL = "travel", _("Reistijd")
    PREPARATION = "preparation", _("Voorbereiding")
    OTHER = "other", _("Overig")


class TimeSource(models.TextChoices):
    """Where a time entry came from: typed on the time page, or booked with a contact moment on the case."""

    MANUAL = "manual", _("Zelf ingevoerd")
    CONTACT_MOMENT = "contact_moment", _("Uit een contactmoment")


SCORE_MIN, SCORE_MAX = 1, 5
CAPACITY_MIN, CAPACITY_MAX, CAPACITY_DEFAULT = 1, 12, 3
YEARS_MAX = 60
MINUTES_MAX = 16 * 60  # one entry covers at most a long day
SHORT_TEXT_MAX_LENGTH = 200
TIME_ENTRY_MAX_AGE_DAYS = 366  # older entries cannot be added: the month overview is the ambassador's record
