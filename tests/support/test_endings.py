"""Issue 11, items 5 and 6: an ambassador who stops loses access at once and each case goes to the hand-over
queue; closing a case keeps the aftercare only when chosen, and the member's page shows who supported them."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from klankbord.ambassadors.constants import AmbassadorStatus
from klankbord.ambassadors.services import ambassador_set_status
from klankbord.matching.models import Assignment
from klankbord.matching.selectors import assignments_to_reassign
from klankbord.reports.constants import ReportStatus
from klankbord.reports.models import Report
from klankbord.support.constants import CheckInStatus
from klankbord.support.models import AftercareCheckIn
from klankbord.support.services import support_transition
from tests.factories.support import SECRET

pytestmark = pytest.mark.django_db


# --- item 5 -----------------------------------------------------------------------------------------------------


def test_an_ambassador_who_stops_loses_access_at_once_and_the_case_goes_to_the_hand_over_queue(
    accepted: Assignment,
    ambassador: Any,
    profile: Any,
    coordinator: Any,
    client_for: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    report = accepted.report
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ambassador_set_status(actor=coordinator, ambassador=profile, status=AmbassadorStatus.ENDED)
    amb = client_for(ambassador)
    assert amb.get(f"/begeleiding/zaak/{report.pk}/").status_code == 404
    assert amb.post(f"/begeleiding/zaak/{report.pk}/bericht/", {"message-body": "Hallo"}).status_code == 404
    assert list(assignments_to_reassign()) == [accepted]
    assert Report.objects.get(pk=report.pk).ambassador_id is None
    assert [m.to for m in mail.outbox] == [["lid@example.test"]]  # the member, without content
    assert SECRET not in mail.outbox[0].body and report.reference not in mail.outbox[0].body


def test_an_ambassador_who_stops_can_no_longer_accept_a_request(
    requested: Assignment, ambassador: Any, profile: Any, coordinator: Any, client_for: Any
) -> None:
    ambassador_set_status(actor=coordinator, ambassador=profile, status=AmbassadorStatus.ENDED)
    assert client_for(ambassador).get(f"/begeleiding/zaak/{requested.report_id}/verzoek/").status_code == 404
    assert list(assignments_to_reassign()) == [requested]


def test_a_paused_ambassador_keeps_access(
    accepted: Assignment, ambassador: Any, profile: Any, coordinator: Any, client_for: Any
) -> None:
    ambassador_set_status(actor=coordinator, ambassador=profile, status=AmbassadorStatus.PAUSED)
    assert client_for(ambassador).get(f"/begeleiding/zaak/{accepted.report_id}/").status_code == 200
    assert list(assignments_to_reassign()) == [accepted]


# --- item 6 -----------------------------------------------------------------------------------------------------


def _close_in_aftercare(
    accepted: Assignment, ambassador: Any, counsellor: Any, client_for: Any, **extra: str
) -> Any:
    support_transition(
        actor=ambassador, report=accepted.report, to_status=ReportStatus.AFTERCARE, actor_kind="ambassador"
    )
    Report.objects.filter(pk=accepted.report_id).update(
        reporter=counsellor
    )  # any account as the member's own
    return client_for(counsellor).post(
        f"/begeleiding/zaak/{accepted.report_id}/afsluiten/", {"reason": "Afgerond.", **extra}
    )


def test_closing_with_aftercare_continuing_keeps_the_check_ins_and_the_member_sees_who_supported_them(
    accepted: Assignment, ambassador: Any, counsellor: Any, client_for: Any
) -> None:
    closed = _close_in_aftercare(accepted, ambassador, counsellor, client_for, aftercare_continues="on")
    assert closed.status_code == 302
    assert (
        AftercareCheckIn.objects.filter(report_id=accepted.report_id, status=CheckInStatus.PLANNED).count()
        == 3
    )
    page = client_for(counsellor).get(f"/mijn-meldingen/{accepted.report_id}/").content.decode()
    assert "Nog niet gekoppeld" not in page
    assert "U werd begeleid door" in page and ambassador.display_name in page
    assert "Wat er nog komt" in page and "De nazorg gaat door" in page
    assert "Uw evaluatie van de begeleiding" in page


def test_closing_without_choosing_aftercare_cancels_it(
    accepted: Assignment, ambassador: Any, counsellor: Any, client_for: Any
) -> None:
    _close_in_aftercare(accepted, ambassador, counsellor, client_for)
    assert not AftercareCheckIn.objects.filter(
        report_id=accepted.report_id, status=CheckInStatus.PLANNED
    ).exists()
    page = client_for(counsellor).get(f"/mijn-meldingen/{accepted.report_id}/").content.decode()
    assert "U werd begeleid door" in page and ambassador.display_name in page
