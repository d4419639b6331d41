"""Sparverzoeken: a low-threshold request to talk, which a counsellor may turn into a report."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klankbord.accounts.types import AnyUser, User
from klankbord.audit.services import audit_log
from klankbord.core.errors import DomainError
from klankbord.core.mail import mail_send
from klankbord.geo.models import Municipality

from ..constants import SourceChannel, TalkRequestStatus
from ..models import Report, TalkRequest
from .intake import ConsentInput, ReportInput, Submitted, report_register
from .notify import counsellor_users


def talk_request_submit(
    *, requester: AnyUser, municipality: Municipality | None, name: str, reach_me: str, when: str, topic: str
) -> TalkRequest:
    """Somebody asks to talk; counsellors hear it (without content) at once."""
    user = requester if isinstance(requester, User) else None
    with transaction.atomic():
        talk = TalkRequest.objects.create(
            requester=user, municipality=municipality, name=name, reach_me=reach_me, when=when, topic=topic
        )
        audit_log(
            actor=user,
            action="reports.talk_request.submitted",
            target=talk,
            actor_label=None if user else "requester:anonymous",
        )
        for counsellor in counsellor_users():
            mail_send(
                to=counsellor.email, template="reports_talk_request", language=counsellor.preferred_language
            )
    return talk


def talk_request_close(*, actor: User, talk: TalkRequest) -> None:
    """The talk took place and nothing more is needed."""
    with transaction.atomic():
        updated = TalkRequest.objects.filter(pk=talk.pk, status=TalkRequestStatus.OPEN).update(
            status=TalkRequestStatus.HANDLED, handled_by=actor, handled_at=timezone.now()
        )
        if not updated:
            raise DomainError(_("Dit sparverzoek is al afgehandeld."), code="already_handled")
        audit_log(actor=actor, action="reports.talk_request.closed", target=talk)


def talk_request_convert(*, actor: User, talk: TalkRequest) -> Submitted:
    """Turn a talk request into a report the counsellor then completes with the member (consents separately)."""
    with transaction.atomic():
        locked = TalkRequest.objects.select_for_update().get(pk=talk.pk)
        if locked.status != TalkRequestStatus.OPEN:
            raise DomainError(_("Dit sparverzoek is al afgehandeld."), code="already_handled")
        data = ReportInput(narrative=locked.topic, municipality=locked.municipality, contact_name=locked.name)
        data.preferred_contact_times = locked.when
        _fill_reach(data, locked.reach_me)
        submitted = report_register(
            counsellor=actor,
            data=data,
            source=SourceChannel.TALK_REQUEST,
            consents=ConsentInput(),
            consent_method="",
            issue_receipt=locked.requester is None,
        )
        Report.objects.filter(pk=submitted.report.pk).update(reporter=locked.requester)
        TalkRequest.objects.filter(pk=locked.pk).update(
            status=TalkRequestStatus.CONVERTED,
            handled_by=actor,
            handled_at=timezone.now(),
            report=submitted.report,
        )
        audit_log(
            actor=actor,
            action="reports.talk_request.converted",
            target=locked,
            data={"report": submitted.report.pk},
        )
    return submitted


def _fill_reach(data: ReportInput, reach_me: str) -> None:
    """'How to reach me' is free text: an e-mail address goes to the e-mail field, anything else to phone."""
    value = reach_me.strip()
    if "@" in value and " " not in value:
        data.contact_email = value[:254]
    else:
        data.contact_phone = value[:40]
