"""A seed body with members and a meeting, for the secretariat workspace tests."""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass
from functools import cache

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from config import clock
from config.coalesce import coalesced
from governance import bodyfile
from governance.models import Body
from governance.rules.words import LONDON
from governance.services import body_import
from meetings.forms.fields import FIRST, SECOND
from meetings.models import Attendance, Meeting
from meetings.services import attendance as attending
from meetings.services import proceedings
from meetings.services.agenda import agenda_item_add, agenda_start
from meetings.services.publication import agenda_publish, agreement_record
from meetings.sitting import Sitting, sitting_for
from members.models import Appointment, Person
from members.snapshots import snapshot
from tests.factories import PersonFactory, UserFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def office(member: str) -> bytes:
    """A minimal Office file; its parts carry a fixed date, so the bytes never change."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in (("[Content_Types].xml", "<Types/>"), (member, "<document/>")):
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), text)
    return buffer.getvalue()


DOCX, XLSX = office("word/document.xml"), office("xl/workbook.xml")


def upload(name: str, content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@dataclass
class Setting:
    body: Body
    meeting: Meeting
    clerk: object
    holders: dict[str, Person]

    @property
    def rules(self):
        day = self.meeting.starts_at.astimezone(LONDON).date()
        return snapshot(self.body, clock.today()).rules_on(day)


@cache
def _shipped(name: str) -> bodyfile.BodyFile:
    """A shipped body file, read and checked once for each worker (importing never changes
    it)."""
    return bodyfile.read(bodyfile.SHIPPED_DIR / f"{name}.yaml")


def seed_body(name: str, *, starts_at: datetime.datetime, held_in_public=False) -> Setting:
    """The seed body (or example, ``examples/<file>``) with every place of every seat filled,
    a clerk, and one meeting. ``holders`` gives each seat's first holder."""
    body_file = _shipped(name)
    body_import(body_file=body_file)
    slug = body_file.data["body"]["slug"]
    body = Body.objects.get(slug=slug)
    holders = {}
    with coalesced():
        for seat in body.seats.all():
            for place in range(1, seat.max_holders + 1):
                person = PersonFactory()
                Appointment.objects.create(
                    person=person, seat=seat, place=place, starts_on=datetime.date(2024, 1, 1)
                )
                holders.setdefault(seat.key, person)
    clerk = UserFactory(username=f"clerk-{slug}"[:150])
    clerk.secretariat_bodies.add(body)
    meeting = Meeting.objects.create(
        body=body,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        location="Committee Room 1",
        held_in_public=held_in_public,
    )
    return Setting(body, meeting, clerk, holders)


def publish(setting: Setting, now: datetime.datetime, authorisation=None):
    """Publish the agenda as the clerk, first recording the agreement the terms call for
    (South East London's co-chairs, for instance)."""
    rules = setting.rules
    if rules.agenda.agreed_by:
        agreement_record(
            meeting=setting.meeting,
            agreed_by=rules.agenda.agreed_by,
            agreed_at=now - datetime.timedelta(minutes=1),
            user=setting.clerk,
            now=now - datetime.timedelta(minutes=1),
        )
    return agenda_publish(
        meeting=setting.meeting,
        rules=rules,
        user=setting.clerk,
        now=now,
        authorisation=authorisation,
    )


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def typed_now(day_field: str, time_field: str) -> dict:
    """Now as a clerk types it into a date and a time box, saying which 01:30 they mean on
    the night the clocks go back."""
    local = clock.now().astimezone(LONDON)
    return {
        day_field: local.date().isoformat(),
        time_field: local.strftime("%H:%M"),
        "clock_change": SECOND if local.fold else FIRST,
    }


def days_ahead(days: int, hour: int = 14) -> datetime.datetime:
    """A London time ``days`` from today."""
    day = clock.today() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=LONDON)


def arrive(setting: Setting, keys, now: datetime.datetime) -> None:
    """The holders of these seats arrive, through the console."""
    for key in keys:
        row = setting.meeting.attendance.get(person=setting.holders[key], capacity="member")
        attending.attendance_mark(
            meeting=setting.meeting,
            row=row,
            revision=row.revision,
            mark="arrived",
            user=setting.clerk,
            now=now,
        )


def open_sitting(slug: str, *, starts_at: datetime.datetime, **items) -> Setting:
    """A seed body's meeting with the standing items, the ``items`` given (title: fields),
    and the console opened."""
    setting = seed_body(slug, starts_at=starts_at)
    agenda_start(meeting=setting.meeting, rules=setting.rules)
    for title, fields in items.items():
        agenda_item_add(meeting=setting.meeting, rules=setting.rules, title=title, **fields)
    attending.sitting_open(meeting=setting.meeting, user=setting.clerk, now=starts_at)
    setting.meeting.refresh_from_db()
    return setting


def row(setting: Setting, key: str) -> Attendance:
    """The attendance of the first holder of the seat ``key``."""
    return Attendance.objects.get(
        meeting=setting.meeting, person=setting.holders[key], capacity="member"
    )


def go(setting: Setting, title: str, confirmed: bool = False):
    setting.meeting.refresh_from_db()
    item = setting.meeting.items.get(title=title)
    return proceedings.item_go_to(
        meeting=setting.meeting,
        item=item,
        seen_item=setting.meeting.current_item_id,
        confirmed=confirmed,
        sitting=sitting_for(setting.meeting),
    )


def state(setting: Setting) -> Sitting:
    setting.meeting.refresh_from_db()
    return sitting_for(setting.meeting)
