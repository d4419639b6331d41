"""Applications from the public form: submitting (with the CV), the pending CV of a form with errors, withdrawing.

Mails carry no application content: the applicant gets a receipt, the office a link into Klankbord.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from klankbord.accounts.types import Actor
from klankbord.audit.services import audit_log
from klankbord.core.errors import DomainError
from klankbord.core.mail import mail_send
from klankbord.geo.models import Municipality
from klankbord.uploads import services as uploads
from klankbord.uploads.models import PendingUpload
from klankbord.uploads.policy import CheckedUpload
from klankbord.uploads.quota import UploadOwner

from ..constants import ApplicationStatus, VacancyStatus
from ..models import Application, Vacancy
from ..permissions import DECIDE_APPLICATIONS
from ..uploads import CV_POLICY, KIND_TYPES, CheckedCV
from .procedure import end_procedure, status_change


@dataclass(frozen=True)
class ApplicantData:
    name: str
    email: str
    phone: str
    home_municipality: Municipality
    background_kind: str
    background: str
    motivation: str
    consent_keep: bool
    language: str = "nl"
    years_council_member: int = 0
    years_alderman: int = 0
    years_mayor: int = 0
    years_clerk: int = 0


def office_recipients() -> list[str]:
    """The association's office: active users who record decisions (the coordinators)."""
    app_label, codename = DECIDE_APPLICATIONS.split(".")
    users = get_user_model().objects.filter(
        is_active=True,
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    )
    return sorted(set(users.values_list("email", flat=True)))


def _store_cv(application: Application, cv: CheckedCV) -> None:
    try:
        application.cv.save("cv.bin", ContentFile(cv.content), save=False)
    except OSError as error:  # a full or read-only disk: the form comes back with everything typed
        raise uploads.storage_failed(name=cv.filename, error=error) from error
    application.cv_filename, application.cv_kind, application.cv_size = cv.filename, cv.kind, cv.size


def _notify(application: Application) -> None:
    mail_send(
        to=application.email, template="recruitment_application_received", language=application.language
    )
    office = office_recipients()
    if office:
        path = reverse("recruitment:application", kwargs={"pk": application.pk})
        mail_send(to=office, template="recruitment_application_new", context={"path": path})


def application_submit(*, vacancy: Vacancy, data: ApplicantData, cv: CheckedCV) -> Application:
    """Store the application and its encrypted CV; mail a receipt and notify the office after commit."""
    if vacancy.status != VacancyStatus.OPEN or not vacancy.is_open_on(timezone.localdate()):
        raise DomainError(_("Op deze vacature kunt u niet meer reageren."), code="closed")
    application = Application(vacancy=vacancy, **data.__dict__)
    _store_cv(application, cv)
    try:
        with transaction.atomic():
            application.save()
            audit_log(
                actor=None,
                action="recruitment.application.submitted",
                target=application,
                data={"vacancy": vacancy.pk, "cv_kind": cv.kind, "consent_keep": data.consent_keep},
            )
            _notify(application)
    except Exception:
        application.cv.delete(save=False)  # no orphaned file when the row could not be stored
        raise
    return application


def pending_upload_store(*, cv: CheckedCV, owner: UploadOwner | None = None) -> str:
    """Keep a checked CV (encrypted) while the applicant corrects the form; return the signed token for it.

    Refused past the owner's quota of pending bytes, or when the storage cannot write (``DomainError``)."""
    upload = CheckedUpload(name=cv.filename, content_type=cv.content_type, data=cv.content)
    return uploads.pending_upload_store(policy=CV_POLICY, upload=upload, owner=owner)


def pending_upload_get(*, token: str) -> PendingUpload | None:
    """The pending CV of a valid, unexpired token, or None."""
    return uploads.pending_upload_get(policy=CV_POLICY, token=token)


def pending_upload_take(*, pending: PendingUpload) -> CheckedCV:
    """Read the pending CV back and remove it: it becomes the application's own file."""
    taken = uploads.pending_upload_take(pending=pending)
    kind = next(kind for kind, mime in KIND_TYPES.items() if mime == taken.content_type)
    return CheckedCV(filename=taken.name, kind=kind.value, content=taken.data)


def application_cv_read(*, actor: Actor, application: Application) -> bytes:
    """The decrypted CV for an authorised reader; the read is audited."""
    with application.cv.open("rb") as handle:
        content = handle.read()
    audit_log(actor=actor, action="recruitment.application.cv_viewed", target=application)
    return bytes(content)


@transaction.atomic
def application_withdraw(*, actor: Actor, application: Application) -> Application:
    """The applicant withdrew (recorded by the office): the procedure ends, the retention term starts."""
    status_change(application, ApplicationStatus.WITHDRAWN)
    end_procedure(application)
    application.save(update_fields=["status", "procedure_ended_at", "retain_until"])
    audit_log(actor=actor, action="recruitment.application.withdrawn", target=application)
    return application


def applications_exported(*, actor: Actor, ids: list[int], fmt: str) -> None:
    """An export of the application list carries applicants' names: it is audited like a read."""
    audit_log(
        actor=actor,
        action="recruitment.application.exported",
        object_type="recruitment.application",
        data={"ids": ids, "format": fmt},
    )
