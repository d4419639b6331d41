"""Choices of a report (melding). Categories follow the national Monitor Integriteit en Veiligheid."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class ReportStatus(models.TextChoices):
    RECEIVED = "received", _("Ontvangen")
    INTAKE = "intake", _("In intake")
    WAITING_FOR_CONSENT = "waiting_for_consent", _("Wacht op toestemming")
    MATCHING = "matching", _("Ambassadeur zoeken")
    AMBASSADOR_REQUESTED = "ambassador_requested", _("Ambassadeur gevraagd")
    IN_SUPPORT = "in_support", _("In begeleiding")
    PROFESSIONAL_HELP = "professional_help", _("Professionele hulp ingeschakeld")
    AFTERCARE = "aftercare", _("Nazorg")
    CLOSED = "closed", _("Afgesloten")
    WITHDRAWN = "withdrawn", _("Ingetrokken door melder")


FINAL_STATUSES = frozenset({ReportStatus.CLOSED, ReportStatus.WITHDRAWN})
OPEN_STATUSES = frozenset(set(ReportStatus) - FINAL_STATUSES)


class MemberRole(models.TextChoices):
    COUNCIL_MEMBER = "council_member", _("Raadslid")
    GROUP_CHAIR = "group_chair", _("Fractievoorzitter")
    GROUP_MEMBER = "group_member", _("Burgerlid of fractievolger (niet gekozen)")
    OTHER = "other", _("Anders")


class Category(models.TextChoices):
    VERBAL_AGGRESSION = "verbal_aggression", _("Verbale agressie")
    THREAT = "threat", _("Bedreiging of intimidatie")
    PHYSICAL_VIOLENCE = "physical_violence", _("Fysiek geweld")
    ONLINE_HATE = "online_hate", _("Online haat of doxing (privégegevens verspreid)")
    PROPERTY_DAMAGE = "property_damage", _("Vernieling of schade aan eigendommen")
    INTEGRITY = "integrity", _("Integriteitsschending: misbruik van bevoegdheden, middelen of positie")
    UNDERMINING = "undermining", _("Ondermijning: criminele beïnvloeding of druk")
    OTHER = "other", _("Ander grensoverschrijdend gedrag")


class IncidentChannel(models.TextChoices):
    ONLINE = "online", _("Online of via sociale media")
    IN_PUBLIC = "in_public", _("Persoonlijk, in de openbare ruimte")
    AT_HOME = "at_home", _("Bij mij thuis")
    LETTER_MAIL_PHONE = "letter_mail_phone", _("Per brief, e-mail of telefoon")
    FAMILY = "family", _("Gericht op mijn gezin of familie")


def staff_choices(
    choices: type[models.TextChoices], labels: dict[str, StrOrPromise]
) -> list[tuple[str, StrOrPromise]]:
    """``choices`` as staff read them when they fill in a form about a member: the same codes, with ``labels``
    instead of the member's own voice ("Bij mij thuis") where one is given."""
    return [(choice.value, labels.get(choice.value, choice.label)) for choice in choices]


# The choices that speak in the member's voice, as a counsellor or an ambassador names them for the member.
INCIDENT_CHANNEL_STAFF_LABELS: dict[str, StrOrPromise] = {
    IncidentChannel.AT_HOME: _("Bij het raadslid thuis"),
    IncidentChannel.FAMILY: _("Gericht op het gezin of de familie van het raadslid"),
}


class PerpetratorType(models.TextChoices):
    RESIDENT = "resident", _("Inwoner")
    FELLOW_COUNCIL_MEMBER = "fellow_council_member", _("Collega-raadslid")
    EXECUTIVE = "executive", _("Lid van het college (wethouder of burgemeester)")
    CIVIL_SERVANT = "civil_servant", _("Ambtenaar")
    ORGANISED_CRIME = "organised_crime", _("Georganiseerde criminaliteit")
    UNKNOWN = "unknown", _("Onbekend of anoniem")


class PoliceReport(models.TextChoices):
    MADE = "made", _("Ik heb al aangifte of melding gedaan")
    WANTED = "wanted", _("Ik wil aangifte doen, graag met hulp")
    NOT_WANTED = "not_wanted", _("Ik wil (nog) geen aangifte doen")
    UNSURE = "unsure", _("Weet ik nog niet")


class Impact(models.TextChoices):
    WORK = "work", _("Op mijn werk als raadslid")
    DECISIONS = "decisions", _("Op mijn besluiten of stemgedrag")
    FAMILY = "family", _("Op mijn gezin of familie")
    HEALTH = "health", _("Op mijn gezondheid of slaap")
    SAFETY = "safety", _("Op mijn gevoel van veiligheid")


POLICE_REPORT_STAFF_LABELS: dict[str, StrOrPromise] = {
    PoliceReport.MADE: _("Het raadslid heeft al aangifte of melding gedaan"),
    PoliceReport.WANTED: _("Het raadslid wil aangifte doen, graag met hulp"),
    PoliceReport.NOT_WANTED: _("Het raadslid wil (nog) geen aangifte doen"),
    PoliceReport.UNSURE: _("Weet het raadslid nog niet"),
}
IMPACT_STAFF_LABELS: dict[str, StrOrPromise] = {
    Impact.WORK: _("Op het werk als raadslid"),
    Impact.DECISIONS: _("Op besluiten of stemgedrag"),
    Impact.FAMILY: _("Op het gezin of de familie"),
    Impact.HEALTH: _("Op de gezondheid of slaap"),
    Impact.SAFETY: _("Op het gevoel van veiligheid"),
}


class ContactChannel(models.TextChoices):
    PHONE = "phone", _("Telefoon")
    EMAIL = "email", _("E-mail")
    PORTAL = "portal", _("Alleen via berichten in Klankbord")
    IN_PERSON = "in_person", _("Persoonlijk afspreken")


class SourceChannel(models.TextChoices):
    ONLINE = "online", _("Online gemeld door het raadslid")
    PHONE = "phone", _("Door vertrouwenspersoon na telefoongesprek")
    EMAIL = "email", _("Door vertrouwenspersoon na e-mail")
    IN_PERSON = "in_person", _("Door vertrouwenspersoon na persoonlijk gesprek")
    TALK_REQUEST = "talk_request", _("Voortgekomen uit een sparverzoek")


COUNSELLOR_SOURCE_CHANNELS = (SourceChannel.PHONE, SourceChannel.EMAIL, SourceChannel.IN_PERSON)


class GenderPreference(models.TextChoices):
    NONE = "", _("Geen voorkeur")
    WOMAN = "woman", _("Liefst een vrouw")
    MAN = "man", _("Liefst een man")


class TalkRequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    HANDLED = "handled", _("Afgehandeld (alleen gesprek)")
    CONVERTED = "converted", _("Omgezet in melding")


class InboxTab(models.TextChoices):
    NEW = "new", _("Nieuw")
    URGENT = "urgent", _("Urgent")
    WAITING = "waiting", _("Wacht op eerste reactie")
    OVERDUE = "overdue", _("Termijn verstreken")
    MINE = "mine", _("Mijn meldingen")
    OPEN = "open", _("Alle open")
    CLOSED = "closed", _("Afgesloten")


# Receipt codes: 20 digits, shown grouped 4-4-4-4-4. The first 8 digits look the report up (unique, indexed),
# the remaining 12 are the secret, stored only as a slow hash.
RECEIPT_DIGITS = 20
RECEIPT_LOOKUP_DIGITS = 8
RECEIPT_MAX_FAILURES = 5
RECEIPT_WINDOW_SECONDS = 15 * 60
PORTAL_SESSION_KEY = "klankbord_portal"
PORTAL_SESSION_SECONDS = 60 * 60

FIRST_RESPONSE_WORKING_DAYS = 2
NARRATIVE_MAX_LENGTH = 20_000
NOTE_MAX_LENGTH = 4_000
SHORT_TEXT_MAX_LENGTH = 200
