"""Scale data of the ambassadors app: a profile for every ambassador account, and the time they spent.

Homes are spread over all municipalities (every region is served; a few ambassadors are paused). Hands on
``ambassadors.by_user`` (user pk → ambassador pk) for matching.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from klankbord.core.scale import ScaleContext

from .constants import CAPACITY_MAX, AmbassadorStatus, Gender, TimeActivity
from .models import Ambassador, TimeEntry


def _profiles(context: ScaleContext, existing: dict[int, int]) -> Iterator[Ambassador]:
    rng, municipalities = context.rng, context.shared["geo.municipalities"]
    for index, user_id in enumerate(context.shared["accounts.ambassador"]):
        if user_id in existing:  # the persona, when data is appended
            continue
        yield Ambassador(
            user_id=user_id,
            home_municipality_id=municipalities[(index * 37) % len(municipalities)],
            status=AmbassadorStatus.PAUSED if index % 10 == 9 else AmbassadorStatus.ACTIVE,
            capacity=CAPACITY_MAX,
            gender=rng.choice([Gender.WOMAN, Gender.MAN]),
            languages=["nl"],
            availability_note="Doordeweeks na 18 uur",
            years_council_member=rng.randint(2, 16),
            **{f"score_{c}": rng.randint(3, 5) for c in ("neutral", "integrity", "resilience", "empathy")},
            started_on=context.moment(rng.random() * 0.5).date(),
        )


def _time(context: ScaleContext, by_user: dict[int, int]) -> Iterator[TimeEntry]:
    connected = [row for row in context.shared["reports.rows"] if row.ambassador_user_id]
    for index in range(context.count("time_entries") if connected else 0):
        row = connected[index % len(connected)]
        yield TimeEntry(
            ambassador_id=by_user[row.ambassador_user_id],
            report_id=row.pk,
            date=(row.received_at + timedelta(days=1 + index % 20)).date(),
            activity=context.rng.choice(list(TimeActivity.values)),
            minutes=context.rng.choice([15, 30, 45, 60, 90]),
        )


def generate(context: ScaleContext) -> None:
    users = context.shared["accounts.ambassador"]
    by_user = dict(Ambassador.objects.filter(user_id__in=users).values_list("user_id", "pk"))
    for batch in context.batches("ambassadors", _profiles(context, dict(by_user)), len(users) - len(by_user)):
        by_user.update((a.user_id, a.pk) for a in Ambassador.objects.bulk_create(batch))
    context.shared["ambassadors.by_user"] = by_user
    for entries in context.batches("time entries", _time(context, by_user), context.count("time_entries")):
        TimeEntry.objects.bulk_create(entries)
