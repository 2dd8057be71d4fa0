"""Records keep their history, and reading a model's history costs one manager class in all."""

from __future__ import annotations

import pytest

from governance.models import Seat
from meetings.models import Attendance
from tests.factories import SeatFactory

pytestmark = pytest.mark.django_db


def test_the_history_manager_class_is_made_once_and_still_reads_each_records_history():
    first, second = SeatFactory(), SeatFactory()
    assert type(first.history) is type(second.history) is type(Seat.history)
    assert Attendance.history.model is not Seat.history.model  # one class, each its own model
    original, first.title = first.title, "Renamed"
    first.save()
    assert [h.title for h in first.history.all()] == ["Renamed", original]
    assert first.history.count() == 2 and second.history.count() == 1
    assert Seat.history.filter(id=first.pk).count() == 2
    assert first.history.most_recent().title == "Renamed"
