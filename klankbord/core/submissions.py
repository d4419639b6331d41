"""One submission per intent, and an honest answer when the database fails (ADR 0071).

Every ``{% csrf_token %}`` (core's template library overrides Django's tag) also renders a hidden
``_submission`` field: a random key per rendered form, signed together with the browser's CSRF secret. A POST
that carries a valid key runs its view inside one transaction that first inserts a :class:`Submission` row
(unique digest of key, path and posted values) and, when the view answers with a redirect, stores that redirect
on the row. A repeat of the same post (a double click, a re-sent form after an outage) finds the row and gets the
same redirect without running the view again; a concurrent repeat waits on the unique index until the first has
committed. Views whose result lives in the session (a receipt code shown once) seal what the result page needs
with :func:`submission_remember` and re-create it on a repeat with :func:`submission_replay`.

The attempt's progress (nothing done, working, committing, committed) is kept on the request, so that the error
pages can say truthfully whether the submission was received (:func:`submission_outcome`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum
from typing import Any, TypeVar

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.contrib import messages
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from .models import Submission

logger = logging.getLogger(__name__)

FIELD_NAME = "_submission"
# Paths whose posts are never replayed: authentication (a stored redirect would not log the repeat in; allauth
# guards its own flows), the language switch (idempotent by nature) and the API (bearer tokens, no forms).
EXEMPT_PREFIXES = ("/accounts/", "/i18n/", "/api/", "/static/")
# Long enough for a re-send after an outage or a back-button repeat. Older rows are deleted by the process
# itself, once every PURGE_EVERY keyed posts, in its own short statement after the response is ready.
KEEP = timedelta(hours=24)
PURGE_EVERY = 100
REDIRECTS = frozenset({301, 302, 303, 307, 308})
UNAVAILABLE = (OperationalError, InterfaceError)
_SALT = "klankbord.core.submissions"
_ATTEMPT = "_klankbord_submission"

View = Callable[..., HttpResponse]
ReplayHook = Callable[[HttpRequest, dict[str, Any]], None]
V = TypeVar("V", bound=Callable[..., HttpResponse])


class Progress(StrEnum):
    NOTHING_DONE = "nothing_done"
    WORKING = "working"
    COMMITTING = "committing"
    COMMITTED = "committed"


class Outcome(StrEnum):
    """What an error page may truthfully say about the request it answers."""

    PAGE = "page"  # not a submission (GET, HEAD)
    NOT_RECEIVED = "not_received"  # nothing of this post was stored
    RECEIVED = "received"  # its work was committed; only the answer failed
    UNKNOWN = "unknown"  # the failure hit the commit itself, or a post without a key


@dataclass
class Attempt:
    keyed: bool
    progress: Progress = Progress.NOTHING_DONE
    remembered: dict[str, Any] = field(default_factory=dict)

    def committed(self) -> None:
        self.progress = Progress.COMMITTED


# --- the key in the form ---------------------------------------------------------------------------------------


def _mac(token: str, csrf_secret: str) -> str:
    return salted_hmac(_SALT, f"{token}:{csrf_secret}", algorithm="sha256").hexdigest()[:32]


def submission_key_issue(request: HttpRequest) -> str:
    """A new key for one rendered form, bound to this browser's CSRF secret (which survives session cycling)."""
    get_token(request)  # makes sure the CSRF secret exists, as {% csrf_token %} does
    token = secrets.token_urlsafe(18)
    return f"{token}.{_mac(token, request.META['CSRF_COOKIE'])}"


def submission_token(request: HttpRequest) -> str | None:
    """The posted key's token when its signature holds for this browser, else None (no database needed)."""
    value = request.POST.get(FIELD_NAME, "")
    token, _dot, mac = value.partition(".")
    secret = request.META.get("CSRF_COOKIE")
    if not token or not mac or not secret:
        return None
    return token if constant_time_compare(mac, _mac(token, secret)) else None


def _digest(request: HttpRequest, token: str) -> str:
    """One digest per (form key, path, posted values): an edited re-post is a new intent, a repeat is not."""
    parts = [token, request.path]
    for name in sorted(request.POST):
        if name != "csrfmiddlewaretoken":
            parts.extend([name, *request.POST.getlist(name)])
    for name in sorted(request.FILES):
        parts.extend(f"{name}:{upload.name}:{upload.size}" for upload in request.FILES.getlist(name))
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


# --- the sealed outcome ----------------------------------------------------------------------------------------


def _cipher(token: str) -> AESGCM:
    info = b"klankbord submission outcome"
    return AESGCM(HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(token.encode()))


def _seal(token: str, digest: str, values: dict[str, Any]) -> str:
    nonce = os.urandom(12)
    sealed = _cipher(token).encrypt(nonce, json.dumps(values).encode(), digest.encode())
    return base64.b64encode(nonce + sealed).decode()


def _unseal(token: str, digest: str, sealed: str) -> dict[str, Any]:
    if not sealed:
        return {}
    raw = base64.b64decode(sealed)
    try:
        values = json.loads(_cipher(token).decrypt(raw[:12], raw[12:], digest.encode()))
    except (InvalidTag, ValueError):
        return {}
    return values if isinstance(values, dict) else {}


def submission_remember(request: HttpRequest, **values: str | int | bool) -> None:
    """Keep primitives with this submission's outcome, for the view's replay hook (sealed with the form's key)."""
    attempt = submission_attempt(request)
    if attempt is not None and attempt.keyed:
        attempt.remembered.update(values)


def submission_replay(hook: ReplayHook) -> Callable[[V], V]:
    """Decorate a view: on a repeated post, ``hook(request, remembered)`` runs before the first redirect is sent."""

    def decorate(view: V) -> V:
        view.submission_replay = hook  # type: ignore[attr-defined]
        return view

    return decorate


# --- the request's progress ------------------------------------------------------------------------------------


def submission_attempt(request: HttpRequest) -> Attempt | None:
    attempt = getattr(request, _ATTEMPT, None)
    return attempt if isinstance(attempt, Attempt) else None


def submission_outcome(request: HttpRequest) -> Outcome:
    """What happened to this request's submission, as far as this process knows (no database needed)."""
    if request.method != "POST":
        return Outcome.PAGE
    attempt = submission_attempt(request)
    if attempt is None or attempt.progress == Progress.NOTHING_DONE:
        return Outcome.NOT_RECEIVED  # the view never started
    if attempt.progress == Progress.COMMITTED:
        return Outcome.RECEIVED
    if attempt.keyed and attempt.progress == Progress.WORKING:
        return Outcome.NOT_RECEIVED  # everything the view did was in the one transaction, rolled back
    return Outcome.UNKNOWN


# --- the middleware --------------------------------------------------------------------------------------------


class SubmissionMiddleware:
    """Runs each keyed POST once (see the module docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Form pages are never cached (NoStoreMiddleware, ADR 0071 "The back button"): the 503 page keeps what
        # was typed instead.
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: View, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> HttpResponse | None:
        if request.method != "POST":
            return None
        token = None if request.path.startswith(EXEMPT_PREFIXES) else submission_token(request)
        attempt = Attempt(keyed=token is not None)
        setattr(request, _ATTEMPT, attempt)
        if token is None:
            attempt.progress = Progress.WORKING  # the view runs as before, outside our transaction
            return None
        try:
            response = _run_once(request, attempt, token, view, args, kwargs)
        except UNAVAILABLE:
            logger.warning("Database unavailable while handling %s", request.path, exc_info=True)
            from .unavailable import unavailable_response

            return unavailable_response(request)
        _purge_now_and_then()
        return response


def _run_once(
    request: HttpRequest,
    attempt: Attempt,
    token: str,
    view: View,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> HttpResponse:
    digest = _digest(request, token)
    for _round in range(2):  # a second round only if the row we collided with has gone (purged) since
        with transaction.atomic():
            attempt.progress = Progress.WORKING
            transaction.on_commit(attempt.committed)  # registered first, so it runs before any other hook
            row = _claim(digest)
            if row is not None:
                response = view(request, *args, **kwargs)
                _record(row, response, token, attempt)
            attempt.progress = Progress.COMMITTING
        if row is not None:
            return response
        attempt.progress = Progress.NOTHING_DONE
        replayed = _replay(request, digest, token, view)
        if replayed is not None:
            return replayed
    raise IntegrityError("submission key collided twice without a stored outcome")


def _claim(digest: str) -> Submission | None:
    """Insert this submission's row, or None when the same submission is (or was) already handled.

    On PostgreSQL a concurrent insert of the same key waits until the first transaction ends, so the repeat
    sees the committed outcome (or, if the first did not count, claims the key itself).
    """
    try:
        with transaction.atomic():
            return Submission.objects.create(key=digest)
    except IntegrityError:
        return None


def _record(row: Submission, response: HttpResponse, token: str, attempt: Attempt) -> None:
    """A redirect is the result to give a repeat; anything else (a form with errors) does not use the key up."""
    if response.status_code in REDIRECTS and response.has_header("Location"):
        row.status = response.status_code
        row.location = response["Location"]
        row.sealed = _seal(token, row.key, attempt.remembered) if attempt.remembered else ""
        row.save(update_fields=["status", "location", "sealed"])
    else:
        row.delete()


def _replay(request: HttpRequest, digest: str, token: str, view: View) -> HttpResponse | None:
    row = Submission.objects.filter(key=digest).first()
    if row is None:
        return None
    hook: ReplayHook | None = getattr(view, "submission_replay", None)
    remembered = _unseal(token, digest, row.sealed)
    if hook is not None and remembered:
        hook(request, remembered)
    messages.info(
        request,
        _("Dit formulier was al verstuurd. U ziet het resultaat daarvan; er is niets dubbel opgeslagen."),
        fail_silently=True,
    )
    response = HttpResponseRedirect(row.location)
    response.status_code = row.status
    return response


_keyed_posts = [0]


def _purge_now_and_then() -> None:
    _keyed_posts[0] += 1
    if _keyed_posts[0] % PURGE_EVERY:
        return
    try:
        submissions_purge()
    except UNAVAILABLE:  # the next round tries again; the answer is ready and must not fail now
        logger.warning("Could not delete old submission records", exc_info=True)


def submissions_purge(*, now: Any = None) -> int:
    """Delete the rows older than ``KEEP``; returns how many."""
    cutoff = (now or timezone.now()) - KEEP
    deleted, _by_model = Submission.objects.filter(created_at__lt=cutoff).delete()
    return deleted
