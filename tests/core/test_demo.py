"""`klankbord demo` builds a realistic data set once and is safe to run again."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from klankbord.accounts.models import User
from klankbord.ambassadors.models import Ambassador
from klankbord.core.demo import demo_site_url
from klankbord.core.mail import mail_render
from klankbord.core.management.commands import demo as demo_command
from klankbord.matching.models import Assignment
from klankbord.reports.constants import Category, ReportStatus
from klankbord.reports.models import Report

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return (
        User.objects.count(),
        Report.objects.count(),
        Ambassador.objects.count(),
        Assignment.objects.count(),
    )


def test_the_demo_builds_a_realistic_data_set_and_running_it_again_adds_nothing() -> None:
    out = StringIO()
    call_command("demo", no_serve=True, stdout=out)
    printed = out.getvalue()
    assert "vertrouwenspersoon@demo.klankbord.example" in printed and "TOTP-geheim" in printed
    first = _counts()
    reports = Report.objects.all()
    assert 30 <= reports.count() <= 200  # the association's yearly volume
    verbal = sum(Category.VERBAL_AGGRESSION in r.categories for r in reports)
    violent = sum(Category.PHYSICAL_VIOLENCE in r.categories for r in reports)
    assert verbal > violent  # verbal aggression is by far the most common, physical violence rare
    assert reports.filter(status=ReportStatus.CLOSED).exists()
    assert reports.filter(status__in=[ReportStatus.IN_SUPPORT, ReportStatus.AFTERCARE]).exists()
    assert 20 <= Ambassador.objects.count() <= 40
    call_command("demo", no_serve=True, stdout=StringIO())
    assert _counts() == first


@pytest.mark.parametrize(
    ("addrport", "site_url"),
    [
        ("127.0.0.1:8123", "http://127.0.0.1:8123"),
        ("8123", "http://127.0.0.1:8123"),
        ("0.0.0.0:9000", "http://127.0.0.1:9000"),
        ("localhost:8001", "http://localhost:8001"),
        ("[::1]:8002", "http://[::1]:8002"),
    ],
)
def test_the_demo_site_url_follows_where_it_serves(addrport: str, site_url: str) -> None:
    assert demo_site_url(addrport) == site_url


def test_mail_from_a_demo_served_elsewhere_links_to_where_it_serves(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 11, item 18: every link in every mail points where the demo is served (``--addrport``)."""
    settings.SITE_URL = "http://127.0.0.1:8000"
    rendered: list[str] = []

    def fake_call_command(name: str, *args: Any, **kwargs: Any) -> None:
        if name == "runserver":
            rendered.append(mail_render(template="new_message", context={"path": "/berichten/"})[1])

    monkeypatch.setattr(demo_command, "call_command", fake_call_command)
    monkeypatch.setattr(demo_command.Command, "_demo_modules", lambda self: [])
    monkeypatch.setattr(demo_command.engine, "ensure_cache", lambda: False)
    monkeypatch.setattr(demo_command, "prepare", lambda: None)
    out = StringIO()
    call_command("demo", addrport="127.0.0.1:8123", stdout=out)

    assert "http://127.0.0.1:8123/berichten/" in rendered[0] and ":8000" not in rendered[0]
    assert "http://127.0.0.1:8123/" in out.getvalue()
