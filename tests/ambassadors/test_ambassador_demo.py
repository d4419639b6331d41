"""The demo seeder: about 30 ambassadors spread unevenly, the demo ambassador account with a profile, idempotent."""

from __future__ import annotations

from collections import Counter

import pytest

from klankbord.accounts import demo as accounts_demo
from klankbord.ambassadors import demo
from klankbord.ambassadors.constants import AmbassadorStatus
from klankbord.ambassadors.models import Ambassador
from klankbord.core.demo import DemoContext

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_ambassadors_once_with_thin_regions() -> None:
    lines: list[str] = []
    context = DemoContext(write=lines.append)
    accounts_demo.seed(context)
    demo.seed(context)
    demo.seed(context)

    assert Ambassador.objects.count() == len(demo.PEOPLE) + 1 == 30
    assert Ambassador.objects.filter(user=context.users["ambassador"]).exists()
    provinces = Counter(Ambassador.objects.values_list("home_municipality__province_name", flat=True))
    assert provinces["Zeeland"] == provinces["Flevoland"] == 0
    assert not Ambassador.objects.filter(
        home_municipality__province_name="Drenthe", status=AmbassadorStatus.ACTIVE
    )
    assert all(a.party_consent_at for a in Ambassador.objects.all() if a.party)
    assert lines[-1].strip().startswith("0 ambassadeursprofielen")
