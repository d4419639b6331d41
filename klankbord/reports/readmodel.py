"""A read model of one report holding only what its viewer may see.

Templates get a ``ReportView``, never the model: a field that is not in ``visible`` is not in the object at
all, so a template cannot leak it by mistake.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from klankbord.consent.constants import ShareableField
from klankbord.geo.selectors import party_label

from .constants import (
    Category,
    ContactChannel,
    GenderPreference,
    Impact,
    IncidentChannel,
    MemberRole,
    PerpetratorType,
    PoliceReport,
    ReportStatus,
    SourceChannel,
)
from .models import Report

F = ShareableField


@dataclass(frozen=True)
class Fact:
    key: str
    label: Any
    value: Any  # a display string, or a list of display strings
    long: bool = False  # free text: shown as a paragraph

    @property
    def is_list(self) -> bool:
        return isinstance(self.value, list)


@dataclass(frozen=True)
class ReportView:
    pk: int
    reference: str
    access: str  # "counsellor", "ambassador" or "reporter"
    status: str
    status_label: Any
    urgent: bool
    received_at: datetime
    first_response_due: date | None
    first_responded_at: datetime | None
    first_response_due_at: datetime | None = None  # acute reports: the moment (hours, not working days)
    facts: list[Fact] = field(default_factory=list)
    visible: frozenset[str] = frozenset()

    def has(self, key: str) -> bool:
        return key in self.visible


def _labels(choices: Any, values: list[str]) -> list[str]:
    lookup = dict(choices.choices)
    return [str(lookup.get(value, value)) for value in values]


def _label(choices: Any, value: str) -> str:
    return str(dict(choices.choices).get(value, value)) if value else ""


def _yes_no(value: bool | None) -> str:
    return "" if value is None else str(_("Ja") if value else _("Nee"))


def _occurred(report: Report) -> str:
    parts = []
    if report.occurred_on:
        parts.append(formats.date_format(report.occurred_on, "j F Y"))
    if report.occurred_period:
        parts.append(report.occurred_period)
    if report.ongoing is not None:
        parts.append(str(_("gaat nog door") if report.ongoing else _("is voorbij")))
    return "; ".join(parts)


def _preferred_contact(report: Report) -> str:
    return ", ".join(
        p
        for p in [_label(ContactChannel, report.preferred_contact_channel), report.preferred_contact_times]
        if p
    )


def _impact(report: Report) -> list[str]:
    return _labels(Impact, report.impacts) + ([report.impact_notes] if report.impact_notes else [])


# Shareable fields, in display order: key -> (label, value getter, long text?)
SHAREABLE: dict[str, tuple[Any, Callable[[Report], Any], bool]] = {
    F.MUNICIPALITY: (_("Gemeente"), lambda r: r.municipality.name if r.municipality else "", False),
    F.MEMBER_ROLE: (_("Functie"), lambda r: _label(MemberRole, r.member_role), False),
    F.CATEGORIES: (_("Soort voorval"), lambda r: _labels(Category, r.categories), False),
    F.NARRATIVE: (_("Wat er gebeurde"), lambda r: r.narrative, True),
    F.INCIDENT_CHANNELS: (
        _("Hoe het gebeurde"),
        lambda r: _labels(IncidentChannel, r.incident_channels),
        False,
    ),
    F.PERPETRATOR_TYPE: (_("Wie het deed"), lambda r: _label(PerpetratorType, r.perpetrator_type), False),
    F.OCCURRED: (_("Wanneer"), _occurred, False),
    F.POLICE_REPORT: (_("Aangifte"), lambda r: _label(PoliceReport, r.police_report), False),
    F.IMPACT: (_("Gevolgen"), _impact, False),
    F.PREFERRED_CONTACT: (_("Contact bij voorkeur"), _preferred_contact, False),
    F.CONTACT_NAME: (_("Naam"), lambda r: r.contact_name, False),
    F.CONTACT_EMAIL: (_("E-mailadres"), lambda r: r.contact_email, False),
    F.CONTACT_PHONE: (_("Telefoonnummer"), lambda r: r.contact_phone, False),
}


def _wishes(report: Report) -> list[str]:
    wishes = []
    if report.wish_gender:
        wishes.append(_label(GenderPreference, report.wish_gender))
    excluded = [m.name for m in report.wish_excluded_municipalities.all()]
    if excluded:
        wishes.append(str(_("Niet uit: %(names)s")) % {"names": ", ".join(excluded)})
    if report.party_shared and report.member_party:
        wishes.append(
            str(_("Niet van mijn eigen partij (%(party)s)")) % {"party": party_label(report.member_party)}
        )
    if report.wish_notes:
        wishes.append(report.wish_notes)
    return wishes


# Never shared with an ambassador: only the member themselves and the counsellors see these.
PRIVATE: dict[str, tuple[Any, Callable[[Report], Any], bool]] = {
    "acute_danger": (_("Acuut gevaar gemeld"), lambda r: _yes_no(r.acute_danger), False),
    "source_channel": (_("Binnengekomen via"), lambda r: _label(SourceChannel, r.source_channel), False),
    "wishes": (_("Wensen voor de ambassadeur"), _wishes, False),
}


def build_report_view(report: Report, *, access: str, fields: frozenset[str] | None = None) -> ReportView:
    """``fields`` limits an ambassador's view; counsellors and the reporter see every field."""
    if access == "ambassador":
        visible = frozenset(fields or ())
        specs = {key: spec for key, spec in SHAREABLE.items() if key in visible}
    else:
        visible = frozenset([*SHAREABLE, *PRIVATE, F.ATTACHMENTS])
        specs = {**SHAREABLE, **PRIVATE}
    facts = [Fact(key, label, getter(report), long) for key, (label, getter, long) in specs.items()]
    return ReportView(
        pk=report.pk,
        reference=report.reference,
        access=access,
        status=report.status,
        status_label=ReportStatus(report.status).label,
        urgent=report.urgent,
        received_at=report.received_at,
        first_response_due=report.first_response_due if access != "ambassador" else None,
        first_responded_at=report.first_responded_at if access != "ambassador" else None,
        first_response_due_at=report.first_response_due_at if access != "ambassador" else None,
        facts=facts,
        visible=visible,
    )
