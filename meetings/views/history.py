"""The kept history of a governed record, for the secretariat of its body: who changed what,
when, from what, to what, and why."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from governance.models import Body, Seat, TermsOfReference
from members.access import roles_for
from members.models import Appointment, DeputyNomination

from ..models import (
    Action,
    Adjournment,
    AgendaItem,
    Attendance,
    Decision,
    Declaration,
    ItemMinute,
    Meeting,
    Minutes,
    Paper,
    Publication,
    Vote,
)
from ..queries import history_of


@dataclass(frozen=True)
class Kept:
    model: type[models.Model]
    body: Callable  # the body whose secretariat may read the history
    related: tuple[str, ...] = ()


KEPT = {
    "body": Kept(Body, lambda o: o),
    "terms": Kept(TermsOfReference, lambda o: o.body, ("body",)),
    "seat": Kept(Seat, lambda o: o.body, ("body",)),
    "appointment": Kept(Appointment, lambda o: o.seat.body, ("seat__body", "person")),
    "deputy": Kept(DeputyNomination, lambda o: o.seat.body, ("seat__body", "person")),
    "meeting": Kept(Meeting, lambda o: o.body, ("body",)),
    "item": Kept(AgendaItem, lambda o: o.meeting.body, ("meeting__body",)),
    "paper": Kept(Paper, lambda o: o.item.meeting.body, ("item__meeting__body",)),
    "publication": Kept(Publication, lambda o: o.meeting.body, ("meeting__body",)),
    "attendance": Kept(Attendance, lambda o: o.meeting.body, ("meeting__body", "person")),
    "declaration": Kept(Declaration, lambda o: o.item.meeting.body, ("item__meeting__body",)),
    "vote": Kept(Vote, lambda o: o.item.meeting.body, ("item__meeting__body",)),
    "decision": Kept(Decision, lambda o: o.body, ("body",)),
    "action": Kept(Action, lambda o: o.meeting.body, ("meeting__body",)),
    "adjournment": Kept(Adjournment, lambda o: o.meeting.body, ("meeting__body",)),
    "minutes": Kept(Minutes, lambda o: o.meeting.body, ("meeting__body",)),
    "minute": Kept(ItemMinute, lambda o: o.item.meeting.body, ("item__meeting__body",)),
}


@login_required
def history(request, kind, pk):
    kept = KEPT.get(kind)
    if kept is None:
        raise Http404("No such record.")
    record = get_object_or_404(kept.model.objects.select_related(*kept.related), pk=pk)
    body = kept.body(record)
    if not roles_for(request.user).serves(body):
        raise Http404("No such record.")
    context = {
        "record": record,
        "kind": kind,
        "body": body,
        "noun": kept.model._meta.verbose_name,
        "entries": history_of(record),
    }
    return render(request, "meetings/history.html", context)
