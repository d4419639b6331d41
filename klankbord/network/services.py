"""Writes of the network. Each runs in one transaction with its audit entry (primitives only, never text);
mail goes after commit through ``mail_send`` and never carries content beyond a title, a date and a path."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from klankbord.accounts.models import User
from klankbord.ambassadors.constants import AmbassadorStatus
from klankbord.ambassadors.models import Ambassador
from klankbord.ambassadors.services import ambassador_set_status
from klankbord.audit.services import audit_log
from klankbord.core.errors import DomainError
from klankbord.core.mail import mail_send, mail_user
from klankbord.deidentify import is_deidentified
from klankbord.geo.models import Region
from klankbord.matching.models import Assignment
from klankbord.matching.selectors import supported_assignments

from .calendar import gathering_ics, ics_filename, ics_mimetype
from .constants import (
    ANSWERS,
    EXPERIENCE_MAX_LENGTH,
    DebriefReason,
    DebriefStatus,
    GatheringKind,
    Response,
)
from .models import CaseLoadFlag, DebriefRequest, Experience, Gathering, Invitation
from .selectors import ambassadors_to_invite, debrief_recipients
from .workflow import ANSWER_ACTIONS, ATTEND, DEBRIEF_WORKFLOW, INVITATION_WORKFLOW, PROMOTE, QUEUE


@dataclass
class GatheringInput:
    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    place: str = ""
    online_url: str = ""
    agenda: str = ""
    region: Region | None = None


def _check_gathering(data: GatheringInput) -> None:
    if data.ends_at <= data.starts_at:
        raise DomainError(_("De bijeenkomst moet eindigen na het begin."), code="order")
    if data.starts_at <= timezone.now():
        raise DomainError(_("Kies een moment in de toekomst."), code="past")
    if not (data.place.strip() or data.online_url.strip()):
        raise DomainError(_("Vul een plaats of een link voor online deelname in."), code="where")
    if data.kind == GatheringKind.INTERVISION and data.region is None:
        raise DomainError(_("Kies de regio van de intervisie."), code="region_required")
    if data.region is not None and not data.region.scheme.is_active:
        raise DomainError(_("Kies een regio van de actieve indeling."), code="wrong_scheme")


@transaction.atomic
def gathering_create(*, actor: User, data: GatheringInput) -> Gathering:
    """Plan a return day (national unless a region is given) or a regional intervision."""
    _check_gathering(data)
    gathering = Gathering.objects.create(
        kind=data.kind,
        title=" ".join(data.title.split()),
        region=data.region,
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        place=data.place.strip(),
        online_url=data.online_url.strip(),
        agenda=data.agenda.strip(),
        capacity=data.capacity,
        created_by=actor,
    )
    audit_log(
        actor=actor,
        action="network.gathering.created",
        target=gathering,
        data={
            "kind": data.kind,
            "region": data.region.pk if data.region else None,
            "capacity": data.capacity,
        },
    )
    return gathering


def _attachment(gathering: Gathering) -> tuple[str, str, str]:
    return (ics_filename(gathering), gathering_ics(gathering), ics_mimetype(gathering))


def _check_open(gathering: Gathering) -> None:
    """A gathering can still be changed, and invited to, until it starts and unless it was cancelled."""
    if gathering.is_cancelled:
        raise DomainError(_("Deze bijeenkomst is geannuleerd."), code="cancelled")
    if gathering.starts_at <= timezone.now():
        raise DomainError(_("Deze bijeenkomst is al begonnen."), code="past")


def _invitation_mail(gathering: Gathering, invitation: Invitation, attachment: tuple[str, str, str]) -> None:
    when = date_format(timezone.localtime(gathering.starts_at), "l j F Y, H:i")
    mail_send(
        to=invitation.ambassador.user.email,
        template="network_invitation",
        context={"title": gathering.title, "when": when, "path": f"/netwerk/uitnodigingen/{invitation.pk}/"},
        attachments=[attachment],
    )


# The fields whose change the invited must hear about (with an updated calendar entry).
NOTIFIED_FIELDS = ("title", "starts_at", "ends_at", "place", "online_url", "agenda")


def _still_coming(gathering: Gathering) -> list[Invitation]:
    """Everyone invited who did not say no: they have (or may have) the gathering in their calendar."""
    return list(gathering.invitations.exclude(response=Response.NO).select_related("ambassador__user"))


def _tell_invited(gathering: Gathering, template: str) -> int:
    """Mail everyone still coming, each in their own language, with the gathering's current calendar entry."""
    attachment = _attachment(gathering)
    invitations = _still_coming(gathering)
    for invitation in invitations:
        user = invitation.ambassador.user
        language = getattr(user, "preferred_language", "nl") or "nl"
        with translation.override(language):
            when = date_format(timezone.localtime(gathering.starts_at), "l j F Y, H:i")
        mail_send(
            to=user.email,
            template=template,
            context={
                "title": gathering.title,
                "when": when,
                "path": f"/netwerk/uitnodigingen/{invitation.pk}/",
            },
            language=language,
            attachments=[attachment],
        )
    return len(invitations)


@transaction.atomic
def gathering_update(*, actor: User, gathering: Gathering, data: GatheringInput) -> list[str]:
    """Change a planned gathering (time, place, agenda, title, capacity). When what the invited see changes, the
    calendar entry gets the next SEQUENCE (same UID) and each of them an e-mail with the updated entry."""
    gathering = Gathering.objects.select_for_update().get(pk=gathering.pk)
    _check_open(gathering)
    _check_gathering(data)
    if data.kind != gathering.kind or data.region != gathering.region:
        raise DomainError(
            _("Soort en regio liggen vast zodra de bijeenkomst is gepland; plan anders een nieuwe."),
            code="kind",
        )
    taken = gathering.invitations.filter(response=Response.YES).count()
    if data.capacity < taken:
        raise DomainError(
            _("Er hebben al %(n)d ambassadeurs toegezegd; kies minstens zoveel plaatsen.") % {"n": taken},
            code="capacity",
        )
    new = {
        "title": " ".join(data.title.split()),
        "starts_at": data.starts_at,
        "ends_at": data.ends_at,
        "place": data.place.strip(),
        "online_url": data.online_url.strip(),
        "agenda": data.agenda.strip(),
        "capacity": data.capacity,
    }
    changed = [name for name, value in new.items() if getattr(gathering, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(gathering, name, new[name])
    notified = [name for name in changed if name in NOTIFIED_FIELDS]
    if notified:
        gathering.sequence += 1
        gathering.reminder_sent_at = None if "starts_at" in notified else gathering.reminder_sent_at
    gathering.save()
    told = _tell_invited(gathering, "network_gathering_changed") if notified else 0
    audit_log(
        actor=actor,
        action="network.gathering.updated",
        target=gathering,
        data={"fields": changed, "sequence": gathering.sequence, "told": told},
    )
    return changed


@transaction.atomic
def gathering_cancel(*, actor: User, gathering: Gathering) -> int:
    """Cancel a planned gathering: the invited get the cancellation (METHOD:CANCEL, same UID, next SEQUENCE)."""
    gathering = Gathering.objects.select_for_update().get(pk=gathering.pk)
    _check_open(gathering)
    gathering.cancelled_at, gathering.sequence = timezone.now(), gathering.sequence + 1
    gathering.save(update_fields=["cancelled_at", "sequence"])
    told = _tell_invited(gathering, "network_gathering_cancelled")
    audit_log(actor=actor, action="network.gathering.cancelled", target=gathering, data={"told": told})
    return told


@transaction.atomic
def gathering_reminders_send(*, now: datetime | None = None) -> int:
    """Remind the invited of each gathering that starts within ``KLANKBORD_GATHERING_REMINDER_DAYS`` (once per
    gathering and start time). Returns how many gatherings were reminded of."""
    now = now or timezone.now()
    days = int(settings.KLANKBORD_GATHERING_REMINDER_DAYS)
    due = Gathering.objects.select_for_update().filter(
        cancelled_at__isnull=True,
        reminder_sent_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + timedelta(days=days),
    )
    count = 0
    for gathering in due:
        told = _tell_invited(gathering, "network_gathering_reminder")
        gathering.reminder_sent_at = now
        gathering.save(update_fields=["reminder_sent_at"])
        audit_log(actor=None, action="network.gathering.reminded", target=gathering, data={"told": told})
        count += 1
    return count


@transaction.atomic
def gathering_invite(*, actor: User, gathering: Gathering) -> int:
    """Invite every active ambassador (of the gathering's region, if it has one) not invited yet.

    Each gets an e-mail with the calendar file. Returns how many were invited; a second run invites only
    ambassadors who became active (or moved into the region) since.
    """
    gathering = (
        Gathering.objects.select_for_update(of=("self",)).select_related("region").get(pk=gathering.pk)
    )
    _check_open(gathering)
    invited = set(gathering.invitations.values_list("ambassador_id", flat=True))
    new = [a for a in ambassadors_to_invite(region=gathering.region) if a.pk not in invited]
    created = Invitation.objects.bulk_create(Invitation(gathering=gathering, ambassador=a) for a in new)
    attachment = _attachment(gathering)
    for invitation, ambassador in zip(created, new, strict=True):
        invitation.ambassador = ambassador
        _invitation_mail(gathering, invitation, attachment)
    audit_log(actor=actor, action="network.gathering.invited", target=gathering, data={"invited": len(new)})
    return len(new)


def _promote_from_waitlist(gathering: Gathering) -> Invitation | None:
    """The longest-waiting 'yes' on the waiting list gets the freed place (and an e-mail)."""
    waiting = (
        gathering.invitations.select_for_update()
        .filter(response=Response.WAITLIST)
        .order_by("responded_at", "pk")
        .select_related("ambassador__user")
        .first()
    )
    if waiting is None:
        return None
    waiting.response = INVITATION_WORKFLOW.apply(waiting.response, PROMOTE)
    waiting.save(update_fields=["response"])
    mail_send(
        to=waiting.ambassador.user.email,
        template="network_place_freed",
        context={"title": gathering.title, "path": f"/netwerk/uitnodigingen/{waiting.pk}/"},
    )
    return waiting


@transaction.atomic
def invitation_respond(*, actor: User, invitation: Invitation, answer: str) -> Invitation:
    """Answer yes, maybe or no. A 'yes' beyond the capacity lands on the waiting list; a place freed by a
    'yes' that changes its mind goes to the longest-waiting. The gathering row is locked, so two answers at
    once never overfill it."""
    if answer not in ANSWERS:
        raise DomainError(_("Kies ja, misschien of nee."), code="invalid_answer")
    gathering = Gathering.objects.select_for_update().get(pk=invitation.gathering_id)
    invitation = Invitation.objects.select_for_update().select_related("ambassador").get(pk=invitation.pk)
    if actor.pk != invitation.ambassador.user_id:
        raise PermissionDenied
    if gathering.is_cancelled:
        raise DomainError(_("Deze bijeenkomst is geannuleerd."), code="cancelled")
    if gathering.starts_at <= timezone.now():
        raise DomainError(_("Deze bijeenkomst is al begonnen; antwoorden kan niet meer."), code="past")
    previous, action = invitation.response, ANSWER_ACTIONS[Response(answer)]
    if not INVITATION_WORKFLOW.can(previous, action):
        return invitation  # already in (or waiting): keep the place in the queue
    if action == ATTEND and gathering.invitations.filter(response=Response.YES).count() >= gathering.capacity:
        action = QUEUE
    answer = INVITATION_WORKFLOW.apply(previous, action)
    invitation.response, invitation.responded_at = answer, timezone.now()
    invitation.save(update_fields=["response", "responded_at"])
    promoted = _promote_from_waitlist(gathering) if previous == Response.YES else None
    audit_log(
        actor=actor,
        action="network.invitation.answered",
        target=gathering,
        data={
            "invitation": invitation.pk,
            "from": previous,
            "to": answer,
            "promoted": getattr(promoted, "pk", None),
        },
    )
    return invitation


@transaction.atomic
def attendance_record(*, actor: User, gathering: Gathering, present_ids: set[int]) -> int:
    """Record who came: invitations in ``present_ids`` attended, every other invitation did not. Possible from
    the morning of the gathering's day (a list taken at the door), not for a cancelled gathering."""
    if gathering.is_cancelled:
        raise DomainError(_("Deze bijeenkomst is geannuleerd."), code="cancelled")
    if timezone.localdate(gathering.starts_at) > timezone.localdate():
        raise DomainError(
            _("Aanwezigheid registreert u op de dag van de bijeenkomst of later."), code="early"
        )
    invitations = gathering.invitations.select_for_update()
    unknown = present_ids - set(invitations.values_list("pk", flat=True))
    if unknown:
        raise DomainError(_("Kies alleen genodigden van deze bijeenkomst."), code="not_invited")
    now = timezone.now()
    invitations.filter(pk__in=present_ids).update(attended=True, attendance_recorded_at=now)
    invitations.exclude(pk__in=present_ids).update(attended=False, attendance_recorded_at=now)
    audit_log(
        actor=actor,
        action="network.attendance.recorded",
        target=gathering,
        data={"present": len(present_ids)},
    )
    return len(present_ids)


@sensitive_variables("text")
@transaction.atomic
def experience_submit(*, actor: User, gathering: Gathering, ambassador: Ambassador, text: str) -> Experience:
    """Store an experience for the return day. ``text`` must already be de-identified and confirmed: text
    that de-identification would still change is refused (the raw text never reaches the database)."""
    if actor.pk != ambassador.user_id:
        raise PermissionDenied
    if not gathering.is_return_day:
        raise DomainError(_("Ervaringen verzamelen we voor de terugkomdag."), code="not_return_day")
    if gathering.is_cancelled:
        raise DomainError(_("Deze bijeenkomst is geannuleerd."), code="cancelled")
    if gathering.starts_at <= timezone.now():
        raise DomainError(_("De terugkomdag is al begonnen."), code="past")
    text = text.strip()
    if not text or len(text) > EXPERIENCE_MAX_LENGTH:
        raise DomainError(
            _("Beschrijf uw ervaring in hoogstens %(max)d tekens.") % {"max": EXPERIENCE_MAX_LENGTH},
            code="length",
        )
    if not is_deidentified(text):
        raise DomainError(
            _("De tekst bevat nog herleidbare gegevens. Bekijk het voorbeeld en bevestig opnieuw."),
            code="identifying",
        )
    experience = Experience.objects.create(gathering=gathering, ambassador=ambassador, text=text)
    audit_log(
        actor=actor,
        action="network.experience.submitted",
        target=gathering,
        data={"experience": experience.pk},
    )
    return experience


@transaction.atomic
def experience_withdraw(*, actor: User, experience: Experience) -> None:
    if actor.pk != experience.ambassador.user_id:
        raise PermissionDenied
    audit_log(
        actor=actor,
        action="network.experience.withdrawn",
        target=experience.gathering,
        data={"experience": experience.pk},
    )
    experience.delete()


@transaction.atomic
def load_flag_mark(*, actor: User, assignment: Assignment) -> CaseLoadFlag:
    """The ambassador marks one of their cases as heavy (idempotent). Suggests a debrief from then on.

    Not once they stopped (read now: their access ends at once), and only on a case the member still lets them
    have had (``supported_assignments``: not one whose contact consent was withdrawn)."""
    if actor.pk != assignment.ambassador.user_id:
        raise PermissionDenied
    ambassador = assignment.ambassador
    if Ambassador.objects.filter(pk=ambassador.pk, status=AmbassadorStatus.ENDED).exists():
        raise DomainError(
            _("U bent gestopt als ambassadeur en kunt geen zaak meer als zwaar markeren."),
            code="ambassador_ended",
        )
    if not supported_assignments(ambassador=ambassador).filter(pk=assignment.pk).exists():
        raise DomainError(
            _(
                "Het raadslid heeft de toestemming voor contact met u ingetrokken; deze zaak kunt u niet markeren."
            ),
            code="consent_withdrawn",
        )
    flag, created = CaseLoadFlag.objects.get_or_create(assignment=assignment, defaults={"marked_by": actor})
    if created:
        audit_log(
            actor=actor,
            action="network.case.marked_heavy",
            target=assignment.ambassador,
            data={"assignment": assignment.pk},
        )
    return flag


@transaction.atomic
def debrief_request(*, actor: User, ambassador: Ambassador, reason: str) -> DebriefRequest:
    """Ask for a debrief with a counsellor; one open request at a time. Counsellors get a content-free mail."""
    if actor.pk != ambassador.user_id:
        raise PermissionDenied
    if reason not in DebriefReason.values:
        raise DomainError(_("Kies een aanleiding."), code="invalid_reason")
    Ambassador.objects.select_for_update().filter(pk=ambassador.pk).first()
    existing = ambassador.debrief_requests.filter(status=DebriefStatus.OPEN).first()
    if existing is not None:
        return existing
    request = DebriefRequest.objects.create(ambassador=ambassador, reason=reason)
    audit_log(actor=actor, action="network.debrief.requested", target=ambassador, data={"reason": reason})
    recipients = debrief_recipients()
    if recipients:
        mail_send(
            to=recipients, template="network_debrief_requested", context={"path": "/netwerk/nagesprekken/"}
        )
    return request


def _check_figures(actor: User) -> None:
    if not actor.has_perm("network.view_network_figures"):
        raise PermissionDenied


@transaction.atomic
def debrief_propose(*, actor: User, ambassador: Ambassador) -> DebriefRequest:
    """The coordinator, seeing an ambassador's load, proposes a debrief: the counsellors get the request (as if
    the ambassador had asked) and the ambassador hears that a counsellor will call. One open request at a time."""
    _check_figures(actor)
    Ambassador.objects.select_for_update().filter(pk=ambassador.pk).first()
    if ambassador.status == AmbassadorStatus.ENDED:
        raise DomainError(_("Deze ambassadeur is gestopt."), code="ended")
    existing = ambassador.debrief_requests.filter(status=DebriefStatus.OPEN).first()
    if existing is not None:
        return existing
    request = DebriefRequest.objects.create(
        ambassador=ambassador, reason=DebriefReason.COORDINATOR, proposed_by=actor
    )
    audit_log(actor=actor, action="network.debrief.proposed", target=ambassador, data={"request": request.pk})
    recipients = debrief_recipients()
    if recipients:
        mail_send(
            to=recipients, template="network_debrief_requested", context={"path": "/netwerk/nagesprekken/"}
        )
    mail_user(user=ambassador.user, template="network_debrief_proposed", path="/netwerk/welzijn/")
    return request


@transaction.atomic
def pause_propose(*, actor: User, ambassador: Ambassador) -> None:
    """The coordinator suggests a pause; the ambassador decides (the pause button is on their wellbeing page)."""
    _check_figures(actor)
    if ambassador.status != AmbassadorStatus.ACTIVE:
        raise DomainError(_("Deze ambassadeur is niet actief."), code="not_active")
    audit_log(actor=actor, action="network.pause.proposed", target=ambassador)
    mail_user(user=ambassador.user, template="network_pause_proposed", path="/netwerk/welzijn/")


@transaction.atomic
def debrief_update(*, actor: User, request: DebriefRequest, status: str) -> DebriefRequest:
    """The counsellor marks a request planned or closed."""
    request = DebriefRequest.objects.select_for_update().get(pk=request.pk)
    if not DEBRIEF_WORKFLOW.can(request.status, status):
        raise DomainError(_("Kies een status."), code="invalid_status")
    previous = request.status
    request.status, request.handled_by, request.handled_at = status, actor, timezone.now()
    request.save(update_fields=["status", "handled_by", "handled_at"])
    audit_log(
        actor=actor, action="network.debrief.updated", target=request, data={"from": previous, "to": status}
    )
    return request


def ambassador_pause_self(*, actor: User, ambassador: Ambassador, pause: bool) -> list[Assignment]:
    """Pause or resume oneself, through the ambassadors service (matching then leaves a paused one out)."""
    if actor.pk != ambassador.user_id or ambassador.status == AmbassadorStatus.ENDED:
        raise PermissionDenied
    status = AmbassadorStatus.PAUSED if pause else AmbassadorStatus.ACTIVE
    return ambassador_set_status(actor=actor, ambassador=ambassador, status=status)
