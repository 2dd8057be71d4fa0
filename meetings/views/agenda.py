"""The secretariat's workspace for one meeting: agenda, papers, apologies and publication."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from config import clock
from config.forms import add_service_errors, saved_values, with_revision
from members.access import people_visible_to, roles_for
from members.models import Appointment, Person

from ..forecast import expected_presiding
from ..forms.agenda import (
    AgendaAgreementForm,
    AgendaItemForm,
    ApologyForm,
    ChairAuthorisationForm,
    LateRequestForm,
    MoveForm,
)
from ..models import AgendaItem, Meeting, Publication
from ..queries import agenda_items, deputy_choices
from ..services.agenda import (
    agenda_item_add,
    agenda_item_delete,
    agenda_item_move,
    agenda_item_update,
    agenda_start,
    numbering,
)
from ..services.apologies import apology_record
from ..services.locking import StaleChange
from ..services.publication import (
    ChairAuthorisation,
    LatePublicationError,
    agenda_publish,
    agreement_missing,
    agreement_record,
    late_authorisation_given,
    outstanding_papers,
)
from ..services.schedule import meeting_deadlines
from .common import (
    get_meeting_for_secretariat,
    meeting_snapshot,
)
from .minutes import previous_minutes


def _context(meeting: Meeting) -> dict:
    state = meeting_snapshot(meeting)
    rules = state.rules_on(meeting.day)
    items = agenda_items(meeting)
    publications = list(meeting.publications.select_related("published_by"))
    deadlines = meeting_deadlines(meeting, rules)
    now = clock.now()
    return {
        "meeting": meeting,
        "state": state,
        "rules": rules,
        "items": items,
        "numbers": numbering(items),
        "deadlines": deadlines,
        "days_left": deadlines.working_days_left(rules.calendar, now) if deadlines else None,
        "papers_late": bool(deadlines) and now > deadlines.papers_due,
        "outstanding": outstanding_papers(items),
        "business_names": {b.key: b.name for b in rules.business_types} if rules else {},
        "published": next((p for p in publications if p.kind == Publication.Kind.AGENDA), None),
        "publications": publications,
        "agreements": list(meeting.agreements.all()),
        "unpublished": [i for i in items if i.published_id is None]
        + [p for i in items for p in i.current_papers if p.published_id is None],
        "now": now,
    }


def _agenda_response(request, meeting):
    """After a change: the agenda table alone for htmx, else back to the workspace."""
    if request.htmx:
        return render(request, "meetings/partials/agenda_table.html", _context(meeting))
    return redirect("meetings:agenda", meeting.pk)


@login_required
def workspace(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)
    context = _context(meeting)
    context["apology_form"] = _apology_form(request, meeting, context["state"])
    context["apologies"] = meeting.apologies.select_related("seat", "person", "deputy")
    return render(request, "meetings/secretariat/workspace.html", context)


@login_required
@require_POST
def start(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)
    rules = _context(meeting)["rules"]
    try:
        agenda_start(meeting=meeting, rules=rules)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _agenda_response(request, meeting)


@login_required
@require_http_methods(["GET", "POST"])
def item_new(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)
    context = _context(meeting)
    types = context["rules"].business_types if context["rules"] else ()
    form = AgendaItemForm(request.POST or None, meeting=meeting, business_types=types)
    if request.method == "POST" and form.is_valid():
        try:
            item = agenda_item_add(meeting=meeting, rules=context["rules"], **form.item_fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if item.supplementary:
                messages.warning(
                    request,
                    "The agenda is published, so this is a "
                    "supplementary item: publish it to give notice.",
                )
            return redirect("meetings:agenda", meeting.pk)
    return render(
        request,
        "meetings/secretariat/item_form.html",
        {**context, "form": form, "title": "Add an item"},
        status=400 if form.is_bound else 200,
    )


def _get_item(request, pk) -> AgendaItem:
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__body"), pk=pk)
    get_meeting_for_secretariat(request, item.meeting_id)
    return item


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, pk):
    """Edit an item: inline with htmx, or on its own page without JavaScript. A save made
    from a form another clerk has since overtaken is refused, with the latest shown."""
    item = _get_item(request, pk)
    context = _context(item.meeting)
    types = context["rules"].business_types if context["rules"] else ()

    def form_for(data, instance):
        return AgendaItemForm(data, instance=instance, meeting=item.meeting, business_types=types)

    form, status, latest = form_for(request.POST or None, item), 200, None
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                note = agenda_item_update(
                    item=item, revision=form.cleaned_data["revision"], **form.item_fields
                )
            except StaleChange as error:
                status, latest = 409, AgendaItem.objects.get(pk=item.pk)
                form = form_for(with_revision(request.POST, latest.revision), latest)
                form.is_valid()
                form.add_error(None, error.messages)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if note:
                    messages.info(request, note)
                return _agenda_response(request, item.meeting)
    template = (
        "meetings/partials/item_form.html"
        if request.htmx
        else "meetings/secretariat/item_form.html"
    )
    context.update(
        form=form,
        item=item,
        latest=latest,
        latest_rows=saved_values(latest, form) if latest else (),
        title=f"Edit item: {item.title}",
    )
    response = render(request, template, context, status=status)
    if request.htmx and status != 200:
        # Refused inline: show the form again in its row, not in place of the agenda.
        response = retarget(reswap(response, "outerHTML"), f"#item-{item.pk}")
    return response


@login_required
@require_POST
def item_move(request, pk):
    item = _get_item(request, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose to move the item up or down.")
        return _agenda_response(request, item.meeting)
    try:
        agenda_item_move(item=item, up=form.cleaned_data["direction"] == "up")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _agenda_response(request, item.meeting)


@login_required
@require_POST
def item_delete(request, pk):
    item = _get_item(request, pk)
    try:
        agenda_item_delete(item=item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Removed the item: {item.title}.")
    return redirect("meetings:agenda", item.meeting_id)


@login_required
def preview(request, pk):
    """The agenda exactly as members will see it once published (Part B included)."""
    meeting = get_meeting_for_secretariat(request, pk)
    context = {**_context(meeting), "serves": True}
    context["chair"] = expected_presiding(meeting, context["state"])
    context["previous_minutes"] = previous_minutes(meeting, roles_for(request.user), request.user)
    return render(request, "meetings/secretariat/preview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def agreement(request, pk):
    """Record that the agenda was agreed by whoever the terms say (the Chair, co-chairs...)."""
    meeting = get_meeting_for_secretariat(request, pk)
    context = _context(meeting)
    rules = context["rules"]
    local = clock.now().astimezone(meeting.starts_at.tzinfo)
    form = AgendaAgreementForm(
        request.POST or None,
        initial={
            "agreed_by": rules.agenda.agreed_by if rules else "",
            "agreed_on": local.date(),
            "agreed_time": local.time().replace(second=0, microsecond=0),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            agreement_record(
                meeting=meeting,
                agreed_by=form.cleaned_data["agreed_by"],
                agreed_at=form.agreed_at,
                user=request.user,
                now=clock.now(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Recorded the agreement to the agenda.")
            return redirect("meetings:agenda", meeting.pk)
    context.update(form=form)
    return render(
        request,
        "meetings/secretariat/agreement.html",
        context,
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def publish(request, pk):
    """Confirm publication; after the deadline, record the Chair's authorisation first."""
    meeting = get_meeting_for_secretariat(request, pk)
    context = _context(meeting)
    late = context["deadlines"] and context["now"] > context["deadlines"].publish_by.deadline
    given = late_authorisation_given(meeting) if late else None
    use_given = given is not None and request.POST.get("late_request") == str(given.pk)
    form = ChairAuthorisationForm(request.POST or None) if late and not use_given else None
    if request.method == "POST":
        authorisation = None
        if form is not None and form.is_valid():
            authorisation = ChairAuthorisation(
                form.cleaned_data["chair"], form.authorised_at, form.cleaned_data["reason"]
            )
        if form is None or authorisation is not None:
            try:
                publication = agenda_publish(
                    meeting=meeting,
                    rules=context["rules"],
                    user=request.user,
                    now=clock.now(),
                    authorisation=authorisation,
                    late_request=given if use_given else None,
                )
            except LatePublicationError as error:
                form = ChairAuthorisationForm()
                form.add_error(None, error)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("meetings:agenda", meeting.pk)
            else:
                messages.success(
                    request,
                    f"Published. Notice recorded for "
                    f"{publication.notified.count()} members and deputies.",
                )
                return redirect("meetings:agenda", meeting.pk)
    context.update(
        form=form or (ChairAuthorisationForm() if late else None),
        given=given,
        late_requests=list(meeting.late_requests.select_related("answered_by")[:5]) if late else [],
        request_form=LateRequestForm() if late and given is None else None,
        late=late,
        agreement_missing=agreement_missing(meeting, context["rules"]),
    )
    return render(request, "meetings/secretariat/publish.html", context)


def _apology_form(request, meeting, state, data=None) -> ApologyForm:
    day = meeting.day
    holders = (
        Appointment.objects.current(day)
        .filter(seat__body=meeting.body)
        .select_related("seat", "person")
        .order_by("seat__position", "place")
    )
    source = data if data is not None else request.GET
    chosen = str(source.get("deputy", ""))
    return ApologyForm(
        data,
        seats=[(a.seat, a.person) for a in holders],
        deputies=deputy_choices(
            meeting,
            people_visible_to(request.user),
            find=str(source.get("find", ""))[:100],
            chosen=int(chosen) if chosen.isdigit() and len(chosen) < 18 else None,
        ),
        search_url=reverse("meetings:apology-deputies", args=[meeting.pk]),
        rules=state.rules_on(day),
        seat_titles=state.names.seats,
    )


@login_required
def apology_deputies(request, pk):
    """The deputy list redrawn with the people whose names match what the clerk typed."""
    meeting = get_meeting_for_secretariat(request, pk)
    form = _apology_form(request, meeting, meeting_snapshot(meeting))
    return render(request, "meetings/secretariat/deputy_field.html", {"field": form["deputy"]})


@login_required
@require_POST
def apology_add(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)
    state = meeting_snapshot(meeting)
    form = _apology_form(request, meeting, state, request.POST)
    if form.is_valid():
        seat_key, person_id = form.cleaned_data["seat"].split(":")
        deputy_id = form.cleaned_data["deputy"]
        try:
            apology = apology_record(
                meeting=meeting,
                snapshot=state,
                seat_key=seat_key,
                person=Person.objects.get(pk=person_id),
                deputy=Person.objects.get(pk=deputy_id) if deputy_id else None,
                chair_agreed_by=form.agreed_by(),
                user=request.user,
                now=clock.now(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Recorded: {apology}.")
            return redirect("meetings:agenda", meeting.pk)
    context = _context(meeting)
    context["apology_form"] = form
    context["apologies"] = meeting.apologies.select_related("seat", "person", "deputy")
    return render(request, "meetings/secretariat/workspace.html", context, status=400)
