"""The operator's commands: import_body, export_body, notice_deadline and check_quorum."""

from __future__ import annotations

import datetime
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from governance import bodyfile, yamlfile
from governance.models import Body, TermsOfReference
from governance.rules.words import LONDON
from members.models import Appointment
from tests.meetings.workspace import seed_body

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]
SEL_FILE = str(bodyfile.SHIPPED_DIR / "south-east-london-icp.yaml")
LIE_FILE = str(bodyfile.SHIPPED_DIR / "leicestershire-integration-executive.yaml")
MEETING = datetime.datetime(2027, 1, 14, 14, tzinfo=LONDON)


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def write(tmp_path, name, data) -> str:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data) if not isinstance(data, str) else data)
    return str(path)


# import_body and export_body -----------------------------------------------------------


def test_import_body_reports_what_it_changed_then_that_nothing_changed():
    assert "New seat 'icb-chair'." in run("import_body", SEL_FILE)
    assert run("import_body", SEL_FILE).strip() == (
        "South East London Integrated Care Partnership: up to date, nothing changed."
    )


def test_import_body_dry_run_writes_nothing():
    out = run("import_body", "--dry-run", SEL_FILE)
    assert "would change" in out
    assert not Body.objects.exists()


def test_import_body_checks_every_file_before_writing_any(tmp_path):
    broken = write(tmp_path, "broken.yaml", "format: quorate-body/1\nbody: {}\n")
    with pytest.raises(CommandError) as raised:
        run("import_body", SEL_FILE, broken)
    assert raised.value.returncode == 2
    assert "broken.yaml: body: 'name' is a required property" in str(raised.value)
    assert not Body.objects.exists()


def test_import_body_refuses_what_the_records_refuse_with_exit_status_two(tmp_path):
    data = yamlfile.parse(Path(LIE_FILE).read_text())
    data["seats"][0]["title"] = "Director " * 30
    with pytest.raises(CommandError) as raised:
        run("import_body", write(tmp_path, "long.yaml", data))
    assert raised.value.returncode == 2
    assert "long.yaml: nothing of this body was imported." in str(raised.value)
    assert "title: Ensure this value has at most 200 characters (it has 270)." in str(raised.value)
    assert not Body.objects.exists()


def test_import_body_makes_a_new_version_when_a_rule_changes(tmp_path):
    run("import_body", LIE_FILE)
    data = yamlfile.parse(Path(LIE_FILE).read_text())
    data["terms"][-1]["rules"]["notice"]["working_days"] = 5
    changed = write(tmp_path, "lie.yaml", data)
    out = run("import_body", changed, "--effective-from", "2027-01-01")
    assert "new version 'November 2015 (amended 2027-01-01)' is in force from 1 January 2027" in out
    assert TermsOfReference.objects.filter(status="superseded").count() == 1


def test_export_body_imports_back_unchanged(tmp_path):
    run("import_body", LIE_FILE)
    exported = write(
        tmp_path, "exported.yaml", run("export_body", "leicestershire-integration-executive")
    )
    assert "up to date, nothing changed" in run("import_body", exported)


def test_export_of_an_unknown_body_is_refused():
    with pytest.raises(CommandError, match="There is no body 'nobody'") as raised:
        run("export_body", "nobody")
    assert raised.value.returncode == 2


# notice_deadline -------------------------------------------------------------------------


def test_notice_deadline_from_a_body_in_the_database():
    run("import_body", LIE_FILE)
    out = run(
        "notice_deadline", "leicestershire-integration-executive", "--meeting", "2026-12-31T14:00"
    )
    assert out.strip() == (
        "Publish by 17:00 on Wednesday 23 December 2026: 4 working days before Thursday 31 "
        "December; 25 and 28 December are bank holidays."
    )


def test_notice_deadline_from_a_file_as_json_for_an_extraordinary_meeting():
    path = str(bodyfile.SHIPPED_DIR / "mid-and-south-essex-icp.yaml")
    result = json.loads(
        run("notice_deadline", path, "--meeting", "2027-04-01T10:00", "--extraordinary", "--json")
    )
    assert result["deadline"] == "2027-03-23T17:00:00+00:00"
    assert (result["days"], result["counting"], result["hours"]) == (5, "working_days_before", None)
    assert result["days_off"] == ["2027-03-26", "2027-03-29"]


def test_notice_deadline_says_when_the_terms_set_no_notice_and_one_is_assumed():
    path = str(bodyfile.SHIPPED_DIR / "llr-stp-partnership-group.yaml")
    out = run("notice_deadline", path, "--meeting", "2027-01-14T14:00")
    assert out.splitlines()[1] == (
        "The terms set no notice period: this one is assumed (see the body's Terms of "
        "reference and rules page)."
    )
    assert json.loads(run("notice_deadline", path, "--meeting", "2027-01-14T14:00", "--json"))[
        "assumed"
    ]
    assert "assumed" not in run("notice_deadline", LIE_FILE, "--meeting", "2026-12-31T14:00")


def test_notice_deadline_uses_the_rules_in_force_on_the_meeting_date():
    run("import_body", LIE_FILE)
    with pytest.raises(CommandError, match="no terms of reference in force on 1 January 2015"):
        run(
            "notice_deadline",
            "leicestershire-integration-executive",
            "--meeting",
            "2015-01-01T14:00",
        )


# check_quorum ----------------------------------------------------------------------------


def test_check_quorum_json_has_the_promised_keys(tmp_path):
    attendance = write(tmp_path, "a.yaml", {"present": ["icb-chair", "chair-gstt"]})
    result = json.loads(run("check_quorum", SEL_FILE, "--attendance", attendance, "--json"))
    assert {"quorate", "present", "required", "requirements", "shortfall"} <= set(result)
    assert set(result["requirements"][0]) >= {"label", "met", "needed", "counted"}
    assert result["quorate"] is False
    assert result["present"] == 2 and result["required"] == 11


def test_check_quorum_reads_the_members_from_the_database(tmp_path):
    seed_body("leicestershire-integration-executive", starts_at=MEETING)
    attendance = write(
        tmp_path,
        "a.yaml",
        {
            "present": [
                "clinical-chair-wlccg",
                "director-adults-communities",
                "director-uhl",
                "managing-director-elrccg",
                "director-public-health",
                "director-emas",
            ],
        },
    )
    out = run(
        "check_quorum",
        "leicestershire-integration-executive",
        "--attendance",
        attendance,
        "--business",
        "routine",
        "--on",
        "2026-11-23",
    )
    assert "Quorate: 6 counted of 6 required." in out
    assert "If any one of these left, the meeting would not be quorate" in out


def test_check_quorum_counts_members_attending_remotely_as_the_terms_say(tmp_path):
    """The example Health and Wellbeing Board counts only members in the room."""
    hwb = str(bodyfile.SHIPPED_DIR / "examples" / "health-and-wellbeing-board.yaml")
    four = ["leader", "north-councillor", "north-ccg-chair", "south-ccg-chair"]
    room = write(tmp_path, "room.yaml", {"present": four})
    assert json.loads(run("check_quorum", hwb, "--attendance", room, "--json"))["quorate"]
    video = write(tmp_path, "video.yaml", {"present": four, "remote": ["south-ccg-chair"]})
    out = run("check_quorum", hwb, "--attendance", video)
    assert "\nNot quorate: " in out
    assert "the terms do not let a member attending remotely count towards the quorum" in out
    stray = write(tmp_path, "stray.yaml", {"present": four[:3], "remote": ["south-ccg-chair"]})
    with pytest.raises(CommandError) as raised:
        run("check_quorum", hwb, "--attendance", stray)
    assert raised.value.returncode == 2
    assert "remote: 'south-ccg-chair' is not listed as present." in str(raised.value)


def test_check_quorum_refuses_a_deputy_for_a_vacant_seat_where_the_terms_forbid_it(tmp_path):
    sel = seed_body("south-east-london-icp", starts_at=MEETING)
    Appointment.objects.filter(seat__body=sel.body, seat__key="elected-member-bexley").delete()
    attendance = write(tmp_path, "a.yaml", {"deputies": [{"for": "elected-member-bexley"}]})
    with pytest.raises(CommandError) as raised:
        run("check_quorum", "south-east-london-icp", "--attendance", attendance)
    assert raised.value.returncode == 2
    assert "is vacant, and the terms do not allow a deputy for a vacant seat" in str(raised.value)


@pytest.mark.parametrize(
    ("attendance", "problem"),
    [
        ({"present": ["treasurer"]}, "there is no seat 'treasurer'"),
        ("present: [unclosed", "not valid YAML"),
        (["icb-chair"], "the attendance must be a mapping"),
    ],
)
def test_check_quorum_refuses_bad_attendance(tmp_path, attendance, problem):
    path = write(tmp_path, "a.yaml", attendance)
    with pytest.raises(CommandError, match=problem) as raised:
        run("check_quorum", SEL_FILE, "--attendance", path)
    assert raised.value.returncode == 2


def test_check_quorum_exits_with_status_two_on_bad_input(tmp_path):
    attendance = write(tmp_path, "a.yaml", {"present": ["treasurer"]})
    result = subprocess.run(
        [sys.executable, "manage.py", "check_quorum", SEL_FILE, "--attendance", attendance],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )
    assert result.returncode == 2
    assert "there is no seat 'treasurer'" in result.stderr
