"""Deliberately empty: reports hold encrypted case content and must be read through the access selectors
(audited, 404 for outsiders), never through the Django admin. See docs/adr/0010-reports-consent-messaging.md."""
