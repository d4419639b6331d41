"""The roles of Klankbord as data: one declarative table, synced to groups and permissions after migrate.

Apps add the permissions they define to ``ROLE_PERMISSIONS``; views check permissions (never role names).
``requires_mfa``: every role that can see case data, applicant data or the audit trail must use MFA.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .constants import RoleSlug

ROLE_DESCRIPTIONS: dict[str, str] = {
    RoleSlug.COUNCIL_MEMBER: "Meldt wat er gebeurde en houdt regie over wat daarna gebeurt.",
    RoleSlug.COUNSELLOR: "Vertrouwenspersoon op het bureau: ontvangt meldingen en legt met toestemming contact.",
    RoleSlug.AMBASSADOR: "Regioambassadeur: luistert, begeleidt, verwijst door en biedt nazorg.",
    RoleSlug.COORDINATOR: "Coördinator op het bureau: netwerk, dekking en geanonimiseerde signalen.",
    RoleSlug.SELECTION_COMMITTEE: "Beoordeelt kandidaat-ambassadeurs.",
    RoleSlug.ADMINISTRATOR: "Technisch beheer: gebruikers, rollen, regio-indeling.",
}

ROLES_WITHOUT_MANDATORY_MFA = {RoleSlug.COUNCIL_MEMBER}

ROLE_PERMISSIONS: dict[str, set[str]] = {
    RoleSlug.COUNCIL_MEMBER: set(),
    RoleSlug.COUNSELLOR: {
        "accounts.access_case_pages",
        "accounts.use_api",
        # Meldingen (reports, consent ledger, secure messaging): see docs/authorization.md
        "reports.view_report",
        "reports.add_report",
        "reports.change_report",
        "reports.assign_report",
        "reports.view_talkrequest",
        "reports.change_talkrequest",
        "consent.view_consentrecord",
        "consent.add_consentrecord",
        "messaging.view_message",
        "messaging.add_message",
        "matching.match_report",  # matching: suggestions, confirm, handover
        "support.view_escalation",  # support: escalations, every case's support page, closing
        "support.change_escalation",
        "signals.add_signal",  # signals: file an anonymised signal
        "network.handle_debriefs",  # network: debrief requests of ambassadors
    },
    RoleSlug.AMBASSADOR: {
        "accounts.access_case_pages",
        "ambassadors.manage_own_profile",  # ambassadors: own profile, leave, pause, party consent
        "ambassadors.log_time",
        "support.add_contactmoment",  # support: requests, contact log, referrals, aftercare (own cases only)
        "signals.add_signal",  # signals: file an anonymised signal
        "network.take_part",  # network: invitations, experiences, own load and time, pause
    },
    RoleSlug.COORDINATOR: {
        "accounts.use_api",
        "geo.view_region",
        # recruitment: coverage, vacancies and the procedure (the committee scores; the office decides)
        "recruitment.manage_coverage",
        "recruitment.view_applications",
        "recruitment.conduct_interviews",
        "recruitment.decide_applications",
        "recruitment.onboard_ambassadors",
        "ambassadors.manage_ambassadors",  # ambassadors: every profile
        "ambassadors.view_ambassador",
        "matching.view_coveragegap",  # matching: gaps for recruitment
        "support.manage_referral_resources",  # support: the directory of help
        "signals.view_aggregates",  # signals: disclosure-controlled aggregates only, never a signal's text
        "network.manage_gatherings",  # network: return day, intervision, attendance, pre-read pack
        "network.view_network_figures",  # network: load per ambassador, time aggregated (never per case)
        "accounts.confirm_role_grants",  # four eyes: confirms a grant of a role that reads case data
    },
    RoleSlug.SELECTION_COMMITTEE: {
        "recruitment.view_applications",
        "recruitment.score_applications",
        "recruitment.conduct_interviews",
    },
    RoleSlug.ADMINISTRATOR: {
        "accounts.manage_users",
        "accounts.confirm_role_grants",
        "accounts.use_api",
        "geo.manage_regions",
        "geo.view_region",
        "audit.view_auditentry",
        "outbox.manage_outgoing_mail",  # outbox: failed and waiting mail, re-send (ADR 0070)
    },
}


# The permissions that open case data (reports, their messages and consents, support cases). A role holding any
# of them is granted under four eyes (accounts.services.grants): derived from the table, never from a role name.
CASE_DATA_PERMISSIONS = frozenset(
    {
        "accounts.access_case_pages",
        "reports.view_report",
        "reports.view_talkrequest",
        "consent.view_consentrecord",
        "messaging.view_message",
        "support.view_escalation",
    }
)


def role_reads_case_data(slug: str) -> bool:
    """Whether the role of ``slug`` can read case data (so that granting it needs a second person)."""
    return bool(ROLE_PERMISSIONS.get(slug, set()) & CASE_DATA_PERMISSIONS)


def _permissions(names: set[str]) -> list[Permission]:
    found = []
    for name in sorted(names):
        app_label, codename = name.split(".", 1)
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            found.append(permission)
    return found


@transaction.atomic
def sync_roles() -> None:
    """Create or update one group and role per ``RoleSlug`` with exactly the permissions of the table."""
    from .models import Role

    for slug in RoleSlug:
        group, _created = Group.objects.get_or_create(name=slug.value)
        Role.objects.update_or_create(
            slug=slug.value,
            defaults={
                "group": group,
                "requires_mfa": slug not in ROLES_WITHOUT_MANDATORY_MFA,
                "description": ROLE_DESCRIPTIONS[slug],
            },
        )
        group.permissions.set(_permissions(ROLE_PERMISSIONS[slug]))


def sync_roles_after_migrate(sender: Any, **kwargs: Any) -> None:
    """Run once per migrate, after the last app: only then do all apps' permissions exist."""
    from django.apps import apps

    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if sender is with_models[-1]:
        sync_roles()
