"""What the meetings' workflow announces to the apps that follow it: the documents app
renders a meeting's packs again when its agenda is published or supplemented, and its
minutes when they are circulated or confirmed; the notices app tells the members of these,
of the minutes circulated, of a meeting moved or cancelled, and of apologies received."""

from django.dispatch import Signal

# Both are sent with ``meeting`` (the first also with ``publication``), inside the
# transaction that made the change; receivers act once it commits.
agenda_publication = Signal()
minutes_release = Signal()  # circulated to members, or confirmed and signed
minutes_circulated = Signal()  # sent with ``minutes``: the chair's approved draft to members
meeting_change = Signal()  # sent with ``change``: the meeting rescheduled or cancelled
apology_recorded = Signal()  # sent with ``apology``: apologies, and any deputy, received
resolution_issued = Signal()  # sent with ``resolution`` and ``entitled``: put to the members
resolution_decided = Signal()  # sent with ``resolution``: decided by the body's rule
late_request_change = Signal()  # sent with ``request``: the Chair asked, or their answer
deputy_request_change = Signal()  # sent with ``request``: the chair asked, or their answer
