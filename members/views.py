"""Bodies with their membership, people and organisations."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render

from config import clock
from governance.models import Organisation, Seat
from governance.rules.language import describe
from governance.whatif import check_quorum

from .access import (
    bodies_served_by,
    bodies_visible_to,
    get_body_for_user,
    get_person_for_secretariat,
    people_visible_to,
    roles_for,
    secretariat_required,
)
from .forms import TryAttendanceForm
from .models import Appointment, OutboxMessage
from .queries import seat_holders
from .snapshots import snapshot

PAGE_SIZE = 50


def body_list(request):
    """The bodies the user may open; for the public, those that meet in public."""
    bodies = (
        bodies_visible_to(request.user)
        .select_related("reports_to")
        .annotate(seat_count=Count("seats", distinct=True))
        .order_by("name")
    )
    return render(request, "members/body_list.html", {"bodies": bodies})


def body_terms(request, slug):
    """The rules in force in plain English, the version history, and for the body's
    secretariat a "try attendance" panel whose verdict htmx refreshes on every change."""
    body = get_body_for_user(request, slug)
    today = clock.today()
    state = snapshot(body, today)
    context = {
        "body": body,
        "terms": state.terms,
        "statements": describe(state.rules, state.names) if state.rules else [],
        "versions": body.terms_versions.order_by("-pk"),
    }
    if state.rules and roles_for(request.user).serves(body):
        form = TryAttendanceForm(
            request.GET or None, membership=state.membership, rules=state.rules
        )
        context["form"] = form
        if form.is_valid():
            context["outcome"] = check_quorum(
                state.rules,
                state.membership,
                form.spec(),
                business=form.cleaned_data["business"],
                on=today,
                holders=state.holders,
            )
        context["holders"] = state.holders
        if request.htmx:
            return render(request, "members/partials/quorum_result.html", context)
    return render(request, "members/body_terms.html", context)


@secretariat_required
def person_list(request):
    today = clock.today()
    people = people_visible_to(request.user).prefetch_related(
        Prefetch(
            "appointments",
            queryset=Appointment.objects.current(today).select_related("seat__body"),
            to_attr="current_appointments",
        )
    )
    query = request.GET.get("q", "").strip()
    if query:
        people = people.filter(
            Q(given_name__icontains=query)
            | Q(family_name__icontains=query)
            | Q(job_title__icontains=query)
        )
    page = Paginator(people.order_by("family_name", "given_name", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "members/person_list.html", {"page": page, "query": query})


@secretariat_required
def person_detail(request, pk):
    person = get_person_for_secretariat(request, pk)
    served = bodies_served_by(request.user)
    context = {
        "person": person,
        "appointments": person.appointments.filter(seat__body__in=served)
        .select_related("seat__body", "seat__organisation")
        .order_by("-starts_on"),
        "nominations": person.deputy_nominations.filter(seat__body__in=served)
        .select_related("seat__body")
        .order_by("-starts_on"),
        "interests": person.interests.select_related("organisation").order_by("-declared_on"),
        "today": clock.today(),
    }
    return render(request, "members/person_detail.html", context)


@secretariat_required
def organisation_list(request):
    organisations = Organisation.objects.annotate(
        seat_count=Count("seats", filter=Q(seats__body__in=bodies_served_by(request.user)))
    ).order_by("name")
    return render(request, "members/organisation_list.html", {"organisations": organisations})


@secretariat_required
def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    today = clock.today()
    seats = (
        Seat.objects.filter(organisation=organisation, body__in=bodies_served_by(request.user))
        .select_related("body")
        .prefetch_related(*seat_holders(today))
        .order_by("body__name", "position")
    )
    context = {"organisation": organisation, "seats": seats}
    return render(request, "members/organisation_detail.html", context)


@login_required
def outbox(request):
    """The e-mails the embedded default has 'sent' to the signed-in person, newest first.
    No one reads another person's mail here, whatever their role."""
    user = request.user
    person = getattr(user, "person", None)
    addresses = {user.email.lower(), (person.email if person else "").lower()}
    messages = OutboxMessage.objects.addressed_to(addresses)[:100]
    return render(request, "members/outbox.html", {"outbox": messages})
