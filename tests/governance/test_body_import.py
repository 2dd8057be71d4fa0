"""Importing and exporting body files: idempotent, dry-runnable, and history is never
rewritten."""

from __future__ import annotations

import copy
import datetime

import pytest
import yaml

from governance import bodyfile
from governance.models import Body, Seat, TermsOfReference
from governance.services import body_export, body_import

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 23)


def shipped(slug) -> bodyfile.BodyFile:
    return bodyfile.read(bodyfile.SHIPPED_DIR / f"{slug}.yaml")


def changed(body_file, change) -> bodyfile.BodyFile:
    data = copy.deepcopy(body_file.data)
    change(data)
    return bodyfile.BodyFile(body_file.source, data)


def test_importing_twice_changes_nothing_the_second_time():
    lie = shipped("leicestershire-integration-executive")
    first = body_import(body_file=lie, today=TODAY)
    assert "New seat 'clinical-chair-wlccg'." in first.changes
    assert body_import(body_file=lie, today=TODAY).changes == []


def test_each_new_seat_starts_its_history_with_one_record_holding_its_links():
    """Seats are made in bulk, yet each history begins as a seat saved whole would: one
    record, with the categories and organisations it had; a later change adds a record."""
    lie = shipped("leicestershire-integration-executive")
    body_import(body_file=lie, today=TODAY)
    seat = Seat.objects.get(key="director-finance-ccgs")
    [record] = seat.history.all()
    assert record.history_type == "+" and record.title == seat.title
    assert {c.seatcategory.slug for c in record.categories.all()} == {"commissioner", "finance"}
    assert [o.organisation.slug for o in record.also_represents.all()] == [
        "east-leicestershire-and-rutland-ccg"
    ]
    assert Seat.history.filter(body_id=seat.body_id).count() == seat.body.seats.count()

    def drop_finance(data):
        spec = next(s for s in data["seats"] if s["key"] == "director-finance-ccgs")
        spec["categories"] = ["commissioner"]

    body_import(body_file=changed(lie, drop_finance), today=TODAY)
    newest = seat.history.order_by("-history_id").first()
    assert newest.history_type == "~"
    assert [c.seatcategory.slug for c in newest.categories.all()] == ["commissioner"]
    assert {c.seatcategory.slug for c in record.categories.all()} == {"commissioner", "finance"}


def test_a_dry_run_reports_the_changes_and_writes_nothing():
    report = body_import(body_file=shipped("south-east-london-icp"), dry_run=True, today=TODAY)
    assert "New the body." not in report.changes
    assert "New seat 'icb-chair'." in report.changes
    assert not Body.objects.exists()


def test_seat_titles_with_commas_are_kept_whole():
    body_import(body_file=shipped("leicestershire-integration-executive"), today=TODAY)
    assert Seat.objects.get(key="managing-director-wlccg").title == (
        "Managing Director, West Leicestershire CCG"
    )


def test_a_body_reports_to_its_parent_once_both_are_imported():
    body_import(body_file=shipped("leicestershire-integration-executive"), today=TODAY)
    body_import(body_file=shipped("leicestershire-joint-commissioning-group"), today=TODAY)
    jcg = Body.objects.get(slug="leicestershire-joint-commissioning-group")
    assert jcg.reports_to.short_name == "LIE"


def test_the_version_table_is_kept_whole():
    body_import(body_file=shipped("llr-stp-partnership-group"), today=TODAY)
    versions = TermsOfReference.objects.order_by("prepared_on")
    assert [(v.version_label, v.status) for v in versions] == [
        ("Initial", "draft"),
        ("V2", "draft"),
        ("V3", "draft"),
        ("V4", "approved"),
    ]


def test_a_changed_rule_makes_a_new_version_and_keeps_the_old():
    lie = shipped("leicestershire-integration-executive")
    body_import(body_file=lie, today=TODAY)

    def five_days(data):
        data["terms"][-1]["rules"]["notice"]["working_days"] = 5

    report = body_import(body_file=changed(lie, five_days), today=TODAY)
    assert "Version 'November 2015' is superseded." in report.changes
    versions = {v.version_label: v for v in TermsOfReference.objects.all()}
    assert versions["November 2015"].status == "superseded"
    assert versions["November 2015"].rules["notice"]["working_days"] == 4
    amended = versions["November 2015 (amended 2026-11-23)"]
    assert (amended.status, amended.effective_from) == ("approved", TODAY)
    assert amended.rules["notice"]["working_days"] == 5
    body = Body.objects.get()
    assert body.terms_in_force(datetime.date(2026, 11, 22)).version_label == "November 2015"
    assert body.terms_in_force(TODAY) == amended
    # The same file again is already in force: nothing more changes.
    assert body_import(body_file=changed(lie, five_days), today=TODAY).changes == []


def test_a_rule_changed_twice_in_a_day_makes_a_version_each_time():
    lie = shipped("leicestershire-integration-executive")
    body_import(body_file=lie, today=TODAY)
    for days in (5, 6, 7):

        def notice(data, days=days):
            data["terms"][-1]["rules"]["notice"]["working_days"] = days

        body_import(body_file=changed(lie, notice), today=TODAY)
    labels = list(TermsOfReference.objects.order_by("pk").values_list("version_label", "status"))
    assert labels == [
        ("November 2015", "superseded"),
        ("November 2015 (amended 2026-11-23)", "superseded"),
        ("November 2015 (amended 2026-11-23, 2)", "superseded"),
        ("November 2015 (amended 2026-11-23, 3)", "approved"),
    ]
    in_force = Body.objects.get().terms_in_force(TODAY)
    assert in_force.rules["notice"]["working_days"] == 7


def test_a_note_on_a_version_in_force_is_updated_in_place():
    lie = shipped("leicestershire-integration-executive")
    body_import(body_file=lie, today=TODAY)

    def note(data):
        data["terms"][-1]["notes"] = "Checked by the secretariat."

    report = body_import(body_file=changed(lie, note), today=TODAY)
    assert report.changes == ["Changed version 'November 2015': notes."]
    assert TermsOfReference.objects.count() == 1


def test_a_seat_dropped_from_the_file_is_kept_with_its_history():
    lie = shipped("leicestershire-integration-executive")
    body_import(body_file=lie, today=TODAY)
    report = body_import(body_file=changed(lie, lambda data: data["seats"].pop()), today=TODAY)
    assert report.changes == [
        "Seat 'director-health-care-integration' is no longer in the file; it is kept, "
        "with its history."
    ]


def test_reordered_seats_are_renumbered_without_conflict():
    lie = shipped("leicestershire-integration-executive")
    body_import(body_file=lie, today=TODAY)
    body_import(body_file=changed(lie, lambda data: data["seats"].reverse()), today=TODAY)
    assert Seat.objects.order_by("position").first().key == "director-health-care-integration"


@pytest.mark.parametrize("path", bodyfile.shipped_paths(), ids=lambda p: p.stem)
def test_an_exported_body_imports_back_unchanged(path):
    body_import(body_file=bodyfile.read(path), today=TODAY)
    body = Body.objects.get(slug=path.stem)
    text = yaml.safe_dump(body_export(body), sort_keys=False, allow_unicode=True)
    exported = bodyfile.load_text(text, "exported.yaml")
    assert body_import(body_file=exported, today=TODAY).changes == []
    assert body_export(Body.objects.get(slug=path.stem)) == body_export(body)


def test_a_seat_replaced_at_the_end_of_the_list_takes_its_place_and_the_old_one_is_kept():
    """The last seat's post is abolished and a new post added in its place: the new seat takes
    the position, and the old seat, kept with its history, moves out of its way."""
    lie = shipped("leicestershire-integration-executive")
    body_import(body_file=lie, today=TODAY)

    def replace_last(data):
        data["seats"][-1] = {**data["seats"][-1], "key": "director-of-integration",
                             "title": "Director of Integration"}  # fmt: skip

    report = body_import(body_file=changed(lie, replace_last), today=TODAY)
    assert "New seat 'director-of-integration'." in report.changes
    seats = list(Seat.objects.order_by("position").values_list("key", flat=True))
    assert seats[-2:] == ["director-of-integration", "director-health-care-integration"]
    assert len(seats) == len(set(seats)) == len(lie.data["seats"]) + 1
