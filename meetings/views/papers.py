"""Taking papers for agenda items, new versions, and downloading them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from config import clock
from config.forms import add_service_errors, saved_values, with_revision
from members.access import roles_for

from ..forms.agenda import PaperDetailsForm, PaperForm
from ..models import AgendaItem, Paper
from ..services.locking import StaleChange
from ..services.papers import paper_add, paper_details_update
from ..storage import signed_link
from .common import (
    get_meeting_for_secretariat,
)


@login_required
@require_http_methods(["GET", "POST"])
def paper_new(request, pk):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__body"), pk=pk)
    get_meeting_for_secretariat(request, item.meeting_id)
    return _upload(request, item, replaces=None)


@login_required
@require_http_methods(["GET", "POST"])
def paper_version(request, pk):
    """A new version of a paper. Once published, the old one stays and the new one is a
    revised paper."""
    paper = get_object_or_404(Paper.objects.select_related("item__meeting__body"), pk=pk)
    get_meeting_for_secretariat(request, paper.item.meeting_id)
    return _upload(request, paper.item, replaces=paper)


@login_required
@require_http_methods(["GET", "POST"])
def paper_details(request, pk):
    """Correct an unpublished paper's title or author without a new file."""
    paper = get_object_or_404(Paper.objects.select_related("item__meeting__body"), pk=pk)
    get_meeting_for_secretariat(request, paper.item.meeting_id)
    initial = {"title": paper.title, "author": paper.author, "revision": paper.revision}
    form, status, latest = PaperDetailsForm(request.POST or None, initial=initial), 200, None
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                paper_details_update(paper=paper, **form.cleaned_data)
            except StaleChange as error:
                status, latest = 409, Paper.objects.get(pk=paper.pk)
                form = PaperDetailsForm(with_revision(request.POST, latest.revision))
                form.is_valid()
                form.add_error(None, error.messages)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Saved the details of “{form.cleaned_data['title']}”.")
                return redirect("meetings:agenda", paper.item.meeting_id)
    context = {
        "paper": paper,
        "meeting": paper.item.meeting,
        "form": form,
        "latest": latest,
        "latest_rows": saved_values(latest, form) if latest else (),
    }
    return render(request, "meetings/secretariat/paper_details.html", context, status=status)


def _upload(request, item, replaces):
    initial = {"title": replaces.title, "author": replaces.author} if replaces else {}
    form = PaperForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            paper = paper_add(
                item=item,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                author=form.cleaned_data["author"],
                user=request.user,
                now=clock.now(),
                replaces=replaces,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                add_service_errors(form, error)
            else:
                form.add_error("file", error)
        else:
            messages.success(
                request,
                f"Added {paper.get_kind_display().lower()} "
                f"“{paper.title}” (version {paper.version}).",
            )
            return redirect("meetings:agenda", item.meeting_id)
    return render(
        request,
        "meetings/secretariat/paper_form.html",
        {"item": item, "meeting": item.meeting, "form": form, "replaces": replaces},
        status=400 if form.is_bound else 200,
    )


def paper_download(request, pk):
    """A paper's file, for whoever may read it; everyone else gets the same 404 as for a
    paper that does not exist."""
    paper = get_object_or_404(Paper.objects.select_related("item__meeting__body"), pk=pk)
    if not roles_for(request.user).can_read_paper(paper):
        raise Http404("No such paper.")
    link = signed_link(paper.file.name, paper.download_name, paper.media_type)
    if link:
        response = HttpResponseRedirect(link)
        response["Cache-Control"] = "private, no-store"
        return response
    response = FileResponse(
        paper.file.open("rb"),
        as_attachment=True,
        filename=paper.download_name,
        content_type=paper.media_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
