"""Who may do what with signals. Roles get these in accounts/roles.py; views check them through the gates.

- ``signals.add_signal``: file a signal (ambassadors, counsellors).
- ``signals.view_aggregates``: the disclosure-controlled tables, charts, map, warnings, exports and API
  (coordinators). There is no page or endpoint that shows a single signal.
- ``signals.review_signal_text``: read de-identified signal texts; granted to no role by default (a researcher the
  association designates after its DPIA). No view uses it yet.
"""

from __future__ import annotations

ADD_SIGNAL = "signals.add_signal"
VIEW_AGGREGATES = "signals.view_aggregates"
REVIEW_SIGNAL_TEXT = "signals.review_signal_text"
