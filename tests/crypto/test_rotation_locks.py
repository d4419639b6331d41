"""A recovery code used while `crypto rotate` rewrites the MFA data stays used.

Real threads, each with its own PostgreSQL connection: the rotation is held just after it has read the
authenticator and before it writes it back, while the member uses a recovery code. Without the row lock the
rotation writes back the mask it read before the code was used, and the code works a second time.
Run with: DATABASE_URL=postgres://postgres@127.0.0.1:5432/kb_sec uv run pytest tests/crypto -q
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from klankbord.accounts.adapters import MFA_PURPOSE
from klankbord.crypto import rotation
from klankbord.crypto.keyring import KeyRing, new_key_entry

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def _recovery_codes(user: Any) -> Any:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    return RecoveryCodes(Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES))


@pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL: SQLite serialises all writers")
@pytest.mark.django_db(transaction=True)
def test_a_recovery_code_used_during_a_rotation_does_not_become_valid_again(
    make_user: Any, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    user = make_user(None, mfa=False)
    RecoveryCodes.activate(user)
    code = _recovery_codes(user).get_unused_codes()[0]
    settings.ENCRYPTION_KEYS = f"{settings.ENCRYPTION_KEYS},{new_key_entry('k9')}"
    read, used = threading.Event(), threading.Event()
    original = KeyRing.encrypt_text

    def held_after_reading(self: KeyRing, text: str, *, purpose: str) -> str:
        if purpose == MFA_PURPOSE and not read.is_set():
            read.set()
            used.wait(timeout=1.5)  # with the lock the member waits for us: go on after a moment
        return original(self, text, purpose=purpose)

    monkeypatch.setattr(KeyRing, "encrypt_text", held_after_reading)
    outcomes: dict[str, object] = {}

    def rotate() -> None:
        try:
            report = rotation.RotationReport()
            rotation._rotate_mfa(report)  # the MFA step of rotate_all (test models of other tests stay out)
            outcomes["rotated"] = report.mfa_secrets
        finally:
            connection.close()

    def use_code() -> None:
        try:
            assert read.wait(timeout=10)
            outcomes["accepted"] = _recovery_codes(user).validate_code(code)
            used.set()
        finally:
            connection.close()

    threads = [threading.Thread(target=rotate), threading.Thread(target=use_code)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert outcomes == {"rotated": 1, "accepted": True}
    codes = _recovery_codes(user)
    assert codes.instance.data["seed"].startswith("kb1$k9$")
    assert code not in codes.get_unused_codes()
    assert not codes.validate_code(code)
