"""Everything Klankbord holds about a report, for its member (GDPR right of access): JSON and PDF.

The PDF is rendered by WeasyPrint with the system's fonts; its URL fetcher refuses every URL, so rendering can
never reach the network. Each export is audited. Apps that keep more about a report (the support log) add their
part through ``register_export_section`` from ``AppConfig.ready``, as reports may not import them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from klankbord.audit.selectors import entries_for_object
from klankbord.audit.services import audit_log
from klankbord.consent.selectors import consent_history
from klankbord.core.pdf import render_pdf
from klankbord.messaging.selectors import attachments_of_report, messages_of_report

from .models import Report, ReportCorrection
from .readmodel import build_report_view


@dataclass(frozen=True)
class ExportSection:
    """A part of the export kept by another app: ``rows(report)`` gives primitives, each with "at" and "text"
    for the PDF; the JSON holds the rows under ``key``."""

    key: str
    title: str | Promise
    rows: Callable[[Report], list[dict[str, Any]]]


_SECTIONS: list[ExportSection] = []


def register_export_section(section: ExportSection) -> None:
    """Add ``section`` to every member's export (once; in registration order, after the report's own parts)."""
    if all(known.key != section.key for known in _SECTIONS):
        _SECTIONS.append(section)


def _when(value: Any) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _person(user: Any, fallback: str) -> str:
    return (user.display_name or user.email) if user is not None else fallback


def _messages(report: Report) -> list[dict[str, Any]]:
    rows = messages_of_report(report_id=report.pk)
    return [
        {
            "at": _when(m.created_at),
            "from": m.get_author_kind_display(),
            "by": _person(m.author, ""),
            "text": m.body,
        }
        for m in rows
    ]


def _attachments(report: Report) -> list[dict[str, Any]]:
    rows = attachments_of_report(report_id=report.pk)
    return [
        {"at": _when(a.created_at), "name": a.original_name, "type": a.content_type, "bytes": a.size}
        for a in rows
    ]


def _access_log(report: Report) -> list[dict[str, Any]]:
    entries = list(entries_for_object(object_type="reports.report", object_id=str(report.pk)))
    names = {
        u.pk: u.display_name or u.email
        for u in get_user_model().objects.filter(pk__in={e.actor_id for e in entries if e.actor_id})
    }
    return [
        {"at": _when(e.created_at), "action": e.action, "by": names.get(e.actor_id or 0, e.actor_label)}
        for e in entries
    ]


def _fact(label: Any, value: Any) -> dict[str, Any]:
    text = "; ".join(str(v) for v in value) if isinstance(value, list) else str(value or "")
    return {"label": str(label), "value": value, "text": text}


def _report_facts(report: Report) -> dict[str, Any]:
    view = build_report_view(report, access="reporter")
    facts = {"status": _fact(_("Status"), str(view.status_label))}
    facts["received_at"] = _fact(_("Ontvangen op"), _when(report.received_at))
    facts.update({fact.key: _fact(fact.label, fact.value) for fact in view.facts})
    return facts


def report_export_data(*, report: Report, actor: Any, fmt: str, actor_label: str | None) -> dict[str, Any]:
    """All data about ``report`` as primitives, and an audit entry saying it was exported."""
    data = {
        "reference": report.reference,
        "exported_at": _when(timezone.now()),
        "report": _report_facts(report),
        "status_history": [
            {
                "at": _when(c.at),
                "from": c.get_from_status_display(),
                "to": c.get_to_status_display(),
                "by": c.actor_kind,
                "reason": c.reason,
            }
            for c in report.status_changes.all()
        ],
        "consents": [
            {
                "at": _when(r.at),
                "purpose": r.get_purpose_display(),
                "decision": r.get_decision_display(),
                "fields": r.fields,
                "method": r.get_method_display(),
                "recorded_by": _person(r.recorded_by, _("u zelf (met ontvangstcode)")),
            }
            for r in consent_history(report_id=report.pk)
        ],
        "corrections": [
            {"at": _when(c.at), "fields": c.field_labels}
            for c in ReportCorrection.objects.filter(report=report)
        ],
        "messages": _messages(report),
        "attachments": _attachments(report),
        "intake_notes": [{"at": _when(n.created_at), "text": n.body} for n in report.intake_notes.all()],
        "access_log": _access_log(report),
    }
    data.update({section.key: section.rows(report) for section in _SECTIONS})
    user = actor if getattr(actor, "is_authenticated", False) else None
    audit_log(
        actor=user,
        action="reports.report.exported",
        target=report,
        data={"format": fmt},
        actor_label=None if user else actor_label,
    )
    return data


def report_export_html(data: dict[str, Any]) -> str:
    """The export as the HTML the PDF is made from: the report's own parts, then each registered section."""
    sections = [(section.title, data.get(section.key, [])) for section in _SECTIONS]
    return render_to_string("reports/export.html", {"data": data, "sections": sections})


def report_export_pdf(data: dict[str, Any]) -> bytes:
    return render_pdf(report_export_html(data))
