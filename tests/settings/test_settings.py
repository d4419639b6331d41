"""Settings come only from the environment, fail loudly on bad values and refuse demo secrets in production."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from klankbord.crypto.keyring import new_key_entry
from klankbord.settings import env

ROOT = Path(__file__).resolve().parents[2]


def load_settings(**overrides: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("KLANKBORD_", "DATABASE_URL"))}
    environment.update(overrides)
    return subprocess.run(
        [sys.executable, "-c", "import klankbord.settings as s; print(s.DATABASES['default']['ENGINE'])"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_development_needs_no_configuration_and_uses_sqlite(tmp_path: Path) -> None:
    result = load_settings(KLANKBORD_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "sqlite3" in result.stdout


def test_production_refuses_to_start_with_demo_secrets(tmp_path: Path) -> None:
    result = load_settings(KLANKBORD_ENV="production", KLANKBORD_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "Production refuses to start" in result.stderr
    assert "KLANKBORD_ENCRYPTION_KEYS" in result.stderr and "SECRET_KEY" in result.stderr


def test_production_starts_with_real_secrets_from_files(tmp_path: Path) -> None:
    key_file = tmp_path / "keys"
    key_file.write_text(new_key_entry("prod1"))
    result = load_settings(
        KLANKBORD_ENV="production",
        SECRET_KEY="x" * 50,
        KLANKBORD_ENCRYPTION_KEYS_FILE=str(key_file),
        KLANKBORD_AUDIT_KEY="a-real-random-audit-key-for-this-test",
        ALLOWED_HOSTS="klankbord.example",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/klankbord",
    )
    assert result.returncode == 0, result.stderr
    assert "postgresql" in result.stdout


def _production_value(expression: str, **overrides: str) -> str:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("KLANKBORD_", "DATABASE_", "REDIS_"))
    }
    environment.update(
        KLANKBORD_ENV="production",
        SECRET_KEY="x" * 50,
        KLANKBORD_ENCRYPTION_KEYS=new_key_entry("prod1"),
        KLANKBORD_AUDIT_KEY="a-real-random-audit-key-for-this-test",
        ALLOWED_HOSTS="klankbord.example",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/klankbord",
        **overrides,
    )
    command = [sys.executable, "-c", f"import klankbord.settings as s; print({expression})"]
    result = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, check=False)  # noqa: S603 (our own interpreter and code)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_keeps_database_connections_and_turns_postgresql_jit_off() -> None:
    database = "s.DATABASES['default']"
    assert _production_value(f"{database}['CONN_MAX_AGE'], {database}['CONN_HEALTH_CHECKS']") == "60 True"
    options = f"{database}['OPTIONS']['options']"
    assert _production_value(options) == "-c statement_timeout=30000 -c jit=off"  # with the statement timeout
    assert _production_value(options, DATABASE_JIT="true") == "-c statement_timeout=30000"


def test_production_refuses_the_benchmark_headers(tmp_path: Path) -> None:
    result = load_settings(
        KLANKBORD_ENV="production",
        SECRET_KEY="x" * 50,
        KLANKBORD_ENCRYPTION_KEYS=new_key_entry("prod1"),
        KLANKBORD_AUDIT_KEY="a-real-random-audit-key-for-this-test",
        ALLOWED_HOSTS="klankbord.example",
        KLANKBORD_BENCH="true",
        KLANKBORD_VAR_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "KLANKBORD_BENCH must be off" in result.stderr


def test_sessions_are_read_from_redis_when_there_is_one() -> None:
    assert _production_value("s.SESSION_ENGINE").endswith("sessions.backends.db")
    cached = _production_value("s.SESSION_ENGINE", REDIS_URL="redis://127.0.0.1:6379/13")
    assert cached.endswith("sessions.backends.cached_db")


def test_an_unknown_environment_name_is_refused(tmp_path: Path) -> None:
    result = load_settings(KLANKBORD_ENV="staging", KLANKBORD_VAR_DIR=str(tmp_path))
    assert result.returncode != 0 and "KLANKBORD_ENV='staging' is not valid" in result.stderr


@pytest.mark.parametrize(
    ("name", "value", "reader"),
    [
        ("X_INT", "twelve", lambda: env.env_int("X_INT", 1)),
        ("X_INT", "2", lambda: env.env_int("X_INT", 5, minimum=3)),
        ("X_BOOL", "misschien", lambda: env.env_bool("X_BOOL", False)),
        ("X_CHOICE", "c", lambda: env.env_choice("X_CHOICE", "a", ("a", "b"))),
        ("X_FLOAT", "veel", lambda: env.env_float("X_FLOAT", 1.0)),
        ("X_DAYS", "14,drie", lambda: env.env_int_list("X_DAYS", [1])),
        ("X_DAYS", "14,0", lambda: env.env_int_list("X_DAYS", [1], minimum=1)),
    ],
)
def test_typed_helpers_fail_loudly_on_bad_values(monkeypatch, name, value, reader) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=name):
        reader()


def test_typed_helpers_parse_good_values(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("X_INT", " 42 ")
    monkeypatch.setenv("X_BOOL", "ja")
    monkeypatch.setenv("X_LIST", "a, b,,c")
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("X_SECRET_FILE", str(secret))
    assert env.env_int("X_INT", 1) == 42
    assert env.env_bool("X_BOOL", False) is True
    assert env.env_list("X_LIST", []) == ["a", "b", "c"]
    assert env.env_str("X_SECRET") == "from-a-file"


def test_a_secret_given_twice_or_from_a_missing_file_is_refused(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("X_SECRET", "a")
    monkeypatch.setenv("X_SECRET_FILE", str(tmp_path / "nope"))
    with pytest.raises(ImproperlyConfigured, match="not both"):
        env.env_str("X_SECRET")
    monkeypatch.delenv("X_SECRET")
    with pytest.raises(ImproperlyConfigured, match="cannot be read"):
        env.env_str("X_SECRET")


@pytest.mark.parametrize(
    ("reader", "value"),
    [(env.env_phone, "bel ons"), (env.env_phone, "https://x.example"), (env.env_email, "geen adres")],
)
def test_contact_details_must_look_like_a_number_and_an_address(monkeypatch, reader, value) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("KLANKBORD_CONTACT_TEST", value)
    with pytest.raises(ImproperlyConfigured, match="KLANKBORD_CONTACT_TEST"):
        reader("KLANKBORD_CONTACT_TEST")


def test_contact_details_as_people_write_them_are_accepted(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("KLANKBORD_CONTACT_TEST", "+31 (0)30 123-45 67")
    assert env.env_phone("KLANKBORD_CONTACT_TEST") == "+31 (0)30 123-45 67"
    monkeypatch.setenv("KLANKBORD_CONTACT_TEST", "vp@raadsleden.example")
    assert env.env_email("KLANKBORD_CONTACT_TEST") == "vp@raadsleden.example"


@pytest.mark.parametrize(
    ("value", "problem"), [("blue", "expected a colour"), ("#ffbf47", "too light"), ("#0b4f6c80", "expected")]
)
def test_a_brand_colour_must_be_hex_and_carry_white_text(monkeypatch, value: str, problem: str) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("KLANKBORD_COLOUR_BRAND", value)
    with pytest.raises(ImproperlyConfigured, match=problem):
        env.env_colour("KLANKBORD_COLOUR_BRAND", "#0b4f6c")


def test_the_default_brand_colours_meet_wcag_aa_with_white_text() -> None:
    assert env.contrast_with_white("#0b4f6c") >= 4.5
    assert env.contrast_with_white("#083a50") >= 4.5
