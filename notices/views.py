"""Notices in the application: each person's own, and the secretariat's log of what went to
whom and when (searchable, with failures and a resend)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from members.access import roles_for, secretariat_required

from .forms import CourtesyRemindersForm
from .models import Notice
from .sending import notice_resend

PAGE = 25


def _logged(user):
    """The notices the user's secretariat role lets them see: those for the bodies they
    serve (all notices, for one serving every body)."""
    roles = roles_for(user)
    if roles.serves_all_bodies:
        return Notice.objects.all()
    return Notice.objects.filter(body__in=roles.served)


@login_required
@require_http_methods(["GET", "POST"])
def my_notices(request):
    person = getattr(request.user, "person", None)
    form = None
    if person is not None:
        form = CourtesyRemindersForm(
            request.POST if request.method == "POST" else None,  # an unticked box posts nothing
            initial={"courtesy_reminders": person.courtesy_reminders},
        )
        if request.method == "POST" and form.is_valid():
            person.courtesy_reminders = form.cleaned_data["courtesy_reminders"]
            person.save(update_fields=["courtesy_reminders"])
            messages.success(
                request,
                "You will get courtesy reminders."
                if person.courtesy_reminders
                else "You will no longer get courtesy reminders.",
            )
            return redirect("notices:mine")
    notices = Notice.objects.filter(person=person) if person else Notice.objects.none()
    page = Paginator(notices.order_by("-claimed_at", "-pk"), PAGE).get_page(request.GET.get("page"))
    return render(request, "notices/mine.html", {"page": page, "form": form})


@login_required
def notice_detail(request, pk):
    notice = get_object_or_404(Notice.objects.select_related("meeting__body", "person"), pk=pk)
    mine = notice.person_id is not None and notice.person.user_id == request.user.pk
    if not (mine or _logged(request.user).filter(pk=pk).exists()):
        raise Http404("No such notice.")
    return render(request, "notices/detail.html", {"notice": notice, "mine": mine})


@secretariat_required
def notice_log(request):
    query = request.GET.get("q", "").strip()[:200]
    status = request.GET.get("status", "")
    notices = _logged(request.user).select_related("meeting__body")
    if query:
        notices = notices.filter(
            Q(address__icontains=query) | Q(subject__icontains=query) | Q(kind__icontains=query)
        )
    if status in Notice.Status.values:
        notices = notices.filter(status=status)
    page = Paginator(notices.order_by("-claimed_at", "-pk"), PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "q": query, "status": status, "statuses": Notice.Status.choices}
    return render(request, "notices/log.html", context)


@secretariat_required
@require_POST
def notice_resend_view(request, pk):
    notice = get_object_or_404(_logged(request.user), pk=pk)
    notice_resend(notice)
    notice.refresh_from_db()
    if notice.status == Notice.Status.SENT:
        messages.success(request, f"Sent again to {notice.address}.")
    elif notice.status == Notice.Status.FAILED:
        messages.error(request, f"Not sent to {notice.address}: {notice.error}")
    else:  # on a worker: it goes in a moment
        messages.success(request, f"Sending again to {notice.address}: the log shows when.")
    return redirect("notices:log")
