"""What a member can consent to, and which parts of a report can ever be shared with an ambassador."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Purpose(models.TextChoices):
    CONNECT_AMBASSADOR = "connect_ambassador", _("Mij in contact brengen met een regioambassadeur")
    SHARE_FIELDS = "share_fields_with_ambassador", _("Deze gegevens delen met die ambassadeur")
    ANONYMOUS_SIGNALS = (
        "anonymous_signals",
        _("Mijn melding geanonimiseerd gebruiken voor signalen van de vereniging"),
    )
    AFTERCARE_CONTACT = "aftercare_contact", _("Contact met mij opnemen voor nazorg")


class Decision(models.TextChoices):
    GRANTED = "granted", _("Gegeven")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


class Method(models.TextChoices):
    ONLINE = "online", _("Online door de melder zelf")
    PHONE = "phone", _("Door de vertrouwenspersoon na een telefoongesprek")
    EMAIL = "email", _("Door de vertrouwenspersoon na een e-mail")
    IN_PERSON = "in_person", _("Door de vertrouwenspersoon na een persoonlijk gesprek")


ON_BEHALF_METHODS = (Method.PHONE, Method.EMAIL, Method.IN_PERSON)


class ShareableField(models.TextChoices):
    """Parts of a report a member may share with their ambassador. Party and wishes are never shared."""

    MUNICIPALITY = "municipality", _("Gemeente")
    MEMBER_ROLE = "member_role", _("Functie")
    NARRATIVE = "narrative", _("Wat er gebeurde")
    CATEGORIES = "categories", _("Soort voorval")
    INCIDENT_CHANNELS = "incident_channels", _("Hoe het gebeurde")
    PERPETRATOR_TYPE = "perpetrator_type", _("Wie het deed")
    OCCURRED = "occurred", _("Wanneer, en of het nog doorgaat")
    POLICE_REPORT = "police_report", _("Aangifte")
    IMPACT = "impact", _("Gevolgen")
    PREFERRED_CONTACT = "preferred_contact", _("Voorkeur voor contact")
    CONTACT_NAME = "contact_name", _("Naam")
    CONTACT_EMAIL = "contact_email", _("E-mailadres")
    CONTACT_PHONE = "contact_phone", _("Telefoonnummer")
    ATTACHMENTS = "attachments", _("Bijlagen bij de melding")
