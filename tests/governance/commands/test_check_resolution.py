"""check_resolution: a decision taken outside a meeting judged against the body's own rule,
from a body file or a body's members on a date, with a sentence for every bad input."""

from __future__ import annotations

import datetime
import io
import json

import pytest
import yaml
from django.core.management import CommandError, call_command

from governance import bodyfile
from governance.rules.words import LONDON
from tests.governance.rules.seeds import SEL_ELEVEN
from tests.meetings.workspace import seed_body

SEL_FILE = str(bodyfile.SHIPPED_DIR / "south-east-london-icp.yaml")
LIE_FILE = str(bodyfile.SHIPPED_DIR / "leicestershire-integration-executive.yaml")
REMUNERATION = str(bodyfile.SHIPPED_DIR / "examples" / "remuneration-committee.yaml")
MEMBERS = ["trust-chair", "ned-a", "ned-b", "ned-c"]


def run(tmp_path, body, responses, *args) -> str:
    path = tmp_path / "responses.yaml"
    path.write_text(yaml.safe_dump(responses) if isinstance(responses, dict) else responses)
    out = io.StringIO()
    call_command("check_resolution", body, "--responses", str(path), *args, stdout=out)
    return out.getvalue()


def refused(tmp_path, body, responses, *args) -> str:
    with pytest.raises(CommandError) as raised:
        run(tmp_path, body, responses, *args)
    assert raised.value.returncode == 2
    return str(raised.value)


def test_sel_a_quorum_in_favour_is_valid(tmp_path):
    out = run(tmp_path, SEL_FILE, {"for": SEL_ELEVEN})
    assert "Valid: the 11 in favour would form a quorum (11 counted of 11 required)." in out
    assert "11 for, 0 against, 0 abstaining, 10 not responded, of 21 entitled" in out
    assert "Rule: A decision may be taken outside a meeting" in out


def test_sel_one_short_says_what_it_needs_and_that_it_may_yet_change(tmp_path):
    out = run(tmp_path, SEL_FILE, {"for": SEL_ELEVEN[:-1]})
    assert "Not valid: those in favour by the stated date are not a quorum" in out
    assert "one more member" in out
    assert "Outstanding responses could still change this." in out


def test_remuneration_unanimity_one_abstention_defeats_it(tmp_path):
    out = run(
        tmp_path,
        REMUNERATION,
        {"for": MEMBERS[:3], "abstain": ["ned-c"]},
        "--business",
        "remuneration",
    )
    assert "Not valid: the rule needs every member to agree" in out
    assert "did not agree" in out
    assert "Outstanding responses" not in out


def test_remuneration_unanimity_all_four_members_is_valid(tmp_path):
    out = run(tmp_path, REMUNERATION, {"for": MEMBERS}, "--business", "remuneration")
    assert "Valid: all 4 members entitled to respond are in favour." in out


def test_a_conflicted_member_is_left_out_of_those_entitled(tmp_path):
    answer = json.loads(
        run(
            tmp_path,
            REMUNERATION,
            {"for": MEMBERS[:3], "conflicted": ["ned-c"]},
            "--business",
            "remuneration",
            "--json",
        )
    )
    assert answer["valid"] and answer["entitled"] == 3
    assert "has a conflict of interest and does not respond" in answer["reasons"][0]


def test_the_chief_executive_responds_only_on_executive_appointments(tmp_path):
    problem = refused(
        tmp_path,
        REMUNERATION,
        {"for": [*MEMBERS, "chief-executive"]},
        "--business",
        "remuneration",
    )
    assert (
        "the Chief Executive (chief-executive) is a member only for the appointment of "
        "executive directors, so may not respond." in problem
    )
    out = run(
        tmp_path,
        REMUNERATION,
        {"for": MEMBERS},
        "--business",
        "executive-appointments",
    )
    assert "Not valid" in out and "Chief Executive has not responded" in out


def test_a_post_in_attendance_may_not_respond(tmp_path):
    problem = refused(tmp_path, REMUNERATION, {"for": ["director-of-people"]})
    assert "the Director of People (director-of-people) is in attendance, not a member" in problem


@pytest.mark.parametrize(
    ("responses", "args", "message"),
    [
        ({"for": ["nobody"]}, (), "responses.yaml: there is no seat 'nobody' on this body."),
        ({"for": "icb-chair"}, (), "responses.yaml: for: give a list here"),
        ({"maybe": ["icb-chair"]}, (), "responses.yaml"),
        ({"for": ["icb-chair", "icb-chair"]}, (), "has 1 holder(s) but answers 2 times"),
        (
            {"deputies": [{"for_seat": "icb-chair", "answer": "perhaps"}]},
            (),
            "responses.yaml: deputies[0].answer",
        ),
        ("- a list\n", (), "the responses must be a mapping."),
        ({"for": SEL_ELEVEN}, ("--business", "planning"), "--business: "),
    ],
)
def test_bad_responses_are_refused_with_a_sentence(tmp_path, responses, args, message):
    assert message in refused(tmp_path, SEL_FILE, responses, *args)


def test_a_body_whose_terms_do_not_allow_it_is_told_so(tmp_path):
    problem = refused(tmp_path, LIE_FILE, {"for": []})
    assert "terms do not allow decisions outside meetings" in problem


@pytest.mark.django_db
def test_a_body_in_the_database_is_judged_on_its_members_on_the_date(tmp_path):
    seed_body("south-east-london-icp", starts_at=datetime.datetime(2027, 1, 14, 14, tzinfo=LONDON))
    out = run(tmp_path, "south-east-london-icp", {"for": SEL_ELEVEN}, "--on", "2027-01-10")
    assert "South East London" in out and "Valid: the 11 in favour would form a quorum" in out


@pytest.mark.django_db
def test_an_unknown_body_is_refused(tmp_path):
    assert "There is no body 'nowhere'" in refused(tmp_path, "nowhere", {"for": []})


HWB = str(bodyfile.SHIPPED_DIR / "examples" / "health-and-wellbeing-board.yaml")


def test_hwb_the_chairs_urgent_decision_waits_for_the_directors_view(tmp_path):
    out = run(tmp_path, HWB, {"for": ["leader"]})
    assert "Not valid: the Director of Public Health has not yet given a view." in out
    assert "1 for, 0 against, 0 abstaining, 1 not responded, of 2 entitled" in out
    assert "Outstanding responses could still change this." in out
    heard = run(tmp_path, HWB, {"for": ["leader"], "against": ["director-public-health"]})
    assert heard.splitlines()[1] == (
        "Valid: the Leader of Westshire County Council agreed, after consulting the Director "
        "of Public Health."
    )
    assert "the Leader of Westshire County Council agrees, after consulting" in heard  # the rule


def test_hwb_a_member_the_rule_does_not_name_may_not_answer(tmp_path):
    problem = refused(tmp_path, HWB, {"for": ["leader", "cabinet-member"]})
    assert "is not among those the terms name to decide or to consult" in problem
