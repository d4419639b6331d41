"""Re-binding ciphertexts to a renamed model keeps every value readable and never writes plaintext."""

from __future__ import annotations

import pytest
from django.db.models import TextField
from django.db.models.functions import Cast

from klankbord.ambassadors.models import AmbassadorConflict
from klankbord.crypto.keyring import DecryptionError, keyring
from klankbord.crypto.rebind import column_rebind
from tests.factories.ambassadors import conflict, make_ambassador

pytestmark = pytest.mark.django_db

CURRENT = "ambassadors.ambassadorconflict"


def _raw_names() -> list[str]:
    """The stored ciphertexts, read past the encrypted field."""
    raw = AmbassadorConflict.objects.annotate(raw=Cast("name", TextField())).order_by("pk")
    return list(raw.values_list("raw", flat=True))


def test_values_move_to_the_new_label_and_back() -> None:
    ambassador = make_ambassador()
    conflict(ambassador, kind="person", name="Jan de Vries")
    conflict(ambassador, kind="party", name="")

    assert (
        column_rebind(model=AmbassadorConflict, field="name", old_model_label=CURRENT, new_model_label="a.b")
        == 1
    )

    (moved, empty) = _raw_names()
    assert empty == "" and "Jan" not in moved
    assert keyring().decrypt_text(moved, purpose="field:a.b.name") == "Jan de Vries"
    with pytest.raises(DecryptionError):
        keyring().decrypt_text(moved, purpose=f"field:{CURRENT}.name")

    column_rebind(model=AmbassadorConflict, field="name", old_model_label="a.b", new_model_label=CURRENT)
    assert AmbassadorConflict.objects.get(kind="person").name == "Jan de Vries"


def test_a_value_under_another_label_fails_loudly_and_is_left_alone() -> None:
    conflict(make_ambassador(), kind="person", name="Piet")
    before = _raw_names()
    with pytest.raises(DecryptionError):
        column_rebind(model=AmbassadorConflict, field="name", old_model_label="x.y", new_model_label=CURRENT)
    assert _raw_names() == before
