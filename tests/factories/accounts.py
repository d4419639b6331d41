"""Users for every persona: ``UserFactory(counsellor=True, mfa=True)``, and logging in through allauth."""

from __future__ import annotations

import time
from html.parser import HTMLParser
from typing import Any

import factory
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.contrib.auth.models import Group
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from klankbord.accounts.constants import RoleSlug
from klankbord.accounts.models import User

PASSWORD = "correct horse battery staple"  # every factory user's password


def _slug(role: RoleSlug | None) -> str:
    return role.value if role else "outsider"


def _add_address(user: User, create: bool, extracted: Any, *, verified: bool, **kwargs: Any) -> None:
    """The primary address allauth logs in with (verified unless ``email_verified=False``)."""
    if create and verified:
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


def _add_role(user: User, create: bool, extracted: Any, *, role: RoleSlug | None, **kwargs: Any) -> None:
    """Roles are groups (see ``accounts.roles``); a user gets the one group of its persona."""
    if create and role is not None:
        user.groups.add(Group.objects.get(role__slug=role.value))


def _activate_mfa(user: User, create: bool, extracted: Any, *, active: bool, **kwargs: Any) -> None:
    """TOTP and recovery codes; the secret stays on ``user.totp_secret`` so that tests can log in."""
    if create and active:
        user.totp_secret = generate_totp_secret()  # type: ignore[attr-defined]
        TOTP.activate(user, user.totp_secret)  # type: ignore[attr-defined]
        RecoveryCodes.activate(user)


class UserFactory(factory.django.DjangoModelFactory[User]):
    """A user of one persona: ``UserFactory(counsellor=True, mfa=True)``, or ``UserFactory(role=...)``.

    Every user has the password ``PASSWORD`` and, unless ``email_verified=False``, a verified primary address.
    ``role``, ``mfa`` and ``email_verified`` are parameters that the post-generation hooks read, so that traits
    and subclasses can set them too.
    """

    class Meta:
        model = User
        skip_postgeneration_save = True

    class Params:
        role: RoleSlug | None = None
        mfa = False
        email_verified = True
        council_member = factory.Trait(role=RoleSlug.COUNCIL_MEMBER)
        counsellor = factory.Trait(role=RoleSlug.COUNSELLOR)
        ambassador = factory.Trait(role=RoleSlug.AMBASSADOR)
        coordinator = factory.Trait(role=RoleSlug.COORDINATOR)
        selection_member = factory.Trait(role=RoleSlug.SELECTION_COMMITTEE)
        administrator = factory.Trait(role=RoleSlug.ADMINISTRATOR, is_staff=True)

    email = factory.LazyAttributeSequence(lambda user, n: f"{_slug(user.role)}{n}@example.test")
    display_name = factory.LazyAttributeSequence(lambda user, n: f"Test {_slug(user.role)} {n}")
    password = factory.django.Password(PASSWORD)

    address = factory.PostGeneration(_add_address)
    address__verified = factory.SelfAttribute("..email_verified")
    roles = factory.PostGeneration(_add_role)
    roles__role = factory.SelfAttribute("..role")
    authenticators = factory.PostGeneration(_activate_mfa)
    authenticators__active = factory.SelfAttribute("..mfa")


def totp_code(secret: str, *, at: float | None = None) -> str:
    """The code an authenticator app shows at ``at`` (default: now) for ``secret``."""
    counter = int((time.time() if at is None else at) // mfa_settings.TOTP_PERIOD)
    return format_hotp_value(hotp_value(secret, counter))


def user_totp_code(user: User, *, at: float | None = None) -> str:
    """The current code of a user made with ``mfa=True`` (the factory keeps the secret on the instance)."""
    return totp_code(user.totp_secret, at=at)  # type: ignore[attr-defined]


def post_login(client: Client, email: str, password: str = PASSWORD, **extra: Any) -> HttpResponse:
    return client.post(reverse("account_login"), {"login": email, "password": password}, **extra)


def login_through_allauth(client: Client, user: User, *, with_code: bool = True) -> HttpResponse:
    """Log in with the password and, if the user has MFA, the current TOTP code. Returns the last response."""
    response = post_login(client, user.email)
    if response.status_code == 302 and response["Location"].startswith(reverse("mfa_authenticate")):
        assert with_code, "this user has MFA: the login stops at the code"
        response = client.post(reverse("mfa_authenticate"), {"code": user_totp_code(user)})
    return response


def reauthenticate(client: Client) -> None:
    """Confirm the password again, as allauth asks before any change to a second factor."""
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]


class _InlineCodeFinder(HTMLParser):
    """Collects everything a strict CSP (script-src 'self'; style-src 'self') would block."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if "style" in values:
            self.problems.append(f"style attribute on <{tag}>")
        self.problems += [f"event handler {name} on <{tag}>" for name in values if name.startswith("on")]
        if tag == "style":
            self.problems.append("<style> element")
        if tag == "script" and not values.get("src") and values.get("type") != "application/json":
            self.problems.append("inline <script>")
        for name in ("href", "src", "action"):
            if (values.get(name) or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"javascript: URL in {name}")
            if (values.get(name) or "").startswith(("http://", "https://", "//")) and name != "href":
                self.problems.append(f"third-party {name} {values[name]}")


def csp_problems(response: HttpResponse) -> list[str]:
    """What a strict content security policy would block on the page: inline code, styles, foreign sources."""
    finder = _InlineCodeFinder()
    finder.feed(response.content.decode())
    return finder.problems


def add_role(user: User, role: RoleSlug) -> None:
    """Give ``user`` one more role (a person can hold several: a counsellor who also coordinates)."""
    user.groups.add(Group.objects.get(role__slug=role.value))
    for cache in ("_perm_cache", "_group_perm_cache", "_user_perm_cache"):
        user.__dict__.pop(cache, None)
