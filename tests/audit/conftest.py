"""A small world of confidential objects, built through the real services, with who may and may not see each.

Used by the case-page walk in ``test_case_page_reads.py``: a report in support (with a portal reporter, an
accepted ambassador and a file), a report that waits for an ambassador's answer, a case closed with its aftercare
going on (a kept check-in of the same ambassador), and an application with a CV.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from klankbord.accounts.constants import RoleSlug
from klankbord.ambassadors.models import Ambassador
from klankbord.consent.constants import ShareableField
from klankbord.geo.models import Municipality
from klankbord.geo.selectors import active_scheme
from klankbord.matching.services import assignment_accept, assignment_confirm
from klankbord.messaging.models import Attachment
from klankbord.recruitment import services as recruitment
from klankbord.recruitment.models import Application, Vacancy
from klankbord.recruitment.uploads import CheckedCV
from klankbord.reports.constants import ReportStatus
from klankbord.reports.models import Report
from klankbord.reports.services import ConsentInput, ReportInput, report_claim, report_submit_online
from klankbord.support.constants import CheckInStatus
from klankbord.support.models import AftercareCheckIn
from klankbord.support.services import support_close, support_transition
from tests.factories.audit import CaseWorld
from tests.factories.files import pdf_bytes, png_bytes


def _consented_report(reporter: Any, municipality: Municipality, *, aftercare: bool = False) -> Report:
    consents = ConsentInput(
        connect_ambassador=True,
        share_fields=[ShareableField.NARRATIVE, ShareableField.MUNICIPALITY, ShareableField.ATTACHMENTS],
        aftercare_contact=aftercare,
    )
    data = ReportInput(narrative="Ik werd bedreigd na de raadsvergadering.", municipality=municipality)
    return report_submit_online(reporter=reporter, data=data, consents=consents).report


def _profile(user: Any, municipality: Municipality) -> Ambassador:
    return Ambassador.objects.create(user=user, home_municipality=municipality)


def _kept_checkin(report: Report, counsellor: Any, ambassador: Any, profile: Ambassador) -> AftercareCheckIn:
    """A case closed with its aftercare going on: the first of its kept check-ins."""
    report_claim(counsellor=counsellor, report=report)
    assignment = assignment_confirm(actor=counsellor, report_id=report.pk, ambassador=profile)
    assignment_accept(actor=ambassador, assignment_id=assignment.pk)
    support_transition(
        actor=ambassador, report=report, to_status=ReportStatus.AFTERCARE, actor_kind="ambassador"
    )
    support_close(actor=counsellor, report=report, reason="Afgerond.", aftercare_continues=True)
    return AftercareCheckIn.objects.filter(report=report, status=CheckInStatus.PLANNED).order_by("due_on")[0]


def _application(municipality: Municipality) -> Application:
    region = municipality.memberships.get(scheme=active_scheme()).region
    data = recruitment.ApplicantData(
        name="Kandidaat Eén",
        email="kandidaat@example.test",
        phone="06 12345678",
        home_municipality=municipality,
        background_kind="council_member",
        background="Acht jaar raadslid.",
        motivation="Ik wil collega's steunen.",
        consent_keep=False,
        years_council_member=8,
    )
    cv = CheckedCV(filename="cv.pdf", kind="pdf", content=pdf_bytes())
    return recruitment.application_submit(
        vacancy=Vacancy.objects.create(region=region, positions=1), data=data, cv=cv
    )


def _attachment(client: Any, report: Report) -> Attachment:
    upload = SimpleUploadedFile("bewijs.png", png_bytes((4, 4)), content_type="image/png")
    response = client.post(
        f"/mijn-meldingen/{report.pk}/bericht/",
        {"message-body": "Zie de foto", "message-attachments": [upload]},
    )
    assert response.status_code == 302, response.status_code
    return Attachment.objects.get(thread__report=report)


@pytest.fixture
def case_world(
    settings: Any,
    tmp_path: Any,
    make_user: Any,
    client_for: Any,
    counsellor: Any,
    council_member: Any,
    coordinator: Any,
    selection_member: Any,
) -> CaseWorld:
    settings.MEDIA_ROOT = tmp_path / "media"
    utrecht, zeist = Municipality.objects.get(name="Utrecht"), Municipality.objects.get(name="Zeist")
    ambassador, requested, other = (make_user(RoleSlug.AMBASSADOR) for _ in range(3))
    supported, waiting = (
        _consented_report(council_member, utrecht),
        _consented_report(council_member, utrecht),
    )
    for report in (supported, waiting):
        report_claim(counsellor=counsellor, report=report)  # received -> intake: ready to be matched
    attachment = _attachment(client_for(council_member), supported)
    profile = _profile(ambassador, zeist)
    accepted = assignment_confirm(actor=counsellor, report_id=supported.pk, ambassador=profile)
    assignment_accept(actor=ambassador, assignment_id=accepted.pk)
    kept = _kept_checkin(
        _consented_report(council_member, utrecht, aftercare=True), counsellor, ambassador, profile
    )
    assignment_confirm(actor=counsellor, report_id=waiting.pk, ambassador=_profile(requested, zeist))
    _profile(other, zeist)
    application = _application(utrecht)
    recruitment.conflict_declare(actor=selection_member, application=application, reason="Mijn buurman.")
    return CaseWorld(
        counsellor=counsellor,
        reporter=council_member,
        other_member=make_user(RoleSlug.COUNCIL_MEMBER, mfa=False),
        ambassador=ambassador,
        requested_ambassador=requested,
        other_ambassador=other,
        coordinator=coordinator,
        conflicted_scorer=selection_member,
        supported=Report.objects.get(pk=supported.pk),
        waiting=Report.objects.get(pk=waiting.pk),
        attachment=attachment,
        application=application,
        kept_checkin=kept,
    )
