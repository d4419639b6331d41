"""Every audit action code written anywhere in the code base has a readable label (klankbord.audit.labels)."""

from __future__ import annotations

import re
from pathlib import Path

from django.utils import translation

from klankbord.audit.labels import action_label, registered_codes

ROOT = Path(__file__).resolve().parents[2] / "klankbord"
LITERAL = re.compile(r"""\baction\s*=\s*["']([a-z_]+\.[a-z_]+\.[a-z_]+)["']""")
FORMATTED = re.compile(r"""\baction\s*=\s*f["']([^"']+)["']""")
# The generic codes, written with f-strings, and how to expand them into the codes they produce.
KNOWN_FORMATTED = {
    "consent.consent.{decision}": ["consent.consent.granted", "consent.consent.withdrawn"],
    "{target._meta.label_lower}.viewed": ["reports.report.viewed", "recruitment.application.viewed"],
    "{object_type}.listed": ["reports.report.listed"],
}


def codes_in_source() -> tuple[set[str], set[str]]:
    literal, formatted = set(), set()
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        literal.update(LITERAL.findall(text))
        formatted.update(FORMATTED.findall(text))
    return literal, formatted


def test_the_source_scan_finds_the_codes_of_every_app() -> None:
    literal, _formatted = codes_in_source()
    assert len(literal) > 100
    assert {"reports.report.submitted", "api.token.created", "accounts.session.logged_in"} <= literal


def test_every_action_code_in_the_code_base_has_a_label() -> None:
    literal, formatted = codes_in_source()
    assert formatted <= KNOWN_FORMATTED.keys(), "a new generic audit code: add it (and its labels) here"
    codes = literal | {code for pattern in formatted for code in KNOWN_FORMATTED[pattern]}
    missing = sorted(code for code in codes if action_label(code) is None)
    assert missing == []


def test_labels_are_dutch_with_an_english_translation() -> None:
    assert action_label("accounts.session.login_failed") == "Inloggen mislukt"
    with translation.override("en"):
        assert action_label("accounts.session.login_failed") == "Login failed"


def test_a_generic_read_code_names_the_model() -> None:
    assert action_label("reports.report.viewed") == "Melding ingezien"  # registered exactly
    assert action_label("messaging.message.viewed") == "Ingezien: bericht"


def test_a_code_nobody_registered_has_no_label() -> None:
    assert action_label("reports.report.teleported") is None
    assert "reports.report.submitted" in registered_codes()
