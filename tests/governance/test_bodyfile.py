"""Body definition files: the shipped ones are valid; every kind of error in a broken one
is reported with the file, the place in the document and the problem."""

from __future__ import annotations

import copy

import pytest
import yaml

from governance import bodyfile
from governance.bodyfile import BodyFileError

VALID = {
    "format": "quorate-body/1",
    "body": {"name": "Test Board", "short_name": "TB", "slug": "test-board"},
    "organisations": [
        {"slug": "lcc", "name": "Leicestershire County Council", "kind": "county_council"}
    ],
    "categories": [{"slug": "finance", "name": "Finance"}],
    "seats": [
        {"key": "chair", "title": "Chair", "organisation": "lcc", "role": "chair"},
        {
            "key": "dof",
            "title": "Director of Finance",
            "organisation": "lcc",
            "categories": ["finance"],
        },
    ],
    "terms": [
        {
            "version": "v1",
            "status": "approved",
            "approved_on": "2025-01-01",
            "effective_from": "2025-01-01",
            "rules": {
                "quorum": [
                    {
                        "name": "All business",
                        "minimum": {"number": 2},
                        "requirements": [{"label": "finance lead", "categories": ["finance"]}],
                    }
                ],
                "notice": {"working_days": 5},
                "chair": {"kind": "fixed", "seats": ["chair"]},
            },
        }
    ],
}


def load(data) -> bodyfile.BodyFile:
    return bodyfile.load_text(yaml.safe_dump(data), "broken.yaml")


def broken(change):
    data = copy.deepcopy(VALID)
    change(data)
    return data


@pytest.mark.parametrize("path", bodyfile.shipped_paths(), ids=lambda p: p.stem)
def test_every_shipped_body_file_is_valid(path):
    body_file = bodyfile.read(path)
    assert body_file.slug == path.stem
    assert body_file.rules().notice is not None


def test_a_valid_file_reads():
    assert load(VALID).rules().quorum[0].minimum.number == 2


def _set(path, value):
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _delete(path):
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


RULES = ("terms", 0, "rules")
CASES = [
    (_set(("format",), "quorate-body/9"), "format: 'quorate-body/1' was expected"),
    (_delete(("body", "name")), "body: 'name' is a required property"),
    (
        _set(("body", "slug"), "Test Board"),
        "body.slug: 'Test Board' is not lower-case letters and digits, joined by hyphens",
    ),
    (
        _set(("body", "short_name"), "X" * 21),
        "body.short_name: 'XXXXXXXXXXXXXXXXXXXXX' is too long",
    ),
    (
        _set(("body", "meets_in_public"), "yes"),
        "body.meets_in_public: 'yes' is not of type 'boolean'",
    ),
    (
        _set(("body", "colour"), "blue"),
        "body: Additional properties are not allowed ('colour' was unexpected)",
    ),
    (_set(("organisations", 0, "kind"), "parish"), "organisations[0].kind: 'parish' is not one of"),
    (_set(("seats",), []), "seats: [] should be non-empty"),
    (_set(("seats", 1, "max_holders"), 0), "seats[1].max_holders: 0 is less than the minimum of 1"),
    (_set(("seats", 1, "role"), "president"), "seats[1].role: 'president' is not one of"),
    (
        _set(("seats", 1, "organisation"), "lcx"),
        "seats[1].organisation: no organisation 'lcx' is listed under organisations",
    ),
    (
        _set(("seats", 1, "categories"), ["clinical"]),
        "seats[1].categories: no category 'clinical' is listed under categories",
    ),
    (_set(("seats", 1, "key"), "chair"), "seats[1].key: 'chair' is used by an earlier seat"),
    (
        _set(("body", "secretariat_organisation"), "nhse"),
        "body.secretariat_organisation: no organisation 'nhse'",
    ),
    (_set(("terms", 0, "status"), "adopted"), "terms[0].status: 'adopted' is not one of"),
    (_delete(("terms", 0, "approved_on")), "terms[0]: 'approved_on' is a required property"),
    (
        _set(("terms", 0, "effective_from"), "soon"),
        "terms[0].effective_from: 'soon' is not a date such as 2026-12-31",
    ),
    (
        _set(("terms", 0, "effective_from"), "2025-02-30"),
        "terms[0].effective_from: '2025-02-30' is not a real date",
    ),
    (
        _set((*RULES, "notice", "working_days"), -1),
        "terms[0].rules.notice.working_days: -1 is less than the minimum of 0",
    ),
    (
        _set((*RULES, "notice", "counting"), "calendar_days"),
        "terms[0].rules.notice.counting: 'calendar_days' is not one of",
    ),
    (
        _set((*RULES, "notice", "cutoff"), "5pm"),
        "terms[0].rules.notice.cutoff: '5pm' is not a time such as \"17:00\"",
    ),
    (
        _set((*RULES, "notice"), {"working_days": 5, "days": 7}),
        "terms[0].rules.notice: give the period as working_days or as days, not both",
    ),
    (
        _set((*RULES, "notice"), {"cutoff": "17:00"}),
        "terms[0].rules.notice: give the period as working_days (or as days, where every day "
        "counts)",
    ),
    (
        _set((*RULES, "notice"), {"working_days": 5, "counting": "clear_days"}),
        "terms[0].rules.notice.counting: 'clear_days' counts days: give the period as days",
    ),
    (
        _set((*RULES, "notice"), {"days": 7, "counting": "clear_working_days"}),
        "terms[0].rules.notice.counting: 'clear_working_days' counts working_days: give the "
        "period as working_days",
    ),
    (
        _set((*RULES, "notice"), {"days": 7, "extraordinary_working_days": 2}),
        "terms[0].rules.notice.extraordinary_working_days: give the extraordinary period in "
        "the same kind of days",
    ),
    (
        _set(
            (*RULES, "notice"),
            {"working_days": 5, "extraordinary_working_days": 2, "extraordinary_hours": 48},
        ),
        "terms[0].rules.notice.extraordinary_hours: give the extraordinary period in days or hours",
    ),
    (
        _set((*RULES, "notice"), {"days": 7, "extraordinary_hours": 0}),
        "terms[0].rules.notice.extraordinary_hours: 0 is less than the minimum of 1",
    ),
    (
        _set((*RULES, "quorum", 0, "minimum"), {"fraction": "1/2"}),
        "terms[0].rules.quorum[0].minimum",
    ),
    (
        _set((*RULES, "quorum", 0, "minimum"), {"fraction": "half", "of": "voting_seats"}),
        "terms[0].rules.quorum[0].minimum.fraction: 'half' is not a fraction such as \"3/4\"",
    ),
    (
        _set((*RULES, "quorum", 0, "requirements", 0), {"label": "someone"}),
        "terms[0].rules.quorum[0].requirements[0]",
    ),
    (
        _set((*RULES, "quorum", 0, "requirements", 0, "seats"), ["treasurer"]),
        "terms[0].rules.quorum[0].requirements[0]: no seat 'treasurer' on this body",
    ),
    (
        _set((*RULES, "quorum", 0, "requirements", 0, "categories"), ["clinical"]),
        "terms[0].rules.quorum[0].requirements[0]: no category 'clinical' on this body",
    ),
    (
        _set((*RULES, "quorum", 0, "business"), ["decisions"]),
        "terms[0].rules.quorum[0].business: no business type 'decisions'",
    ),
    (
        _set((*RULES, "deputies"), {"permission": "sometimes"}),
        "terms[0].rules.deputies.permission: 'sometimes' is not one of",
    ),
    (
        _set((*RULES, "voting"), {"majority_of": "everyone"}),
        "terms[0].rules.voting.majority_of: 'everyone' is not one of",
    ),
    (
        _set(
            (*RULES, "voting"),
            {
                "partners": [
                    {"name": "the Council", "organisations": ["lcc"]},
                    {"name": "the CCGs", "organisations": ["wlccg"]},
                ]
            },
        ),
        "terms[0].rules.voting.partners[1]: no organisation 'wlccg' on this body",
    ),
    (
        _set((*RULES, "voting"), {"partners": [{"name": "the Council", "organisations": ["lcc"]}]}),
        "terms[0].rules.voting.partners: [{'name': 'the Council', 'organisations': ['lcc']}] is "
        "too short",
    ),
    (
        _set((*RULES, "remote_attendance"), {"counts": False}),
        "terms[0].rules.remote_attendance: Additional properties are not allowed ('counts' was "
        "unexpected)",
    ),
    (
        _set((*RULES, "remote_attendance"), {"may_vote": "no"}),
        "terms[0].rules.remote_attendance.may_vote: 'no' is not of type 'boolean'",
    ),
    (
        _set((*RULES, "inquorate"), {"then": "the meeting is abandoned"}),
        "terms[0].rules.inquorate: say what follows: wait_minutes (with then), during, or both",
    ),
    (
        _set((*RULES, "inquorate"), {"during": "the Chair adjourns it", "then": "it is off"}),
        "terms[0].rules.inquorate.then: give wait_minutes, the time it waits",
    ),
    (
        _set((*RULES, "inquorate"), {"wait_minutes": 0}),
        "terms[0].rules.inquorate.wait_minutes: 0 is less than the minimum of 1",
    ),
    (
        _set((*RULES, "voting"), {"fraction": "3/2"}),
        "terms[0].rules.voting.fraction: a share: at most 1",
    ),
    (
        _set((*RULES, "voting"), {"fraction": "1/1"}),
        "terms[0].rules.voting.more_than: no motion gets more than every vote: for unanimity, "
        "false",
    ),
    (
        _set((*RULES, "voting"), {"for_business": [{"fraction": "2/3"}]}),
        "terms[0].rules.voting.for_business[0]: 'business' is a required property",
    ),
    (
        _set((*RULES, "voting"), {"for_business": [{"business": ["budget"]}]}),
        "terms[0].rules.voting.for_business[0].business: no business type 'budget'",
    ),
    (
        _set((*RULES, "voting"), {"for_business": [{"business": ["all"]}] * 2}),
        "terms[0].rules.voting.for_business[1].business: 'all' already has its own voting rule",
    ),
    (
        _set((*RULES, "voting"), {"for_business": [{"business": ["all"], "fraction": "5/4"}]}),
        "terms[0].rules.voting.for_business[0].fraction: a share: at most 1",
    ),
    (
        _set((*RULES, "chair"), {"kind": "rotating"}),
        "terms[0].rules.chair: 'sides' is a required property",
    ),
    (
        _set((*RULES, "chair"), {"kind": "fixed", "seats": ["president"]}),
        "terms[0].rules.chair: no seat 'president' on this body",
    ),
    (
        _set((*RULES, "calendar"), {"nation": "wales"}),
        "terms[0].rules.calendar.nation: 'wales' is not one of",
    ),
]


@pytest.mark.parametrize(("change", "problem"), CASES, ids=[p[:50] for _, p in CASES])
def test_each_problem_names_the_file_the_place_and_the_problem(change, problem):
    with pytest.raises(BodyFileError) as raised:
        load(broken(change))
    assert f"broken.yaml: {problem}" in str(raised.value)


def test_every_problem_is_reported_at_once():
    def two_problems(data):
        data["seats"][1]["max_holders"] = 0
        data["organisations"][0]["kind"] = "parish"

    with pytest.raises(BodyFileError) as raised:
        load(broken(two_problems))
    assert len(raised.value.problems) == 2


def test_a_partner_unknown_to_the_body_is_reported_once_where_it_is_written():
    """A rule for some business only takes the body's partners without reporting them
    again; partners it names itself are checked where it names them."""
    council = {"name": "the Council", "organisations": ["lcc"]}

    def change(data):
        rules = data["terms"][0]["rules"]
        rules["business_types"] = [
            {"key": "budget", "name": "Budget"},
            {"key": "plan", "name": "Plan"},
        ]
        rules["voting"] = {
            "partners": [council, {"name": "the CCGs", "organisations": ["wlccg"]}],
            "for_business": [
                {"business": ["budget"], "fraction": "2/3"},
                {
                    "business": ["plan"],
                    "partners": [council, {"name": "X", "organisations": ["x"]}],
                },
            ],
        }

    with pytest.raises(BodyFileError) as raised:
        load(broken(change))
    message = str(raised.value)
    assert message.count("no organisation 'wlccg'") == 1
    assert "terms[0].rules.voting.partners[1]: no organisation 'wlccg'" in message
    assert "terms[0].rules.voting.for_business[1].partners[1]: no organisation 'x'" in message


def test_a_file_that_is_not_yaml_is_refused():
    with pytest.raises(BodyFileError, match=r"broken\.yaml: is not valid YAML"):
        bodyfile.load_text("body: [unclosed", "broken.yaml")


def test_a_missing_file_is_refused_by_name(tmp_path):
    with pytest.raises(BodyFileError, match=r"nowhere\.yaml: cannot be read"):
        bodyfile.read(tmp_path / "nowhere.yaml")


def test_two_approved_versions_are_refused():
    def second(data):
        data["terms"].append({**data["terms"][0], "version": "v2"})

    with pytest.raises(BodyFileError, match="only one version may be approved"):
        load(broken(second))


def test_bodies_are_ordered_after_the_bodies_they_report_to():
    files = [bodyfile.read(p) for p in bodyfile.shipped_paths()]
    order = [f.slug for f in bodyfile.in_dependency_order(files)]
    assert order.index("leicestershire-integration-executive") < order.index(
        "leicestershire-joint-commissioning-group"
    )


# The second edition's keys, misused: each refused with what to write instead. -------------

AUDIT = yaml.safe_load(
    (bodyfile.SHIPPED_DIR / "examples" / "trust-audit-committee.yaml").read_text()
)
AUDIT_RULES = ("terms", 0, "rules")


def _rules_update(**values):
    def change(data):
        data["terms"][0]["rules"].update(values)

    return change


def _add_requirement(spec):
    def change(data):
        data["terms"][0]["rules"]["quorum"][0]["requirements"].append(spec)

    return change


MISUSES = [
    (
        _set((*AUDIT_RULES, "quorum", 0, "any_of"), [{"minimum": {"number": 2}}] * 2),
        "rules.quorum[0].any_of: put minimum and requirements inside each alternative, not "
        "beside any_of",
    ),
    (
        _set((*AUDIT_RULES, "deputies", "agreement_of"), "co_chairs"),
        "rules.deputies.agreement_of: co_chairs needs a chair of kind co_chairs",
    ),
    (
        _rules_update(
            business_types=[{"key": "audit", "name": "audit"}],
            membership={
                "business_only": [{"seats": ["director-of-finance"], "business": ["audit"]}]
            },
        ),
        "rules.membership.business_only[0]: seat 'director-of-finance' is in attendance, not a "
        "member, at every meeting",
    ),
    (
        _add_requirement(
            {"label": "trust", "each_organisation_of_kind": "nhs_trust", "organisations": ["x"]}
        ),
        "give one of organisations or each_organisation_of_kind, not both",
    ),
    (
        _set(("seats", 1, "also_represents"), ["northfield-nhs-ft"]),
        "seats[1].also_represents: 'northfield-nhs-ft' is the seat's own organisation",
    ),
    (
        _set((*AUDIT_RULES, "obligations", 0, "every_months"), 3),
        "rules.obligations[0]: give after_each_meeting or every_months",
    ),
    (
        _set((*AUDIT_RULES, "obligations", 1, "within_working_days"), 5),
        "rules.obligations[1]: within_working_days goes with after_each_meeting: true",
    ),
    (
        _set((*AUDIT_RULES, "obligations", 1, "key"), "report-to-board"),
        "rules.obligations[1].key: 'report-to-board' is used twice",
    ),
    (
        _add_requirement({"label": "ned", "more_than": True, "categories": ["ned"]}),
        "more_than goes with share_of_counted",
    ),
    (
        _add_requirement({"label": "ned", "share_of_counted": "3/2", "categories": ["ned"]}),
        "share_of_counted is a share: at most 1",
    ),
    (
        _add_requirement({"label": "Director of Finance", "seats": ["director-of-finance"]}),
        "seat 'director-of-finance' is in attendance and never counts",
    ),
    (
        _set((*AUDIT_RULES, "chair", "seats"), ["company-secretary"]),
        "rules.chair: seat 'company-secretary' is in attendance, so cannot chair",
    ),
    (
        _set((*AUDIT_RULES, "chair", "kind"), "co_chairs"),
        "rules.chair.seats: co-chairs need two seats or more",
    ),
    (
        _add_requirement({"label": "x", "each_organisation_of_kind": "ccg"}),
        "no organisation of kind 'ccg' has a seat",
    ),
    (
        _rules_update(decisions_outside_meetings={"allowed": True, "valid_when": "share"}),
        "valid_when: share needs 'share', such as \"2/3\"",
    ),
    (_rules_update(attendance={"share": "4/3"}), "rules.attendance.share: a share of meetings"),
    (
        _rules_update(attendance={"share": "most"}),
        "rules.attendance.share: 'most' is not a fraction such as \"3/4\"",
    ),
]


@pytest.mark.parametrize(("change", "problem"), MISUSES)
def test_each_misuse_of_the_second_editions_keys_is_refused_with_a_sentence(change, problem):
    data = copy.deepcopy(AUDIT)
    change(data)
    with pytest.raises(BodyFileError) as raised:
        bodyfile.load_text(yaml.safe_dump(data), "audit.yaml")
    assert problem in str(raised.value)
