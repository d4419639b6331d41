from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One append-only, hash-chained audit record. Primitives only: never decrypted content.

    UPDATE and DELETE are refused by database triggers (migration 0002); ``klankbord audit verify`` recomputes
    the chain and detects edited, inserted or deleted entries.
    """

    sequence = models.PositiveBigIntegerField(_("volgnummer"), unique=True)
    created_at = models.DateTimeField(_("tijdstip"), db_index=True)
    actor_id = models.BigIntegerField(_("actor-id"), null=True, blank=True, db_index=True)
    actor_label = models.CharField(_("actor"), max_length=80, blank=True)
    action = models.CharField(_("actie"), max_length=100, db_index=True)
    object_type = models.CharField(_("objecttype"), max_length=100, blank=True)
    object_id = models.CharField(_("object-id"), max_length=64, blank=True, db_index=True)
    data = models.JSONField(_("gegevens"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    previous_hash = models.CharField(_("vorige hash"), max_length=64)
    entry_hash = models.CharField(_("hash"), max_length=64, unique=True)
    # 1: entries written before migration 0003 (hash without the IP address); 2: every column hashed.
    chain_version = models.PositiveSmallIntegerField(_("ketenversie"))

    class Meta:
        ordering = ["sequence"]
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditregels")
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action}"


class AuditHead(models.Model):
    """The chain's newest sequence and hash and its entry count, kept in the same transaction.

    ``mac`` is an HMAC with the audit key over the three, so a head rewritten to an earlier entry (to hide a
    deleted tail) does not verify without the key; a replayed earlier head is caught by the external anchor.
    """

    singleton = models.PositiveSmallIntegerField(primary_key=True, default=1)
    sequence = models.PositiveBigIntegerField(default=0)
    entry_hash = models.CharField(max_length=64, blank=True)
    entry_count = models.PositiveBigIntegerField(default=0)
    mac = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("auditketen-kop")
        verbose_name_plural = _("auditketen-kop")

    def __str__(self) -> str:
        return f"head #{self.sequence}"
