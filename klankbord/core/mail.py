"""Outgoing e-mail: Dutch and English templates, queued in the outbox in the caller's transaction.

Messages never carry case content. They say only that something waits and give a link into Klankbord. The
context is therefore limited to short, single-line primitives (a first name, a site-relative ``path``) and
is checked here: anything longer, multi-line, structured or pointing to another site is refused.

A person's name is different: it is chosen by people, not by code, so it is passed as ``recipient_name`` and is
never a reason to fail. A name that may not appear in a mail (a link, several lines, too long) is left out and
the mail greets without it; the omission is logged without the name itself.

The subject and body are rendered from ``mail/<template>.<language>.subject.txt`` and
``mail/<template>.<language>.txt`` (from any app's ``templates/mail/``) with autoescaping off, because
they are plain text. ``site_url``, ``org_name`` and ``org_contact`` (the line that says how to reach the
confidential counsellor, from configuration) are always available. A language without templates
falls back to Dutch. Bodies end with ``{% include "mail/base_footer.txt" %}`` (or ``base_footer.en.txt``).
The only attachments allowed are small calendar (ICS) files.
"""

from __future__ import annotations

import base64
import logging
import re
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.template import Context, TemplateDoesNotExist, engines
from django.utils import translation
from django_tasks import task

from klankbord.outbox.services import mail_enqueue

from .contact import contact_mail_line

MailContext = Mapping[str, str | int | None]
Attachment = tuple[str, str | bytes, str]  # (filename, content, mimetype)
MAX_CONTEXT_VALUE = 200
MAX_SUBJECT_LENGTH = 150
RESERVED_KEYS = frozenset({"site_url", "org_name", "org_contact"})
_TEMPLATE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,60}$")
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
logger = logging.getLogger(__name__)
ALLOWED_ATTACHMENT_TYPES = frozenset({"text/calendar"})
MAX_ATTACHMENT_BYTES = 64 * 1024
_ATTACHMENT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$")


def _check_value(key: str, value: object) -> None:
    if not (value is None or isinstance(value, int | str)):
        raise TypeError(f"mail context {key!r} must be a string or number, not {type(value).__name__}")
    if not isinstance(value, str):
        return
    if len(value) > MAX_CONTEXT_VALUE:
        raise ValueError(f"mail context {key!r} is too long to be anything but content; refuse to mail it")
    if _CONTROL_CHARACTERS.search(value):
        raise ValueError(f"mail context {key!r} spans more than one line; refuse to mail it")
    if key == "path" and not (value.startswith("/") and not value.startswith("//")):
        raise ValueError("mail context 'path' must be a path on this site, starting with a single '/'")
    if "://" in value:
        raise ValueError(f"mail context {key!r} holds a URL; pass a site-relative 'path' instead")


def _fit_name(name: str | None) -> str | None:
    """``name`` if it may appear in a mail, else ``None`` (logged without the name): names never break mail."""
    if not name:
        return None
    try:
        _check_value("recipient_name", name)
    except ValueError as error:
        logger.warning("a recipient's name was left out of a mail: %s", error)
        return None
    return name


def _check_context(context: MailContext) -> None:
    for key, value in context.items():
        if key in RESERVED_KEYS:
            raise ValueError(f"mail context {key!r} is set by Klankbord itself")
        _check_value(key, value)


def _recipients(to: str | list[str]) -> list[str]:
    recipients = [to] if isinstance(to, str) else list(to)
    for address in recipients:
        try:
            validate_email(address)
        except (ValidationError, TypeError) as error:
            raise ValueError(f"not an e-mail address: {address!r}") from error
    return list(dict.fromkeys(recipients))


def _language(language: str) -> str:
    return language if language in dict(settings.LANGUAGES) else "nl"


def _render_file(name: str, context: Mapping[str, object]) -> str:
    template = engines["django"].engine.get_template(name)  # type: ignore[attr-defined]
    return str(template.render(Context(dict(context), autoescape=False)))


def mail_render(
    *,
    template: str,
    context: MailContext | None = None,
    language: str = "nl",
    recipient_name: str | None = None,
) -> tuple[str, str]:
    """Subject and body of ``template`` in ``language`` (falling back to Dutch), after checking the context.

    ``recipient_name`` (a person's name) is left out when it may not appear in a mail; see the module docstring.
    """
    if not _TEMPLATE_NAME.match(template):
        raise ValueError(f"mail template name {template!r} must be lower-case letters, digits and '_'")
    context = dict(context or {})
    _check_context(context)
    name = _fit_name(recipient_name)
    if name is not None:
        context["recipient_name"] = name
    full = {**context, "site_url": settings.SITE_URL.rstrip("/"), "org_name": settings.KLANKBORD_ORG_NAME}
    for candidate in dict.fromkeys([_language(language), "nl"]):
        try:
            with translation.override(candidate):
                full["org_contact"] = contact_mail_line()
                subject = _render_file(f"mail/{template}.{candidate}.subject.txt", full)
                body = _render_file(f"mail/{template}.{candidate}.txt", full)
        except TemplateDoesNotExist:
            continue
        return " ".join(subject.split())[:MAX_SUBJECT_LENGTH], body
    raise TemplateDoesNotExist(f"mail/{template}.nl.txt")


@task()
def deliver_mail(
    *, to: list[str], subject: str, body: str, attachments: list[list[str]] | None = None
) -> None:
    """Tasks queued before the outbox (ADR 0070) go into it: ``klankbord db_worker`` drains them once."""
    from klankbord.outbox.services import mail_enqueue

    mail_enqueue(recipients=to, subject=subject, body=body, attachments=attachments or [])


def _check_attachment(filename: str, data: bytes, mimetype: str) -> None:
    """Only small calendar files: an attachment must not become a way around the no-content rule."""
    if not _ATTACHMENT_NAME.match(filename):
        raise ValueError(f"attachment name {filename!r} must be a plain file name")
    if mimetype.split(";", 1)[0].strip().lower() not in ALLOWED_ATTACHMENT_TYPES:
        raise ValueError(f"attachment type {mimetype!r} is not allowed in mail")
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise ValueError(f"attachment {filename!r} is larger than {MAX_ATTACHMENT_BYTES} bytes")


def _encode_attachments(attachments: Sequence[Attachment]) -> list[list[str]]:
    """(filename, content, mimetype) with ``str`` or ``bytes`` content, as JSON-safe lists for the task."""
    encoded = []
    for filename, content, mimetype in attachments:
        data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
        _check_attachment(filename, data, mimetype)
        encoded.append([filename, base64.b64encode(data).decode("ascii"), mimetype])
    return encoded


def mail_send(
    *,
    to: str | list[str],
    template: str,
    context: MailContext | None = None,
    language: str = "nl",
    attachments: Sequence[Attachment] | None = None,
    recipient_name: str | None = None,
) -> None:
    """Render now (fail fast on a bad template or context) and queue one outbox row per recipient in the
    caller's transaction: the mail exists exactly when the change that causes it was committed.

    Every recipient gets a message of their own, so recipients never see each other's addresses. Nothing is
    sent when the transaction rolls back; delivery (retries, time-outs, failures the administrator sees) is the
    outbox's (``klankbord.outbox``, ADR 0070) and never undoes the committed change.
    ``attachments`` (optional): ``(filename, content, mimetype)`` tuples, e.g. an interview's ICS file; an
    attachment is never case content either. ``recipient_name``: the recipient's name, left out (not refused)
    when it may not appear in a mail.
    """
    recipients = _recipients(to)
    subject, body = mail_render(
        template=template, context=context, language=language, recipient_name=recipient_name
    )
    encoded = _encode_attachments(attachments) if attachments else []
    mail_enqueue(
        recipients=recipients,
        subject=subject,
        body=body,
        template=template,
        language=_language(language),
        attachments=encoded,
    )


def mail_user(*, user: Any, template: str, path: str) -> None:
    """Tell an active user with an address that something waits at ``path`` (in their own language)."""
    if user is not None and user.is_active and user.email:
        mail_send(
            to=user.email,
            template=template,
            context={"path": path},
            language=getattr(user, "preferred_language", "nl") or "nl",
            recipient_name=(user.display_name or "")[:100],
        )
