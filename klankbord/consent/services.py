"""Writes to the consent ledger: grant and withdraw, by the member or by a counsellor on their behalf.

Each call appends one row and its audit entry in one transaction. Nothing is ever updated or deleted.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klankbord.accounts.types import Actor, User
from klankbord.audit.services import audit_log
from klankbord.core.errors import DomainError
from klankbord.reports.models import Report

from .constants import ON_BEHALF_METHODS, Decision, Method, Purpose, ShareableField
from .models import ConsentRecord
from .selectors import consent_state


class WithdrawalHook(Protocol):
    """What a withdrawal hook is called with; it returns nothing the ledger uses."""

    def __call__(self, *, report: Report, purpose: str, actor: Actor) -> object: ...


_WITHDRAWAL_HOOKS: list[WithdrawalHook] = []


def on_consent_withdrawn(hook: WithdrawalHook) -> WithdrawalHook:
    """Register ``hook(*, report, purpose, actor)``, run inside the transaction that withdraws a consent.

    A withdrawal ends exactly what its purpose allowed, and what it allowed lives in the apps that build on the
    consent: matching ends the ambassador's request or case (contact), support cancels the planned check-ins
    (aftercare). Those apps register here from ``AppConfig.ready`` (listed in docs/consent.md), so that every
    path to a withdrawal (the member's portal, a counsellor on their behalf, a withdrawn report) ends the same
    things; the hooks run in registration order and each one checks ``purpose`` itself.
    """
    if hook not in _WITHDRAWAL_HOOKS:
        _WITHDRAWAL_HOOKS.append(hook)
    return hook


def _check_method(method: str, on_behalf: bool) -> None:
    if method not in Method.values:
        raise DomainError(_("Onbekende manier van vastleggen."), code="unknown_method")
    if on_behalf != (method in ON_BEHALF_METHODS):
        raise DomainError(
            _("Namens de melder vastleggen kan alleen na een gesprek, e-mail of ontmoeting."),
            code="not_on_behalf",
        )


def _clean_fields(purpose: str, fields: Iterable[str] | None) -> list[str]:
    chosen = list(dict.fromkeys(fields or []))
    if purpose != Purpose.SHARE_FIELDS:
        if chosen:
            raise DomainError(_("Alleen bij het delen van gegevens horen velden."), code="fields_not_allowed")
        return []
    if not chosen:
        raise DomainError(_("Kies welke gegevens de ambassadeur mag zien."), code="fields_required")
    unknown = [f for f in chosen if f not in ShareableField.values]
    if unknown:
        raise DomainError(_("Deze gegevens kunnen niet worden gedeeld."), code="unknown_field")
    return [f for f in ShareableField.values if f in chosen]


def _record(
    *,
    report: Report,
    purpose: str,
    decision: str,
    actor: Actor,
    method: str,
    on_behalf: bool,
    fields: list[str],
) -> ConsentRecord:
    user = actor if isinstance(actor, User) else None  # an anonymous reporter is recorded as nobody
    record = ConsentRecord.objects.create(
        report=report,
        purpose=purpose,
        decision=decision,
        fields=fields,
        at=timezone.now(),
        recorded_by=user,
        on_behalf=on_behalf,
        method=method,
    )
    audit_log(
        actor=user,
        action=f"consent.consent.{decision}",
        target=record,
        data={
            "report": report.pk,
            "purpose": purpose,
            "method": method,
            "on_behalf": on_behalf,
            "fields": fields,
        },
        actor_label=None if user else "reporter:receipt",
    )
    return record


def consent_grant(
    *,
    report: Report,
    purpose: str,
    actor: Actor,
    method: str = Method.ONLINE,
    on_behalf: bool = False,
    fields: Iterable[str] | None = None,
) -> ConsentRecord:
    """Record consent. For sharing, ``fields`` replaces the previous list (a shorter list withholds fields)."""
    if purpose not in Purpose.values:
        raise DomainError(_("Onbekend doel van toestemming."), code="unknown_purpose")
    _check_method(method, on_behalf)
    cleaned = _clean_fields(purpose, fields)
    with transaction.atomic():
        return _record(
            report=report,
            purpose=purpose,
            decision=Decision.GRANTED,
            actor=actor,
            method=method,
            on_behalf=on_behalf,
            fields=cleaned,
        )


def consent_withdraw(
    *, report: Report, purpose: str, actor: Actor, method: str = Method.ONLINE, on_behalf: bool = False
) -> ConsentRecord:
    """Withdraw consent; effective at once because every access check reads the ledger (no cache), and what
    the consent allowed ends in the same transaction through the withdrawal hooks (``on_consent_withdrawn``)."""
    if purpose not in Purpose.values:
        raise DomainError(_("Onbekend doel van toestemming."), code="unknown_purpose")
    _check_method(method, on_behalf)
    with transaction.atomic():
        if not consent_state(report_id=report.pk).allows(purpose):
            raise DomainError(
                _("Voor dit doel is geen toestemming gegeven; er is niets in te trekken."),
                code="nothing_to_withdraw",
            )
        record = _record(
            report=report,
            purpose=purpose,
            decision=Decision.WITHDRAWN,
            actor=actor,
            method=method,
            on_behalf=on_behalf,
            fields=[],
        )
        for hook in _WITHDRAWAL_HOOKS:
            hook(report=report, purpose=purpose, actor=actor)
        return record


def consent_withdraw_all(
    *, report: Report, actor: Actor, method: str, on_behalf: bool
) -> list[ConsentRecord]:
    """Withdraw every consent that still holds (used when a member withdraws their report)."""
    state = consent_state(report_id=report.pk)
    return [
        consent_withdraw(report=report, purpose=purpose, actor=actor, method=method, on_behalf=on_behalf)
        for purpose in Purpose.values
        if state.allows(purpose)
    ]
