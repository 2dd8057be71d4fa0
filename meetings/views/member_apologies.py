"""A member's own apologies from the meeting's page, and the chair's answer where a deputy
needs the chair's agreement."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from config import clock
from members.access import roles_for
from members.models import DeputyNomination

from ..forms.agenda import DeputyAnswerForm, MyApologyForm
from ..models import Apology, DeputyRequest, Meeting
from ..services.apologies import deputy_request_answer, seats_held
from .common import posted_answer


def apology_form_for(meeting: Meeting, user, data=None) -> MyApologyForm | None:
    """The form, where the user holds a member seat on the body for a meeting to come."""
    person = getattr(user, "person", None) if user.is_authenticated else None
    if person is None or meeting.status == Meeting.Status.CANCELLED:
        return None
    if meeting.starts_at <= clock.now():
        return None
    seats = seats_held(meeting, person)
    if not seats:
        return None
    deputies = (
        DeputyNomination.objects.current(meeting.day)
        .filter(seat__in=seats)
        .select_related("person", "seat")
        .order_by("seat__position", "person__family_name")
    )
    return MyApologyForm(data, seats=seats, deputies=list(deputies))


def my_apology(person, meeting: Meeting) -> Apology | None:
    if person is None:
        return None
    return (
        Apology.objects.filter(meeting=meeting, person=person)
        .select_related("deputy", "request__deputy")
        .first()
    )


@login_required
@require_http_methods(["GET", "POST"])
def deputy_request(request, pk):
    """The request, for the chair asked (and for the member and the body's secretariat to
    read); 404 for anyone else."""
    asking = get_object_or_404(
        DeputyRequest.objects.select_related(
            "apology__meeting__body", "apology__person", "apology__seat", "deputy", "answered_by"
        ),
        pk=pk,
    )
    meeting = asking.apology.meeting
    person = getattr(request.user, "person", None)
    asked = person is not None and asking.asked.filter(pk=person.pk).exists()
    own = person is not None and asking.apology.person_id == person.pk
    if not (asked or own or roles_for(request.user).serves(meeting.body)):
        raise Http404("No such request.")
    answered = asked and asking.agreed.filter(pk=person.pk).exists()
    form = None
    if asked and asking.awaited and not answered:
        form = DeputyAnswerForm(request.POST or None)
    status = 200
    if request.method == "POST":
        recorded = posted_answer(
            request,
            form,
            asked=asked,
            already="You have answered this request already.",
            record=lambda data: deputy_request_answer(
                request=asking,
                person=person,
                agree=data["answer"],
                note=data["note"],
                now=clock.now(),
            ),
            done="Your answer is recorded, and the member told.",
        )
        if recorded:
            return redirect("meetings:deputy-request", asking.pk)
        status = 400
    context = {"asking": asking, "meeting": meeting, "form": form}
    return render(request, "meetings/deputy_request.html", context, status=status)
