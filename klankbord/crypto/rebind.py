"""Re-binding ciphertexts when a model is renamed.

An encrypted column's associated data names the model (``field:<app>.<model>.<field>``), so renaming the model
makes every stored value fail to decrypt. A migration that renames such a model calls ``column_rebind`` to
decrypt each value under the old name and encrypt it under the new one, in the migration's transaction.
"""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Cast

from .keyring import TEXT_PREFIX, keyring


def column_rebind(
    *, model: type[models.Model], field: str, old_model_label: str, new_model_label: str
) -> int:
    """Move the ciphertexts of ``model.field`` from the old model's associated data to the new one's.

    ``model`` is the historical model of the migration; the values are read and written raw (cast to a plain
    text field), so the encrypted field never decrypts them under the wrong name. Returns how many moved.
    """
    ring = keyring()
    old_purpose, new_purpose = f"field:{old_model_label}.{field}", f"field:{new_model_label}.{field}"
    rows = model._default_manager.annotate(raw=Cast(field, models.TextField())).values_list("pk", "raw")
    moved = 0
    for pk, raw in list(rows):
        if not raw or not raw.startswith(TEXT_PREFIX):
            continue
        plaintext = ring.decrypt_text(raw, purpose=old_purpose)
        token = models.Value(
            ring.encrypt_text(plaintext, purpose=new_purpose), output_field=models.TextField()
        )
        model._default_manager.filter(pk=pk).update(**{field: token})
        moved += 1
    return moved
