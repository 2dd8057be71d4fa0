"""Written resolutions (South East London ICP, 10.1: valid only if a quorum, make-up and all,
say they are in favour by the stated date), driven through the pages: issued by the clerk,
answered by members in the application or by e-mail recorded by the clerk, decided by the
body's rule, numbered in the register, reported to the next meeting and minuted."""

from __future__ import annotations

import datetime
import html

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from governance.rules.words import LONDON
from meetings.models import Decision, ResolutionAnswer, WrittenResolution
from meetings.services.minutes import minutes_draft
from meetings.services.resolutions import resolutions_decide_due
from notices.models import Notice
from notices.sweeps import sweep
from tests.factories import UserFactory
from tests.meetings.workspace import seed_body, signed_in, upload

pytestmark = pytest.mark.django_db

MEETING = datetime.datetime(2027, 1, 14, 14, 0, tzinfo=LONDON)
ISSUED = datetime.datetime(2027, 1, 4, 10, 0, tzinfo=LONDON)  # a Monday
# The quorum: at least half of the 22 members in post (11), with the ICB chair or chief
# executive, two elected members and two provider chairs among them.
QUORATE = [
    "icb-chair",
    "elected-member-bexley",
    "elected-member-bromley",
    "chair-gstt",
    "chair-lgt",
    "chair-kch",
    "chair-oxleas",
    "elected-member-greenwich",
    "elected-member-lambeth",
    "primary-care",
]  # ten: one short of the eleven


@pytest.fixture
def sel():
    """The body with a user for each member; the clock stays at ``ISSUED`` unless a test
    moves it."""
    with time_machine.travel(ISSUED, tick=False):
        setting = seed_body("south-east-london-icp", starts_at=MEETING)
        for key, person in setting.holders.items():
            person.user = UserFactory(username=f"m-{key}"[:150])
            person.save()
        yield setting


def form(**changes) -> dict:
    data = {
        "title": "Winter surge funding",
        "text": "To approve £250,000 for winter surge beds.",
        "part": "A",
        "respond_on": "2027-01-08",
        "respond_time": "17:00",
    }
    return {**data, **changes}


def issue(sel, **changes) -> WrittenResolution:
    with time_machine.travel(ISSUED, tick=False):
        response = signed_in(sel.clerk).post(
            f"/bodies/{sel.body.slug}/resolutions/new/", form(**changes)
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    return WrittenResolution.objects.get()


def answer(sel, key: str, what: str = "for", at=ISSUED + datetime.timedelta(hours=2)):
    person = sel.holders[key]
    seat = sel.body.seats.get(key=key)
    with time_machine.travel(at, tick=False):
        return signed_in(person.user).post(
            f"/resolutions/{WrittenResolution.objects.get().pk}/answer/",
            {"answer": what, "comment": "", "seat": seat.pk},
        )


def test_the_clerk_issues_it_and_each_member_is_asked_once(sel, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        resolution = issue(sel, paper=upload("Surge plan.pdf"))
    assert resolution.respond_by == datetime.datetime(2027, 1, 8, 17, 0, tzinfo=LONDON)
    assert resolution.paper_name == "Surge plan.pdf"
    asked = {m.to[0] for m in mail.outbox}
    assert asked == {p.email for p in sel.holders.values()}
    assert len(mail.outbox) == len(asked)
    message = mail.outbox[0]
    assert (
        message.subject
        == "Written resolution: your answer is needed: SEL ICP, Winter surge funding"
    )
    assert "by Friday 8 January 2027, 17:00" in message.body
    assert "To approve £250,000" in message.body
    log = signed_in(sel.clerk).get("/notices/log/", {"q": "resolution_issued"}).content.decode()
    assert log.count("Written resolution: your answer is needed") == len(asked)
    page = signed_in(sel.holders["icb-chair"].user).get(f"/resolutions/{resolution.pk}/")
    assert page.status_code == 200
    assert "Send my answer" in page.content.decode()
    paper = signed_in(sel.holders["vcse"].user).get(f"/resolutions/{resolution.pk}/paper/")
    assert paper.status_code == 200 and b"".join(paper.streaming_content).startswith(b"%PDF")


def test_bad_input_is_refused_with_a_message_and_kept(sel):
    client = signed_in(sel.clerk)
    url = f"/bodies/{sel.body.slug}/resolutions/new/"
    with time_machine.travel(ISSUED, tick=False):
        missing = client.post(url, form(respond_on=""))
        past = client.post(url, form(respond_on="2027-01-01"))
        secret = client.post(url, form(part="B"))
    assert missing.status_code == 400
    assert "Winter surge funding" in missing.content.decode()
    assert "This field is required." in missing.content.decode()
    assert "The date for answers must be in the future." in past.content.decode()
    assert "needs its paragraph of Schedule 12A" in secret.content.decode()
    assert not WrittenResolution.objects.exists()


def test_a_quorum_in_favour_decides_it_at_once_and_it_is_numbered_reported_and_minuted(
    sel, django_capture_on_commit_callbacks
):
    resolution = issue(sel)
    for key in QUORATE:
        assert answer(sel, key).status_code == 302
    resolution.refresh_from_db()
    assert resolution.is_open  # ten in favour: one short of half of the 22 in post
    response = answer(sel, "vcse")
    assert response.status_code == 302
    resolution.refresh_from_db()
    assert resolution.status == WrittenResolution.Status.VALID
    assert resolution.result["sentence"].startswith("Valid: the 11 in favour would form a quorum")
    decision = Decision.objects.get(resolution=resolution)
    assert decision.outcome == Decision.Outcome.WRITTEN
    assert decision.reference == "SELICP/2027/001"
    item = resolution.report_item
    assert item.meeting == sel.meeting
    assert item.title == "Decision outside a meeting: Winter surge funding"
    register = signed_in(sel.clerk).get(f"/bodies/{sel.body.slug}/decisions/").content.decode()
    assert "SELICP/2027/001" in register and "outside a meeting" in register
    # Too late to change: the outcome is decided.
    late = answer(sel, "healthwatch", "against")
    assert late.status_code == 400
    assert "answers are closed" in late.content.decode()
    # The next meeting's minutes record it.
    sel.meeting.closed_at = MEETING + datetime.timedelta(hours=2)
    sel.meeting.save()
    minutes = minutes_draft(meeting=sel.meeting, user=sel.clerk, now=MEETING)
    minute = minutes.item_minutes.get(item=item)
    assert minute.text.startswith("The South East London Integrated Care Partnership noted")
    assert "SELICP/2027/001" in minute.text


def test_a_conflicted_member_is_left_out_and_the_clerk_records_an_emailed_answer(sel):
    resolution = issue(sel)
    assert answer(sel, "icb-chair", "conflict").status_code == 302
    email = SimpleUploadedFile("answer.eml", b"From: member@example.org\n\nI am in favour.\n")
    seat = sel.body.seats.get(key="icb-chief-executive")
    person = sel.holders["icb-chief-executive"]
    with time_machine.travel(ISSUED + datetime.timedelta(hours=3), tick=False):
        response = signed_in(sel.clerk).post(
            f"/resolutions/{resolution.pk}/emailed-answer/",
            {"who": f"{person.pk}-{seat.pk}", "answer": "for", "comment": "", "email": email},
        )
    assert response.status_code == 302
    recorded = ResolutionAnswer.objects.get(person=person)
    assert recorded.via == ResolutionAnswer.Via.EMAIL
    assert recorded.recorded_by == sel.clerk
    page = signed_in(sel.clerk).get(f"/resolutions/{resolution.pk}/").content.decode()
    assert "Conflict of interest declared" in page
    assert f"/resolutions/answers/{recorded.pk}/e-mail/" in page
    kept = signed_in(sel.clerk).get(f"/resolutions/answers/{recorded.pk}/e-mail/")
    assert b"".join(kept.streaming_content).endswith(b"I am in favour.\n")
    # A member may not read another's e-mail, nor anyone outside the body the resolution.
    member = signed_in(sel.holders["vcse"].user)
    assert member.get(f"/resolutions/answers/{recorded.pk}/e-mail/").status_code == 404
    outsider = signed_in(UserFactory())
    assert outsider.get(f"/resolutions/{resolution.pk}/").status_code == 404
    assert outsider.get(f"/resolutions/{resolution.pk}/paper/").status_code == 404
    # Members do not see how others answered while answers are open.
    assert (
        "Conflict of interest declared"
        not in member.get(f"/resolutions/{resolution.pk}/")
        .content.decode()
        .split("Those asked to answer")[1]
    )


def test_an_emailed_answer_needs_the_email(sel):
    resolution = issue(sel)
    person = sel.holders["vcse"]
    seat = sel.body.seats.get(key="vcse")
    with time_machine.travel(ISSUED, tick=False):
        response = signed_in(sel.clerk).post(
            f"/resolutions/{resolution.pk}/emailed-answer/",
            {"who": f"{person.pk}-{seat.pk}", "answer": "for", "comment": "By phone"},
        )
    assert response.status_code == 400
    assert "By phone" in response.content.decode()
    assert not ResolutionAnswer.objects.exists()


def test_at_the_date_too_few_in_favour_is_not_valid_and_reported(
    sel, django_capture_on_commit_callbacks
):
    resolution = issue(sel)
    for key in QUORATE[:4]:
        answer(sel, key)
    too_soon = ISSUED + datetime.timedelta(days=1)
    with time_machine.travel(too_soon, tick=False):
        response = signed_in(sel.clerk).post(f"/resolutions/{resolution.pk}/decide/")
    assert response.status_code == 302
    resolution.refresh_from_db()
    assert resolution.is_open  # outstanding answers could still make it valid
    after = resolution.respond_by + datetime.timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert resolutions_decide_due(after) == 1
        assert resolutions_decide_due(after) == 0
    resolution.refresh_from_db()
    assert resolution.status == WrittenResolution.Status.NOT_VALID
    assert (
        "Not valid: those in favour by the stated date are not a quorum"
        in (resolution.result["sentence"])
    )
    assert not Decision.objects.exists()
    assert resolution.report_item.meeting == sel.meeting
    told = [m for m in mail.outbox if m.subject.startswith("Written resolution decided")]
    assert len(told) == len(sel.holders)


def test_those_who_have_not_answered_are_reminded_once_two_working_days_before(
    sel, django_capture_on_commit_callbacks
):
    issue(sel)
    answer(sel, "icb-chair")
    reminder_day = datetime.date(2027, 1, 6)  # Wednesday: two working days before Friday
    mail.outbox.clear()
    with time_machine.travel(datetime.datetime(2027, 1, 6, 7, 0, tzinfo=LONDON), tick=False):
        for _ in range(2):
            with django_capture_on_commit_callbacks(execute=True):
                sweep(reminder_day)
    reminded = [m for m in mail.outbox if m.subject.startswith("Answer needed in 2 working days")]
    assert {m.to[0] for m in reminded} == {
        p.email for k, p in sel.holders.items() if k != "icb-chair"
    }
    assert Notice.objects.filter(kind="resolution_reminder").count() == len(sel.holders) - 1


def test_a_confidential_resolution_stays_out_of_emails_and_the_public_register(
    sel, django_capture_on_commit_callbacks
):
    sel.body.meets_in_public = True
    sel.body.save()
    with django_capture_on_commit_callbacks(execute=True):
        resolution = issue(
            sel, part="B", exempt_paragraph="3", title="Provider contract SECRETMARK"
        )
    assert all("SECRETMARK" not in m.subject + m.body for m in mail.outbox)
    for key in [*QUORATE, "vcse"]:
        answer(sel, key)
    resolution.refresh_from_db()
    assert resolution.status == WrittenResolution.Status.VALID
    public = signed_in(UserFactory()).get(f"/bodies/{sel.body.slug}/decisions/")
    assert "SECRETMARK" not in public.content.decode()
    csv = signed_in(UserFactory()).get(f"/bodies/{sel.body.slug}/decisions.csv")
    assert b"SECRETMARK" not in b"".join(csv.streaming_content)
    members = signed_in(sel.holders["vcse"].user).get(f"/bodies/{sel.body.slug}/decisions/")
    assert "SECRETMARK" in members.content.decode()


def test_a_body_whose_terms_do_not_allow_it_is_told_so(db):
    with time_machine.travel(ISSUED + datetime.timedelta(days=1), tick=False):
        setting = seed_body("leicestershire-joint-commissioning-group", starts_at=MEETING)
        client = signed_in(setting.clerk)
        listing = client.get(f"/bodies/{setting.body.slug}/resolutions/")
        refused = client.get(f"/bodies/{setting.body.slug}/resolutions/new/", follow=True)
    assert "do not allow decisions outside meetings" in listing.content.decode()
    assert "do not allow decisions outside meetings" in refused.content.decode()


def test_the_pages_cost_the_same_with_more_answers_and_resolutions(sel):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    resolution = issue(sel)
    clerk = signed_in(sel.clerk)

    def queries(url):
        clerk.get(url)  # caches warm
        with CaptureQueriesContext(connection) as captured:
            assert clerk.get(url).status_code == 200
        return len(captured)

    detail = f"/resolutions/{resolution.pk}/"
    listing = f"/bodies/{sel.body.slug}/resolutions/"
    answer(sel, "icb-chair")
    few = queries(detail), queries(listing)
    for key in QUORATE[1:8]:
        answer(sel, key)
    for n in range(30):
        WrittenResolution.objects.create(
            body=sel.body, title=f"R{n}", text="T", respond_by=resolution.respond_by,
            issued_at=ISSUED, issued_by=sel.clerk,
        )  # fmt: skip
    assert (queries(detail), queries(listing)) == few


# Chair's action: an urgent decision by the Chair after consulting the Director ------------


def test_an_urgent_decision_is_asked_only_of_the_chair_and_the_director_they_consult(
    django_capture_on_commit_callbacks,
):
    with time_machine.travel(ISSUED, tick=False):
        hwb = seed_body("examples/health-and-wellbeing-board", starts_at=MEETING)
        for key in ("leader", "director-public-health", "cabinet-member"):
            hwb.holders[key].user = UserFactory(username=f"hwb-{key}")
            hwb.holders[key].save()
        clerk = signed_in(hwb.clerk)
        new = clerk.get(f"/bodies/{hwb.body.slug}/resolutions/new/").content.decode()
        assert (
            "the Leader of Westshire County Council agrees, after consulting the Director of "
            "Public Health"
        ) in html.unescape(new)
        with django_capture_on_commit_callbacks(execute=True):
            issued = clerk.post(f"/bodies/{hwb.body.slug}/resolutions/new/", form())
        assert issued.status_code == 302
    leader, director = hwb.holders["leader"], hwb.holders["director-public-health"]
    assert {m.to[0] for m in mail.outbox} == {leader.email, director.email}
    resolution = WrittenResolution.objects.get()

    def answer_as(key, what):
        seat = hwb.body.seats.get(key=key)
        with time_machine.travel(ISSUED + datetime.timedelta(hours=1), tick=False):
            return signed_in(hwb.holders[key].user).post(
                f"/resolutions/{resolution.pk}/answer/",
                {"answer": what, "comment": "", "seat": seat.pk},
            )

    refused = answer_as("cabinet-member", "for")  # a member, but not theirs to answer
    assert refused.status_code == 400
    assert "is not entitled to answer this resolution" in html.unescape(refused.content.decode())
    assert answer_as("leader", "for").status_code == 302
    resolution.refresh_from_db()
    assert resolution.is_open  # the Director has not yet given a view
    page = html.unescape(
        signed_in(hwb.clerk).get(f"/resolutions/{resolution.pk}/").content.decode()
    )
    assert f"{director.full_name} (the Director of Public Health) has not yet given a view" in page
    own = signed_in(director.user).get(f"/resolutions/{resolution.pk}/").content.decode()
    assert (
        "You are consulted before the Leader of Westshire County Council decides: your answer "
        "is your view, recorded and heard; theirs decides."
    ) in html.unescape(own)
    assert (
        "You are consulted"
        not in signed_in(leader.user).get(f"/resolutions/{resolution.pk}/").content.decode()
    )
    assert answer_as("director-public-health", "against").status_code == 302  # heard, no veto
    resolution.refresh_from_db()
    assert resolution.status == WrittenResolution.Status.VALID
    assert resolution.result["sentence"] == (
        f"Valid: {leader.full_name} (the Leader of Westshire County Council) agreed, after "
        f"consulting {director.full_name} (the Director of Public Health)."
    )
    decision = Decision.objects.get(resolution=resolution)
    assert decision.outcome == Decision.Outcome.WRITTEN
    assert resolution.report_item.meeting == hwb.meeting
