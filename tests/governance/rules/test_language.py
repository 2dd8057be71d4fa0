"""The rule language: every seed body's rules read, and are said back in plain English."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from governance.rules import language

from .seeds import JCG, LIE, MSE, SEL, STP, seed

RULES_DIR = Path(__file__).resolve().parents[3] / "governance" / "rules"


@pytest.mark.parametrize("path", sorted(RULES_DIR.glob("*.py")), ids=lambda p: p.name)
def test_the_engines_use_only_the_standard_library_and_holidays(path):
    tree = ast.parse(path.read_text())
    imported = {
        (node.module or "").split(".")[0] if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
        if not (isinstance(node, ast.ImportFrom) and node.level)
    }
    assert not imported & {"django", "yaml", "jsonschema", "governance", "members", "meetings"}


def statements(slug):
    rules, membership = seed(slug)
    names = language.Names(seats={s.key: s.title for s in membership.seats})
    return {s.heading: s for s in language.describe(rules, names)}


def test_lie_has_two_quorum_rules_by_business():
    said = statements(LIE)
    assert said["Quorum for routine business"].sentences[0] == (
        "The meeting is quorate with at least 6 members present, including a clinical "
        "representative, a representative of Leicestershire County Council and a provider "
        "representative."
    )
    decisions = said[
        "Quorum for decisions on the scope of the programme and decisions on resource allocation"
    ]
    assert "Each of these must be a different person." in decisions.sentences


def test_assumptions_are_marked_as_not_stated_in_the_terms():
    said = statements(JCG)
    assert said["Notice"].assumed and said["Voting"].assumed
    assert not statements(SEL)["Notice"].assumed


def test_mse_says_it_sets_no_quorum():
    assert statements(MSE)["Quorum"].sentences == ("The terms of reference set no quorum.",)


def test_stp_quorum_is_half_the_expected_attendance():
    assert statements(STP)["Quorum"].sentences[0] == (
        "The meeting is quorate with at least half of the members expected to attend (members "
        "less apologies) present."
    )


def test_sel_duties_as_data_are_stated():
    said = statements(SEL)
    assert said["Minutes"].sentences == (
        "Draft minutes go to the chair within 5 working days of the meeting.",
        "The minutes, approved by the chair, go to members within 10 working days of the meeting.",
    )
    assert "Decisions outside meetings" in said
    assert said["Review of the terms of reference"].sentences == (
        "Review of the terms of reference, by the Partnership co-chairs: annually.",
    )


def test_lie_delegated_limit_and_review_cycle():
    said = statements(LIE)
    assert said["Delegated financial limit"].sentences[0].startswith("Up to £200,000:")
    assert said["Review of the terms of reference"].sentences == (
        "Review of the terms of reference, by the Integration Executive: first six months "
        "after the terms take effect, then annually.",
    )


def test_each_organisation_expands_to_one_requirement_per_organisation():
    rules, _ = seed(JCG)
    labels = [r.label for r in rules.quorum[0].requirements]
    assert len(labels) == 6
    assert "A commissioning lead from Leicestershire County Council" in labels


def test_unknown_references_are_all_reported():
    document = {
        "quorum": [
            {
                "name": "q",
                "requirements": [{"label": "x", "seats": ["nowhere"], "categories": ["nothing"]}],
            }
        ],
        "chair": {"kind": "fixed", "seats": ["throne"]},
    }
    with pytest.raises(language.RulesError) as raised:
        language.parse(document, language.Names())
    assert len(raised.value.problems) == 3
