"""Choices of a signal. Category, channel and perpetrator type are the report's own choices (one taxonomy)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from klankbord.reports.constants import Category, IncidentChannel, PerpetratorType

__all__ = [
    "CATEGORY_SEVERITY_ORDER",
    "Category",
    "Dimension",
    "Granularity",
    "Helped",
    "IncidentChannel",
    "Missing",
    "PerpetratorType",
    "Severity",
    "SignalSource",
    "Theme",
]


class Theme(models.TextChoices):
    """Recurring triggers named by the Monitor Integriteit en Veiligheid and in the news."""

    ASYLUM = "asylum", _("Asielopvang en spreidingswet")
    ENERGY = "energy", _("Energieprojecten (wind, zon)")
    HOUSING = "housing", _("Woningbouw en huisvesting")
    CLOSURES = "closures", _("Sluiting van voorzieningen (zwembad, bibliotheek, school)")
    TRAFFIC = "traffic", _("Verkeersmaatregelen")
    OTHER = "other", _("Ander onderwerp")


class Severity(models.TextChoices):
    LOW = "low", _("Licht: vervelend, geen directe dreiging")
    MEDIUM = "medium", _("Serieus: raakt het werk of het gevoel van veiligheid")
    HIGH = "high", _("Ernstig: dreiging, geweld of criminele druk")


class SignalSource(models.TextChoices):
    FILED = "filed", _("Ingediend door ambassadeur of vertrouwenspersoon")
    CASE = "case", _("Uit een afgesloten melding (met toestemming)")


class Helped(models.TextChoices):
    """Process feedback: what helped the council member."""

    LISTENING = "listening", _("Een luisterend oor")
    SPEED = "speed", _("Snelle eerste reactie")
    OWN_REGION = "own_region", _("Iemand uit de eigen regio")
    PRACTICAL = "practical", _("Praktisch advies (veiligheid, aangifte)")
    REFERRAL = "referral", _("Doorverwijzing naar hulp")
    AFTERCARE = "aftercare", _("Nazorg na afloop")


class Missing(models.TextChoices):
    """Process feedback: what was missing."""

    RESPONSE_TIME = "response_time", _("Te lang wachten op een reactie")
    POLICE = "police", _("Steun bij politie of aangifte")
    PARTY = "party", _("Steun van fractie of partij")
    MUNICIPALITY = "municipality", _("Steun van griffie, burgemeester of gemeente")
    FAMILY = "family", _("Aandacht voor partner en gezin")
    AFTERCARE = "aftercare", _("Langdurige nazorg")
    INFORMATION = "information", _("Duidelijke informatie over de mogelijkheden")


class Granularity(models.TextChoices):
    MONTH = "month", _("Maand")
    QUARTER = "quarter", _("Kwartaal")


class Dimension(models.TextChoices):
    """What a published table breaks the signals down by (never a municipality, never a person)."""

    CATEGORY = "category", _("Soort voorval")
    CHANNEL = "channel", _("Kanaal")
    PERPETRATOR = "perpetrator_type", _("Soort pleger")
    REGION = "region", _("Regio")
    THEME = "theme", _("Onderwerp")
    SEVERITY = "severity", _("Ernst")


# A case may name several categories; its statistical record keeps the most serious one, in this order.
CATEGORY_SEVERITY_ORDER: tuple[str, ...] = (
    Category.UNDERMINING,
    Category.PHYSICAL_VIOLENCE,
    Category.THREAT,
    Category.PROPERTY_DAMAGE,
    Category.ONLINE_HATE,
    Category.INTEGRITY,
    Category.VERBAL_AGGRESSION,
    Category.OTHER,
)

FREE_TEXT_MAX_LENGTH = 4_000
FEEDBACK_TEXT_MAX_LENGTH = 500
DEFAULT_DISCLOSURE_K = 5
