"""How members reach the association: the confidential counsellors' telephone number and e-mail address.

Both are configuration (``KLANKBORD_CONTACT_PHONE``, ``KLANKBORD_CONTACT_EMAIL``). Pages show them through the
``association_contact`` context processor (footer, receipt, return page), mail through the footer line that
``core.mail`` adds to every message.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class AssociationContact:
    phone: str
    email: str

    @property
    def phone_href(self) -> str:
        """``tel:`` link: the digits (and a leading ``+``) of the number as written."""
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        return f"tel:{'+' if self.phone.startswith('+') else ''}{digits}"

    def __bool__(self) -> bool:
        return bool(self.phone or self.email)


def association_contact() -> AssociationContact:
    return AssociationContact(phone=settings.KLANKBORD_CONTACT_PHONE, email=settings.KLANKBORD_CONTACT_EMAIL)


def contact_mail_line() -> str:
    """One line for the mail footer, in the active language; empty when nothing is configured."""
    contact = association_contact()
    details = " · ".join(
        part
        for part in (
            _("tel. %(phone)s") % {"phone": contact.phone} if contact.phone else "",
            contact.email,
        )
        if part
    )
    return _("De vertrouwenspersoon bereikt u via %(details)s.") % {"details": details} if details else ""
