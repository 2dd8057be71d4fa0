"""The commands answer every bad input with a sentence and exit status 2, never a traceback:
files too large, binary, not UTF-8, nested without end, or of the wrong shape; and a fuzz of
attendance files and body files of random shapes."""

from __future__ import annotations

import io
import string
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from governance import bodyfile
from governance.services import body_import
from governance.whatif import SPEC_KEYS

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]
SEL_FILE = bodyfile.SHIPPED_DIR / "south-east-london-icp.yaml"


def refused(*args) -> str:
    """Run a command that must refuse its input: exit status 2 and one clear message."""
    with pytest.raises(CommandError) as raised:
        call_command(*args, stdout=io.StringIO(), stderr=io.StringIO())
    assert raised.value.returncode == 2
    return str(raised.value)


@pytest.fixture
def sel_in_db():
    body_import(body_file=bodyfile.read(SEL_FILE))
    return "south-east-london-icp"


BAD_FILES = {
    "nested 50,000 deep": ("[" * 50_000 + "]" * 50_000).encode(),
    "nested 50,000 deep, block style": "".join(f"{'  ' * i}a:\n" for i in range(200)).encode(),
    "not UTF-8": "present: [caf\xe9]\n".encode("latin-1"),
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "endless aliases": (
        b"a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + b"".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
            f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
            f"*{chr(97 + i)}, *{chr(97 + i)}]\n".encode()
            for i in range(8)
        )
    ),
}
MESSAGES = {
    "nested 50,000 deep": "nested too deeply",
    "nested 50,000 deep, block style": "nested too deeply",
    "not UTF-8": "is not UTF-8 text (byte 0xe9",
    "binary": "is not a text file",
    "endless aliases": "once its aliases are expanded",
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_import_body_refuses_a_hostile_file(tmp_path, case):
    path = tmp_path / "body.yaml"
    path.write_bytes(BAD_FILES[case])
    assert MESSAGES[case] in refused("import_body", str(path))


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_check_quorum_refuses_a_hostile_attendance_file(tmp_path, sel_in_db, case):
    path = tmp_path / "attendance.yaml"
    path.write_bytes(BAD_FILES[case])
    assert MESSAGES[case] in refused("check_quorum", sel_in_db, "--attendance", str(path))


def test_a_body_file_of_300000_seats_is_refused_at_once(tmp_path):
    seats = "".join(f"  - {{key: s{i}, title: Seat {i}}}\n" for i in range(300_000))
    path = tmp_path / "huge.yaml"
    path.write_text(f"format: quorate-body/1\nseats:\n{seats}")
    assert "a file of this kind can be at most 1.0 MB" in refused("import_body", str(path))


def test_a_body_file_with_too_many_seats_is_refused(tmp_path):
    seats = [{"key": f"s{i}", "title": f"Seat {i}"} for i in range(600)]
    path = tmp_path / "many.yaml"
    path.write_text(yaml.safe_dump({"format": "quorate-body/1", "seats": seats}))
    assert "a body may have at most 500" in refused("import_body", str(path))


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("present: [[icb-chair]]", "present[0]: give a word or name here, not ['icb-chair']"),
        ("deputies: 7", "deputies: give a list here, not 7"),
        ("deputies: [{for: [icb-chair]}]", "deputies[0].for: give a word or name here"),
        ("present: icb-chair", "present: give a list here, not 'icb-chair'"),
        ("vacant: 3", "vacant: give a list here, not 3"),
        ("chair: {a: 1}", "chair: give a word or name here"),
        ("- just\n- a list", "the attendance must be a mapping"),
    ],
)
def test_check_quorum_names_the_place_of_a_wrongly_shaped_attendance(
    tmp_path, sel_in_db, spec, message
):
    path = tmp_path / "attendance.yaml"
    path.write_text(spec)
    assert message in refused("check_quorum", sel_in_db, "--attendance", str(path))


def test_a_bad_business_type_is_reported_against_the_option(tmp_path, sel_in_db):
    path = tmp_path / "attendance.yaml"
    path.write_text("present: [icb-chair]")
    message = refused(
        "check_quorum", sel_in_db, "--attendance", str(path), "--business", "nonsense"
    )
    assert message.startswith("--business: There is no business type 'nonsense'")


def test_the_refusal_reaches_the_terminal_without_a_traceback(tmp_path):
    path = tmp_path / "attendance.yaml"
    path.write_text("deputies: 7")
    result = subprocess.run(
        [sys.executable, "manage.py", "check_quorum", str(SEL_FILE), "--attendance", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "deputies: give a list here, not 7" in result.stderr


# Fuzz: any YAML value at all, in any place an attendance or a body file holds one ---------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**12),
    st.floats(allow_nan=False),
    st.text(string.printable, max_size=12),
    st.sampled_from(["icb-chair", "vcse", "healthwatch", "chair-gstt", "*", ""]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(["for", "name", "chair_agreed", "x", "seats"]), inner)
    ),
    max_leaves=12,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.dictionaries(st.sampled_from([*sorted(SPEC_KEYS), "other"]), values, max_size=5))
def test_any_attendance_is_answered_or_refused_never_crashed(tmp_path, spec):
    path = tmp_path / "attendance.yaml"
    path.write_text(yaml.safe_dump(spec))
    try:
        call_command("check_quorum", str(SEL_FILE), "--attendance", str(path), stdout=io.StringIO())
    except CommandError as error:
        assert error.returncode == 2 and str(error).strip()


SEL = yaml.safe_load(SEL_FILE.read_text())
PLACES = ["body", "organisations", "categories", "seats", "terms", "format"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.sampled_from(PLACES), values)
def test_any_body_file_is_imported_or_refused_never_crashed(tmp_path, place, value):
    data = {**SEL, place: value}
    path = tmp_path / "body.yaml"
    path.write_text(yaml.safe_dump(data))
    try:
        call_command("import_body", "--dry-run", str(path), stdout=io.StringIO())
    except CommandError as error:
        assert error.returncode == 2 and str(error).strip()
