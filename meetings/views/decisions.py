"""Decisions after the meeting: each record completed in the minutes editor, the notice of a
meeting's decisions, and the body's register of decisions (HTML and CSV)."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from config import clock
from config.forms import add_service_errors, with_revision
from config.paging import uncounted_page
from members.access import get_body_for_user, roles_for

from ..forms.decisions import RegisterFilterForm, decision_record_form
from ..models import Decision, DecisionNotice, Meeting
from ..queries import decisions_register
from ..services.decisions import decision_notice_publish, decision_record_complete
from ..services.locking import StaleChange
from .common import get_meeting_for_secretariat
from .minutes import editor_context

REGISTER_PAGE = 50


@login_required
@require_POST
def decision_record(request, pk):
    decision = get_object_or_404(
        Decision.objects.select_related("item__meeting"), pk=pk, item__isnull=False
    )
    meeting = get_meeting_for_secretariat(request, decision.item.meeting_id)
    form = decision_record_form(decision, request.POST)
    if form.is_valid():
        try:
            decision_record_complete(
                decision=decision,
                reasons=form.cleaned_data["reasons"],
                alternatives=form.cleaned_data["alternatives"],
                dispensation=form.cleaned_data["dispensation"],
                revision=form.cleaned_data["revision"],
                user=request.user,
            )
        except StaleChange as error:
            decision.refresh_from_db()
            form = decision_record_form(decision, with_revision(request.POST, decision.revision))
            form.is_valid()
            add_service_errors(form, error)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Saved the record of decision {decision.reference}.")
            url = reverse("meetings:minutes-edit", args=[meeting.pk])
            return redirect(f"{url}#decision-{decision.pk}")
    context = editor_context(meeting, getattr(meeting, "minutes", None), bound=form)
    return render(request, "meetings/minutes/edit.html", context, status=400)


@login_required
@require_POST
def notice_publish(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)
    try:
        decision_notice_publish(meeting=meeting, user=request.user, now=clock.now())
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        messages.success(request, "The notice of decisions is published.")
    return redirect("meetings:minutes-edit", meeting.pk)


def notice_copy(meeting: Meeting, notice: DecisionNotice | None, roles) -> str | None:
    """Which copy of the notice the user may read: "members" to those who serve or sit on
    the body, "public" (exempt decisions withheld) for a meeting held in public, or none."""
    if notice is None:
        return None
    if roles.inside(meeting.body):
        return "members"
    return "public" if meeting.held_in_public else None


def notice_read(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    notice = DecisionNotice.objects.filter(meeting=meeting).first()
    copy = notice_copy(meeting, notice, roles_for(request.user))
    if copy is None:
        raise Http404("No notice of decisions.")
    text = notice.members_text if copy == "members" else notice.public_text
    return render(
        request,
        "meetings/decisions/notice.html",
        {"meeting": meeting, "notice": notice, "text": text},
    )


def register(request, slug):
    body = get_body_for_user(request, slug)
    roles = roles_for(request.user)
    members = roles.inside(body)
    narrowing = RegisterFilterForm(request.GET)
    decisions = narrowing.narrow(decisions_register(body, members=members))
    page = uncounted_page(decisions, request.GET.get("page"), REGISTER_PAGE)
    return render(
        request,
        "meetings/decisions/register.html",
        {"body": body, "page": page, "members": members, "narrowing": narrowing},
        status=200 if narrowing.is_valid() else 400,
    )


class _Echo:
    def write(self, value):
        return value


def _cell(value) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (CSV injection)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


CSV_HEADINGS = (
    "Reference",
    "Date (of the meeting, or of a written resolution)",
    "Item or resolution",
    "Part",
    "Decision",
    "Outcome",
    "Value (£)",
    "Reasons",
    "Alternatives considered and rejected",
    "Dispensation",
)


def register_csv(request, slug):
    body = get_body_for_user(request, slug)
    roles = roles_for(request.user)
    decisions = RegisterFilterForm(request.GET).narrow(
        decisions_register(body, members=roles.inside(body))
    )
    writer = csv.writer(_Echo())

    def rows():
        yield writer.writerow(CSV_HEADINGS)
        for d in decisions.iterator(chunk_size=500):
            yield writer.writerow(
                _cell(value)
                for value in (
                    d.reference,
                    d.day.isoformat(),
                    d.title,
                    "B" if d.confidential else "A",
                    d.text,
                    d.get_outcome_display(),
                    d.value if d.value is not None else "",
                    d.reasons,
                    d.alternatives,
                    d.dispensation,
                )
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    name = f"{body.slug}-decisions-{clock.today().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
