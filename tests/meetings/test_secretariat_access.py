"""Only the body's secretariat can see or change its workspace; papers reach only those
entitled to them. Tried as an attacker would: every URL, every persona, direct paper links."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from governance.rules.words import LONDON
from meetings.models import Paper
from meetings.services.agenda import agenda_item_add, agenda_start
from meetings.services.papers import paper_add
from members.models import Appointment, DeputyNomination
from tests.factories import PersonFactory, UserFactory

from .workspace import publish, seed_body, upload

pytestmark = pytest.mark.django_db
MEETING = datetime.datetime(2030, 1, 15, 14, 0, tzinfo=LONDON)
EARLY = MEETING - datetime.timedelta(days=30)


@pytest.fixture
def case():
    """A public body (SEL ICP) with a Part A and a Part B paper, and every persona."""
    sel = seed_body("south-east-london-icp", starts_at=MEETING, held_in_public=True)
    other = seed_body("leicestershire-integration-executive", starts_at=MEETING)
    agenda_start(meeting=sel.meeting, rules=sel.rules)
    public_item = agenda_item_add(meeting=sel.meeting, rules=sel.rules, title="Strategy")
    secret_item = agenda_item_add(
        meeting=sel.meeting, rules=sel.rules, title="Contract", part="B", exempt_paragraph=3
    )
    public_paper = paper_add(
        item=public_item,
        upload=upload("strategy.pdf"),
        title="Strategy",
        author="A",
        user=sel.clerk,
        now=EARLY,
    )
    secret_paper = paper_add(
        item=secret_item,
        upload=upload("contract.pdf"),
        title="Contract",
        author="B",
        user=sel.clerk,
        now=EARLY,
    )
    member, deputy, outsider = UserFactory(), UserFactory(), UserFactory()
    holder = sel.holders["vcse"]
    holder.user = member
    holder.save()
    DeputyNomination.objects.create(
        person=PersonFactory(user=deputy),
        seat=sel.body.seats.get(key="vcse"),
        starts_on=datetime.date(2024, 1, 1),
    )
    other.holders["director-uhl"].user = outsider
    other.holders["director-uhl"].save()
    everyone = UserFactory(serves_all_bodies=True)
    return {
        "sel": sel,
        "public_item": public_item,
        "secret_item": secret_item,
        "public_paper": public_paper,
        "secret_paper": secret_paper,
        "users": {
            "anonymous": None,
            "clerk": sel.clerk,
            "member": member,
            "deputy": deputy,
            "other_member": outsider,
            "other_clerk": other.clerk,
            "all_bodies_clerk": everyone,
        },
    }


def client(case, persona) -> Client:
    c = Client()
    if case["users"][persona] is not None:
        c.force_login(case["users"][persona])
    return c


def secretariat_urls(case) -> list[tuple[str, str]]:
    sel, item, paper = case["sel"], case["public_item"], case["public_paper"]
    meeting = sel.meeting.pk
    return [
        ("get", f"/bodies/{sel.body.slug}/programme/"),
        ("get", f"/bodies/{sel.body.slug}/meetings/new/"),
        ("get", f"/meetings/{meeting}/reschedule/"),
        ("get", f"/meetings/{meeting}/cancel/"),
        ("get", f"/meetings/{meeting}/agenda/"),
        ("get", f"/meetings/{meeting}/agenda/preview/"),
        ("get", f"/meetings/{meeting}/agenda/publish/"),
        ("get", f"/meetings/{meeting}/agenda/items/new/"),
        ("post", f"/meetings/{meeting}/agenda/start/"),
        ("post", f"/meetings/{meeting}/apologies/"),
        ("get", f"/meetings/{meeting}/apologies/deputies/?find=a"),
        ("get", f"/agenda-items/{item.pk}/edit/"),
        ("post", f"/agenda-items/{item.pk}/move/"),
        ("post", f"/agenda-items/{item.pk}/delete/"),
        ("get", f"/agenda-items/{item.pk}/papers/new/"),
        ("get", f"/papers/{paper.pk}/new-version/"),
        *(
            ("post", url)
            for url in (
                f"/bodies/{sel.body.slug}/programme/",
                f"/bodies/{sel.body.slug}/meetings/new/",
                f"/meetings/{meeting}/reschedule/",
                f"/meetings/{meeting}/cancel/",
                f"/meetings/{meeting}/agenda/publish/",
                f"/meetings/{meeting}/agenda/items/new/",
                f"/agenda-items/{item.pk}/edit/",
                f"/agenda-items/{item.pk}/papers/new/",
                f"/papers/{paper.pk}/new-version/",
            )
        ),
    ]


@pytest.mark.parametrize(
    "persona", ["anonymous", "member", "deputy", "other_member", "other_clerk"]
)
def test_no_one_but_the_bodys_secretariat_reaches_its_workspace(case, persona):
    c = client(case, persona)
    for method, url in secretariat_urls(case):
        response = getattr(c, method)(url)
        expected = 302 if persona == "anonymous" else 404
        assert response.status_code == expected, (method, url)
        if expected == 302:
            assert response["Location"].startswith("/accounts/login/")
    assert case["sel"].meeting.items.count() == 7  # nothing was changed by the attempts


@pytest.mark.parametrize("persona", ["clerk", "all_bodies_clerk"])
def test_the_bodys_secretariat_reaches_every_page(case, persona):
    c = client(case, persona)
    for method, url in secretariat_urls(case):
        if method == "get":
            assert c.get(url).status_code == 200, url


def download(case, persona, paper) -> int:
    return client(case, persona).get(f"/papers/{paper.pk}/download/").status_code


BEFORE = {
    "anonymous": 404,
    "clerk": 200,
    "member": 404,
    "deputy": 404,
    "other_member": 404,
    "other_clerk": 404,
    "all_bodies_clerk": 200,
}
PART_A_AFTER = dict.fromkeys(BEFORE, 200)
PART_B_AFTER = {**BEFORE, "member": 200, "deputy": 200}


@pytest.mark.parametrize("persona", list(BEFORE))
def test_papers_before_and_after_publication(case, persona):
    assert download(case, persona, case["public_paper"]) == BEFORE[persona]
    assert download(case, persona, case["secret_paper"]) == BEFORE[persona]
    sel = case["sel"]
    publish(sel, EARLY)
    assert download(case, persona, case["public_paper"]) == PART_A_AFTER[persona]
    assert download(case, persona, case["secret_paper"]) == PART_B_AFTER[persona]


def test_a_download_is_private_and_typed(case):
    response = client(case, "clerk").get(f"/papers/{case['secret_paper'].pk}/download/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"] == 'attachment; filename="Contract v1.pdf"'


def test_part_b_is_left_out_of_the_public_meeting_page(case):
    sel = case["sel"]
    publish(sel, EARLY)
    public = client(case, "anonymous").get(f"/meetings/{sel.meeting.pk}/").content.decode()
    member = client(case, "member").get(f"/meetings/{sel.meeting.pk}/").content.decode()
    assert "Strategy" in public and "Contract" not in public
    assert f"/papers/{case['secret_paper'].pk}/" not in public
    assert "Contract" in member and "Part B: not open to the public" in member


def test_an_unpublished_agenda_is_not_on_the_meeting_page(case):
    sel = case["sel"]
    for persona in ("anonymous", "member"):
        html = client(case, persona).get(f"/meetings/{sel.meeting.pk}/").content.decode()
        assert "Strategy" not in html and "The agenda has not been published yet." in html


def test_an_ended_appointment_no_longer_opens_part_b(case):
    sel = case["sel"]
    publish(sel, EARLY)
    Appointment.objects.filter(person__user=case["users"]["member"]).update(
        ends_on=datetime.date(2025, 1, 1)
    )
    assert download(case, "member", case["secret_paper"]) == 404


def test_papers_have_no_public_file_address(case):
    paper = Paper.objects.get(pk=case["secret_paper"].pk)
    assert (
        "/media/"
        not in client(case, "clerk")
        .get(f"/meetings/{case['sel'].meeting.pk}/agenda/")
        .content.decode()
    )
    assert Client().get(f"/media/{paper.file.name}").status_code == 404


def test_a_slash_in_a_title_never_cuts_the_download_name(case):
    paper = case["public_paper"]
    paper.title = "Budget 2027/28: revenue \\ capital"
    paper.save()
    response = client(case, "clerk").get(f"/papers/{paper.pk}/download/")
    assert response["Content-Disposition"] == (
        'attachment; filename="Budget 2027-28 revenue - capital v1.pdf"'
    )


S3 = {
    "BACKEND": "storages.backends.s3.S3Storage",
    "OPTIONS": {
        "bucket_name": "quorate-papers",
        "endpoint_url": "http://minio:9000",
        "access_key": "quorate",
        "secret_key": "not-a-real-secret",
        "region_name": "eu-west-2",
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": 60,
        "addressing_style": "path",
    },
}


@pytest.mark.parametrize("persona", list(BEFORE))
def test_in_object_storage_a_download_is_a_signed_minute_long_address_after_the_check(
    case, persona, settings
):
    settings.STORAGES = {**settings.STORAGES, "papers": S3}
    settings.S3_PUBLIC_ENDPOINT_URL = "https://files.quorate.example"
    response = client(case, persona).get(f"/papers/{case['secret_paper'].pk}/download/")
    if BEFORE[persona] == 404:
        assert response.status_code == 404 and "Amz" not in response.content.decode()
        return
    assert response.status_code == 302
    link = response["Location"]
    assert link.startswith("https://files.quorate.example/quorate-papers/")
    assert "X-Amz-Signature=" in link and "X-Amz-Expires=60" in link
    assert "response-content-disposition=attachment" in link
    assert response["Cache-Control"] == "private, no-store"
