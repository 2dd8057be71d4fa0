"""Every URL Quorate answers, against every persona: who gets it, who is sent to sign in,
who is refused. A URL added without a line here fails the first test, so nothing new can
ship unchecked. (The admin is Django's own, behind its staff check.)"""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

from meetings.models import (
    Action,
    Apology,
    Attendance,
    Decision,
    DeputyRequest,
    ItemMinute,
    LatePublicationRequest,
    Minutes,
    Paper,
    ResolutionAnswer,
    Vote,
    WrittenResolution,
)
from members.models import Appointment, DeputyNomination
from tests.conftest import PERSONAS, client_for
from tests.factories import MeetingFactory
from tests.meetings.workspace import upload

pytestmark = pytest.mark.django_db

OK, LOGIN, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404
REACHED = "reached"  # the view ran for them: a page, a redirect after a change, or a refusal
EVERYONE = (OK,) * 6
SIGNED_IN = (LOGIN, *(OK,) * 5)
SECRETARIAT_ONLY = (LOGIN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK)
BODY_SECRETARIAT = (LOGIN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK)
BODY_SECRETARIAT_POST = (LOGIN, REACHED, NOT_FOUND, NOT_FOUND, NOT_FOUND, REACHED)
SIGNED_IN_POST = (LOGIN, *(REACHED,) * 5)
NOBODY = (NOT_FOUND,) * 6  # the open data API: public rows only, whoever asks

# (url name, case) -> (method, path builder, statuses for the personas in PERSONAS' order)
ACCESS = {
    ("health", ""): ("get", lambda w: "/health/", EVERYONE),
    ("login", ""): ("get", lambda w: "/accounts/login/", EVERYONE),
    ("logout", ""): ("post", lambda w: "/accounts/logout/", (LOGIN,) * 6),
    ("password_reset", ""): ("get", lambda w: "/accounts/password_reset/", EVERYONE),
    ("password_reset_done", ""): ("get", lambda w: "/accounts/password_reset/done/", EVERYONE),
    ("password_reset_confirm", "a link that is not valid"): (
        "get",
        lambda w: "/accounts/reset/MQ/not-a-token/",
        EVERYONE,
    ),
    ("password_reset_complete", ""): ("get", lambda w: "/accounts/reset/done/", EVERYONE),
    ("password_change", ""): ("get", lambda w: "/accounts/password_change/", SIGNED_IN),
    ("password_change_done", ""): (
        "get",
        lambda w: "/accounts/password_change/done/",
        SIGNED_IN,
    ),
    ("account-security", ""): ("get", lambda w: "/accounts/security/", SIGNED_IN),
    ("account-sign-out-elsewhere", ""): (
        "post",
        lambda w: "/accounts/security/sign-out-elsewhere/",
        SIGNED_IN_POST,
    ),
    ("two-factor-setup", ""): ("get", lambda w: "/accounts/two-factor/setup/", SIGNED_IN),
    ("two-factor-verify", ""): ("get", lambda w: "/accounts/two-factor/verify/", SIGNED_IN),
    ("account-lockouts", ""): ("get", lambda w: "/accounts/lockouts/", SECRETARIAT_ONLY),
    # members
    ("members:body-list", ""): ("get", lambda w: "/bodies/", EVERYONE),
    ("meetings:body-detail", "private body"): (
        "get",
        lambda w: f"/bodies/{w.body.slug}/",
        (NOT_FOUND, OK, OK, OK, NOT_FOUND, OK),
    ),
    ("meetings:body-detail", "public body"): (
        "get",
        lambda w: f"/bodies/{w.public_body.slug}/",
        EVERYONE,
    ),
    ("members:body-terms", "private body"): (
        "get",
        lambda w: f"/bodies/{w.body.slug}/terms/",
        (NOT_FOUND, OK, OK, OK, NOT_FOUND, OK),
    ),
    ("members:person-list", ""): ("get", lambda w: "/people/", SECRETARIAT_ONLY),
    ("members:person-detail", "a member of the body"): (
        "get",
        lambda w: f"/people/{w.users['member'].person.pk}/",
        SECRETARIAT_ONLY,
    ),
    ("members:person-detail", "a member of another body"): (
        "get",
        lambda w: f"/people/{w.users['other_member'].person.pk}/",
        (LOGIN, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    ),
    ("members:person-edit", "a member of the body"): (
        "get",
        lambda w: f"/people/{w.users['member'].person.pk}/edit/",
        SECRETARIAT_ONLY,
    ),
    ("members:person-sign-in", "a member of the body"): (
        "post",
        lambda w: f"/people/{w.users['member'].person.pk}/sign-in/",
        (LOGIN, REACHED, FORBIDDEN, FORBIDDEN, FORBIDDEN, REACHED),
    ),
    ("members:organisation-list", ""): ("get", lambda w: "/organisations/", SECRETARIAT_ONLY),
    ("members:organisation-detail", ""): (
        "get",
        lambda w: f"/organisations/{w.body.seats.first().organisation.slug}/",
        SECRETARIAT_ONLY,
    ),
    ("members:outbox", ""): ("get", lambda w: "/outbox/", SIGNED_IN),
    ("members:seat", ""): (
        "get",
        lambda w: f"/bodies/{w.body.slug}/seats/{w.body.seats.first().key}/",
        BODY_SECRETARIAT,
    ),
    **{
        (f"members:seat-{name}", ""): (
            "post",
            lambda w, name=name: f"/bodies/{w.body.slug}/seats/{w.body.seats.first().key}/{name}/",
            BODY_SECRETARIAT_POST,
        )
        for name in ("appoint", "nominate")
    },
    ("members:appointment-end", ""): (
        "post",
        lambda w: f"/appointments/{Appointment.objects.filter(seat__body=w.body).first().pk}/end/",
        BODY_SECRETARIAT_POST,
    ),
    ("members:nomination-end", ""): (
        "post",
        lambda w: (
            f"/nominations/{DeputyNomination.objects.filter(seat__body=w.body).first().pk}/end/"
        ),
        BODY_SECRETARIAT_POST,
    ),
    # meetings: public and members
    ("meetings:home", ""): ("get", lambda w: "/", EVERYONE),
    ("meetings:dashboard", ""): ("get", lambda w: "/dashboard/", SIGNED_IN),
    ("meetings:meeting-list", ""): ("get", lambda w: "/meetings/", EVERYONE),
    ("meetings:calendar", ""): ("get", lambda w: "/calendar/", EVERYONE),
    ("meetings:calendar-feed", ""): ("get", lambda w: "/calendar/meetings.ics", EVERYONE),
    ("meetings:body-calendar-feed", "public body"): (
        "get",
        lambda w: f"/bodies/{w.public_body.slug}/meetings.ics",
        EVERYONE,
    ),
    ("meetings:body-calendar-feed", "private body"): (
        "get",
        lambda w: f"/bodies/{w.body.slug}/meetings.ics",
        (NOT_FOUND, OK, OK, OK, NOT_FOUND, OK),
    ),
    ("meetings:accessibility", ""): ("get", lambda w: "/accessibility/", EVERYONE),
    ("meetings:search", ""): ("get", lambda w: "/search/?q=budget", EVERYONE),
    ("meetings:sitemap", ""): ("get", lambda w: "/sitemap.xml", EVERYONE),
    ("meetings:sitemap-section", ""): ("get", lambda w: "/sitemap-meetings.xml", EVERYONE),
    ("meetings:body-feed", "public body"): (
        "get",
        lambda w: f"/bodies/{w.public_body.slug}/feed/",
        EVERYONE,
    ),
    ("meetings:body-feed", "private body"): (
        "get",
        lambda w: f"/bodies/{w.body.slug}/feed/",
        (NOT_FOUND,) * 6,
    ),
    ("meetings:meeting-detail", "private meeting"): (
        "get",
        lambda w: f"/meetings/{w.meeting.pk}/",
        (NOT_FOUND, OK, OK, OK, NOT_FOUND, OK),
    ),
    ("meetings:meeting-detail", "public meeting"): (
        "get",
        lambda w: f"/meetings/{w.public_meeting.pk}/",
        EVERYONE,
    ),
    ("meetings:paper-download", "an unpublished paper"): (
        "get",
        lambda w: f"/papers/{w.paper.pk}/download/",
        (NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK),
    ),
    # meetings: the body's secretariat
    ("meetings:programme", ""): (
        "get",
        lambda w: f"/bodies/{w.body.slug}/programme/",
        (LOGIN, LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),  # no rules: back to the body
    ),
    ("meetings:obligation-done", ""): (
        "post",
        lambda w: f"/bodies/{w.body.slug}/obligations/done/",
        BODY_SECRETARIAT_POST,
    ),
    ("meetings:meeting-new", ""): (
        "get",
        lambda w: f"/bodies/{w.body.slug}/meetings/new/",
        BODY_SECRETARIAT,
    ),
    **{
        (f"meetings:{name}", ""): (
            "get",
            lambda w, path=path: f"/meetings/{w.meeting.pk}/{path}/",
            BODY_SECRETARIAT,
        )
        for name, path in (
            ("meeting-reschedule", "reschedule"),
            ("meeting-cancel", "cancel"),
            ("agenda", "agenda"),
            ("item-new", "agenda/items/new"),
            ("agenda-preview", "agenda/preview"),
            ("agenda-publish", "agenda/publish"),
            ("agenda-agreement", "agenda/agreement"),
            ("apology-deputies", "apologies/deputies"),
            ("console", "console"),
            ("console-live", "console/live"),
            ("console-actions", "console/actions"),
            ("minutes-edit", "minutes/edit"),
        )
    },
    **{
        (f"meetings:{name}", ""): (
            "post",
            lambda w, path=path: f"/meetings/{w.meeting.pk}/{path}/",
            BODY_SECRETARIAT_POST,
        )
        for name, path in (
            ("agenda-start", "agenda/start"),
            ("apology-add", "apologies"),
            ("console-open", "console/open"),
            ("console-mark", "console/mark"),
            ("console-deputy", "console/deputy"),
            ("console-visitor", "console/visitor"),
            ("console-go-to", "console/go-to"),
            ("console-presiding", "console/presiding"),
            ("console-declaration", "console/declaration"),
            ("console-vote", "console/vote"),
            ("console-decision", "console/decision"),
            ("console-action", "console/action"),
            ("console-action-status", "console/action-status"),
            ("console-adjourn", "console/adjourn"),
            ("console-resume", "console/resume"),
            ("console-close", "console/close"),
            ("console-reopen", "console/reopen"),
            ("console-confirm-minutes", "console/confirm-minutes"),
            ("minutes-start", "minutes/start"),
            ("minutes-send", "minutes/send"),
            ("minutes-circulate", "minutes/circulate"),
        )
    },
    ("documents:meeting-documents", "private meeting, nothing published"): (
        "get",
        lambda w: f"/meetings/{w.meeting.pk}/documents/",
        (NOT_FOUND, OK, OK, OK, NOT_FOUND, OK),
    ),
    ("documents:document-prepare", "the members' pack, nothing published"): (
        "post",
        lambda w: f"/meetings/{w.meeting.pk}/documents/pack/prepare/",
        (LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    ("documents:document-download", "the members' pack, nothing published"): (
        "get",
        lambda w: f"/meetings/{w.meeting.pk}/documents/pack.pdf",
        (NOT_FOUND,) * 6,
    ),
    ("documents:body-documents", "private body"): (
        "get",
        lambda w: f"/bodies/{w.body.slug}/documents/",
        (NOT_FOUND, OK, OK, OK, NOT_FOUND, OK),
    ),
    ("documents:body-document-prepare", "the members' register"): (
        "post",
        lambda w: f"/bodies/{w.body.slug}/documents/register/prepare/",
        BODY_SECRETARIAT_POST,
    ),
    ("documents:body-document-download", "the members' register, not prepared"): (
        "get",
        lambda w: f"/bodies/{w.body.slug}/documents/register.pdf",
        (NOT_FOUND,) * 6,
    ),
    ("notices:mine", ""): ("get", lambda w: "/notices/", SIGNED_IN),
    ("notices:log", ""): ("get", lambda w: "/notices/log/", SECRETARIAT_ONLY),
    ("notices:detail", "no such notice"): (
        "get",
        lambda w: "/notices/999999/",
        (LOGIN, *(NOT_FOUND,) * 5),
    ),
    ("notices:resend", "no such notice"): (
        "post",
        lambda w: "/notices/999999/resend/",
        (LOGIN, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND),
    ),
    ("meetings:minutes", "a draft"): (
        "get",
        lambda w: f"/meetings/{w.meeting.pk}/minutes/",
        (NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK),
    ),
    ("meetings:minutes-review", "not sent to anyone"): (
        "get",
        lambda w: f"/meetings/{w.meeting.pk}/minutes/review/",
        (LOGIN, *(NOT_FOUND,) * 5),
    ),
    ("meetings:minute-save", ""): (
        "post",
        lambda w: f"/minutes/items/{w.minute.pk}/",
        BODY_SECRETARIAT_POST,
    ),
    ("meetings:decision-record", ""): (
        "post",
        lambda w: f"/decisions/{w.decision.pk}/record/",
        BODY_SECRETARIAT_POST,
    ),
    ("meetings:decision-notice-publish", ""): (
        "post",
        lambda w: f"/meetings/{w.meeting.pk}/decisions/notice/publish/",
        BODY_SECRETARIAT_POST,
    ),
    ("meetings:decision-notice", "none published"): (
        "get",
        lambda w: f"/meetings/{w.meeting.pk}/decisions/notice/",
        (NOT_FOUND,) * 6,
    ),
    ("meetings:decision-register", "private body"): (
        "get",
        lambda w: f"/bodies/{w.body.slug}/decisions/",
        (NOT_FOUND, OK, OK, OK, NOT_FOUND, OK),
    ),
    ("meetings:decision-register", "body meeting in public"): (
        "get",
        lambda w: f"/bodies/{w.public_body.slug}/decisions/",
        EVERYONE,
    ),
    ("meetings:decision-register-csv", "private body"): (
        "get",
        lambda w: f"/bodies/{w.body.slug}/decisions.csv",
        (NOT_FOUND, OK, OK, OK, NOT_FOUND, OK),
    ),
    # No seat, or a meeting with nothing published to declare on: refused as not found.
    ("meetings:my-declaration", "private meeting"): (
        "post",
        lambda w: f"/meetings/{w.meeting.pk}/declarations/mine/",
        (LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    ("meetings:my-calendar", ""): ("get", lambda w: "/calendar/mine/", SIGNED_IN),
    ("meetings:private-calendar-feed", "an address never made"): (
        "get",
        lambda w: "/calendar/private/not-a-secret.ics",
        (NOT_FOUND,) * 6,
    ),
    ("meetings:forward-plan", "private body"): (
        "get",
        lambda w: f"/bodies/{w.body.slug}/forward-plan/",
        (NOT_FOUND, OK, OK, OK, NOT_FOUND, OK),
    ),
    ("meetings:forward-plan", "body meeting in public"): (
        "get",
        lambda w: f"/bodies/{w.public_body.slug}/forward-plan/",
        EVERYONE,
    ),
    ("meetings:forward-plan-remove", "an entry of a private body"): (
        "post",
        lambda w: f"/forward-plan/{_planned(w).pk}/remove/",
        BODY_SECRETARIAT_POST,
    ),
    ("meetings:attendance", "private body"): (
        "get",
        lambda w: f"/bodies/{w.body.slug}/attendance/",
        (NOT_FOUND, OK, OK, OK, NOT_FOUND, OK),
    ),
    ("meetings:attendance", "body meeting in public"): (
        "get",
        lambda w: f"/bodies/{w.public_body.slug}/attendance/",
        EVERYONE,
    ),
    ("meetings:attendance-csv", "private body"): (
        "get",
        lambda w: f"/bodies/{w.body.slug}/attendance.csv",
        (NOT_FOUND, OK, OK, OK, NOT_FOUND, OK),
    ),
    ("members:interest-register", "private body"): (
        "get",
        lambda w: f"/bodies/{w.body.slug}/interests/",
        (NOT_FOUND, OK, OK, OK, NOT_FOUND, OK),
    ),
    ("members:interest-register", "body meeting in public"): (
        "get",
        lambda w: f"/bodies/{w.public_body.slug}/interests/",
        EVERYONE,
    ),
    ("members:interest-register-csv", "private body"): (
        "get",
        lambda w: f"/bodies/{w.body.slug}/interests.csv",
        (NOT_FOUND, OK, OK, OK, NOT_FOUND, OK),
    ),
    # Only those linked to a person have interests to declare: the clerks are not.
    ("members:my-interests", ""): (
        "get",
        lambda w: "/interests/mine/",
        (LOGIN, NOT_FOUND, OK, OK, OK, NOT_FOUND),
    ),
    ("meetings:late-request-new", ""): (
        "post",
        lambda w: f"/meetings/{w.meeting.pk}/agenda/ask-the-chair/",
        BODY_SECRETARIAT_POST,
    ),
    ("meetings:late-request", "the member asked, as chair"): (
        "get",
        lambda w: f"/late-publication/{w.late_request.pk}/",
        (LOGIN, OK, OK, NOT_FOUND, NOT_FOUND, OK),
    ),
    ("meetings:my-apology", ""): (
        "post",
        lambda w: f"/meetings/{w.meeting.pk}/apologies/mine/",
        (LOGIN, NOT_FOUND, REACHED, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    ("meetings:deputy-request", "the member asked, as chair"): (
        "get",
        lambda w: f"/deputy-requests/{w.deputy_request.pk}/",
        (LOGIN, OK, OK, NOT_FOUND, NOT_FOUND, OK),
    ),
    ("meetings:resolutions", ""): (
        "get",
        lambda w: f"/bodies/{w.body.slug}/resolutions/",
        (LOGIN, OK, OK, OK, NOT_FOUND, OK),
    ),
    ("meetings:resolution-new", "terms that do not allow it"): (
        "get",
        lambda w: f"/bodies/{w.body.slug}/resolutions/new/",
        (LOGIN, LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOGIN),  # back to the list
    ),
    ("meetings:resolution", ""): (
        "get",
        lambda w: f"/resolutions/{w.resolution.pk}/",
        (LOGIN, OK, OK, OK, NOT_FOUND, OK),
    ),
    ("meetings:resolution-paper", ""): (
        "get",
        lambda w: f"/resolutions/{w.resolution.pk}/paper/",
        (LOGIN, OK, OK, OK, NOT_FOUND, OK),
    ),
    ("meetings:resolution-answer", ""): (
        "post",
        lambda w: f"/resolutions/{w.resolution.pk}/answer/",
        (LOGIN, NOT_FOUND, REACHED, REACHED, NOT_FOUND, NOT_FOUND),  # only those with a seat
    ),
    ("meetings:resolution-record-email", ""): (
        "post",
        lambda w: f"/resolutions/{w.resolution.pk}/emailed-answer/",
        BODY_SECRETARIAT_POST,
    ),
    ("meetings:resolution-decide", ""): (
        "post",
        lambda w: f"/resolutions/{w.resolution.pk}/decide/",
        BODY_SECRETARIAT_POST,
    ),
    ("meetings:resolution-withdraw", ""): (
        "post",
        lambda w: f"/resolutions/{w.resolution.pk}/withdraw/",
        BODY_SECRETARIAT_POST,
    ),
    ("meetings:resolution-email", ""): (
        "get",
        lambda w: f"/resolutions/answers/{w.resolution_answer.pk}/e-mail/",
        BODY_SECRETARIAT,
    ),
    ("meetings:record-correct", ""): (
        "get",
        lambda w: f"/meetings/{w.meeting.pk}/record/decision/{w.decision.pk}/correct/",
        BODY_SECRETARIAT,
    ),
    ("meetings:record-strike", ""): (
        "get",
        lambda w: f"/meetings/{w.meeting.pk}/record/action/{w.action.pk}/strike/",
        BODY_SECRETARIAT,
    ),
    ("meetings:history", "a decision"): (
        "get",
        lambda w: f"/history/decision/{w.decision.pk}/",
        BODY_SECRETARIAT,
    ),
    ("meetings:history", "the body"): (
        "get",
        lambda w: f"/history/body/{w.body.pk}/",
        BODY_SECRETARIAT,
    ),
    ("meetings:item-edit", ""): (
        "get",
        lambda w: f"/agenda-items/{w.item.pk}/edit/",
        BODY_SECRETARIAT,
    ),
    ("meetings:item-move", ""): (
        "post",
        lambda w: f"/agenda-items/{w.item.pk}/move/",
        BODY_SECRETARIAT_POST,
    ),
    ("meetings:item-delete", ""): (
        "post",
        lambda w: f"/agenda-items/{w.item.pk}/delete/",
        BODY_SECRETARIAT_POST,
    ),
    ("meetings:paper-new", ""): (
        "get",
        lambda w: f"/agenda-items/{w.item.pk}/papers/new/",
        BODY_SECRETARIAT,
    ),
    ("meetings:paper-version", ""): (
        "get",
        lambda w: f"/papers/{w.paper.pk}/new-version/",
        BODY_SECRETARIAT,
    ),
    ("meetings:paper-details", ""): (
        "get",
        lambda w: f"/papers/{w.paper.pk}/details/",
        BODY_SECRETARIAT,
    ),
}

API_LISTS = {"body": "bodies", "organisation": "organisations", "post": "posts",
             "membership": "memberships", "person": "people", "event": "events",
             "agenda-item": "agenda-items", "document": "documents", "decision": "decisions",
             "vote-event": "vote-events"}  # fmt: skip

# The open data API: every list for everyone; a row of a private body for nobody.
ACCESS |= {
    ("api:api-root", ""): ("get", lambda w: "/api/", EVERYONE),
    ("api:schema", ""): ("get", lambda w: "/api/schema/", EVERYONE),
    ("api:docs", ""): ("get", lambda w: "/api/docs/", EVERYONE),
    **{
        (f"api:{name}-list", ""): ("get", lambda w, path=path: f"/api/{path}/", EVERYONE)
        for name, path in API_LISTS.items()
    },
    ("api:body-detail", "public"): ("get", lambda w: f"/api/bodies/{w.public_body.pk}/", EVERYONE),
    ("api:body-detail", "private"): ("get", lambda w: f"/api/bodies/{w.body.pk}/", NOBODY),
    ("api:event-detail", "public"): (
        "get",
        lambda w: f"/api/events/{w.public_meeting.pk}/",
        EVERYONE,
    ),
    ("api:event-detail", "private"): ("get", lambda w: f"/api/events/{w.meeting.pk}/", NOBODY),
    ("api:organisation-detail", ""): (
        "get",
        lambda w: f"/api/organisations/{w.public_body.seats.get().organisation_id}/",
        EVERYONE,
    ),
    ("api:post-detail", "public"): (
        "get",
        lambda w: f"/api/posts/{w.public_body.seats.get().pk}/",
        EVERYONE,
    ),
    ("api:post-detail", "private"): (
        "get",
        lambda w: f"/api/posts/{w.body.seats.first().pk}/",
        NOBODY,
    ),
    ("api:membership-detail", "private"): (
        "get",
        lambda w: f"/api/memberships/appointment-{w.users['member'].person.appointments.get().pk}/",
        NOBODY,
    ),
    ("api:person-detail", "private"): (
        "get",
        lambda w: f"/api/people/{w.users['member'].person.pk}/",
        NOBODY,
    ),
    ("api:agenda-item-detail", "private"): (
        "get",
        lambda w: f"/api/agenda-items/{w.item.pk}/",
        NOBODY,
    ),
    ("api:document-detail", "private"): ("get", lambda w: f"/api/documents/{w.paper.pk}/", NOBODY),
    ("api:decision-detail", "private"): (
        "get",
        lambda w: f"/api/decisions/{w.decision.pk}/",
        NOBODY,
    ),
    ("api:vote-event-detail", "private"): (
        "get",
        lambda w: f"/api/vote-events/{w.decision.vote_id}/",
        NOBODY,
    ),
}


def _planned(w):
    from meetings.models import PlannedItem

    return PlannedItem.objects.get_or_create(
        body=w.body,
        title="Plan",
        defaults={"added_at": w.meeting.starts_at, "added_by": w.users["clerk"]},
    )[0]


def url_names() -> set[str]:
    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                yield f"{namespace}{pattern.name}"

    return set(walk(get_resolver().url_patterns))


def test_every_url_has_an_access_check_for_every_persona():
    checked = {name for name, _ in ACCESS}
    assert url_names() - checked == set(), "add these URLs to ACCESS, with who may see them"
    assert all(len(statuses) == len(PERSONAS) for _, _, statuses in ACCESS.values())


@pytest.fixture
def world_with_a_meeting(world):
    clerk = world.users["clerk"]
    now = datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC)
    world.meeting = MeetingFactory(body=world.body)
    world.public_meeting = MeetingFactory(body=world.public_body, held_in_public=True)
    world.item = world.meeting.items.create(position=10, title="Finance")
    world.paper = Paper.objects.create(
        item=world.item,
        title="Budget",
        author="Finance",
        file=upload("budget.pdf"),
        file_format="pdf",
        original_name="budget.pdf",
        size=10,
        uploaded_at=now,
        uploaded_by=clerk,
    )
    Attendance.objects.create(
        meeting=world.meeting,
        seat=world.body.seats.first(),
        person=world.users["member"].person,
        capacity="member",
        updated_at=now,
        updated_by=clerk,
    )
    vote = Vote.objects.create(
        item=world.item,
        motion="M",
        votes_for=1,
        against=0,
        eligible=1,
        carried=True,
        reasoning="R",
        recorded_at=now,
        recorded_by=clerk,
    )
    world.decision = Decision.objects.create(
        body=world.body,
        year=2030,
        number=1,
        item=world.item,
        text="D",
        outcome="consensus",
        vote=vote,
        quorum_note="Q",
        recorded_at=now,
        recorded_by=clerk,
    )
    world.action = Action.objects.create(
        meeting=world.meeting, text="A", owner="O", recorded_at=now, recorded_by=clerk
    )
    world.late_request = LatePublicationRequest.objects.create(
        meeting=world.meeting, reason="R", requested_at=now, requested_by=clerk
    )
    world.late_request.asked.set([world.users["member"].person])
    apology = Apology.objects.create(
        meeting=world.meeting,
        seat=world.body.seats.get(title="Director of Finance"),
        person=world.body.seats.get(title="Director of Finance").appointments.first().person,
        received_at=now,
        recorded_by=clerk,
    )
    world.deputy_request = DeputyRequest.objects.create(
        apology=apology, deputy=world.users["deputy"].person, requested_at=now
    )
    world.deputy_request.asked.set([world.users["member"].person])
    world.resolution = WrittenResolution.objects.create(
        body=world.body,
        title="R",
        text="T",
        paper=upload("r.pdf"),
        paper_name="r.pdf",
        respond_by=now,
        issued_at=now,
        issued_by=clerk,
    )
    world.resolution_answer = ResolutionAnswer.objects.create(
        resolution=world.resolution,
        person=world.users["member"].person,
        seat=world.body.seats.first(),
        answer="for",
        via="email",
        email=upload("a.eml", b"From: m"),
        email_name="a.eml",
        answered_at=now,
        recorded_by=clerk,
    )
    minutes = Minutes.objects.create(meeting=world.meeting, drafted_at=now, drafted_by=clerk)
    world.minute = ItemMinute.objects.create(
        minutes=minutes, item=world.item, updated_at=now, updated_by=clerk
    )
    return world


def outcome(world, method: str, path: str, persona: str, expected) -> str:
    """What the persona got, or "" if it is what the table says. Each request's changes are
    rolled back, so that every persona meets the same world."""
    with transaction.atomic():
        response = getattr(client_for(world, persona), method)(path)
        transaction.set_rollback(True)
    got = response.status_code
    if expected == REACHED:
        return "" if got in (200, 204, 302, 400, 409) else f"{persona}: {got}, not reached"
    if got != expected:
        return f"{persona}: {got}, expected {expected}"
    sign_in = expected == LOGIN and persona == "anonymous" and method == "get"
    if sign_in and not response["Location"].startswith("/accounts/login/"):
        return f"{persona}: sent to {response['Location']}, not to sign in"
    return ""


@pytest.mark.parametrize("case", sorted(ACCESS), ids=lambda case: f"{case[0]} {case[1]}".strip())
def test_each_persona_gets_what_it_may_see(world_with_a_meeting, case):
    method, path, statuses = ACCESS[case]
    url = path(world_with_a_meeting)
    wrong = [
        problem
        for persona, expected in zip(PERSONAS, statuses, strict=True)
        if (problem := outcome(world_with_a_meeting, method, url, persona, expected))
    ]
    assert not wrong, f"{method.upper()} {url}: " + "; ".join(wrong)
