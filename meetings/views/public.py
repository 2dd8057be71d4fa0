"""The public home page, the meetings list and a meeting's published page, with a member's
own apologies and interests declared from it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from config import clock
from config.forms import add_service_errors
from governance.models import Body
from members.access import bodies_visible_to, roles_for
from members.models import Person

from ..forecast import expected_presiding
from ..models import AdvanceDeclaration, DecisionNotice, Meeting, Minutes
from ..queries import agenda_items, meeting_decisions
from ..services.agenda import numbering
from ..services.apologies import apology_send
from .common import get_meeting_for_user, meeting_snapshot
from .decisions import notice_copy
from .member_apologies import apology_form_for, my_apology
from .member_declarations import declaration_form_for, my_declarations
from .minutes import previous_minutes, reading_copy

UPCOMING_ON_HOME = 3
PAGE_SIZE = 50


def home(request):
    """Public: the bodies that meet in public and their next public meetings."""
    upcoming = Meeting.objects.upcoming().in_public().order_by("starts_at")
    bodies = Body.objects.meeting_in_public().prefetch_related(
        Prefetch("meetings", queryset=upcoming[:UPCOMING_ON_HOME], to_attr="next_meetings")
    )
    return render(request, "meetings/home.html", {"bodies": bodies})


def meeting_list(request):
    """Meetings to come or held, of every body or one, as far as the user may see them."""
    roles = roles_for(request.user)
    meetings = Meeting.objects.listed_for(roles).select_related("body")
    body = None
    if slug := request.GET.get("body"):
        body = get_object_or_404(bodies_visible_to(request.user), slug=slug)
        meetings = meetings.filter(body=body)
    past = request.GET.get("when") == "past"
    now = clock.now()
    meetings = (
        meetings.filter(starts_at__lt=now).order_by("-starts_at")
        if past
        else meetings.filter(starts_at__gte=now).order_by("starts_at")
    )
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "meetings/meeting_list.html", {"page": page, "body": body, "past": past})


def meeting_detail(request, pk):
    """The meeting, with its published agenda and papers as far as the user may see them."""
    meeting = get_meeting_for_user(request, pk)
    context = meeting_detail_context(request, meeting)
    context["apology_form"] = apology_form_for(meeting, request.user)
    return render(request, "meetings/meeting_detail.html", context)


def meeting_detail_context(request, meeting) -> dict:
    roles = roles_for(request.user)
    items = [i for i in agenda_items(meeting) if i.published_id]
    for item in items:
        # Exempt business the user may not see stays on the agenda as a numbered line.
        item.withheld = not roles.can_see_item(item)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    person = getattr(request.user, "person", None) if request.user.is_authenticated else None
    numbers = numbering(items)
    return {
        "declaration_form": declaration_form_for(meeting, request.user, items, numbers),
        "my_declarations": my_declarations(person, meeting),
        "previous_minutes": previous_minutes(meeting, roles, request.user),
        "meeting": meeting,
        "minutes_copy": reading_copy(meeting, minutes, roles, request.user),
        "notice": notice_copy(
            meeting, DecisionNotice.objects.filter(meeting=meeting).first(), roles
        ),
        "items": items,
        "numbers": numbers,
        "decisions": meeting_decisions(meeting, members=roles.inside(meeting.body)),
        "publications": meeting.publications.all(),
        "serves": roles.serves(meeting.body),
        "past": meeting.starts_at < clock.now(),
        "chair": expected_presiding(meeting, meeting_snapshot(meeting)) if items else None,
        "my_apology": my_apology(person, meeting),
    }


@login_required
@require_POST
def my_apology_send(request, pk):
    meeting = get_meeting_for_user(request, pk)
    form = apology_form_for(meeting, request.user, request.POST)
    if form is None:
        raise Http404("You hold no seat at this meeting to send apologies for.")
    if form.is_valid():
        deputy = form.cleaned_data["deputy"]
        try:
            apology = apology_send(
                meeting=meeting,
                snapshot=meeting_snapshot(meeting),
                seat_key=form.cleaned_data["seat"],
                person=request.user.person,
                deputy=None if deputy is None else Person.objects.get(pk=deputy),
                user=request.user,
                now=clock.now(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if hasattr(apology, "request"):
                messages.success(
                    request,
                    "Your apologies are recorded. The chair is asked to agree to your deputy; "
                    "you will be told of their answer by e-mail.",
                )
            else:
                messages.success(request, f"Recorded: {apology}.")
            return redirect("meetings:meeting-detail", meeting.pk)
    context = meeting_detail_context(request, meeting) | {"apology_form": form}
    return render(request, "meetings/meeting_detail.html", context, status=400)


@login_required
@require_POST
def my_declaration_send(request, pk):
    meeting = get_meeting_for_user(request, pk)
    context = meeting_detail_context(request, meeting)
    form = declaration_form_for(
        meeting, request.user, context["items"], context["numbers"], request.POST
    )
    if form is None:
        raise Http404("You may not declare an interest in this meeting's business.")
    if form.is_valid():
        data = form.cleaned_data
        AdvanceDeclaration.objects.update_or_create(
            item_id=data["item"],
            person=request.user.person,
            defaults={
                "interest": data["interest"],
                "description": data["description"],
                "declared_at": clock.now(),
            },
        )
        messages.success(
            request,
            "Your interest is declared. The chair will decide at the meeting whether you take "
            "part in the item.",
        )
        return redirect("meetings:meeting-detail", meeting.pk)
    context |= {"declaration_form": form, "apology_form": apology_form_for(meeting, request.user)}
    return render(request, "meetings/meeting_detail.html", context, status=400)


def accessibility(request):
    return render(request, "meetings/accessibility.html")
