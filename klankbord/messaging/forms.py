"""Forms with attachments: a checked upload is kept (encrypted, as a pending upload) when the rest of the form
has errors, and carried in the form as a signed token, so nobody has to choose the same file twice."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from klankbord.core.errors import DomainError
from klankbord.core.forms import AccessibleForm
from klankbord.uploads.quota import UploadOwner
from klankbord.uploads.services import pending_upload_get, pending_upload_store

from .constants import MAX_ATTACHMENTS_PER_MESSAGE, MAX_MESSAGE_LENGTH
from .models import file_size_label
from .uploads import ATTACHMENT_POLICY, check_upload

if TYPE_CHECKING:
    from klankbord.uploads.models import PendingUpload


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.Field):
    """Zero or more uploaded files; the content checks happen in ``AttachmentFormMixin``."""

    widget = MultipleFileInput

    def to_python(self, data: Any) -> list[UploadedFile]:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [f for f in files if isinstance(f, UploadedFile)]


class TokenListField(forms.Field):
    widget = forms.MultipleHiddenInput

    def to_python(self, data: Any) -> list[str]:
        if not data:
            return []
        values = data if isinstance(data, list | tuple) else [data]
        return [str(v)[:500] for v in values if v]


class AttachmentFormMixin(AccessibleForm):
    attachments = MultipleFileField(
        label=_("Bijlagen (optioneel)"),
        required=False,
        help_text=_("Foto's (JPEG, PNG, WebP) of PDF, elk hoogstens 10 MB, samen hoogstens 5 bestanden."),
    )
    pending = TokenListField(required=False)
    remove_pending = TokenListField(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, uploader: UploadOwner | None = None, **kwargs: Any) -> None:
        """``uploader`` (``klankbord.uploads.quota.upload_owner(request)``) bounds the files a form with errors
        keeps; every view that binds the form to a request passes it."""
        super().__init__(*args, **kwargs)
        self.uploader = uploader
        self.fields["attachments"].widget.attrs["accept"] = ".jpg,.jpeg,.png,.webp,.pdf"
        self.pending_uploads: list[PendingUpload] = []
        self.pending_tokens: list[str] = []

    def clean_attachments(self) -> list[UploadedFile]:
        """Check every new file now; keep the good ones as pending uploads whatever else is wrong."""
        kept = self._kept()
        errors = []
        for upload in self.cleaned_data.get("attachments") or []:
            if len(kept) >= MAX_ATTACHMENTS_PER_MESSAGE:
                errors.append(
                    _("U kunt hoogstens %(n)s bestanden meesturen.") % {"n": MAX_ATTACHMENTS_PER_MESSAGE}
                )
                break
            try:
                checked = check_upload(upload)
                token = pending_upload_store(policy=ATTACHMENT_POLICY, upload=checked, owner=self.uploader)
            except DomainError as exc:
                errors.append(str(exc))
                continue
            found = pending_upload_get(policy=ATTACHMENT_POLICY, token=token)
            if found is not None:
                kept.append((token, found))
        self._remember(kept)
        if errors:
            raise forms.ValidationError(errors)
        return []

    def _getlist(self, name: str) -> list[str]:
        data = self.data
        return [str(v) for v in data.getlist(self.add_prefix(name))] if hasattr(data, "getlist") else []

    def _kept(self) -> list[tuple[str, PendingUpload]]:
        """Pending uploads from earlier attempts that are still wanted (forged or expired tokens drop out)."""
        removed = set(self._getlist("remove_pending"))
        kept: list[tuple[str, PendingUpload]] = []
        for token in self._getlist("pending")[:MAX_ATTACHMENTS_PER_MESSAGE]:
            found = (
                pending_upload_get(policy=ATTACHMENT_POLICY, token=token) if token not in removed else None
            )
            if found is not None and all(found.pk != other.pk for _t, other in kept):
                kept.append((token, found))
        return kept

    def _remember(self, kept: list[tuple[str, PendingUpload]]) -> None:
        self.pending_tokens = [token for token, _p in kept]
        self.pending_uploads = [pending for _t, pending in kept]
        if hasattr(self.data, "copy"):
            data = self.data.copy()
            data.setlist(self.add_prefix("pending"), self.pending_tokens)
            data.setlist(self.add_prefix("remove_pending"), [])
            self.data = data

    def pending_display(self) -> list[dict[str, Any]]:
        """What the form shows as 'already added' (name, size, and the token that keeps or removes it)."""
        return [
            {
                "token": token,
                "name": pending.original_name,
                "size": pending.size,
                "size_label": file_size_label(pending.size),
            }
            for token, pending in zip(self.pending_tokens, self.pending_uploads, strict=True)
        ]


class MessageForm(AttachmentFormMixin):
    body = forms.CharField(
        label=_("Uw bericht"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MAX_MESSAGE_LENGTH,
        required=False,
    )

    field_order = ["body", "attachments"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        if not (cleaned.get("body") or "").strip() and not self.pending_uploads and not self.errors:
            self.add_error("body", _("Schrijf een bericht of voeg een bijlage toe."))
        return cleaned
