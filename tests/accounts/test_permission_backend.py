"""A user's own and role permissions are read in one query per request, and are the same as Django's."""

from __future__ import annotations

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from klankbord.accounts.models import User

pytestmark = pytest.mark.django_db


def test_checking_permissions_costs_one_query(counsellor: User) -> None:
    fresh = User.objects.get(pk=counsellor.pk)
    with CaptureQueriesContext(connection) as queries:
        assert fresh.has_perm("reports.view_report")
        assert not fresh.has_perm("accounts.manage_users")
        assert not fresh.has_perm("recruitment.view_applications")
    assert len(queries) == 1


def test_the_permissions_are_those_of_django(counsellor: User) -> None:
    counsellor.user_permissions.add(Permission.objects.get(codename="view_auditentry"))
    ours = User.objects.get(pk=counsellor.pk).get_all_permissions()
    django = ModelBackend().get_all_permissions(User.objects.get(pk=counsellor.pk))
    assert ours == django and "audit.view_auditentry" in ours and "reports.view_report" in ours


def test_an_inactive_user_has_no_permission(counsellor: User) -> None:
    counsellor.is_active = False
    assert not counsellor.has_perm("reports.view_report")
