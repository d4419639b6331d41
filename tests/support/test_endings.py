"""Issue 11, item 5: an ambassador who stops loses access at once and each case goes to the hand-over queue."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from klankbord.ambassadors.constants import AmbassadorStatus
from klankbord.ambassadors.services import ambassador_set_status
from klankbord.matching.models import Assignment
from klankbord.matching.selectors import assignments_to_reassign
from klankbord.reports.models import Report
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
