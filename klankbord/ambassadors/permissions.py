"""Who may do what with ambassador profiles. Views ask these; templates only get the answers."""

from __future__ import annotations

MANAGE = "ambassadors.manage_ambassadors"  # the coordinator: every profile
OWN_PROFILE = "ambassadors.manage_own_profile"  # the ambassador: their own profile
LOG_TIME = "ambassadors.log_time"  # the ambassador: their own time spent
