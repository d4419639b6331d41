from __future__ import annotations

from datetime import timedelta
from typing import Any

import time_machine
from django.utils import timezone

from klankbord.reports.constants import RECEIPT_MAX_FAILURES, RECEIPT_WINDOW_SECONDS
from klankbord.reports.models import ReceiptCode
from klankbord.reports.receipts import format_code, receipt_verify


def _wrong(code: str) -> str:
    return code[:-1] + str((int(code[-1]) + 1) % 10)


def test_a_reporter_without_account_gets_a_20_digit_code_of_which_only_a_hash_is_stored(
    submit_report: Any,
) -> None:
    submitted = submit_report()
    code = submitted.receipt_code
    assert code is not None and len(code) == 20 and code.isdigit()
    receipt = ReceiptCode.objects.get(report=submitted.report)
    assert receipt.lookup == code[:8]
    assert code[8:] not in receipt.secret_hash
    assert format_code(code) == " ".join([code[0:4], code[4:8], code[8:12], code[12:16], code[16:20]])


def test_a_logged_in_reporter_gets_no_receipt_code(submit_report: Any, council_member: Any) -> None:
    submitted = submit_report(reporter=council_member)
    assert submitted.receipt_code is None
    assert not ReceiptCode.objects.filter(report=submitted.report).exists()


def test_the_right_code_opens_the_report_even_typed_with_spaces(submit_report: Any) -> None:
    submitted = submit_report()
    check = receipt_verify(raw_code=format_code(submitted.receipt_code), ip="10.0.0.1")
    assert check.report == submitted.report


def test_a_wrong_code_is_refused(submit_report: Any) -> None:
    submitted = submit_report()
    check = receipt_verify(raw_code=_wrong(submitted.receipt_code), ip="10.0.0.1")
    assert check.report is None and not check.throttled
    assert "klopt niet" in check.message


def test_after_too_many_wrong_codes_from_one_ip_even_the_right_code_is_refused_until_the_window_passes(
    submit_report: Any,
) -> None:
    target = submit_report()
    other = submit_report()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _attempt in range(RECEIPT_MAX_FAILURES):
            assert receipt_verify(raw_code=_wrong(other.receipt_code), ip="10.0.0.9").report is None

        refused = receipt_verify(raw_code=target.receipt_code, ip="10.0.0.9")
        assert refused.report is None and refused.throttled
        assert "Te veel onjuiste pogingen" in refused.message
        # Another IP is not affected by this IP's failures.
        assert receipt_verify(raw_code=target.receipt_code, ip="10.0.0.10").report == target.report

        clock.shift(timedelta(seconds=RECEIPT_WINDOW_SECONDS - 5))
        assert receipt_verify(raw_code=target.receipt_code, ip="10.0.0.9").throttled
        clock.shift(timedelta(seconds=10))
        assert receipt_verify(raw_code=target.receipt_code, ip="10.0.0.9").report == target.report


def test_guessing_one_report_from_many_ips_is_throttled_per_lookup(submit_report: Any) -> None:
    target = submit_report()
    for attempt in range(RECEIPT_MAX_FAILURES):
        receipt_verify(raw_code=_wrong(target.receipt_code), ip=f"10.1.0.{attempt}")

    refused = receipt_verify(raw_code=target.receipt_code, ip="10.1.1.1")
    assert refused.report is None and refused.throttled


def test_malformed_codes_count_as_failures(db: None) -> None:
    for _attempt in range(RECEIPT_MAX_FAILURES):
        assert receipt_verify(raw_code="abc", ip="10.2.0.1").report is None
    assert receipt_verify(raw_code="abc", ip="10.2.0.1").throttled


def test_the_sixth_attempt_through_the_page_gets_429_even_with_the_right_code(
    client: Any, submit_report: Any
) -> None:
    target = submit_report()
    for _attempt in range(RECEIPT_MAX_FAILURES):
        response = client.post("/melden/terugkomen/", {"code": _wrong(target.receipt_code)})
        assert response.status_code == 200
        assert "Deze code klopt niet" in response.content.decode()

    response = client.post("/melden/terugkomen/", {"code": target.receipt_code})
    assert response.status_code == 429
    assert "Te veel onjuiste pogingen" in response.content.decode()
    assert client.get(f"/mijn-meldingen/{target.report.pk}/").status_code == 404


def test_a_valid_code_binds_the_session_to_that_one_report_only(client: Any, submit_report: Any) -> None:
    mine, other = submit_report(), submit_report()
    response = client.post("/melden/terugkomen/", {"code": format_code(mine.receipt_code)})
    assert response.status_code == 302
    assert response["Location"] == f"/mijn-meldingen/{mine.report.pk}/"
    assert client.get(f"/mijn-meldingen/{mine.report.pk}/").status_code == 200
    assert client.get(f"/mijn-meldingen/{other.report.pk}/").status_code == 404
    assert "_auth_user_id" not in client.session  # never an account login


def test_the_portal_binding_expires_after_an_hour_even_if_the_session_lives_on(
    client: Any, submit_report: Any, settings: Any
) -> None:
    settings.SESSION_COOKIE_AGE = 24 * 3600
    mine = submit_report()
    client.post("/melden/terugkomen/", {"code": mine.receipt_code})
    with time_machine.travel(timezone.now() + timedelta(minutes=59)):
        assert client.get(f"/mijn-meldingen/{mine.report.pk}/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        assert client.get(f"/mijn-meldingen/{mine.report.pk}/").status_code == 404


def test_logging_out_of_the_portal_ends_access(client: Any, submit_report: Any) -> None:
    mine = submit_report()
    client.post("/melden/terugkomen/", {"code": mine.receipt_code})
    client.post("/melden/afmelden/")
    assert client.get(f"/mijn-meldingen/{mine.report.pk}/").status_code == 404


def test_the_receipt_page_shows_the_code_once(client: Any, municipality: Any) -> None:
    client.post(
        "/melden/formulier/", {"acute_danger": "nee", "municipality": municipality.pk, "narrative": "x"}
    )
    first = client.get("/melden/ontvangen/").content.decode()
    second = client.get("/melden/ontvangen/").content.decode()
    assert "code-display" in first
    assert "code-display" not in second and "al getoond" in second
