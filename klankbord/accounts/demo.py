"""Demo accounts: one per role (printed by ``klankbord demo``), with MFA already set up where required."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group

from klankbord.core.demo import DEMO_DOMAIN, DEMO_PASSWORD, DemoContext, demo_totp_secret

from .constants import RoleSlug
from .models import User
from .roles import ROLES_WITHOUT_MANDATORY_MFA, sync_roles

DEMO_PEOPLE: dict[RoleSlug, tuple[str, str]] = {
    RoleSlug.COUNCIL_MEMBER: ("raadslid", "Sanne de Wit"),
    RoleSlug.COUNSELLOR: ("vertrouwenspersoon", "Marieke Verhoef"),
    RoleSlug.AMBASSADOR: ("ambassadeur", "Henk Jansma"),
    RoleSlug.COORDINATOR: ("coordinator", "Yusuf Demir"),
    RoleSlug.SELECTION_COMMITTEE: ("selectiecommissie", "Ingrid Bosman"),
    RoleSlug.ADMINISTRATOR: ("beheerder", "Pieter van Dam"),
}


def demo_user(
    context: DemoContext, *, email: str, name: str, role: RoleSlug, mfa: bool, staff: bool = False
) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"display_name": name, "is_staff": staff}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    user.groups.add(Group.objects.get(role__slug=role.value))
    if mfa and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, demo_totp_secret(email))
        RecoveryCodes.activate(user)
    return user


def seed(context: DemoContext) -> None:
    sync_roles()
    for role, (local_part, name) in DEMO_PEOPLE.items():
        email = f"{local_part}@{DEMO_DOMAIN}"
        mfa = role not in ROLES_WITHOUT_MANDATORY_MFA
        context.users[role.value] = demo_user(
            context, email=email, name=name, role=role, mfa=mfa, staff=role == RoleSlug.ADMINISTRATOR
        )
        context.logins.append((str(role.label), email, demo_totp_secret(email) if mfa else ""))
    context.write(f"    {len(DEMO_PEOPLE)} demo-accounts (één per rol)")
