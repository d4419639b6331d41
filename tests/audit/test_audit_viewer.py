"""The readable audit trail: names instead of user:N, labels instead of codes, filters, pages, audited export."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from klankbord.accounts.models import User
from klankbord.audit.models import AuditEntry
from klankbord.audit.services import audit_log


def test_only_the_administrator_reads_the_audit_trail(
    client_for, administrator, coordinator, counsellor
) -> None:  # type: ignore[no-untyped-def]
    assert client_for(administrator).get(reverse("accounts:audit")).status_code == 200
    for person in (coordinator, counsellor):
        assert client_for(person).get(reverse("accounts:audit")).status_code == 403
        assert client_for(person).get(reverse("accounts:audit_export", args=["csv"])).status_code == 403


def test_people_are_named_and_actions_labelled(client_for, administrator, counsellor) -> None:  # type: ignore[no-untyped-def]
    audit_log(actor=counsellor, action="accounts.user.updated", target=counsellor, ip_address="192.0.2.4")
    gone = User.objects.create_user("weg@example.test", display_name="Vertrokken Persoon")
    audit_log(actor=gone, action="accounts.session.logged_in", target=gone)
    gone_pk = gone.pk
    gone.delete()
    page = client_for(administrator).get(reverse("accounts:audit")).content.decode()
    assert counsellor.display_name in page and "Accountgegevens gewijzigd" in page and "192.0.2.4" in page
    assert f"user:{counsellor.pk}" not in page
    assert f"user:{gone_pk}" in page  # someone who no longer exists keeps the recorded label


def test_filters_by_person_object_action_and_period(
    client_for, administrator, counsellor, coordinator, time_machine
) -> None:  # type: ignore[no-untyped-def]
    now = timezone.now()
    time_machine.move_to(now - timedelta(days=10), tick=False)
    audit_log(actor=counsellor, action="accounts.user.updated", target=counsellor)
    time_machine.move_to(now, tick=False)
    audit_log(actor=coordinator, action="accounts.user.updated", target=coordinator)
    audit_log(actor=counsellor, action="accounts.password.changed", target=counsellor)
    client = client_for(administrator)

    def sequences(**params: object) -> set[int]:
        response = client.get(reverse("accounts:audit_export", args=["json"]), params)
        return {row["Volgnummer"] for row in response.json()["rows"]}

    first, second, third = AuditEntry.objects.order_by("sequence").values_list("sequence", flat=True)[:3]
    assert sequences(person=counsellor.pk) == {first, third}
    assert sequences(object_type="accounts.user", object_id=str(coordinator.pk)) == {second}
    assert sequences(action="accounts.password.changed") == {third}
    today = timezone.localdate(now)
    assert sequences(start=today.isoformat(), end=today.isoformat(), action="accounts.user.updated") == {
        second
    }


def test_the_trail_is_paginated(client_for, administrator) -> None:  # type: ignore[no-untyped-def]
    for number in range(60):
        audit_log(actor=None, action="geo.region.renamed", object_type="geo.region", object_id=number)
    client = client_for(administrator)
    assert "Pagina 1 van 2" in client.get(reverse("accounts:audit")).content.decode()
    assert "Pagina 2 van 2" in client.get(reverse("accounts:audit"), {"pagina": 2}).content.decode()


def test_an_export_is_itself_audited_and_opens_in_dutch_excel(client_for, administrator, counsellor) -> None:  # type: ignore[no-untyped-def]
    audit_log(actor=counsellor, action="accounts.user.updated", target=counsellor)
    response = client_for(administrator).get(
        reverse("accounts:audit_export", args=["csv"]), {"person": counsellor.pk}, REMOTE_ADDR="198.51.100.2"
    )
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert rows[0][:4] == ["Volgnummer", "Tijdstip", "Wie", "Handeling"]
    assert rows[1][2] == counsellor.display_name and rows[1][3] == "Accountgegevens gewijzigd"
    exported = AuditEntry.objects.get(action="audit.entries.exported")
    assert exported.actor_id == administrator.pk and exported.ip_address == "198.51.100.2"
    assert exported.data["person"] == counsellor.pk and exported.data["rows"] == 1
    assert exported.data["format"] == "csv"
