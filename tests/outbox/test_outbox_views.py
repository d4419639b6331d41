"""The administrator's outbox page: who sees it, what it shows, re-send and set aside (audited)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from klankbord.accounts.constants import RoleSlug
from klankbord.audit.models import AuditEntry
from klankbord.outbox.constants import MailStatus
from klankbord.outbox.models import OutgoingMail
from tests.factories.outbox import outbox_row

pytestmark = pytest.mark.django_db
URL = "/uitgaande-mail/"


@pytest.fixture
def failed() -> OutgoingMail:
    return outbox_row(
        status=MailStatus.FAILED,
        recipient="weg@example.test",
        attempts=1,
        last_error="SMTPRecipientsRefused 550",
    )


def test_the_administrator_sees_failed_and_waiting_mail_but_never_its_content(
    client_for: Any, administrator: Any, failed: OutgoingMail
) -> None:
    outbox_row(recipient="wacht@example.test", attempts=2, last_error="TimeoutError")
    page = client_for(administrator).get(URL)
    text = page.content.decode()
    assert page.status_code == 200
    assert "weg@example.test" in text and "SMTPRecipientsRefused 550" in text
    assert "wacht@example.test" in text and "TimeoutError" in text
    assert "Beste Sanne" not in text and "klankbord.example/x/" not in text


@pytest.mark.parametrize("role", [RoleSlug.COUNSELLOR, RoleSlug.COORDINATOR, RoleSlug.AMBASSADOR])
def test_other_roles_are_refused(
    client_for: Any, make_user: Any, role: RoleSlug, failed: OutgoingMail
) -> None:
    client = client_for(make_user(role))
    assert client.get(URL).status_code == 403
    assert client.post(f"{URL}{failed.pk}/opnieuw-versturen/").status_code == 403
    assert OutgoingMail.objects.count() == 1


def test_an_anonymous_visitor_is_sent_to_login(client: Any) -> None:
    assert client.get(URL).status_code == 302


def test_the_page_follows_the_permission_not_the_role(client_for: Any, make_user: Any) -> None:
    from django.contrib.auth.models import Permission

    user = make_user(RoleSlug.COORDINATOR)
    user.user_permissions.add(Permission.objects.get(codename="manage_outgoing_mail"))
    assert client_for(user).get(URL).status_code == 200


def test_re_sending_queues_a_new_message_marks_the_old_one_handled_and_is_audited(
    client_for: Any, administrator: Any, failed: OutgoingMail
) -> None:
    response = client_for(administrator).post(f"{URL}{failed.pk}/opnieuw-versturen/")
    assert response.status_code == 302
    failed.refresh_from_db()
    resent = OutgoingMail.objects.get(resend_of=failed)
    assert failed.handled_at is not None and failed.handled_by == administrator
    assert resent.message_id != failed.message_id and resent.recipient == "weg@example.test"
    entry = AuditEntry.objects.get(action="outbox.mail.resent")
    assert entry.actor_id == administrator.pk and entry.object_id == str(failed.pk)
    assert entry.data["resent_as"] == resent.pk


def test_re_sending_twice_queues_one_new_message(
    client_for: Any, administrator: Any, failed: OutgoingMail
) -> None:
    client = client_for(administrator)
    client.post(f"{URL}{failed.pk}/opnieuw-versturen/")
    client.post(f"{URL}{failed.pk}/opnieuw-versturen/")
    assert OutgoingMail.objects.filter(resend_of=failed).count() == 1


def test_setting_a_failed_mail_aside_sends_nothing_and_is_audited(
    client_for: Any, administrator: Any, failed: OutgoingMail
) -> None:
    client_for(administrator).post(f"{URL}{failed.pk}/afhandelen/")
    failed.refresh_from_db()
    assert failed.handled_at is not None and OutgoingMail.objects.count() == 1 and mail.outbox == []
    assert AuditEntry.objects.filter(action="outbox.mail.dismissed", object_id=str(failed.pk)).exists()
    assert "weg@example.test" not in client_for(administrator).get(URL).content.decode()


def test_a_mail_that_did_not_fail_cannot_be_re_sent(client_for: Any, administrator: Any) -> None:
    sent = outbox_row(status=MailStatus.SENT)
    client_for(administrator).post(f"{URL}{sent.pk}/opnieuw-versturen/")
    assert (
        OutgoingMail.objects.count() == 1
        and not AuditEntry.objects.filter(action="outbox.mail.resent").exists()
    )


def test_re_sending_is_post_only(client_for: Any, administrator: Any, failed: OutgoingMail) -> None:
    assert client_for(administrator).get(f"{URL}{failed.pk}/opnieuw-versturen/").status_code == 405


def test_a_failed_mail_shows_a_banner_to_the_administrator_until_it_is_handled(
    client_for: Any, administrator: Any, counsellor: Any, failed: OutgoingMail
) -> None:
    admin = client_for(administrator)
    assert "1 mail kon niet worden bezorgd." in admin.get("/overzicht/").content.decode()
    assert "kon niet worden bezorgd" not in client_for(counsellor).get("/overzicht/").content.decode()
    admin.post(f"{URL}{failed.pk}/afhandelen/")
    assert "kon niet worden bezorgd" not in admin.get("/overzicht/").content.decode()
