"""Body definition files: the shipped ones are valid; broken ones say where and what."""

from __future__ import annotations

import textwrap

import pytest

from governance import bodyfile
from governance.bodyfile import BodyFileError


def write(tmp_path, text: str):
    path = tmp_path / "broken.yaml"
    path.write_text(textwrap.dedent(text))
    return path


VALID = """
    format: quorate-body/1
    body: {name: Test Board, short_name: TB, slug: test-board}
    organisations:
      - {slug: lcc, name: Leicestershire County Council, kind: county_council}
    categories:
      - {slug: finance, name: Finance}
    seats:
      - {key: dof, title: Director of Finance, organisation: lcc, categories: [finance]}
    terms:
      - {version: v1, status: approved, approved_on: 2025-01-01, effective_from: 2025-01-01}
"""


@pytest.mark.parametrize("path", bodyfile.shipped_paths(), ids=lambda p: p.stem)
def test_every_shipped_body_file_is_valid(path):
    body_file = bodyfile.read(path)
    assert body_file.slug == path.stem


def test_a_valid_file_reads(tmp_path):
    assert bodyfile.read(write(tmp_path, VALID)).slug == "test-board"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            ("organisation: lcc", "organisation: lcx"),
            "seats[0].organisation: no organisation 'lcx' is listed under organisations",
        ),
        (
            ("categories: [finance]", "categories: [clinical]"),
            "seats[0].categories: no category 'clinical' is listed under categories",
        ),
        (("kind: county_council", "kind: parish"), "organisations[0].kind: 'parish' is not one of"),
        (("quorate-body/1", "quorate-body/9"), "format: must be 'quorate-body/1'"),
        (
            ("effective_from: 2025-01-01", "effective_from: soon"),
            "terms[0].effective_from: must be a date written as YYYY-MM-DD",
        ),
        (("status: approved", "status: adopted"), "terms[0].status: 'adopted' is not one of"),
        (("slug: test-board", "slug: ''"), "body.slug: required text"),
    ],
)
def test_each_problem_names_the_file_and_the_place(tmp_path, change, problem):
    path = write(tmp_path, VALID.replace(*change))
    with pytest.raises(BodyFileError) as raised:
        bodyfile.read(path)
    assert f"broken.yaml: {problem}" in str(raised.value)


def test_a_file_that_is_not_yaml_is_refused(tmp_path):
    with pytest.raises(BodyFileError, match=r"broken\.yaml: not valid YAML"):
        bodyfile.read(write(tmp_path, "body: [unclosed"))


def test_two_approved_versions_are_refused(tmp_path):
    second = "{version: v2, status: approved, approved_on: 2026-01-01, effective_from: 2026-01-01}"
    text = f"{VALID}      - {second}\n"
    with pytest.raises(BodyFileError, match="only one version may be approved"):
        bodyfile.read(write(tmp_path, text))


def test_bodies_are_ordered_after_the_bodies_they_report_to():
    files = [bodyfile.read(p) for p in bodyfile.shipped_paths()]
    order = [f.slug for f in bodyfile.in_dependency_order(files)]
    assert order.index("leicestershire-integration-executive") < order.index(
        "leicestershire-joint-commissioning-group"
    )
