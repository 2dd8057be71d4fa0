"""A seed body with members and a meeting, for the secretariat workspace tests."""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from governance import bodyfile
from governance.models import Body
from governance.rules.words import LONDON
from governance.services import body_import
from meetings.models import Meeting
from meetings.services import attendance as attending
from members.models import Appointment, Person
from members.snapshots import snapshot
from tests.factories import PersonFactory, UserFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def office(member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<document/>")
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
        return snapshot(self.body, timezone.localdate()).rules_on(day)


def seed_body(slug: str, *, starts_at: datetime.datetime, held_in_public=False) -> Setting:
    """The seed body with every place of every seat filled, a clerk, and one meeting.
    ``holders`` gives each seat's first holder."""
    body_import(body_file=bodyfile.read(bodyfile.SHIPPED_DIR / f"{slug}.yaml"))
    body = Body.objects.get(slug=slug)
    holders = {}
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


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def days_ahead(days: int, hour: int = 14) -> datetime.datetime:
    """A London time ``days`` from today."""
    day = timezone.localdate() + datetime.timedelta(days=days)
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
