"""A counsellor completes or corrects a report, for instance after converting a talk request into one."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date

from django.db import models, transaction
from django.utils.translation import gettext as _

from klankbord.accounts.types import User
from klankbord.audit.services import audit_log
from klankbord.core.errors import DomainError

from ..models import Report, ReportCorrection

# The fields a counsellor may correct: what happened and its circumstances. Not the consents, the contact
# details or the member's wishes: those are the member's own choices and have their own paths.
CORRECTABLE_FIELDS: tuple[str, ...] = (
    "municipality",
    "narrative",
    "categories",
    "incident_channels",
    "perpetrator_type",
    "occurred_on",
    "occurred_period",
    "ongoing",
    "police_report",
    "impacts",
    "impact_notes",
)


# What a correctable field holds, and the same as JSON (a municipality by its key, a date as ISO text).
FieldValue = models.Model | date | list[str] | str | bool | None
Plain = int | list[str] | str | bool | None


def report_ensure_correctable(*, report: Report) -> None:
    """Refuse a correction of a closed or withdrawn report: its record is final."""
    if not report.is_open:
        raise DomainError(
            _("Een afgesloten of ingetrokken melding kan niet meer worden aangevuld of gecorrigeerd."),
            code="report_not_open",
        )


def _plain(value: FieldValue) -> Plain:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, date):
        return value.isoformat()
    return value


def _changed(report: Report, changes: Mapping[str, FieldValue]) -> dict[str, FieldValue]:
    current = {name: _plain(getattr(report, name)) for name in changes}
    return {name: value for name, value in changes.items() if _plain(value) != current[name]}


def report_correct(*, actor: User, report: Report, changes: Mapping[str, FieldValue]) -> ReportCorrection:
    """Apply ``changes`` (field name to new value) to an open report, with its history record and audit entry.

    Only the fields that really change are written and recorded; their earlier values are kept encrypted in the
    history record, never in the audit log.
    """
    not_allowed = sorted(set(changes) - set(CORRECTABLE_FIELDS))
    if not_allowed:
        raise DomainError(_("Dit gegeven kan niet worden gecorrigeerd."), code="field_not_correctable")
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        report_ensure_correctable(report=locked)
        changed = _changed(locked, changes)
        if not changed:
            raise DomainError(_("Er is niets gewijzigd."), code="correction_unchanged")
        previous = {name: _plain(getattr(locked, name)) for name in changed}
        for name, value in changed.items():
            setattr(locked, name, value)
        locked.save(update_fields=list(changed))
        correction = ReportCorrection.objects.create(
            report=locked, actor=actor, fields=list(changed), previous=json.dumps(previous)
        )
        audit_log(
            actor=actor,
            action="reports.report.corrected",
            target=locked,
            data={"fields": list(changed), "correction": correction.pk},
        )
    return correction
