"""``GET /api/v1/me``: who does this token belong to?"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from klankbord.accounts.constants import RoleSlug
from klankbord.accounts.selectors import user_role_slugs

from .auth import ApiTokenAuth, api_user
from .constants import ApiScope
from .schemas import ERROR_RESPONSES

router = Router(tags=["profiel"])


class RoleOut(Schema):
    slug: str
    label: str


class MeOut(Schema):
    id: int
    email: str
    display_name: str
    roles: list[RoleOut]


@router.get(
    "/me",
    response={200: MeOut, **ERROR_RESPONSES},
    auth=ApiTokenAuth(ApiScope.PROFILE_READ),
    summary="Mijn profiel",
    description="De eigenaar van het token: id, e-mailadres, naam en rollen. Scope: `profile:read`.",
)
def me(request: HttpRequest) -> MeOut:
    user = api_user(request)
    roles = [RoleOut(slug=slug, label=str(RoleSlug(slug).label)) for slug in sorted(user_role_slugs(user))]
    return MeOut(id=user.pk, email=user.email, display_name=user.display_name, roles=roles)
