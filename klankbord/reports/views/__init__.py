"""Views of the reports app, split by audience: intake (public), portal (the member), inbox (counsellors)."""
