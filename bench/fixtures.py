"""What the benchmark's pages show: one object of each kind, and the personas' logins. Needs django.setup()."""

from __future__ import annotations

from klankbord.accounts.constants import RoleSlug
from klankbord.accounts.demo import DEMO_PEOPLE
from klankbord.accounts.models import User
from klankbord.api.models import PersonalAccessToken
from klankbord.api.services import token_create, token_revoke
from klankbord.core.demo import DEMO_DOMAIN, DEMO_PASSWORD, demo_totp_secret
from klankbord.matching.constants import AssignmentStatus
from klankbord.matching.models import Assignment
from klankbord.reports.constants import ReportStatus
from klankbord.reports.models import Report

ROLES = [RoleSlug.COUNSELLOR, RoleSlug.AMBASSADOR, RoleSlug.COORDINATOR, RoleSlug.SELECTION_COMMITTEE]


def has_data() -> bool:
    return Report.objects.exists()


def _email(role: RoleSlug) -> str:
    return f"{DEMO_PEOPLE[role][0]}@{DEMO_DOMAIN}"


def _api_token() -> str:
    user = User.objects.get(email=_email(RoleSlug.COORDINATOR))
    for token in PersonalAccessToken.objects.filter(user=user, name="bench", revoked_at__isnull=True):
        token_revoke(actor=user, token=token)
    return token_create(user=user, name="bench", scopes=["signals:read", "reference:read"])[1]


def pick() -> dict[str, object]:
    ambassador = User.objects.get(email=_email(RoleSlug.AMBASSADOR))
    case = Assignment.objects.filter(ambassador__user=ambassador, status=AssignmentStatus.ACCEPTED).first()
    return {
        "counsellor_case": Report.objects.filter(status=ReportStatus.IN_SUPPORT).values_list("pk", flat=True)[
            0
        ],
        "matching": Report.objects.filter(status=ReportStatus.MATCHING).values_list("pk", flat=True)[0],
        "ambassador_case": case.report_id if case else 0,
        "logins": {
            role.value: (_email(role), DEMO_PASSWORD, demo_totp_secret(_email(role))) for role in ROLES
        },
        "api_token": _api_token(),
    }
