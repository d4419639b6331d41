"""Receipt codes for reporters without an account, their throttling, and the portal session they start.

A code is 20 random digits shown once, grouped 4-4-4-4-4. The first 8 digits are a unique lookup; the other 12
(10^12 possibilities) are stored only as a slow password hash. Wrong codes are counted per IP address and per
lookup in the cache; after ``RECEIPT_MAX_FAILURES`` failures within the window every attempt is refused, even a
correct one, until the window has passed. A valid code binds the session to that single report (never an
account) for ``PORTAL_SESSION_SECONDS``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.auth.hashers import check_password, make_password
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from klankbord.core.navigation import VisitorSession
from klankbord.core.submissions import submission_remember
from klankbord.core.throttle import hashed, window_count, window_hit

from .constants import (
    PORTAL_SESSION_KEY,
    PORTAL_SESSION_SECONDS,
    RECEIPT_DIGITS,
    RECEIPT_LOOKUP_DIGITS,
    RECEIPT_MAX_FAILURES,
    RECEIPT_WINDOW_SECONDS,
)
from .models import ReceiptCode, Report

_dummy_hash: dict[str, str] = {}


def _dummy_check(secret: str) -> None:
    """The same work as a real check, so the response time does not tell whether a lookup exists."""
    if "hash" not in _dummy_hash:
        _dummy_hash["hash"] = make_password(_random_digits(12))
    check_password(secret, _dummy_hash["hash"])


def _random_digits(count: int) -> str:
    return "".join(secrets.choice("0123456789") for _ in range(count))


def format_code(code: str) -> str:
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalise_code(raw: str) -> str:
    """Accept the code as typed or pasted: spaces, dashes and dots between the digits are ignored."""
    return "".join(ch for ch in raw if not ch.isspace() and ch not in "-.")


def receipt_issue(*, report: Report) -> str:
    """Create the receipt for ``report`` and return the plain code (the only time it exists in plain)."""
    secret = _random_digits(RECEIPT_DIGITS - RECEIPT_LOOKUP_DIGITS)
    while True:
        lookup = _random_digits(RECEIPT_LOOKUP_DIGITS)
        if not ReceiptCode.objects.filter(lookup=lookup).exists():
            break
    ReceiptCode.objects.create(report=report, lookup=lookup, secret_hash=make_password(secret))
    return lookup + secret


@dataclass(frozen=True)
class ReceiptCheck:
    report: Report | None
    throttled: bool = False
    message: str = ""


def _ip_key(ip: str) -> str:
    return f"receipt-fail:ip:{hashed(ip)}"


def _lookup_key(lookup: str) -> str:
    return f"receipt-fail:lookup:{lookup}"


def _failures(key: str) -> int:
    return window_count(key)


def _count_failure(key: str) -> None:
    window_hit(key, window_seconds=RECEIPT_WINDOW_SECONDS)


def _throttled_message() -> str:
    minutes = RECEIPT_WINDOW_SECONDS // 60
    return _(
        "Te veel onjuiste pogingen. Probeer het over %(minutes)s minuten opnieuw, of bel de vertrouwenspersoon."
    ) % {"minutes": minutes}


def receipt_verify(*, raw_code: str, ip: str) -> ReceiptCheck:
    """Check a typed code. Refuses without looking when the IP or the lookup has too many recent failures."""
    code = normalise_code(raw_code)
    lookup, secret = code[:RECEIPT_LOOKUP_DIGITS], code[RECEIPT_LOOKUP_DIGITS:]
    keys = [_ip_key(ip), _lookup_key(lookup)]
    if any(_failures(key) >= RECEIPT_MAX_FAILURES for key in keys):
        return ReceiptCheck(None, throttled=True, message=_throttled_message())
    receipt = None
    if len(code) == RECEIPT_DIGITS and code.isdigit():
        receipt = ReceiptCode.objects.select_related("report").filter(lookup=lookup).first()
    if receipt is None:
        _dummy_check(secret)
    elif check_password(secret, receipt.secret_hash):
        return ReceiptCheck(receipt.report)
    for key in keys:
        _count_failure(key)
    return ReceiptCheck(
        None, message=_("Deze code klopt niet. Controleer de cijfers en probeer het opnieuw.")
    )


def portal_session_start(request: HttpRequest, report: Report) -> None:
    """Bind this browser session to one report; a fresh session key prevents session fixation."""
    _portal_bind(request, report.pk)


def _portal_bind(request: HttpRequest, report_id: int) -> None:
    request.session.cycle_key()
    expires = timezone.now() + timedelta(seconds=PORTAL_SESSION_SECONDS)
    request.session[PORTAL_SESSION_KEY] = {"report_id": report_id, "expires": expires.isoformat()}


def portal_session_end(request: HttpRequest) -> None:
    request.session.pop(PORTAL_SESSION_KEY, None)


def portal_report_id(request: HttpRequest) -> int | None:
    """The report this session may open through a receipt code, or None (also when it has expired)."""
    binding = request.session.get(PORTAL_SESSION_KEY)
    if not isinstance(binding, dict):
        return None
    expires = parse_datetime(str(binding.get("expires", "")))
    if expires is None or expires <= timezone.now():
        request.session.pop(PORTAL_SESSION_KEY, None)
        return None
    report_id = binding.get("report_id")
    return report_id if isinstance(report_id, int) else None


_FLASH_KEY = "klankbord_receipt_once"


def receipt_flash(request: HttpRequest, *, report: Report, code: str, portal: bool = False) -> None:
    """Hold the plain code (encrypted) in the session until the receipt page shows it, exactly once.

    The code also goes with the form's submission outcome (sealed with the form's own key, core.submissions),
    so that a repeat of the same post, a double click or a re-send after an outage, shows this receipt again
    (:func:`receipt_replay`) instead of an empty one: the browser only ever shows the last answer.
    """
    _flash(request, report_id=report.pk, code=code)
    submission_remember(request, report_id=report.pk, code=code, portal=portal)


def _flash(request: HttpRequest, *, report_id: int, code: str) -> None:
    from klankbord.crypto.keyring import keyring

    sealed = keyring().encrypt_text(code, purpose=f"session:receipt:{report_id}")
    request.session[_FLASH_KEY] = {"report_id": report_id, "sealed": sealed}


def receipt_replay(request: HttpRequest, remembered: dict[str, Any]) -> None:
    """A repeated post of a form that issued a receipt: hold the same code for the receipt page again."""
    report_id, code = remembered.get("report_id"), remembered.get("code")
    if not isinstance(report_id, int) or not isinstance(code, str):
        return
    if remembered.get("portal"):
        _portal_bind(request, report_id)
    _flash(request, report_id=report_id, code=code)


def receipt_pop(request: HttpRequest) -> tuple[int, str] | None:
    """The code to show now (and never again), with its report id."""
    from klankbord.crypto.keyring import DecryptionError, keyring

    held = request.session.pop(_FLASH_KEY, None)
    if not isinstance(held, dict) or not isinstance(held.get("report_id"), int):
        return None
    try:
        code = keyring().decrypt_text(str(held.get("sealed")), purpose=f"session:receipt:{held['report_id']}")
    except (DecryptionError, ValueError):
        return None
    return held["report_id"], code


def portal_visitor_session(request: HttpRequest) -> VisitorSession | None:
    """A receipt-code session, for the header: the one report it opens and how to end it (not "Inloggen")."""
    report_id = portal_report_id(request)
    if report_id is None:
        return None
    return VisitorSession(
        label=_("Mijn melding"),
        url=reverse("reports:portal_detail", kwargs={"pk": report_id}),
        end_url=reverse("reports:end_session"),
        end_label=_("Afmelden"),
    )
