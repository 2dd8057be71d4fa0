"""Building an agenda: standing items, items and sub-items, order by keyboard without
JavaScript, and the preview as members will see it."""

from __future__ import annotations

import datetime

import pytest

from governance.rules.words import LONDON
from meetings.models import AgendaItem
from meetings.services.agenda import agenda_item_add, agenda_start, numbering

from .workspace import seed_body, signed_in

pytestmark = pytest.mark.django_db
MEETING = datetime.datetime(2027, 1, 14, 14, 0, tzinfo=LONDON)


@pytest.fixture
def lie():
    setting = seed_body("leicestershire-integration-executive", starts_at=MEETING)
    agenda_start(meeting=setting.meeting, rules=setting.rules)
    return setting


def titles(meeting) -> list[str]:
    items = list(meeting.items.order_by("position"))
    numbers = numbering(items)
    return [f"{numbers[i.pk]} {i.title}" for i in items]


def test_the_agenda_starts_with_the_standing_items(lie):
    assert titles(lie.meeting) == [
        "1 Welcome and apologies",
        "2 Declarations of interest",
        "3 Minutes of the previous meeting and matters arising",
        "4 Action log",
        "5 Any other business",
    ]


def test_new_items_go_before_any_other_business_and_sub_items_under_their_parent(lie):
    bcf = agenda_item_add(meeting=lie.meeting, rules=lie.rules, title="Better Care Fund")
    agenda_item_add(meeting=lie.meeting, rules=lie.rules, title="Risk register")
    agenda_item_add(meeting=lie.meeting, rules=lie.rules, title="Quarter 2", parent=bcf)
    agenda_item_add(meeting=lie.meeting, rules=lie.rules, title="Quarter 3", parent=bcf)
    assert titles(lie.meeting)[4:] == [
        "5 Better Care Fund",
        "5.1 Quarter 2",
        "5.2 Quarter 3",
        "6 Risk register",
        "7 Any other business",
    ]


def test_moving_an_item_up_without_javascript_takes_its_sub_items_along(lie):
    bcf = agenda_item_add(meeting=lie.meeting, rules=lie.rules, title="Better Care Fund")
    agenda_item_add(meeting=lie.meeting, rules=lie.rules, title="Quarter 2", parent=bcf)
    risk = agenda_item_add(meeting=lie.meeting, rules=lie.rules, title="Risk register")
    response = signed_in(lie.clerk).post(f"/agenda-items/{risk.pk}/move/", {"direction": "up"})
    assert response.status_code == 302
    assert titles(lie.meeting)[4:7] == ["5 Risk register", "6 Better Care Fund", "6.1 Quarter 2"]


def test_moving_with_htmx_returns_the_agenda_table_alone(lie):
    first = lie.meeting.items.order_by("position").first()
    response = signed_in(lie.clerk).post(
        f"/agenda-items/{first.pk}/move/", {"direction": "down"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<html" not in html and "<table" in html
    assert titles(lie.meeting)[:2] == ["1 Declarations of interest", "2 Welcome and apologies"]


def test_the_first_item_cannot_move_up(lie):
    first = lie.meeting.items.order_by("position").first()
    signed_in(lie.clerk).post(f"/agenda-items/{first.pk}/move/", {"direction": "up"})
    assert titles(lie.meeting)[0] == "1 Welcome and apologies"


def test_a_part_b_item_needs_its_ground_and_the_form_keeps_what_was_typed(lie):
    client = signed_in(lie.clerk)
    data = {
        "title": "Care home contract award",
        "purpose": "decision",
        "part": "B",
        "presenter": "Head of Commissioning",
    }
    page = client.post(f"/meetings/{lie.meeting.pk}/agenda/items/new/", data)
    html = page.content.decode()
    assert "Schedule 12A" in html and 'value="Care home contract award"' in html
    assert not AgendaItem.objects.filter(title="Care home contract award").exists()
    client.post(f"/meetings/{lie.meeting.pk}/agenda/items/new/", {**data, "exempt_paragraph": 3})
    item = AgendaItem.objects.get(title="Care home contract award")
    assert (item.part, item.exempt_paragraph) == ("B", 3)


def test_inline_editing_with_htmx_and_on_its_own_page(lie):
    item = lie.meeting.items.get(title="Action log")
    client = signed_in(lie.clerk)
    inline = client.get(f"/agenda-items/{item.pk}/edit/", HTTP_HX_REQUEST="true")
    assert "<html" not in inline.content.decode() and f'id="item-{item.pk}"' in (
        inline.content.decode()
    )
    full = client.get(f"/agenda-items/{item.pk}/edit/")
    assert "<html" in full.content.decode()
    client.post(
        f"/agenda-items/{item.pk}/edit/",
        {"title": "Action log (actions due)", "purpose": "assurance", "part": "A", "revision": 0},
    )
    assert AgendaItem.objects.filter(title="Action log (actions due)").exists()


def test_the_preview_shows_the_agenda_as_members_will_see_it(lie):
    agenda_item_add(
        meeting=lie.meeting, rules=lie.rules, title="Contract award", part="B", exempt_paragraph=3
    )
    html = signed_in(lie.clerk).get(f"/meetings/{lie.meeting.pk}/agenda/preview/").content.decode()
    assert "Part B: not open to the public" in html
    assert "paragraph 3 of Schedule 12A to the Local Government Act 1972" in html


# Part A business before Part B -----------------------------------------------------------

PART_B = {"part": "B", "exempt_paragraph": 3}


def test_a_part_b_item_goes_after_every_part_a_item_and_part_a_stays_before_it(lie):
    agenda_item_add(meeting=lie.meeting, rules=lie.rules, title="Contract award", **PART_B)
    agenda_item_add(meeting=lie.meeting, rules=lie.rules, title="Better Care Fund")
    assert titles(lie.meeting)[4:] == [
        "5 Better Care Fund",
        "6 Any other business",
        "7 Contract award",
    ]


def test_changing_an_item_to_part_b_moves_it_after_part_a_and_says_so(lie):
    agenda_item_add(meeting=lie.meeting, rules=lie.rules, title="Contract award")
    item = lie.meeting.items.get(title="Contract award")
    response = signed_in(lie.clerk).post(
        f"/agenda-items/{item.pk}/edit/",
        {
            "title": "Contract award",
            "purpose": "decision",
            "part": "B",
            "exempt_paragraph": "3",
            "paper_expected": "on",
            "revision": item.revision,
        },
        follow=True,
    )
    assert "so it moved after the Part A items" in response.content.decode()
    assert titles(lie.meeting)[-1] == "6 Contract award"


def test_a_part_b_item_cannot_be_moved_above_part_a_business(lie):
    award = agenda_item_add(meeting=lie.meeting, rules=lie.rules, title="Award", **PART_B)
    response = signed_in(lie.clerk).post(
        f"/agenda-items/{award.pk}/move/", {"direction": "up"}, follow=True
    )
    assert "Part A business comes before Part B" in response.content.decode()
    assert titles(lie.meeting)[-1] == "6 Award"


def test_a_sub_item_is_in_the_same_part_as_its_item(lie):
    bcf = agenda_item_add(meeting=lie.meeting, rules=lie.rules, title="Better Care Fund")
    response = signed_in(lie.clerk).post(
        f"/meetings/{lie.meeting.pk}/agenda/items/new/",
        {
            "title": "Prices",
            "purpose": "decision",
            "part": "B",
            "exempt_paragraph": "3",
            "parent": bcf.pk,
        },
    )
    assert "A sub-item is in the same part as its item" in response.content.decode()
    assert not lie.meeting.items.filter(title="Prices").exists()


# Two clerks at once ------------------------------------------------------------------------


def test_a_save_from_an_older_form_is_refused_with_the_latest_shown_and_the_input_kept(lie):
    item = lie.meeting.items.get(title="Action log")
    first, second = signed_in(lie.clerk), signed_in(lie.clerk)
    form = {"purpose": "assurance", "part": "A", "revision": item.revision}
    saved = first.post(f"/agenda-items/{item.pk}/edit/", {**form, "title": "Action log: due"})
    assert saved.status_code == 302
    late = second.post(
        f"/agenda-items/{item.pk}/edit/",
        {**form, "title": "Action log", "presenter": "Head of Integration"},
    )
    assert late.status_code == 409
    page = late.content.decode()
    assert "Someone else changed “Action log: due” first" in page
    assert "What is saved now" in page and "Action log: due" in page
    assert 'value="Head of Integration"' in page
    item.refresh_from_db()
    assert (item.title, item.presenter) == ("Action log: due", "")


def test_an_inline_save_from_an_older_form_comes_back_in_its_row(lie):
    item = lie.meeting.items.get(title="Action log")
    client = signed_in(lie.clerk)
    form = {"title": "Action log", "purpose": "assurance", "part": "A", "revision": 0}
    client.post(f"/agenda-items/{item.pk}/edit/", {**form, "title": "Actions"})
    late = client.post(f"/agenda-items/{item.pk}/edit/", form, HTTP_HX_REQUEST="true")
    assert late.status_code == 409
    assert late["HX-Retarget"] == f"#item-{item.pk}" and late["HX-Reswap"] == "outerHTML"
