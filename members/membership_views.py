"""A seat's page for the body's secretariat: who holds it and who deputises, with the forms
that appoint, nominate and end. A refused change shows the page again with what was typed
and the reason beside it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from config import clock
from config.forms import add_service_errors, saved_values, with_revision
from governance.models import Seat
from governance.rules.words import join, long_date

from . import invitations, membership
from .access import (
    get_body_for_secretariat,
    get_person_for_secretariat,
    people_visible_to,
    secretariat_required,
)
from .membership_forms import AppointForm, EndForm, GiveSignInForm, NominateForm, PersonForm
from .models import Appointment, DeputyNomination, Person

PAST_SHOWN = 10  # the latest earlier holders and deputies; the rest are in the history


def _seat(request, slug: str, key: str) -> Seat:
    body = get_body_for_secretariat(request, slug)
    return get_object_or_404(
        Seat.objects.select_related("body", "organisation"), body=body, key=key
    )


def _page(request, seat: Seat, *, status=200, **bound):
    """The seat's page: its holders and deputies now and to come, the latest earlier ones
    (``PAST_SHOWN``; the rest are in the history), and the forms, each as it was sent where
    it was refused."""
    today = clock.today()
    now_or_later = Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    holders = seat.appointments.filter(now_or_later).select_related("person").order_by("place")
    deputies = seat.deputy_nominations.filter(now_or_later).select_related("person")
    ending = bound.get("ending", {})
    for what, records in (("appointment", holders), ("nomination", deputies)):
        for record in records:
            prefix = f"end-{what}-{record.pk}"
            record.end_form = ending.get(prefix) or EndForm(prefix=prefix)
    earlier = Q(ends_on__lt=today)
    context = {
        "seat": seat,
        "body": seat.body,
        "holders": holders,
        "deputies": deputies,
        "past": seat.appointments.filter(earlier)
        .select_related("person")
        .order_by("-ends_on")[:PAST_SHOWN],
        "past_deputies": seat.deputy_nominations.filter(earlier)
        .select_related("person")
        .order_by("-ends_on")[:PAST_SHOWN],
        "appoint": bound.get("appoint")
        or AppointForm(
            prefix="appoint",
            people=people_visible_to(request.user),
            find=request.GET.get("find", ""),
            initial={"starts_on": today},
        ),
        "nominate": bound.get("nominate")
        or NominateForm(
            prefix="deputy",
            people=people_visible_to(request.user),
            find=request.GET.get("deputy_find", ""),
            initial={"starts_on": today},
        ),
        "find": request.GET.get("find", "")[:100],
        "deputy_find": request.GET.get("deputy_find", "")[:100],
    }
    return render(request, "members/seat.html", context, status=status)


@login_required
def seat_detail(request, slug, key):
    return _page(request, _seat(request, slug, key))


def _person(data, user):
    """The person chosen, or the new person named (made in the caller's transaction)."""
    if data["person"] is not None:
        return data["person"]
    names = ("honorific", "given_name", "family_name", "job_title", "email")
    return membership.person_add(**{k: data[k] for k in names}, user=user)


def _change(request, seat: Seat, form, change, **bound):
    """Run ``change`` in one transaction once the form is valid, then back to the seat's
    page; a refusal shows the page again with the form as sent (``bound`` names it) and the
    reason beside the field it concerns."""
    if form.is_valid():
        try:
            with transaction.atomic():
                done = change(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("members:seat", seat.body.slug, seat.key)
    return _page(request, seat, status=400, **bound)


@login_required
@require_POST
def appoint(request, slug, key):
    seat = _seat(request, slug, key)
    form = AppointForm(request.POST, prefix="appoint", people=people_visible_to(request.user))

    def change(data):
        person = _person(data, request.user)
        made = membership.appointment_add(
            seat=seat, person=person, tenure=data["tenure"], starts_on=data["starts_on"],
            user=request.user,
        )  # fmt: skip
        return f"{person.full_name} holds the {seat.title}'s seat from {long_date(made.starts_on)}."

    return _change(request, seat, form, change, appoint=form)


@login_required
@require_POST
def nominate(request, slug, key):
    seat = _seat(request, slug, key)
    form = NominateForm(request.POST, prefix="deputy", people=people_visible_to(request.user))

    def change(data):
        person = _person(data, request.user)
        membership.nomination_add(
            seat=seat, person=person, starts_on=data["starts_on"], user=request.user
        )
        return f"{person.full_name} is a nominated deputy for the {seat.title}."

    return _change(request, seat, form, change, nominate=form)


def _ending(request, model, pk: int, what: str):
    record = get_object_or_404(model.objects.select_related("seat__body", "person"), pk=pk)
    seat = record.seat
    get_body_for_secretariat(request, seat.body.slug)
    form = EndForm(request.POST, prefix=f"end-{what}-{record.pk}")

    def change(data):
        membership.record_end(record=record, ends_on=data["ends_on"], user=request.user)
        return f"{record.person.full_name}'s {what} ends on {long_date(data['ends_on'])}."

    return _change(request, seat, form, change, ending={form.prefix: form})


@login_required
@require_POST
def appointment_end(request, pk):
    return _ending(request, Appointment, pk, "appointment")


@login_required
@require_POST
def nomination_end(request, pk):
    return _ending(request, DeputyNomination, pk, "nomination")


@secretariat_required
def person_edit(request, pk):
    """A person's names and contact details; a change someone else saved first is shown
    beside the clerk's own, which stay in the form."""
    person = get_person_for_secretariat(request, pk)
    form = PersonForm(request.POST or None, instance=person, initial={"revision": person.revision})
    latest = None
    if request.method == "POST" and form.is_valid():
        try:
            membership.person_update(
                person=person,
                revision=form.cleaned_data["revision"],
                details=form.cleaned_data,
                user=request.user,
            )
        except ValidationError as error:
            if error.code != "stale":
                raise
            latest = Person.objects.get(pk=person.pk)  # shown as saved; the form edits a copy
            form = PersonForm(
                with_revision(request.POST, latest.revision),
                instance=Person.objects.get(pk=person.pk),
            )
            form.add_error(None, error.messages)
        else:
            messages.success(request, f"Saved the details of {person.full_name}.")
            return redirect("members:person-detail", person.pk)
    context = {
        "person": Person.objects.get(pk=person.pk),
        "form": form,
        "latest_rows": saved_values(latest, form) if latest else (),
    }
    return render(request, "members/person_edit.html", context, status=400 if form.errors else 200)


@secretariat_required
@require_POST
def sign_in_give(request, pk):
    person = get_person_for_secretariat(request, pk)
    form = GiveSignInForm(request.POST)
    bodies = sorted(
        {a.seat.body.name for a in person.appointments.select_related("seat__body")}
        | {n.seat.body.name for n in person.deputy_nominations.select_related("seat__body")}
    )

    form.is_valid()  # nothing to type: the account is named by their address
    try:
        invitations.sign_in_give(
            person=person, bodies=join(bodies) or "its bodies", user=request.user
        )
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        messages.success(
            request,
            f"{person.full_name} has a sign-in. They have been e-mailed a link to choose their "
            "password; no one else sees it.",
        )
    return redirect("members:person-detail", person.pk)
