"""Written resolutions: the body's list, issuing one, answering it (members in the
application, the secretariat from an e-mail), deciding, and their files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from config import clock
from config.forms import add_service_errors
from governance.models import Seat
from members.access import get_body_for_secretariat, get_body_for_user, roles_for
from members.models import Person
from members.snapshots import snapshot

from ..forms.resolutions import AnswerForm, EmailedAnswerForm, ResolutionForm
from ..models import ResolutionAnswer, WrittenResolution
from ..services.locking import StaleChange
from ..services.resolutions import (
    consultation,
    entitled_to_answer,
    resolution_answer,
    resolution_decide,
    resolution_issue,
    resolution_rules,
    resolution_verdict,
    resolution_withdraw,
)
from ..storage import signed_link

PAGE = 25


def _resolution_for_user(request, pk: int) -> WrittenResolution:
    """The resolution, for the body's secretariat, members and deputies; 404 for anyone
    else (the public learn of it only as a decision in the register)."""
    resolution = get_object_or_404(WrittenResolution.objects.select_related("body"), pk=pk)
    roles = roles_for(request.user)
    if not roles.inside(resolution.body):
        raise Http404("No such resolution.")
    return resolution


@login_required
def resolution_list(request, slug):
    body = get_body_for_user(request, slug)
    roles = roles_for(request.user)
    if not roles.inside(body):
        raise Http404("No such body.")
    try:
        resolution_rules(body, clock.today())
        allowed = True
    except ValidationError:
        allowed = False
    page = Paginator(
        WrittenResolution.objects.filter(body=body).select_related("decision", "body"), PAGE
    ).get_page(request.GET.get("page"))
    context = {"body": body, "page": page, "allowed": allowed, "serves": roles.serves(body)}
    return render(request, "meetings/resolutions/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def resolution_new(request, slug):
    body = get_body_for_secretariat(request, slug)
    today = clock.today()
    try:
        rules = resolution_rules(body, today)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("meetings:resolutions", body.slug)
    form = ResolutionForm(
        request.POST or None, request.FILES or None, business_types=rules.business_types
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            resolution = resolution_issue(
                body=body,
                title=data["title"],
                text=data["text"],
                business_type=data["business_type"],
                part=data["part"],
                exempt_paragraph=data["exempt_paragraph"],
                paper=data["paper"],
                respond_by=form.respond_by,
                user=request.user,
                now=clock.now(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"Issued “{resolution.title}”: those entitled to answer have been told."
            )
            return redirect("meetings:resolution", resolution.pk)
    rule = rules.decisions_outside_meetings
    titles = {seat.key: seat.title for seat in snapshot(body, today).seats}
    context = {"body": body, "form": form, "rule": rule, "rule_said": rule.describe(titles)}
    return render(
        request, "meetings/resolutions/new.html", context, status=400 if form.is_bound else 200
    )


def _detail(request, resolution, *, answer_form=None, email_form=None, status=200):
    roles = roles_for(request.user)
    serves = roles.serves(resolution.body)
    entitled = entitled_to_answer(resolution)
    answers = {
        (a.person_id, a.seat_id): a
        for a in resolution.answers.select_related("recorded_by").order_by("pk")
    }
    person = getattr(request.user, "person", None)
    mine = [e for e in entitled if person is not None and e.person.pk == person.pk]
    verdict = resolution_verdict(resolution, entitled) if resolution.is_open and entitled else None
    forms = []
    if resolution.is_open:
        for each in mine:
            given = answers.get((each.person.pk, each.seat.pk))
            bound = (
                answer_form
                if answer_form and answer_form.data.get("seat") == str(each.seat.pk)
                else None
            )
            forms.append(
                (
                    each,
                    given,
                    bound
                    or AnswerForm(
                        initial={
                            "seat": each.seat.pk,
                            "answer": given.answer if given else None,
                            "comment": given.comment if given else "",
                        },
                        auto_id=f"id_s{each.seat.pk}_%s",
                    ),
                )
            )
    if answer_form is not None and not any(f is answer_form for _, _, f in forms):
        for problem in answer_form.non_field_errors():
            messages.error(request, problem)
    consulted, decides = consultation(resolution)
    context = {
        "resolution": resolution,
        "body": resolution.body,
        "consulted": consulted,
        "decides": decides,
        "serves": serves,
        "rows": [(e, answers.get((e.person.pk, e.seat.pk))) for e in entitled],
        "answered": len(answers),
        "verdict": verdict,
        "result": resolution.result,
        "answer_forms": forms,
        "email_form": email_form
        or (EmailedAnswerForm(entitled=entitled) if serves and resolution.is_open else None),
        "decision": getattr(resolution, "decision", None),
        "show_answers": serves or not resolution.is_open,
    }
    return render(request, "meetings/resolutions/detail.html", context, status=status)


@login_required
def resolution_detail(request, pk):
    return _detail(request, _resolution_for_user(request, pk))


@login_required
@require_POST
def resolution_answer_view(request, pk):
    """A member's or deputy's own answer."""
    resolution = _resolution_for_user(request, pk)
    form = AnswerForm(request.POST)
    person = getattr(request.user, "person", None)
    if person is None:
        raise Http404("No such resolution.")
    if form.is_valid():
        seat = get_object_or_404(Seat, pk=form.cleaned_data["seat"], body=resolution.body)
        try:
            resolution_answer(
                resolution=resolution,
                person=person,
                seat=seat,
                answer=form.cleaned_data["answer"],
                comment=form.cleaned_data["comment"],
                user=request.user,
                now=clock.now(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            label = ResolutionAnswer.Answer(form.cleaned_data["answer"]).label
            messages.success(request, f"Your answer is recorded: {label.lower()}.")
            return redirect("meetings:resolution", resolution.pk)
    resolution.refresh_from_db()
    return _detail(request, resolution, answer_form=form, status=400)


@login_required
@require_POST
def resolution_record_email(request, pk):
    resolution = _resolution_for_user(request, pk)
    if not roles_for(request.user).serves(resolution.body):
        raise Http404("No such resolution.")
    form = EmailedAnswerForm(request.POST, request.FILES, entitled=entitled_to_answer(resolution))
    if form.is_valid():
        person_pk, seat_pk = form.cleaned_data["who"]
        try:
            answer = resolution_answer(
                resolution=resolution,
                person=get_object_or_404(Person, pk=person_pk),
                seat=get_object_or_404(Seat, pk=seat_pk, body=resolution.body),
                answer=form.cleaned_data["answer"],
                comment=form.cleaned_data["comment"],
                email=form.cleaned_data["email"],
                user=request.user,
                now=clock.now(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Recorded {answer.person.full_name}'s answer "
                f"({answer.get_answer_display().lower()}) with the e-mail.",
            )
            return redirect("meetings:resolution", resolution.pk)
    resolution.refresh_from_db()
    return _detail(request, resolution, email_form=form, status=400)


@login_required
@require_POST
def resolution_decide_view(request, pk):
    resolution = _resolution_for_user(request, pk)
    if not roles_for(request.user).serves(resolution.body):
        raise Http404("No such resolution.")
    try:
        resolution = resolution_decide(resolution=resolution, now=clock.now(), user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"Decided: {resolution.get_status_display().lower()}.")
    return redirect("meetings:resolution", resolution.pk)


@login_required
@require_POST
def resolution_withdraw_view(request, pk):
    resolution = _resolution_for_user(request, pk)
    if not roles_for(request.user).serves(resolution.body):
        raise Http404("No such resolution.")
    try:
        revision = int(request.POST.get("revision", ""))
    except ValueError:
        revision = -1
    try:
        resolution_withdraw(
            resolution=resolution, revision=revision, user=request.user, now=clock.now()
        )
    except (StaleChange, ValidationError) as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"Withdrew “{resolution.title}”.")
    return redirect("meetings:resolution", resolution.pk)


def _file(file, name: str):
    link = signed_link(file.name, name, "application/octet-stream")
    if link:
        response = HttpResponseRedirect(link)
    else:
        response = FileResponse(file.open("rb"), as_attachment=True, filename=name)
        response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def resolution_paper(request, pk):
    resolution = _resolution_for_user(request, pk)
    if not resolution.paper:
        raise Http404("No paper.")
    return _file(resolution.paper, resolution.paper_name)


@login_required
def resolution_email(request, pk):
    """An e-mailed answer's e-mail: for the secretariat only."""
    answer = get_object_or_404(ResolutionAnswer.objects.select_related("resolution__body"), pk=pk)
    if not roles_for(request.user).serves(answer.resolution.body) or not answer.email:
        raise Http404("No such e-mail.")
    return _file(answer.email, answer.email_name)
