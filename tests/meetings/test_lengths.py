"""A length of time as people type it: "90", "1h30", "2 hours", "45 mins"; read into whole
minutes by the meeting, reschedule and agenda item forms, and refused in plain words."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from governance.rules.words import LONDON
from meetings.forms.fields import MinutesField
from meetings.models import AgendaItem, Meeting
from meetings.services.agenda import agenda_start

from .test_console_pages import text
from .workspace import seed_body, signed_in

MEETING = datetime.datetime(2027, 1, 14, 14, 0, tzinfo=LONDON)
BEFORE = datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC)  # whatever day the suite runs


@pytest.mark.parametrize(
    "typed, minutes",
    [
        ("90", 90),
        (" 90 ", 90),
        ("90 min", 90),
        ("90 mins", 90),
        ("90 minutes", 90),
        ("1h30", 90),
        ("1h 30m", 90),
        ("1 h 30", 90),
        ("1 hour 30 minutes", 90),
        ("1 hour and 30 minutes", 90),
        ("1 hr 30 mins", 90),
        ("1:30", 90),
        ("2 hours", 120),
        ("2h", 120),
        ("2 HRS", 120),
        ("1.5 hours", 90),
        ("0.75 h", 45),
    ],
)
def test_a_length_is_read_as_people_type_it(typed, minutes):
    assert MinutesField().clean(typed) == minutes


@pytest.mark.parametrize(
    "typed, said",
    [
        ("an hour", "Give the length such as 90, 1h30 or 2 hours."),
        ("1:75", "Give the length such as 90, 1h30 or 2 hours."),
        ("-30", "Give the length such as 90, 1h30 or 2 hours."),
        ("h", "Give the length such as 90, 1h30 or 2 hours."),
        ("1.33 hours", "Give the length in whole minutes, such as 90, 1h30 or 2 hours."),
        ("90" + " " * 28 + "x", "Give the length such as 90, 1h30 or 2 hours."),  # never cut
    ],
)
def test_anything_else_is_refused_in_plain_words(typed, said):
    with pytest.raises(ValidationError) as refused:
        MinutesField().clean(typed)
    assert refused.value.messages == [said]


def test_the_limits_are_said_in_minutes():
    field = MinutesField(min_value=15, max_value=600)
    with pytest.raises(ValidationError, match="Give at least 15 minutes"):
        field.clean("10 mins")
    with pytest.raises(ValidationError, match="That is more than 600 minutes"):
        field.clean("11 hours")


@pytest.mark.django_db
@time_machine.travel(BEFORE, tick=False)
def test_a_meeting_of_1h30_lasts_ninety_minutes_and_a_wrong_length_keeps_what_was_typed():
    sel = seed_body("south-east-london-icp", starts_at=MEETING)
    client = signed_in(sel.clerk)
    url = f"/bodies/{sel.body.slug}/meetings/new/"
    new = {"day": "2027-03-11", "time": "14:00", "kind": "ordinary", "location": "Tooley St"}
    refused = client.post(url, {**new, "minutes": "an hour and a half"})
    assert "Give the length such as 90, 1h30 or 2 hours." in text(refused)
    assert 'value="an hour and a half"' in refused.content.decode()
    client.post(url, {**new, "minutes": "1h30"})
    added = Meeting.objects.exclude(pk=sel.meeting.pk).get()
    assert added.ends_at - added.starts_at == datetime.timedelta(minutes=90)


@pytest.mark.django_db
@time_machine.travel(BEFORE, tick=False)
def test_an_item_is_allotted_45_mins_as_typed():
    lie = seed_body("leicestershire-integration-executive", starts_at=MEETING)
    agenda_start(meeting=lie.meeting, rules=lie.rules)
    item = lie.meeting.items.get(title="Action log")
    client = signed_in(lie.clerk)
    typed = {"title": "Action log", "purpose": "assurance", "part": "A", "revision": 0}
    client.post(f"/agenda-items/{item.pk}/edit/", {**typed, "minutes_allotted": "45 mins"})
    assert AgendaItem.objects.get(pk=item.pk).minutes_allotted == 45
    workspace = text(client.get(f"/meetings/{lie.meeting.pk}/agenda/"))
    assert "For assurance · 45 min" in workspace
