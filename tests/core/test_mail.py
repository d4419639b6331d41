"""Outgoing mail: templates in Dutch and English, primitives only, sent after commit, dev mail in var/mail."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction
from django.template import TemplateDoesNotExist

from klankbord.core.mail import MAX_CONTEXT_VALUE, mail_render, mail_send

TEMPLATES = ["new_message", "new_report", "urgent_report", "request_for_ambassador", "generic_notice"]
MAIL_DIR = Path(settings.BASE_DIR) / "klankbord" / "core" / "templates" / "mail"
ALLOWED_VARIABLES = {"recipient_name", "path", "site_url", "org_name", "org_contact"}
FOOTER = {
    "nl": "Dit bericht bevat bewust geen inhoud.",
    "en": "This message deliberately contains no content.",
}


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("template", TEMPLATES)
def test_every_notification_renders_with_a_link_and_the_footer(template: str, language: str) -> None:
    subject, body = mail_render(
        template=template, context={"recipient_name": "Sanne", "path": "/x/7/"}, language=language
    )

    assert subject and "\n" not in subject
    assert body.startswith(("Beste Sanne,", "Dear Sanne,"))
    assert f"{settings.SITE_URL.rstrip('/')}/x/7/" in body
    assert FOOTER[language] in body
    assert body.rstrip().endswith(("Bel 112.", "Call 112."))


@pytest.mark.parametrize("template", TEMPLATES)
def test_english_and_dutch_templates_really_differ(template: str) -> None:
    assert mail_render(template=template, language="nl") != mail_render(template=template, language="en")


def test_the_new_message_subject_says_only_that_something_waits() -> None:
    subject, _body = mail_render(template="new_message", context={"path": "/berichten/1/"})
    assert subject == "Er is een nieuw bericht voor u in Klankbord"


@pytest.mark.parametrize("path", sorted(MAIL_DIR.glob("*.txt")), ids=lambda p: p.name)
def test_templates_can_show_nothing_but_the_allowed_short_primitives(path: Path) -> None:
    source = path.read_text()
    variables = set(re.findall(r"{{\s*(\w+)", source)) | set(re.findall(r"{%\s*if\s+(\w+)", source))
    assert variables <= ALLOWED_VARIABLES
    includes = re.findall(r'{%\s*include\s+"([^"]+)"', source)
    assert all(name.startswith("mail/base_footer") for name in includes)


@pytest.mark.parametrize("template", TEMPLATES)
def test_a_rendered_mail_holds_no_value_longer_than_an_allowed_primitive(template: str) -> None:
    longest = "n" * MAX_CONTEXT_VALUE
    _subject, body = mail_render(
        template=template, context={"recipient_name": longest, "path": "/" + "p" * 199}
    )

    site = settings.SITE_URL.rstrip("/")
    words = body.replace(site, "").split()
    assert max(len(word) for word in words) <= MAX_CONTEXT_VALUE + 1  # the name plus its comma


def test_a_value_just_over_the_limit_is_refused() -> None:
    mail_render(template="generic_notice", context={"recipient_name": "n" * MAX_CONTEXT_VALUE})
    with pytest.raises(ValueError, match="too long"):
        mail_send(to="a@example.test", template="generic_notice", context={"recipient_name": "n" * 201})


@pytest.mark.parametrize(
    "value",
    [["a", "b"], {"case": "details"}, 1.5, object(), b"bytes"],
    ids=["list", "dict", "float", "object", "bytes"],
)
def test_mail_send_refuses_context_that_is_not_a_primitive(value: object) -> None:
    with pytest.raises(TypeError):
        mail_send(to="a@example.test", template="generic_notice", context={"recipient_name": value})


@pytest.mark.parametrize(
    ("context", "message"),
    [
        ({"recipient_name": "Sanne\nHier staat de melding"}, "more than one line"),
        ({"path": "https://elders.example/phish"}, "path on this site"),
        ({"path": "//elders.example/"}, "path on this site"),
        ({"recipient_name": "zie https://elders.example"}, "URL"),
        ({"site_url": "https://elders.example"}, "set by Klankbord"),
    ],
)
def test_mail_send_refuses_content_and_foreign_links(context: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        mail_send(to="a@example.test", template="generic_notice", context=context)


@pytest.mark.parametrize("template", ["../secret", "Generic_Notice", "mail/generic_notice", ""])
def test_only_plain_template_names_are_accepted(template: str) -> None:
    with pytest.raises(ValueError):
        mail_render(template=template)


def test_an_unknown_template_fails_at_once() -> None:
    with pytest.raises(TemplateDoesNotExist):
        mail_send(to="a@example.test", template="does_not_exist")


@pytest.mark.parametrize("address", ["not-an-address", "a@example.test\nBcc: b@example.test", ""])
def test_bad_recipients_are_refused_before_anything_is_queued(
    address: str, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(ValueError):
        mail_send(to=address, template="generic_notice")
    assert callbacks == []


def test_plain_text_mail_is_not_html_escaped() -> None:
    _subject, body = mail_render(
        template="generic_notice", context={"recipient_name": "Anne O'Brien & Co", "path": "/a/?x=1&y=2"}
    )
    assert "Anne O'Brien & Co" in body and "/a/?x=1&y=2" in body and "&amp;" not in body


@pytest.mark.django_db
def test_mail_is_sent_only_after_the_transaction_commits(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        mail_send(to="vp@example.test", template="new_report", context={"path": "/meldingen/1/"})
        assert mail.outbox == []

    assert len(callbacks) == 1 and mail.outbox == []
    callbacks[0]()
    assert [message.to for message in mail.outbox] == [["vp@example.test"]]
    assert mail.outbox[0].subject == "Er is een nieuwe melding in Klankbord"


@pytest.mark.django_db
def test_no_mail_is_sent_when_the_transaction_rolls_back(django_capture_on_commit_callbacks) -> None:
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        mail_send(to="vp@example.test", template="new_report")
        raise RuntimeError("the change failed")

    assert callbacks == [] and mail.outbox == []


@pytest.mark.django_db
def test_every_recipient_gets_a_message_of_their_own(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        mail_send(to=["a@example.test", "b@example.test", "a@example.test"], template="urgent_report")

    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.test", "b@example.test"]
    assert all(len(message.to) == 1 and not message.cc and not message.bcc for message in mail.outbox)


@pytest.mark.django_db
def test_english_mail_uses_the_english_templates(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        mail_send(to="a@example.test", template="new_message", language="en")
    assert mail.outbox[0].subject == "There is a new message for you in Klankbord"


@pytest.fixture
def dutch_only_template(tmp_path: Path, settings) -> str:
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "only_dutch.nl.subject.txt").write_text("Alleen Nederlands\n")
    (folder / "only_dutch.nl.txt").write_text('Hallo.\n{% include "mail/base_footer.txt" %}')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    return "only_dutch"


@pytest.mark.parametrize("language", ["en", "fr", "../en"])
def test_a_language_without_templates_falls_back_to_dutch(dutch_only_template: str, language: str) -> None:
    subject, body = mail_render(template=dutch_only_template, language=language)
    assert subject == "Alleen Nederlands"
    assert FOOTER["nl"] in body


@pytest.mark.django_db
def test_the_file_backend_writes_the_mail_to_disk(
    tmp_path: Path, settings, django_capture_on_commit_callbacks
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        mail_send(to="a@example.test", template="generic_notice", context={"path": "/x/"})

    written = "".join(path.read_text() for path in tmp_path.iterdir())
    assert "Subject: Er staat iets voor u klaar in Klankbord" in written
    assert "To: a@example.test" in written


def test_development_settings_write_mail_to_var_mail(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("EMAIL_", "KLANKBORD_"))}
    env.update({"KLANKBORD_ENV": "development", "KLANKBORD_VAR_DIR": str(tmp_path / "var")})
    script = "import klankbord.settings.base as s; print(s.EMAIL_BACKEND); print(s.EMAIL_FILE_PATH)"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    )
    backend, path = result.stdout.split()
    assert backend == "django.core.mail.backends.filebased.EmailBackend"
    assert Path(path) == tmp_path / "var" / "mail"


ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"


@pytest.mark.django_db
def test_a_calendar_file_can_be_attached(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        mail_send(
            to="a@example.test",
            template="generic_notice",
            attachments=[("uitnodiging.ics", ICS, "text/calendar; charset=utf-8; method=PUBLISH")],
        )
    [(filename, content, mimetype)] = mail.outbox[0].attachments
    assert filename == "uitnodiging.ics" and "BEGIN:VCALENDAR" in str(content)
    assert mimetype.startswith("text/calendar")


@pytest.mark.parametrize(
    "attachment",
    [
        ("verslag.pdf", b"%PDF-1.7", "application/pdf"),
        ("melding.txt", "Wat er gebeurde", "text/plain"),
        ("../uitnodiging.ics", ICS, "text/calendar"),
        ("uitnodiging.ics", "X" * (64 * 1024 + 1), "text/calendar"),
    ],
    ids=["pdf", "plain-text", "path-in-name", "too-large"],
)
def test_attachments_other_than_small_calendar_files_are_refused(
    attachment: tuple[str, str | bytes, str], django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(ValueError):
        mail_send(to="a@example.test", template="generic_notice", attachments=[attachment])
    assert callbacks == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["Jan (https://example.org)", "Jan\nHier staat de melding", "n" * (MAX_CONTEXT_VALUE + 1)]
)
def test_a_name_that_may_not_appear_is_left_out_and_the_mail_still_goes(
    name: str, django_capture_on_commit_callbacks
) -> None:
    """Issue 11, item 17: names never break mail."""
    with django_capture_on_commit_callbacks(execute=True):
        mail_send(to="a@example.test", template="new_message", context={"path": "/x/"}, recipient_name=name)
    assert len(mail.outbox) == 1 and mail.outbox[0].body.startswith("Goedendag,")
    assert "example.org" not in mail.outbox[0].body and "Hier staat" not in mail.outbox[0].body


def test_a_plain_name_is_used_in_the_greeting() -> None:
    _subject, body = mail_render(template="new_message", recipient_name="Jan")
    assert body.startswith("Beste Jan,")
