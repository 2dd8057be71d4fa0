"""Quorate's URLs and two views to compare pages with, served by the same server in the same
run: the minimal view (a tiny response, no database), which every page is compared to, and
the least a console change can do (sign-in, CSRF, the meeting's row locked and its console
version raised, committed), which shows how much of a change is the write itself."""

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_POST

from config.urls import urlpatterns as quorate
from meetings.models import Meeting
from meetings.services.locking import meeting_touch


@transaction.non_atomic_requests
def minimal(request):
    return HttpResponse("ok", content_type="text/plain")


@login_required
@require_POST
def minimal_write(request, pk):
    meeting_touch(Meeting(pk=pk))
    return HttpResponse(status=204)


urlpatterns = [
    path("benchmark/minimal/", minimal),
    path("benchmark/minimal-write/<int:pk>/", minimal_write),
    *quorate,
]
