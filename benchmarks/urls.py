"""Quorate's URLs and a minimal view (a tiny response, no database), served by the same
server in the same run, so the benchmark compares each page with what the stack costs."""

from django.db import transaction
from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as quorate


@transaction.non_atomic_requests
def minimal(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("benchmark/minimal/", minimal), *quorate]
