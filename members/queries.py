"""Prefetches shared by the pages that show who holds which seat."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch

from .models import Appointment, DeputyNomination


def seat_holders(on: datetime.date, prefix: str = "") -> list[Prefetch]:
    """Current holders and nominated deputies of seats, as ``current_*`` lists on each seat."""
    return [
        Prefetch(
            f"{prefix}appointments",
            queryset=Appointment.objects.current(on).select_related("person").order_by("place"),
            to_attr="current_appointments",
        ),
        Prefetch(
            f"{prefix}deputy_nominations",
            queryset=DeputyNomination.objects.current(on).select_related("person"),
            to_attr="current_deputies",
        ),
    ]
