"""Who may do what in the network. Views ask these; templates only get the answers."""

from __future__ import annotations

MANAGE = "network.manage_gatherings"  # the coordinator: plan, invite, register attendance, pre-read pack
TAKE_PART = "network.take_part"  # the ambassador: answer invitations, bring experiences, own load and time
FIGURES = "network.view_network_figures"  # the coordinator: time aggregates and everyone's load
DEBRIEFS = "network.handle_debriefs"  # the counsellor: debrief requests
