"""Scale data of the accounts app: the demo personas (with TOTP, to log in) and the people of N years.

Every account shares one password hash (hashing is deliberately slow; one hash per account would take minutes).
Hands on ``accounts.<role>``: the new users' primary keys per role, the demo persona of each role first.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from klankbord.core.demo import DEMO_DOMAIN, DEMO_PASSWORD, DemoContext
from klankbord.core.scale import ScaleContext

from . import demo
from .constants import RoleSlug
from .models import User

# Besides the ambassadors (their count follows the scale) and the reporters with an account (a third of reports).
STAFF_PER_YEAR = {RoleSlug.COUNSELLOR: 4, RoleSlug.COORDINATOR: 2, RoleSlug.SELECTION_COMMITTEE: 3}


def _counts(context: ScaleContext) -> dict[RoleSlug, int]:
    counts = {role: max(1, round(n * max(1.0, context.scale**0.5))) for role, n in STAFF_PER_YEAR.items()}
    counts[RoleSlug.AMBASSADOR] = context.count("ambassadors")
    counts[RoleSlug.COUNCIL_MEMBER] = max(1, context.count("reports") // 3)
    return counts


def _users(role: RoleSlug, count: int, password: str) -> list[User]:
    first = User.objects.filter(email__startswith=f"schaal.{role.value}.").count()  # after earlier runs
    return [
        User(
            email=f"schaal.{role.value}.{index}@{DEMO_DOMAIN}",
            display_name=f"Schaal {role.label} {index}",
            password=password,
        )
        for index in range(first, first + count)
    ]


def generate(context: ScaleContext) -> None:
    personas = DemoContext(write=lambda line: None)
    demo.seed(personas)
    password = make_password(DEMO_PASSWORD)
    groups = {
        group.role.slug: group for group in Group.objects.select_related("role").filter(role__isnull=False)
    }
    memberships: list[Any] = []
    for role, count in _counts(context).items():
        users = []
        for batch in context.batches(f"accounts ({role.value})", _users(role, count, password), count):
            users.extend(User.objects.bulk_create(batch))
        memberships.extend(User.groups.through(user_id=u.pk, group_id=groups[role.value].pk) for u in users)
        context.shared[f"accounts.{role.value}"] = [personas.users[role.value].pk] + [u.pk for u in users]
    User.groups.through.objects.bulk_create(memberships, batch_size=5_000)
    context.shared["accounts.logins"] = personas.logins
