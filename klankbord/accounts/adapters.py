"""django-allauth adapters: signup assigns the council member role; MFA secrets are encrypted at rest."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.http import HttpRequest

from klankbord.crypto.keyring import keyring

MFA_PURPOSE = "mfa:authenticator"


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return bool(settings.ACCOUNT_SIGNUP_OPEN)


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return keyring().encrypt_text(text, purpose=MFA_PURPOSE)

    def decrypt(self, encrypted_text: str) -> str:
        return keyring().decrypt_text(encrypted_text, purpose=MFA_PURPOSE)
