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
from members.access import people_visible_to, roles_for
from members.models import Appointment, DeputyNomination, Person

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
    body: Callable | None  # the body whose secretariat may read the history (None: a person)
    related: tuple[str, ...] = ()

    def readable(self, user, record) -> bool:
        if self.body is None:  # a person's: whoever of the secretariat may look them up
            return (
                roles_for(user).is_secretariat
                and people_visible_to(user).filter(pk=record.pk).exists()
            )
        return roles_for(user).serves(self.body(record))


KEPT = {
    "body": Kept(Body, lambda o: o),
    "person": Kept(Person, None),
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
    if not kept.readable(request.user, record):
        raise Http404("No such record.")
    context = {
        "record": record,
        "kind": kind,
        "body": kept.body(record) if kept.body else None,
        "noun": kept.model._meta.verbose_name,
        "entries": history_of(record),
    }
    return render(request, "meetings/history.html", context)
