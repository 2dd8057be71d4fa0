"""The register of interests: each member's own declarations, and each body's published
register (a page and a spreadsheet) for whoever may see the body."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from config import clock
from governance.rules.words import long_date

from .access import get_body_for_user
from .interest_forms import DeclareInterestForm, EndInterestForm, ReturnForm
from .interests import (
    current_interests,
    make_return,
    past_interests,
    register,
    return_due,
    with_last_return,
)
from .models import Person


@login_required
@require_http_methods(["GET", "POST"])
def my_interests(request):
    person = getattr(request.user, "person", None)
    if person is None:
        raise Http404("Your account is not linked to a member of any body.")
    today = clock.today()
    forms = {
        "declare": DeclareInterestForm(initial={"starts_on": today}),
        "end": EndInterestForm(interests=current_interests(person, today)),
        "return": ReturnForm(),
    }
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in forms:
            return HttpResponse("Choose what to do.", status=400)
        form = _posted(action, request.POST, person, today)
        forms[action] = form
        if form.is_valid():
            messages.success(request, _save(action, form, request, person, today))
            return redirect("members:my-interests")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "members/interests_mine.html", _mine(person, today, forms), status=status
    )


def _posted(action, data, person, today):
    if action == "declare":
        return DeclareInterestForm(data)
    if action == "end":
        return EndInterestForm(data, interests=current_interests(person, today))
    return ReturnForm(data)


def _save(action, form, request, person, today) -> str:
    if action == "declare":
        interest = form.save(commit=False)
        interest.person, interest.declared_on = person, today
        interest.save()
        return "Your interest is declared and in the register."
    if action == "end":
        interest = form.cleaned_data["interest"]
        interest.ends_on = form.cleaned_data["ends_on"]
        interest.save()
        return f"Recorded that the interest ended on {long_date(interest.ends_on)}."
    made = make_return(person=person, user=request.user, now=clock.now(), today=today)
    kind = "nil return" if made.nil else "declaration"
    return f"Your {kind} of {long_date(made.made_on)} is recorded. Thank you."


def _mine(person, today, forms) -> dict:
    me = with_last_return(Person.objects.filter(pk=person.pk)).get()
    serving = list(person.appointments.current(today)) + list(
        person.deputy_nominations.current(today)
    )
    since = min((p.starts_on for p in serving), default=None)
    return {
        "current": current_interests(person, today).order_by("category", "-starts_on"),
        "past": past_interests(person, today).order_by("-ends_on")[:20],
        "last_return": me.last_return,
        "nil": me.last_nil,
        "due": return_due(me.last_return, since) if since else None,
        "today": today,
        "forms": forms,
    }


def body_register(request, slug):
    body = get_body_for_user(request, slug)
    today = clock.today()
    context = {"body": body, "entries": register(body, today), "today": today}
    return render(request, "members/interest_register.html", context)


def body_register_csv(request, slug):
    body = get_body_for_user(request, slug)
    today = clock.today()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{body.slug}-register-of-interests-{today.isoformat()}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(["Name", "Places on the body", "Kind of interest", "Interest",
                     "Organisation", "Held since", "Declared on", "Action taken",
                     "Last declaration", "Nil return"])  # fmt: skip
    for entry in register(body, today):
        first = [entry.person.full_name, "; ".join(entry.places)]
        last = [entry.last_return or "", "yes" if entry.last_return and entry.nil else ""]
        for interest in entry.interests or [None]:
            if interest is None:
                writer.writerow([*first, "", "", "", "", "", "", *last])
                continue
            writer.writerow([
                *first, interest.get_category_display(), interest.description,
                interest.organisation or "", interest.starts_on, interest.declared_on,
                interest.action_taken, *last,
            ])  # fmt: skip
    return response
