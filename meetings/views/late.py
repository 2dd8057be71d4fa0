"""Late publication authorised by the Chair in the application: the secretariat asks, the
Chair answers, and the answer is recorded as the Chair's."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from config import clock
from members.access import roles_for

from ..forms.agenda import LateAnswerForm, LateRequestForm
from ..models import LatePublicationRequest
from ..services.publication import late_request_answer, late_request_make
from .common import get_meeting_for_secretariat, meeting_snapshot, posted_answer


@login_required
@require_POST
def late_request_new(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)
    form = LateRequestForm(request.POST)
    if form.is_valid():
        try:
            late_request_make(
                meeting=meeting,
                rules=meeting_snapshot(meeting).rules_on(meeting.day),
                reason=form.cleaned_data["reason"],
                user=request.user,
                now=clock.now(),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, "Asked the Chair: you will be told of their answer by e-mail."
            )
    else:
        messages.error(request, "Say why the papers are late, so the Chair can decide.")
    return redirect("meetings:agenda-publish", meeting.pk)


@login_required
@require_http_methods(["GET", "POST"])
def late_request(request, pk):
    """The request, for the Chair asked to answer it (and for the body's secretariat to
    read); 404 for anyone else."""
    late = get_object_or_404(
        LatePublicationRequest.objects.select_related("meeting__body", "answered_by"), pk=pk
    )
    person = getattr(request.user, "person", None)
    asked = person is not None and late.asked.filter(pk=person.pk).exists()
    if not asked and not roles_for(request.user).serves(late.meeting.body):
        raise Http404("No such request.")
    form = LateAnswerForm(request.POST or None) if asked and late.awaited else None
    status = 200
    if request.method == "POST":
        recorded = posted_answer(
            request,
            form,
            asked=asked,
            already=f"This request has been answered already: {late.get_answer_display().lower()}.",
            record=lambda data: late_request_answer(
                request=late,
                person=person,
                authorise=data["answer"],
                note=data["note"],
                now=clock.now(),
            ),
            done="Your answer is recorded, and the secretariat told.",
        )
        if recorded:
            return redirect("meetings:late-request", late.pk)
        status = 400
    context = {"late": late, "meeting": late.meeting, "form": form}
    return render(request, "meetings/late_request.html", context, status=status)
