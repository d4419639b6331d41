"""The answer when the database is unreachable: 503 with Retry-After, and only what is true about the post.

Reached two ways: a keyed post whose view failed (``SubmissionMiddleware``) and every other database failure, in
a view or in a middleware before it (the session, the MFA gate), through ``handler500``. Nothing here touches the
database; the page is rendered without context processors.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template import loader

from .submissions import FIELD_NAME, Outcome, submission_outcome, submission_token

RETRY_AFTER_SECONDS = 30
# Typed prose worth showing to copy; the other values travel only as hidden fields of the re-send form.
_TEXT_MIN_LENGTH = 20
_NEVER_ECHOED = ("password", "secret", "code")


def _posted(request: HttpRequest) -> tuple[list[tuple[str, str]], bool]:
    """The posted values that may be echoed, and whether that is all of them (so a re-send is the same post)."""
    try:
        items = [(name, value) for name, values in request.POST.lists() for value in values]
    except Exception:  # a body that cannot be read again: offer nothing rather than fail twice
        return [], False
    echoed = [(name, value) for name, value in items if not any(w in name.lower() for w in _NEVER_ECHOED)]
    return echoed, len(echoed) == len(items)


def _has_files(request: HttpRequest) -> bool:
    try:
        return bool(request.FILES)
    except Exception:  # as in _posted
        return False


def unavailable_response(request: HttpRequest) -> HttpResponse:
    outcome = submission_outcome(request)
    posted, complete = _posted(request) if outcome != Outcome.PAGE else ([], False)
    files = outcome != Outcome.PAGE and _has_files(request)
    # The same post again, key and all: never a second row. Not when a value or a file cannot travel along,
    # because then it would be a different post.
    resend = complete and not files and submission_token(request) is not None
    texts = [
        value
        for name, value in posted
        if name not in (FIELD_NAME, "csrfmiddlewaretoken")
        and len(value.strip()) >= _TEXT_MIN_LENGTH
        and " " in value.strip()  # prose, not a token or an id
    ]
    context = {
        "outcome": outcome.value,
        "resend": resend,
        "posted": posted,
        "action": request.path,
        "files": files,
        "texts": texts,
    }
    response = HttpResponse(loader.get_template("503.html").render(context), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"  # it can hold what was typed
    return response
