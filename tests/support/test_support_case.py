"""The support journey through the pages: log, referral, escalation, aftercare, closing, evaluation."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.html import escape

from klankbord.matching.constants import AssignmentStatus
from klankbord.matching.models import Assignment
from klankbord.reports.constants import ReportStatus
from klankbord.reports.models import Report
from klankbord.support.constants import CheckInStatus
from klankbord.support.models import (
    AftercareCheckIn,
    ClosingEvaluation,
    ContactMoment,
    Escalation,
    Referral,
    ReferralResource,
)
from klankbord.support.selectors import evaluation_aggregates
from tests.factories.support import SECRET

pytestmark = pytest.mark.django_db


@pytest.fixture
def resource(db: None) -> ReferralResource:
    return ReferralResource.objects.create(name="Slachtofferhulp Nederland", kind="victim_support")


def test_the_request_page_shows_only_consented_fields_and_accepting_opens_the_case(
    requested: Assignment, ambassador: Any, client_for: Any
) -> None:
    client = client_for(ambassador)
    page = client.get(f"/begeleiding/zaak/{requested.report_id}/verzoek/").content.decode()
    assert SECRET in page and "0611111111" not in page
    assert client.get(f"/begeleiding/zaak/{requested.report_id}/").status_code == 404  # not accepted yet
    response = client.post(f"/begeleiding/zaak/{requested.report_id}/verzoek/", {"action": "accept"})
    assert response.status_code == 302
    assert client.get(f"/begeleiding/zaak/{requested.report_id}/").status_code == 200
    assert client.get(f"/begeleiding/zaak/{requested.report_id}/verzoek/").status_code == 404


def test_declining_through_the_page_returns_to_the_list(
    requested: Assignment, ambassador: Any, client_for: Any
) -> None:
    response = client_for(ambassador).post(
        f"/begeleiding/zaak/{requested.report_id}/verzoek/",
        {"action": "decline", "reason": "Ik ken het raadslid.", "confirmed": "1"},
    )
    assert response.status_code == 302
    requested.refresh_from_db()
    assert requested.status == AssignmentStatus.DECLINED


def test_the_whole_support_path_from_contact_to_evaluation(
    accepted: Assignment, ambassador: Any, counsellor: Any, client_for: Any, resource: ReferralResource
) -> None:
    pk = accepted.report_id
    amb = client_for(ambassador)
    today = timezone.localdate().isoformat()
    bad = amb.post(f"/begeleiding/zaak/{pk}/contact/", {"date": today, "form": "call", "note": "kort"})
    assert bad.status_code == 400 and "Vul de duur in minuten in." in bad.content.decode()
    assert "kort" in bad.content.decode()  # what was typed stays
    ok = amb.post(
        f"/begeleiding/zaak/{pk}/contact/",
        {"date": today, "form": "call", "duration_minutes": "30", "topics": ["safety", "abuse_of_powers"]},
    )
    assert ok.status_code == 302 and ContactMoment.objects.get(report_id=pk).topics == [
        "safety",
        "abuse_of_powers",
    ]

    amb.post(f"/begeleiding/zaak/{pk}/doorverwijzing/", {"resource": resource.pk})
    referral = Referral.objects.get(report_id=pk)
    amb.post(f"/begeleiding/zaak/{pk}/doorverwijzing/{referral.pk}/stand/", {"outcome": "helping"})
    referral.refresh_from_db()
    assert referral.outcome == "helping" and referral.history.count() == 2

    amb.post(f"/begeleiding/zaak/{pk}/fase/", {"to_status": ReportStatus.PROFESSIONAL_HELP})
    amb.post(f"/begeleiding/zaak/{pk}/fase/", {"to_status": ReportStatus.AFTERCARE})
    assert Report.objects.get(pk=pk).status == ReportStatus.AFTERCARE
    planned = list(AftercareCheckIn.objects.filter(report_id=pk))
    assert [c.offset_days for c in planned] == [14, 91, 182]

    AftercareCheckIn.objects.filter(pk=planned[0].pk).update(due_on=timezone.localdate())  # due now
    amb.post(f"/begeleiding/zaak/{pk}/nazorg/{planned[0].pk}/", {"outcome": "well", "note": ""})
    assert AftercareCheckIn.objects.get(pk=planned[0].pk).status == CheckInStatus.DONE

    member = Report.objects.get(pk=pk)
    member.reporter = counsellor  # any account will do as the member's own here
    Report.objects.filter(pk=pk).update(reporter=counsellor)
    scores = {"score_heard": "5", "score_fit": "4", "score_referrals": "4", "score_overall": "5"}
    evaluation = client_for(counsellor).post(
        f"/begeleiding/mijn-melding/{pk}/evaluatie/", {**scores, "helped": "x"}
    )
    assert evaluation.status_code == 302 and ClosingEvaluation.objects.filter(report_id=pk).exists()

    closed = client_for(counsellor).post(
        f"/begeleiding/zaak/{pk}/afsluiten/", {"reason": "Nazorg afgerond.", "confirmed": "1"}
    )
    assert closed.status_code == 302
    assert Report.objects.get(pk=pk).status == ReportStatus.CLOSED
    accepted.refresh_from_db()
    assert accepted.status == AssignmentStatus.ENDED
    assert not AftercareCheckIn.objects.filter(report_id=pk, status=CheckInStatus.PLANNED).exists()
    assert amb.get(f"/begeleiding/zaak/{pk}/").status_code == 404  # access ends with the assignment


def test_without_aftercare_consent_no_check_ins_are_planned(
    profile: Any, counsellor: Any, ambassador: Any, client_for: Any
) -> None:
    from klankbord.matching.services import assignment_accept, assignment_confirm
    from tests.factories.support import consented_report

    report = consented_report(aftercare=False)
    assignment = assignment_confirm(actor=counsellor, report_id=report.pk, ambassador=profile)
    assignment_accept(actor=ambassador, assignment_id=assignment.pk)
    client_for(ambassador).post(f"/begeleiding/zaak/{report.pk}/fase/", {"to_status": ReportStatus.AFTERCARE})
    assert Report.objects.get(pk=report.pk).status == ReportStatus.AFTERCARE
    assert not AftercareCheckIn.objects.filter(report=report).exists()


def test_an_illegal_step_is_refused_with_a_message(
    accepted: Assignment, ambassador: Any, client_for: Any
) -> None:
    response = client_for(ambassador).post(
        f"/begeleiding/zaak/{accepted.report_id}/fase/", {"to_status": "closed"}
    )
    assert response.status_code == 400
    assert Report.objects.get(pk=accepted.report_id).status == ReportStatus.IN_SUPPORT


def test_escalating_mails_the_counsellors_without_content(
    accepted: Assignment,
    ambassador: Any,
    counsellor: Any,
    client_for: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(ambassador).post(
            f"/begeleiding/zaak/{accepted.report_id}/escaleren/",
            {"target": "counsellor", "reason": "Dreiging thuis"},
        )
    assert response.status_code == 302 and Escalation.objects.count() == 1
    assert counsellor.email in [m.to[0] for m in mail.outbox]
    assert all("Dreiging" not in m.body for m in mail.outbox)
    page = client_for(counsellor).get("/begeleiding/escalaties/").content.decode()
    assert "Dreiging thuis" in page


def test_the_member_sees_their_ambassador_status_and_next_check_in(
    accepted: Assignment, ambassador: Any, council_member: Any, client_for: Any
) -> None:
    Report.objects.filter(pk=accepted.report_id).update(reporter=council_member)
    client_for(ambassador).post(
        f"/begeleiding/zaak/{accepted.report_id}/fase/", {"to_status": ReportStatus.AFTERCARE}
    )
    page = client_for(council_member).get(f"/mijn-meldingen/{accepted.report_id}/").content.decode()
    assert escape(ambassador.display_name) in page and ambassador.email in page
    assert "Volgend nazorgmoment" in page and "Evalueer de begeleiding" in page


def test_the_evaluation_is_refused_before_aftercare_and_for_others(
    accepted: Assignment, council_member: Any, outsider: Any, client_for: Any
) -> None:
    Report.objects.filter(pk=accepted.report_id).update(reporter=council_member)
    assert (
        client_for(council_member)
        .get(f"/begeleiding/mijn-melding/{accepted.report_id}/evaluatie/")
        .status_code
        == 404
    )
    Report.objects.filter(pk=accepted.report_id).update(status=ReportStatus.AFTERCARE)
    assert (
        client_for(outsider).get(f"/begeleiding/mijn-melding/{accepted.report_id}/evaluatie/").status_code
        == 404
    )
    bad = client_for(council_member).post(
        f"/begeleiding/mijn-melding/{accepted.report_id}/evaluatie/", {"helped": "y"}
    )
    assert bad.status_code == 400 and "Kies een cijfer van 1 tot en met 5." in bad.content.decode()


def test_evaluation_aggregates_hide_small_numbers_and_never_hold_text(db: None) -> None:
    from tests.factories.reports import make_report

    for n in range(5):
        ClosingEvaluation.objects.create(
            report=make_report(consent=False),
            score_heard=5,
            score_fit=4,
            score_referrals=n % 5 + 1,
            score_overall=4,
            helped="geheim",
        )
    assert evaluation_aggregates(k=6) == {"count": 5, "suppressed": True, "questions": []}
    result = evaluation_aggregates(k=5)
    assert result["count"] == 5 and result["questions"][0]["mean"] == 5.0
    assert "geheim" not in str(result)


def test_the_demo_directory_is_seeded_once(db: None) -> None:
    from klankbord.core.demo import DemoContext
    from klankbord.support.demo import seed

    seed(DemoContext(write=lambda line: None))
    count = ReferralResource.objects.count()
    seed(DemoContext(write=lambda line: None))
    assert count >= 6 and ReferralResource.objects.count() == count
    assert ReferralResource.objects.filter(region__isnull=False).exists()


def test_the_directory_is_for_the_coordinator_only(
    coordinator: Any, ambassador: Any, client_for: Any
) -> None:
    assert client_for(coordinator).get("/begeleiding/hulpaanbod/").status_code == 200
    assert client_for(ambassador).get("/begeleiding/hulpaanbod/").status_code == 403
    response = client_for(coordinator).post("/begeleiding/hulpaanbod/nieuw/", {"name": "", "kind": "legal"})
    assert response.status_code == 400


def test_the_coordinator_adds_and_changes_help_and_each_save_is_audited(
    coordinator: Any, client_for: Any
) -> None:
    from klankbord.audit.models import AuditEntry

    client = client_for(coordinator)
    response = client.post("/begeleiding/hulpaanbod/nieuw/", {"name": "Slachtofferhulp", "kind": "legal"})
    assert response.status_code == 302
    resource = ReferralResource.objects.get(name="Slachtofferhulp")
    client.post(
        f"/begeleiding/hulpaanbod/{resource.pk}/bewerken/", {"name": "Slachtofferhulp", "kind": "legal"}
    )
    actions = AuditEntry.objects.filter(object_type="support.referralresource", object_id=str(resource.pk))
    assert list(actions.order_by("sequence").values_list("action", flat=True)) == [
        "support.resource.created",
        "support.resource.changed",
    ]
    assert set(actions.values_list("actor_id", flat=True)) == {coordinator.pk}


def test_help_is_not_saved_when_its_audit_entry_cannot_be_written(coordinator: Any, monkeypatch: Any) -> None:
    from klankbord.support import services

    def broken(**_kwargs: Any) -> None:
        raise RuntimeError("audit unavailable")

    monkeypatch.setattr(services, "audit_log", broken)
    with pytest.raises(RuntimeError):
        services.resource_save(
            actor=coordinator, resource=ReferralResource(name="Huisarts", kind="psychosocial")
        )
    assert not ReferralResource.objects.filter(name="Huisarts").exists()


def test_the_ambassadors_list_keeps_a_flat_query_count(
    accepted: Assignment,
    profile: Any,
    counsellor: Any,
    ambassador: Any,
    client_for: Any,
    django_assert_max_num_queries: Any,
) -> None:
    from klankbord.matching.services import assignment_confirm
    from tests.factories.support import consented_report

    profile.capacity = 10
    profile.save()
    for _ in range(4):
        assignment_confirm(actor=counsellor, report_id=consented_report().pk, ambassador=profile)
    client = client_for(ambassador)
    with django_assert_max_num_queries(15):
        page = client.get("/begeleiding/")
    assert page.status_code == 200 and page.content.decode().count("<tr>") == 6


def test_the_escalations_list_is_for_counsellors(counsellor: Any, ambassador: Any, client_for: Any) -> None:
    assert client_for(counsellor).get("/begeleiding/escalaties/").status_code == 200
    assert client_for(ambassador).get("/begeleiding/escalaties/").status_code == 404
