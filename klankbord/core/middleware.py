"""Cross-cutting request handling: security headers (a strict CSP), no caching, and the mandatory-MFA gate."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.http import http_date

from klankbord.accounts.permissions import mfa_enrolment_redirect
from klankbord.accounts.selectors import user_must_enrol_mfa

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)


class SecurityHeadersMiddleware:
    """Everything is served by the app itself: no inline script, no third-party host."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class NoStoreMiddleware:
    """No response of the application is kept by a browser or a proxy: ``Cache-Control: no-store`` on every one.

    Case data and receipt codes appear on pages of logged-in users, of receipt-code sessions without an account
    and on the public receipt pages; a shared family computer's back button or history must not bring them back.
    Rather than a list of such pages, which a new page would miss, every page the application renders is marked
    (health checks and static files are answered by the middleware above this one and keep their own headers).
    A view that already says ``no-store`` keeps its header; ``Pragma`` and ``Expires`` serve old HTTP/1.0 caches.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "no-store" not in response.get("Cache-Control", ""):
            add_never_cache_headers(response)
        response.headers["Pragma"] = "no-cache"
        response.headers.setdefault("Expires", http_date(0))
        return response


# ``/huisstijl.css``: the configured brand colours, a stylesheet every page (the MFA enrolment page too) loads.
MFA_EXEMPT_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/api/", "/favicon", "/huisstijl.css")


class MandatoryMFAMiddleware:
    """A user whose role requires MFA but who has none is sent to MFA enrolment for every page.

    This is the outer gate; case pages additionally check MFA themselves (``case_page_required``).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(MFA_EXEMPT_PREFIXES)
            and user_must_enrol_mfa(user)
        ):
            return mfa_enrolment_redirect(request)
        return self.get_response(request)


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Dutch first: the interface is Dutch unless the user chose English (language switch or profile).

    Django's own LocaleMiddleware also follows the browser's Accept-Language header, which would show English
    to a Dutch council member whose laptop happens to be set to English. Only the language cookie counts here.
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class QueryCountMiddleware:
    """For the benchmark only (``KLANKBORD_BENCH=1``): the queries and server time of each response in headers.

    ``X-Queries`` counts every statement the request ran; ``X-Server-Time`` is the time in the middleware stack,
    in milliseconds. Outermost, so that sessions, authentication and the MFA gate are counted too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.db import connection

        count = [0]

        def counting(
            execute: Callable[..., object], sql: str, params: object, many: bool, context: object
        ) -> object:
            count[0] += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with connection.execute_wrapper(counting):
            response = self.get_response(request)
        response["X-Queries"] = str(count[0])
        response["X-Server-Time"] = f"{(time.perf_counter() - started) * 1000:.2f}"
        return response


class SlidingSessionMiddleware:
    """The idle limit slides with activity, but an unchanged session is written at most once a minute.

    ``SESSION_SAVE_EVERY_REQUEST`` rewrote the session row on every request (an UPDATE per page, all pages of
    one user on the same row). Instead the session is marked modified when its last refresh is older than
    ``SESSION_REFRESH_SECONDS``: the session then ends between ``SESSION_COOKIE_AGE`` minus that interval and
    ``SESSION_COOKIE_AGE`` after the last request. Sits right after Django's SessionMiddleware.
    """

    KEY = "_refreshed_at"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty():
            return response
        now = int(time.time())
        if now - int(session.get(self.KEY, 0)) >= settings.SESSION_REFRESH_SECONDS:
            session[self.KEY] = now
        return response
