"""What the meetings' workflow announces to the apps that follow it: the documents app
renders a meeting's packs again when its agenda is published or supplemented, and its
minutes when they are circulated or confirmed."""

from django.dispatch import Signal

# Both are sent with ``meeting``, inside the transaction that made the change; receivers act
# once it commits.
agenda_publication = Signal()
minutes_release = Signal()  # circulated to members, or confirmed and signed
