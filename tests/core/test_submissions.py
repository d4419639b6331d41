"""One submission per intent: a form post repeated with its key returns the first result, never a second row."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from klankbord.accounts.constants import RoleSlug
from klankbord.core.models import Submission
from klankbord.core.submissions import submissions_purge
from klankbord.messaging.models import Message
from klankbord.reports.models import Report
from tests.factories.submissions import copy_browser, key_from, keys_in, with_key

FORM = "/melden/formulier/"
FORM_PAGE = "/melden/formulier/?acute_danger=nee"
TEMPLATES = Path(__file__).resolve().parents[2] / "klankbord"


def _report(place: Any, **extra: Any) -> dict[str, Any]:
    return {"acute_danger": "nee", "municipality": place.pk, "narrative": "Bedreigd op de markt.", **extra}


def _code(page: str) -> str:
    found = re.search(r'class="code-display"[^>]*>([0-9 ]+)<', page)
    assert found, page[:2000]
    return found.group(1)


def test_csrf_token_renders_a_new_submission_key_for_every_form(client: Client, db: None) -> None:
    html = client.get(FORM_PAGE).content.decode()
    assert 'name="csrfmiddlewaretoken"' in html
    keys = keys_in(html) + keys_in(client.get(FORM_PAGE).content.decode())
    assert len(keys) >= 2 and len(set(keys)) == len(keys)  # the report form and the language switch, twice


def test_every_posting_form_in_our_templates_renders_the_csrf_token_and_so_the_key() -> None:
    """A form that posts without ``{% csrf_token %}`` would carry no key (and fail the CSRF check)."""
    missing = []
    # 503.html re-sends a post as it was, its own CSRF token and key included (klankbord.core.unavailable).
    for path in sorted(p for p in TEMPLATES.rglob("templates/**/*.html") if p.name != "503.html"):
        text = path.read_text()
        for form in re.finditer(r"<form\b[^>]*>(.*?)</form>", text, flags=re.S | re.I):
            opening = form.group(0)[: form.group(0).index(">") + 1]
            if re.search(r'method="post"', opening, flags=re.I) and "{% csrf_token %}" not in form.group(1):
                missing.append(f"{path.relative_to(TEMPLATES)}: {opening[:80]}")
    assert not missing, "posting forms without {% csrf_token %}:\n" + "\n".join(missing)


def test_form_pages_of_visitors_are_never_stored_either(client: Client, db: None) -> None:
    """A shared computer's back button must not bring a half-typed report back (issue 16 item 4); the 503 page's
    re-send form keeps what was typed when sending fails."""
    response = client.get(FORM_PAGE)
    assert "no-store" in response["Cache-Control"] and "private, no-cache" not in response["Cache-Control"]


def test_a_public_report_posted_twice_is_stored_once_and_both_answers_show_the_same_receipt(
    client: Client, municipality: Any, counsellor: Any, django_capture_on_commit_callbacks: Any
) -> None:
    data = with_key(key_from(client, FORM_PAGE), _report(municipality))
    second_click = copy_browser(client)  # the second request of a double click carries the old cookies
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(FORM, data)
        second = second_click.post(FORM, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == "/melden/ontvangen/"
    assert Report.objects.count() == 1
    assert [m.to for m in mail.outbox] == [[counsellor.email]]
    shown_first = _code(client.get("/melden/ontvangen/").content.decode())
    shown_again = second_click.get("/melden/ontvangen/").content.decode()
    assert _code(shown_again) == shown_first
    assert "Dit formulier was al verstuurd" in shown_again
    # the repeat's browser holds the portal session of the one report, like the first
    assert second_click.get(f"/mijn-meldingen/{Report.objects.get().pk}/").status_code == 200


def test_a_form_sent_back_with_errors_does_not_use_its_key_up(client: Client, municipality: Any) -> None:
    key = key_from(client, FORM_PAGE)
    assert client.post(FORM, with_key(key, _report(municipality, narrative=""))).status_code == 200
    assert client.post(FORM, with_key(key, _report(municipality))).status_code == 302
    assert Report.objects.count() == 1


def test_an_edited_form_sent_again_is_a_new_submission(client: Client, municipality: Any) -> None:
    key = key_from(client, FORM_PAGE)
    client.post(FORM, with_key(key, _report(municipality)))
    client.post(FORM, with_key(key, _report(municipality, narrative="Een tweede, ander voorval.")))
    assert Report.objects.count() == 2


def test_a_key_not_issued_to_this_browser_protects_nothing_and_replays_nothing(
    client: Client, municipality: Any
) -> None:
    key = key_from(client, FORM_PAGE)
    stranger = Client()
    key_from(stranger, FORM_PAGE)  # a browser with its own CSRF secret
    client.post(FORM, with_key(key, _report(municipality)))
    response = stranger.post(FORM, with_key(key, _report(municipality)))
    assert response.status_code == 302
    assert "Dit formulier was al verstuurd" not in stranger.get(response["Location"]).content.decode()
    assert Report.objects.count() == 2


def test_a_counsellor_message_sent_twice_is_one_message_and_one_mail(
    client_for: Any,
    counsellor: Any,
    make_user: Any,
    submit_report: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    member = make_user(RoleSlug.COUNCIL_MEMBER, mfa=False)
    report = submit_report(reporter=member).report
    client = client_for(counsellor)
    data = with_key(key_from(client, f"/meldingen/{report.pk}/"), {"message-body": "Ik bel u morgen."})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answers = [client.post(f"/meldingen/{report.pk}/bericht/", data) for _ in range(2)]
    assert [a.status_code for a in answers] == [302, 302]
    assert answers[0]["Location"] == answers[1]["Location"]
    assert Message.objects.filter(thread__report=report).count() == 1
    assert [m.to for m in mail.outbox] == [[member.email]]


def test_a_report_registered_twice_by_a_counsellor_is_one_report_and_the_code_is_shown_again(
    client_for: Any, counsellor: Any, municipality: Any
) -> None:
    client = client_for(counsellor)
    data = with_key(
        key_from(client, "/meldingen/nieuw/"),
        {"source_channel": "phone", "municipality": municipality.pk, "narrative": "Telefonisch gemeld."},
    )
    first = client.post("/meldingen/nieuw/", data)
    second_click = copy_browser(client)
    second = second_click.post("/meldingen/nieuw/", data)
    assert first["Location"] == second["Location"]
    assert Report.objects.count() == 1
    assert "Ontvangstcode voor de melder" in second_click.get(second["Location"]).content.decode()


def test_handled_submissions_are_forgotten_after_a_day(
    client: Client, municipality: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    import time_machine
    from django.utils import timezone

    from klankbord.core import submissions

    monkeypatch.setattr(submissions, "PURGE_EVERY", 1)  # every keyed post looks for old rows
    with time_machine.travel(timezone.now() - dt.timedelta(hours=25), tick=False):
        client.post(FORM, with_key(key_from(client, FORM_PAGE), _report(municipality)))
    old = Submission.objects.get()
    client.post(FORM, with_key(key_from(client, FORM_PAGE), _report(municipality)))
    assert list(Submission.objects.values_list("pk", flat=True)) != [old.pk]
    assert Submission.objects.count() == 1
    assert submissions_purge(now=timezone.now() + dt.timedelta(hours=23)) == 0
    assert submissions_purge(now=timezone.now() + dt.timedelta(hours=25)) == 1


@pytest.mark.parametrize("path", ["/accounts/login/", "/i18n/setlang/"])
def test_authentication_and_the_language_switch_are_never_replayed(
    client: Client, db: None, path: str
) -> None:
    key = key_from(client, "/accounts/login/")
    for _ in range(2):
        client.post(
            path, with_key(key, {"login": "nobody@example.org", "password": "wrong", "language": "en"})
        )
    assert not Submission.objects.exists()
