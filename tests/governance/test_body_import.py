from __future__ import annotations

import pytest

from governance import bodyfile
from governance.models import Body
from governance.services import body_import

pytestmark = pytest.mark.django_db


def shipped(slug):
    return bodyfile.read(bodyfile.SHIPPED_DIR / f"{slug}.yaml")


def test_a_body_reports_to_its_parent_once_both_are_imported():
    body_import(body_file=shipped("leicestershire-integration-executive"))
    jcg = body_import(body_file=shipped("leicestershire-joint-commissioning-group"))
    assert jcg.reports_to.short_name == "LIE"


def test_the_version_table_is_kept_whole():
    body = body_import(body_file=shipped("llr-stp-partnership-group"))
    versions = list(
        body.terms_versions.order_by("prepared_on").values_list("version_label", "status")
    )
    assert versions == [("Initial", "draft"), ("V2", "draft"), ("V3", "draft"), ("V4", "approved")]


def test_reordered_seats_are_renumbered_without_conflict():
    body_file = shipped("leicestershire-integration-executive")
    body_import(body_file=body_file)
    body_file.data["seats"].reverse()
    body = body_import(body_file=body_file)
    assert body.seats.order_by("position").first().key == "director-health-care-integration"
    assert Body.objects.count() == 1
