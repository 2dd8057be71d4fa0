"""The rule language: a body's rules document (the ``rules`` of a terms-of-reference version,
written in its body file) read into the engines' inputs, and said back in plain English.

The document's shape is described in ``governance/bodies/README.md`` and checked by
``governance/bodies/schema.json`` before it gets here; ``parse`` checks what a schema cannot:
that every seat, category and organisation it names exists.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .attendance import (
    Attendance,
    BusinessOnly,
    DeputyCounts,
    DeputyPermission,
    DeputyPolicy,
    Membership,
    RemoteAttendance,
)
from .calendar import Nation, NoticeCounting, NoticePolicy, WorkingCalendar
from .chair import ChairArrangements, ChairKind, Deputising, RotationSide
from .obligations import KIND_WORDS, Kind, Obligation
from .quorum import (
    Base,
    ChairCounting,
    Minimum,
    QuorumResult,
    QuorumRule,
    Requirement,
    Rounding,
    evaluate,
)
from .resolutions import ResolutionRule, ValidWhen
from .voting import Electorate, MajorityOf, Partner, VotingPolicy, eligible_voters
from .words import clock_time, join, number, sentence_case, times
from .words import share as share_words


class RulesError(ValueError):
    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("; ".join(f"{where}: {what}" for where, what in problems))


@dataclass(frozen=True)
class Names:
    """What the rules may refer to: the body's seats, categories and organisations."""

    seats: dict[str, str] = field(default_factory=dict)  # key -> title
    categories: dict[str, str] = field(default_factory=dict)  # slug -> name
    organisations: dict[str, str] = field(default_factory=dict)  # slug -> name
    organisation_kinds: dict[str, str] = field(default_factory=dict)  # slug -> kind
    in_attendance: tuple[str, ...] = ()  # keys of seats that attend but are not members


@dataclass(frozen=True)
class BusinessType:
    key: str
    name: str


@dataclass(frozen=True)
class MinutesPolicy:
    draft_to_chair_working_days: int | None = None
    circulate_working_days: int | None = None
    clause: str = ""


@dataclass(frozen=True)
class DecisionsPolicy:
    """The notice of a meeting's decisions: published within ``notice_working_days`` of the
    meeting; a decision may be called in for ``call_in_working_days`` after the notice is
    published, and carried out only once that period has ended."""

    notice_working_days: int | None = None
    call_in_working_days: int | None = None
    clause: str = ""


@dataclass(frozen=True)
class Frequency:
    every_months: int | None = None
    at_least_per_year: int | None = None
    clause: str = ""


@dataclass(frozen=True)
class ReviewCycle:
    first_after_months: int | None = None
    then_every_months: int = 12
    by: str = ""
    clause: str = ""


@dataclass(frozen=True)
class DelegatedLimit:
    amount: int
    description: str
    clause: str = ""


@dataclass(frozen=True)
class ConflictsPolicy:
    """Who decides whether a conflicted member takes part; ``decided_by`` empty where the
    terms give no one the decision (they refer members to a policy instead)."""

    decided_by: str = "the Chair"
    policy: str = ""
    assumed: bool = False
    clause: str = ""


@dataclass(frozen=True)
class Inquorate:
    """What the terms say follows when the meeting is not quorate: "If a quorum is not present
    within fifteen minutes of the start, the meeting stands adjourned"; "if the quorum is
    lost during the meeting, the Chair adjourns it"."""

    wait_minutes: int | None = None
    then: str = ""
    during: str = ""
    clause: str = ""

    def sentences(self, starts_at: datetime.datetime | None = None) -> tuple[str, ...]:
        """As the terms page states them; given the meeting's start, with the time by which
        it must be quorate."""
        said = []
        if self.wait_minutes is not None:
            when = f"{self.wait_minutes} minutes after its start"
            if starts_at is not None:
                by = starts_at + datetime.timedelta(minutes=self.wait_minutes)
                when = f"by {clock_time(by)} ({when})"
            said.append(
                f"If the meeting is not quorate {when}, {self.then or 'it does not go ahead'}."
            )
        if self.during:
            said.append(f"If the quorum is lost during the meeting, {self.during}.")
        return tuple(said)


@dataclass(frozen=True)
class AttendanceExpectation:
    """What the terms expect of each member's attendance."""

    share: Fraction | None = None  # "at least three-quarters of meetings"
    apologies_in_advance: bool = False
    # "A member who fails to attend three consecutive meetings …": the limit, what follows,
    # and whether a deputy attending for the member is attending.
    missed_in_a_row: int | None = None
    missed_then: str = ""
    deputy_attends_for_member: bool = False
    remote_attends: bool = True  # False: attending remotely is not attending, for these
    assumed: bool = False
    clause: str = ""

    def describe(self) -> str:
        parts = []
        if self.share is not None:
            parts.append(
                f"Members are expected to attend at least {share_words(self.share)} of the meetings"
            )
        elif self.missed_in_a_row is None or self.apologies_in_advance:
            parts.append("Members are expected to attend every meeting")
        if self.apologies_in_advance:
            parts.append("or to send their apologies in advance")
        sentences = [" ".join(parts) + "."] if parts else []
        if self.missed_in_a_row is not None:
            how = "in person or by a deputy" if self.deputy_attends_for_member else "in person"
            then = self.missed_then or "the secretariat tells the chair"
            sentences.append(
                f"If a member does not attend {number(self.missed_in_a_row)} meetings in a row "
                f"{how}, {then}."
            )
        if not self.remote_attends:
            sentences.append("Attending remotely is not attending, for this expectation.")
        return " ".join(sentences)


@dataclass(frozen=True)
class StandingItem:
    title: str
    purpose: str = "information"


DEFAULT_OPENING = (
    StandingItem("Welcome and apologies"),
    StandingItem("Declarations of interest"),
    StandingItem("Minutes of the previous meeting and matters arising", "approval"),
    StandingItem("Action log", "assurance"),
)
DEFAULT_CLOSING = (StandingItem("Any other business", "discussion"),)


@dataclass(frozen=True)
class AgendaTemplate:
    """The standing items that open and close every agenda, and when papers are due from
    their authors: so many working days before the publish-by deadline."""

    opening: tuple[StandingItem, ...] = DEFAULT_OPENING
    closing: tuple[StandingItem, ...] = DEFAULT_CLOSING
    papers_due_working_days: int = 3
    # "The agenda will be agreed by the Chair and Vice Chairs": a recorded step before
    # publication; empty where the terms ask for none.
    agreed_by: str = ""
    agreed_clause: str = ""


@dataclass(frozen=True)
class BodyRules:
    business_types: tuple[BusinessType, ...]
    quorum: tuple[QuorumRule, ...]
    deputies: DeputyPolicy
    notice: NoticePolicy | None
    calendar: WorkingCalendar
    voting: VotingPolicy
    chair: ChairArrangements
    voting_by_business: tuple[VotingPolicy, ...] = ()
    conflicts: ConflictsPolicy | None = None
    minutes: MinutesPolicy | None = None
    decisions: DecisionsPolicy | None = None
    frequency: Frequency | None = None
    review: ReviewCycle | None = None
    delegated_limits: tuple[DelegatedLimit, ...] = ()
    decisions_outside_meetings: ResolutionRule | None = None
    agenda: AgendaTemplate = AgendaTemplate()
    members_only_for: dict[str, BusinessOnly] = field(default_factory=dict)
    obligations: tuple[Obligation, ...] = ()
    attendance: AttendanceExpectation | None = None
    inquorate: Inquorate | None = None
    remote: RemoteAttendance | None = None

    def judge(
        self, membership: Membership, attendance: Attendance, business_key: str | None = None
    ) -> QuorumResult:
        """The quorum for an item of this business: its rule, its membership (a member only
        for other business is in attendance), the deputy policy. Every caller comes here."""
        business = self.business(business_key)
        return evaluate(
            self.quorum_rule_for(business.key),
            self.membership_for(membership, business.key),
            self.attending(attendance),
            self.deputies,
            business=business.name,
        )

    def electorate(
        self, membership: Membership, attendance: Attendance, business_key: str | None = None
    ) -> Electorate:
        """Who may vote on an item of this business, by the same standing as the quorum."""
        business = self.business(business_key)
        return eligible_voters(
            self.attending(attendance), self.membership_for(membership, business.key), self.deputies
        )

    def attending(self, attendance: Attendance) -> Attendance:
        """The attendance with what the terms say of those attending remotely."""
        if self.remote is None:
            return attendance
        return dataclasses.replace(attendance, remote_rule=self.remote)

    def membership_for(self, membership: Membership, business_key: str) -> Membership:
        """The members for an item of this business: a seat that is a member only for other
        business is, for this item, in attendance."""
        return membership.for_business(business_key, self.members_only_for)

    def all_obligations(self) -> tuple[Obligation, ...]:
        """The obligations the file lists, with the review of the terms and the chair's term
        of office as obligations too."""
        derived = []
        if self.review:
            derived.append(
                Obligation(
                    key="review-terms",
                    kind=Kind.REVIEW_TERMS,
                    what="review of the terms of reference",
                    by=self.review.by or "the body",
                    every_months=self.review.then_every_months,
                    first_after_months=self.review.first_after_months,
                    clause=self.review.clause,
                )
            )
        if self.chair.term_months:
            derived.append(
                Obligation(
                    key="chair-appointment",
                    kind=Kind.CHAIR_APPOINTMENT,
                    what="appointment (or reappointment) of the chair",
                    by="the body",
                    every_months=self.chair.term_months,
                    clause=self.chair.clause,
                )
            )
        return (*derived, *self.obligations)

    @property
    def default_business(self) -> BusinessType:
        return self.business_types[0]

    def business(self, key: str | None) -> BusinessType:
        if key is None:
            return self.default_business
        for business in self.business_types:
            if business.key == key:
                return business
        known = join((f"'{b.key}'" for b in self.business_types), "or")
        raise ValueError(f"There is no business type '{key}': use {known}.")

    def voting_for(self, business_key: str | None = None) -> VotingPolicy:
        """The voting rule for an item of this business: its own, or the body's rule."""
        key = self.business(business_key).key
        return next((v for v in self.voting_by_business if v.applies_to(key)), self.voting)

    def quorum_rule_for(self, business_key: str) -> QuorumRule | None:
        return next((rule for rule in self.quorum if rule.applies_to(business_key)), None)


ALL_BUSINESS = BusinessType("all", "all business")


def parse(document: dict[str, Any], names: Names) -> BodyRules:
    """Read a rules document; raise RulesError listing every unknown reference."""
    reader = _Reader(names)
    rules = reader.rules(document or {})
    if reader.problems:
        raise RulesError(reader.problems)
    return rules


class _Reader:
    def __init__(self, names: Names):
        self.names = names
        self.problems: list[tuple[str, str]] = []

    def known(self, where: str, kind: str, values, table: dict[str, str]) -> frozenset[str]:
        for value in values:
            if value not in table:
                self.problems.append((where, f"no {kind} '{value}' on this body"))
        return frozenset(values)

    def members_only(self, where: str, keys, why: str) -> None:
        for key in keys:
            if key in self.names.in_attendance:
                self.problems.append((where, f"seat '{key}' {why}"))

    def seat_list(self, where: str, keys: list[str]) -> tuple[str, ...]:
        self.known(where, "seat", keys, self.names.seats)
        return tuple(keys)

    def rules(self, doc: dict) -> BodyRules:
        types = tuple(BusinessType(t["key"], t["name"]) for t in doc.get("business_types", [])) or (
            ALL_BUSINESS,
        )
        type_keys = {t.key for t in types}
        quorum = tuple(
            self.quorum_rule(rule, f"rules.quorum[{i}]", type_keys)
            for i, rule in enumerate(doc.get("quorum", []))
        )
        calendar = doc.get("calendar", {})
        obligations = tuple(
            self.obligation(o, f"rules.obligations[{i}]")
            for i, o in enumerate(doc.get("obligations", []))
        )
        keys = [o.key for o in obligations]
        for i, key in enumerate(keys):
            if key in keys[:i]:
                self.problems.append((f"rules.obligations[{i}].key", f"'{key}' is used twice"))
        rules = BodyRules(
            business_types=types,
            quorum=quorum,
            deputies=self.deputies(doc.get("deputies", {})),
            notice=self.notice(doc["notice"]) if "notice" in doc else None,
            calendar=WorkingCalendar(
                nation=Nation(calendar.get("nation", Nation.ENGLAND_AND_WALES)),
                closures=frozenset(_date(d) for d in calendar.get("closures", [])),
            ),
            voting=self.voting(doc.get("voting", {"assumed": True}), "rules.voting"),
            voting_by_business=self.voting_by_business(doc.get("voting", {}), type_keys),
            chair=self.chair(doc.get("chair", {}), "rules.chair"),
            conflicts=self.conflicts(doc["conflicts"]) if "conflicts" in doc else None,
            minutes=MinutesPolicy(**doc["minutes"]) if "minutes" in doc else None,
            decisions=DecisionsPolicy(**doc["decisions"]) if "decisions" in doc else None,
            frequency=Frequency(**doc["frequency"]) if "frequency" in doc else None,
            review=ReviewCycle(**doc["review"]) if "review" in doc else None,
            delegated_limits=tuple(DelegatedLimit(**d) for d in doc.get("delegated_limits", [])),
            decisions_outside_meetings=(
                self.resolutions(doc["decisions_outside_meetings"])
                if "decisions_outside_meetings" in doc
                else None
            ),
            agenda=self.agenda(doc.get("agenda", {})),
            members_only_for=self.business_only(doc.get("membership", {}), types),
            obligations=obligations,
            attendance=self.attendance(doc["attendance"]) if "attendance" in doc else None,
            inquorate=self.inquorate(doc["inquorate"]) if "inquorate" in doc else None,
            remote=RemoteAttendance(**doc["remote_attendance"])
            if "remote_attendance" in doc
            else None,
        )
        if rules.deputies.agreement_of == "co_chairs" and rules.chair.kind != ChairKind.CO_CHAIRS:
            self.problems.append(
                (
                    "rules.deputies.agreement_of",
                    "co_chairs needs a chair of kind co_chairs (say chair for the chair's)",
                )
            )
        return rules

    def conflicts(self, doc: dict) -> ConflictsPolicy:
        return ConflictsPolicy(
            decided_by=doc.get("decided_by") or "",
            policy=doc.get("policy", ""),
            assumed=doc.get("assumed", False),
            clause=doc.get("clause", ""),
        )

    def resolutions(self, doc: dict) -> ResolutionRule:
        valid_when = ValidWhen(doc.get("valid_when", ValidWhen.QUORUM_IN_FAVOUR))
        where = "rules.decisions_outside_meetings"
        if valid_when == ValidWhen.SHARE and "share" not in doc:
            self.problems.append((where, "valid_when: share needs 'share', such as \"2/3\""))
        if valid_when == ValidWhen.NUMBER and "number" not in doc:
            self.problems.append((where, "valid_when: number needs 'number'"))
        decided_by = self.seat_list(f"{where}.decided_by", doc.get("decided_by", []))
        after_consulting = self.seat_list(
            f"{where}.after_consulting", doc.get("after_consulting", [])
        )
        self.members_only(f"{where}.decided_by", decided_by, "attends but is not a member")
        if valid_when == ValidWhen.NAMED and not decided_by:
            self.problems.append(
                (where, "valid_when: named needs 'decided_by', the seats that decide")
            )
        if valid_when != ValidWhen.NAMED and (decided_by or after_consulting):
            self.problems.append(
                (where, "decided_by and after_consulting go with valid_when: named")
            )
        return ResolutionRule(
            allowed=doc.get("allowed", False),
            valid_when=valid_when,
            share=Fraction(doc["share"]) if "share" in doc else None,
            more_than=doc.get("more_than", False),
            number=doc.get("number"),
            deputies_may_respond=doc.get("deputies_may_respond", False),
            conflicted_excluded=doc.get("conflicted_excluded", True),
            decided_by=decided_by,
            after_consulting=after_consulting,
            assumed=doc.get("assumed", False),
            clause=doc.get("clause", ""),
        )

    def business_only(self, doc: dict, types) -> dict[str, BusinessOnly]:
        names = {t.key: t.name for t in types}
        result = {}
        for i, spec in enumerate(doc.get("business_only", [])):
            where = f"rules.membership.business_only[{i}]"
            seats = self.seat_list(where, spec["seats"])
            self.members_only(where, seats, "is in attendance, not a member, at every meeting")
            for key in spec["business"]:
                if key not in names:
                    self.problems.append((where, f"no business type '{key}'"))
            phrase = "a member only for " + join(names.get(k, k) for k in spec["business"])
            for seat in seats:
                result[seat] = BusinessOnly(
                    frozenset(spec["business"]), phrase, spec.get("clause", "")
                )
        return result

    def obligation(self, doc: dict, where: str) -> Obligation:
        after_each, every = doc.get("after_each_meeting", False), doc.get("every_months")
        if not after_each and not every:
            self.problems.append((where, "say when: every_months, or after_each_meeting: true"))
        if after_each and (every or doc.get("first_after_months")):
            self.problems.append(
                (
                    where,
                    "give after_each_meeting or every_months (with first_after_months), not both",
                )
            )
        if not after_each and "within_working_days" in doc:
            self.problems.append((where, "within_working_days goes with after_each_meeting: true"))
        return Obligation(
            key=doc["key"],
            kind=Kind(doc["kind"]),
            what=doc["what"],
            to=doc.get("to", ""),
            by=doc.get("by", "the secretariat"),
            every_months=doc.get("every_months"),
            first_after_months=doc.get("first_after_months"),
            after_each_meeting=doc.get("after_each_meeting", False),
            within_working_days=doc.get("within_working_days", 10),
            assumed=doc.get("assumed", False),
            clause=doc.get("clause", ""),
        )

    def inquorate(self, doc: dict) -> Inquorate:
        if "wait_minutes" not in doc and "during" not in doc:
            self.problems.append(
                ("rules.inquorate", "say what follows: wait_minutes (with then), during, or both")
            )
        elif "then" in doc and "wait_minutes" not in doc:
            self.problems.append(("rules.inquorate.then", "give wait_minutes, the time it waits"))
        return Inquorate(
            wait_minutes=doc.get("wait_minutes"),
            then=doc.get("then", ""),
            during=doc.get("during", ""),
            clause=doc.get("clause", ""),
        )

    def attendance(self, doc: dict) -> AttendanceExpectation:
        share = Fraction(doc["share"]) if "share" in doc else None
        if share is not None and share > 1:
            self.problems.append(("rules.attendance.share", "a share of meetings: at most 1"))
        return AttendanceExpectation(
            share=share,
            apologies_in_advance=doc.get("apologies_in_advance", False),
            missed_in_a_row=doc.get("missed_in_a_row"),
            missed_then=doc.get("missed_then", ""),
            deputy_attends_for_member=doc.get("deputy_attends_for_member", False),
            remote_attends=doc.get("remote_attends", True),
            assumed=doc.get("assumed", False),
            clause=doc.get("clause", ""),
        )

    def agenda(self, doc: dict) -> AgendaTemplate:
        def items(key, default):
            if key not in doc:
                return default
            return tuple(
                StandingItem(i["title"], i.get("purpose", "information")) for i in doc[key]
            )

        return AgendaTemplate(
            opening=items("opening", DEFAULT_OPENING),
            closing=items("closing", DEFAULT_CLOSING),
            papers_due_working_days=doc.get("papers_due_working_days", 3),
            agreed_by=doc.get("agreed_by", ""),
            agreed_clause=doc.get("agreed_clause", ""),
        )

    def quorum_rule(self, doc: dict, where: str, type_keys: set[str]) -> QuorumRule:
        business = doc.get("business", ["*"])
        for key in business:
            if key != "*" and key not in type_keys:
                self.problems.append((f"{where}.business", f"no business type '{key}'"))
        if "any_of" in doc:
            beside = sorted(set(doc) & {"minimum", "requirements", "distinct", "counts"})
            if beside:
                self.problems.append(
                    (
                        f"{where}.any_of",
                        f"put {join(beside)} inside each alternative, not beside any_of",
                    )
                )
            return QuorumRule(
                name=doc["name"],
                business=frozenset(business),
                alternatives=tuple(
                    self.quorum_terms(
                        {"name": f"alternative {i + 1}", **alternative}, f"{where}.any_of[{i}]"
                    )
                    for i, alternative in enumerate(doc["any_of"])
                ),
                clause=doc.get("clause", ""),
            )
        return self.quorum_terms(doc, where, business)

    def quorum_terms(self, doc: dict, where: str, business=("*",)) -> QuorumRule:
        """A rule's minimum, requirements and counting: the whole rule, or one alternative."""
        minimum = None
        if "minimum" in doc:
            spec = doc["minimum"]
            if "fraction" in spec and Fraction(spec["fraction"]) > 1:
                self.problems.append((f"{where}.minimum.fraction", "a share: at most 1"))
            if "not_less_than" in spec and "number" in spec:
                self.problems.append(
                    (f"{where}.minimum.not_less_than", "a floor goes with a fraction, not a number")
                )
            minimum = Minimum(
                number=spec.get("number"),
                fraction=Fraction(spec["fraction"]) if "fraction" in spec else None,
                base=Base(spec.get("of", Base.FILLED_VOTING_SEATS)),
                rounding=Rounding(spec.get("rounding", Rounding.UP)),
                not_less_than=spec.get("not_less_than"),
            )
        requirements = []
        for i, spec in enumerate(doc.get("requirements", [])):
            requirements += self.requirements(spec, f"{where}.requirements[{i}]")
        distinct = doc.get("distinct", False)
        if distinct and any(r.share is not None for r in requirements):
            self.problems.append(
                (where, "a share of those counted cannot be met 'by different people' (distinct)")
            )
        counts = doc.get("counts", {})
        return QuorumRule(
            name=doc["name"],
            business=frozenset(business),
            minimum=minimum,
            requirements=tuple(requirements),
            distinct=distinct,
            voting_members_only=counts.get("voting_members_only", False),
            chair=ChairCounting(counts.get("chair", ChairCounting.WITHIN)),
            clause=doc.get("clause", ""),
        )

    def requirements(self, spec: dict, where: str) -> list[Requirement]:
        """One requirement, or one per organisation for ``each_organisation`` (listed) or
        ``each_organisation_of_kind`` (every organisation of that kind with a seat)."""
        names = self.names
        common = {
            "at_least": spec.get("at_least", 1),
            "article": spec.get("article", "a"),
            "categories": self.known(
                where, "category", spec.get("categories", []), names.categories
            ),
            "organisation_kinds": frozenset(spec.get("organisation_kinds", [])),
            "seats": self.known(where, "seat", spec.get("seats", []), names.seats),
            "share": Fraction(spec["share_of_counted"]) if "share_of_counted" in spec else None,
            "share_more_than": spec.get("more_than", True),
            "different_organisations": spec.get("different_organisations", 0),
        }
        self.members_only(where, common["seats"], "is in attendance and never counts")
        if common["share"] is not None and common["share"] > 1:
            self.problems.append((where, "share_of_counted is a share: at most 1"))
        if "more_than" in spec and common["share"] is None:
            self.problems.append((where, "more_than goes with share_of_counted"))
        ways = [
            k
            for k in ("organisations", "each_organisation", "each_organisation_of_kind")
            if k in spec
        ]
        if len(ways) > 1:
            self.problems.append((where, f"give one of {' or '.join(ways)}, not both"))
        label, plural = spec["label"], spec.get("plural", "")
        each = spec.get("each_organisation")
        if "each_organisation_of_kind" in spec:
            kind = spec["each_organisation_of_kind"]
            each = [slug for slug, k in names.organisation_kinds.items() if k == kind]
            if not each:
                self.problems.append((where, f"no organisation of kind '{kind}' has a seat"))
        if each is None:
            organisations = self.known(
                where, "organisation", spec.get("organisations", []), names.organisations
            )
            return [Requirement(noun=label, plural=plural, organisations=organisations, **common)]
        self.known(where, "organisation", each, names.organisations)
        return [
            Requirement(
                noun=label.format(organisation=names.organisations.get(slug, slug)),
                plural=plural.format(organisation=names.organisations.get(slug, slug)),
                organisations=frozenset({slug}),
                **common,
            )
            for slug in each
        ]

    def deputies(self, doc: dict) -> DeputyPolicy:
        return DeputyPolicy(
            permission=DeputyPermission(doc.get("permission", DeputyPermission.ALLOWED)),
            designated_seats_only=doc.get("designated_seats_only", False),
            nominated_only=doc.get("nominated_only", False),
            may_vote=doc.get("may_vote", True),
            counts_for_quorum=DeputyCounts(doc.get("counts_for_quorum", DeputyCounts.ALWAYS)),
            fills_requirements=doc.get("fills_requirements", True),
            may_replace_withdrawn=doc.get("may_replace_withdrawn", False),
            for_vacant_seats=doc.get("for_vacant_seats", False),
            agreement_of=doc.get("agreement_of", "chair"),
            assumed=doc.get("assumed", False),
            clause=doc.get("clause", ""),
        )

    def notice(self, doc: dict) -> NoticePolicy:
        """The period is in working days (``working_days``) or in days of every kind
        (``days``), and ``counting`` must count the same kind."""
        where = "rules.notice"
        hours, minutes = map(int, doc.get("cutoff", "17:00").split(":"))
        every_day = "days" in doc
        if every_day and "working_days" in doc:
            self.problems.append((where, "give the period as working_days or as days, not both"))
        elif not every_day and "working_days" not in doc:
            self.problems.append(
                (where, "give the period as working_days (or as days, where every day counts)")
            )
        default = NoticeCounting.DAYS_BEFORE if every_day else NoticeCounting.WORKING_DAYS_BEFORE
        counting = NoticeCounting(doc.get("counting", default))
        if counting.every_day != every_day:
            wanted = "days" if counting.every_day else "working_days"
            self.problems.append(
                (f"{where}.counting", f"'{counting}' counts {wanted}: give the period as {wanted}")
            )
        extraordinary = doc.get("extraordinary_days" if every_day else "extraordinary_working_days")
        misplaced = "extraordinary_working_days" if every_day else "extraordinary_days"
        if misplaced in doc:
            self.problems.append(
                (f"{where}.{misplaced}", "give the extraordinary period in the same kind of days")
            )
        if extraordinary is not None and "extraordinary_hours" in doc:
            self.problems.append(
                (f"{where}.extraordinary_hours", "give the extraordinary period in days or hours")
            )
        return NoticePolicy(
            days=doc.get("days", doc.get("working_days", 0)),
            counting=counting,
            cutoff=datetime.time(hours, minutes),
            extraordinary_days=extraordinary,
            extraordinary_hours=doc.get("extraordinary_hours"),
            late_needs_chair_authorisation=doc.get("late_needs_chair_authorisation", True),
            public_copy_same_deadline=doc.get("public_copy_same_deadline", True),
            assumed=doc.get("assumed", False),
            clause=doc.get("clause", ""),
        )

    def voting(self, doc: dict, where: str, business=("*",), own=None) -> VotingPolicy:
        """``own``: for a rule for some business only, what its entry says itself; the rest
        is the body's rule, whose partners are checked, and reported, there once."""
        policy = VotingPolicy(
            consensus_first=doc.get("consensus_first", True),
            majority_of=MajorityOf(doc.get("majority_of", MajorityOf.VOTES_CAST)),
            fraction=Fraction(doc.get("fraction", "1/2")),
            more_than=doc.get("more_than", True),
            casting_vote=doc.get("casting_vote", False),
            if_not_carried=doc.get("if_not_carried", ""),
            assumed=doc.get("assumed", False),
            clause=doc.get("clause", ""),
            business=frozenset(business),
            partners=self.partners(
                doc.get("partners", []), where, check=own is None or "partners" in own
            ),
        )
        if policy.fraction > 1:
            self.problems.append((f"{where}.fraction", "a share: at most 1"))
        elif policy.fraction == 1 and policy.more_than:
            self.problems.append(
                (f"{where}.more_than", "no motion gets more than every vote: for unanimity, false")
            )
        return policy

    def partners(self, specs: list, where: str, check: bool) -> tuple[Partner, ...]:
        return tuple(
            Partner(
                spec["name"],
                self.known(
                    f"{where}.partners[{i}]",
                    "organisation",
                    spec["organisations"],
                    self.names.organisations,
                )
                if check
                else frozenset(spec["organisations"]),
            )
            for i, spec in enumerate(specs)
        )

    def voting_by_business(self, doc: dict, type_keys: set[str]) -> tuple[VotingPolicy, ...]:
        """The rule for some business only: what the entry does not say is as the body's
        rule says."""
        general = {k: v for k, v in doc.items() if k not in ("for_business", "assumed", "clause")}
        policies, seen = [], set()
        for i, entry in enumerate(doc.get("for_business", [])):
            where = f"rules.voting.for_business[{i}]"
            for key in entry["business"]:
                if key not in type_keys:
                    self.problems.append((f"{where}.business", f"no business type '{key}'"))
                elif key in seen:
                    self.problems.append(
                        (f"{where}.business", f"'{key}' already has its own voting rule")
                    )
                seen.add(key)
            rest = {k: v for k, v in entry.items() if k != "business"}
            policies.append(self.voting(general | rest, where, entry["business"], own=rest))
        return tuple(policies)

    def chair(self, doc: dict, where: str) -> ChairArrangements:
        sides = tuple(
            RotationSide(
                name=side["name"],
                organisations=self.known(
                    f"{where}.sides[{i}]",
                    "organisation",
                    side["organisations"],
                    self.names.organisations,
                ),
                chair_seat=self.seat_list(f"{where}.sides[{i}]", [side["chair_seat"]])[0],
            )
            for i, side in enumerate(doc.get("sides", []))
        )
        kind = ChairKind(doc.get("kind", ChairKind.FIXED))
        chair_seats = self.seat_list(where, doc.get("seats", []))
        self.members_only(
            where, (*chair_seats, *doc.get("vice_chairs", [])), "is in attendance, so cannot chair"
        )
        if kind == ChairKind.CO_CHAIRS and len(chair_seats) < 2:
            self.problems.append((f"{where}.seats", "co-chairs need two seats or more"))
        return ChairArrangements(
            kind=kind,
            chair_seats=chair_seats,
            vice_chair_seats=self.seat_list(where, doc.get("vice_chairs", [])),
            sides=sides,
            rotation_months=doc.get("rotation_months", 6),
            rotation_starts=_date(doc["rotation_starts"]) if "rotation_starts" in doc else None,
            deputising=Deputising(doc.get("deputising", Deputising.VICE_CHAIRS)),
            term_months=doc.get("term_months"),
            assumed=doc.get("assumed", False),
            clause=doc.get("clause", ""),
        )


def _date(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


# Plain English ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Statement:
    heading: str
    sentences: tuple[str, ...]
    clause: str = ""
    assumed: bool = False


def describe(rules: BodyRules, names: Names) -> list[Statement]:
    """The rules as a clerk would explain them, each with the clause it comes from."""
    statements = [describe_quorum(rule, rules) for rule in rules.quorum] or [
        Statement("Quorum", ("The terms of reference set no quorum.",))
    ]
    statements += describe_membership(rules, names)
    statements.append(describe_deputies(rules.deputies))
    if rules.notice:
        statements.append(describe_notice(rules.notice))
    if rules.agenda.agreed_by:
        statements.append(
            Statement(
                "The agenda",
                (
                    f"The agenda is agreed by {rules.agenda.agreed_by} before it is "
                    "published; the secretariat records who agreed, and when.",
                ),
                rules.agenda.agreed_clause,
            )
        )
    statements.append(
        Statement("Voting", (rules.voting.describe(),), rules.voting.clause, rules.voting.assumed)
    )
    for policy in rules.voting_by_business:
        business = [b.name for b in rules.business_types if policy.applies_to(b.key)]
        statements.append(
            Statement(f"Voting on {join(business, 'and')}", (policy.describe(),), policy.clause)
        )
    statements.append(describe_chair(rules.chair, names))
    if rules.conflicts:
        statements.append(describe_conflicts(rules.conflicts))
    if rules.minutes:
        statements.append(describe_minutes(rules.minutes))
    if rules.decisions:
        statements.append(describe_decisions(rules.decisions))
    if rules.frequency:
        f = rules.frequency
        sentence = (
            (
                f"The body meets every {f.every_months} months."
                if (f.every_months or 1) > 1
                else "The body meets monthly."
            )
            if f.every_months
            else (f"The body meets at least {times(f.at_least_per_year)} a year.")
        )
        statements.append(Statement("Meetings", (sentence,), f.clause))
    if rules.inquorate:
        statements.append(
            Statement(
                "If the meeting is not quorate", rules.inquorate.sentences(), rules.inquorate.clause
            )
        )
    if rules.remote:
        statements.append(
            Statement("Attending remotely", (rules.remote.describe(),), rules.remote.clause)
        )
    if rules.attendance:
        a = rules.attendance
        statements.append(Statement("Attendance", (a.describe(),), a.clause, a.assumed))
    for obligation in rules.all_obligations():
        statements.append(
            Statement(
                KIND_WORDS[obligation.kind],
                (obligation.describe(),),
                obligation.clause,
                obligation.assumed,
            )
        )
    for limit in rules.delegated_limits:
        statements.append(
            Statement(
                "Delegated financial limit",
                (
                    f"Up to £{limit.amount:,}: {limit.description} A decision above the limit is "
                    "recorded as a recommendation to the body that holds the authority.",
                ),
                limit.clause,
            )
        )
    outside = rules.decisions_outside_meetings
    if outside and outside.allowed:
        statements.append(
            Statement(
                "Decisions outside meetings",
                (outside.describe(names.seats),),
                outside.clause,
                outside.assumed,
            )
        )
    return statements


def describe_quorum(rule: QuorumRule, rules: BodyRules) -> Statement:
    business = [b.name for b in rules.business_types if rule.applies_to(b.key)]
    heading = f"Quorum for {join(business, 'and')}" if "*" not in rule.business else "Quorum"
    if rule.alternatives:
        options = [_quorum_sentence(alternative) for alternative in rule.alternatives]
        sentences = [
            "The meeting is quorate with any one of these: "
            + "; or ".join(f"({chr(97 + i)}) {o}" for i, o in enumerate(options))
            + "."
        ]
    else:
        sentences = [f"The meeting is quorate with {_quorum_sentence(rule)}."]
        if rule.distinct:
            sentences.append("Each of these must be a different person.")
        if rule.chair == ChairCounting.IN_ADDITION:
            sentences.append("Whoever presides is counted in addition to the others.")
    who = "Only voting members count." if rule.voting_members_only else "Every member counts."
    sentences.append(
        f"{who} People in attendance who are not members never count, nor does a "
        "member withdrawn from an item for a conflict of interest, for that item."
    )
    return Statement(heading, tuple(sentences), rule.clause)


def _quorum_sentence(rule: QuorumRule) -> str:
    parts = []
    if rule.minimum:
        parts.append(rule.minimum.describe())
    needs = [r.describe() for r in rule.requirements]
    if rule.chair == ChairCounting.IN_ADDITION:
        needs.insert(0, "the person presiding")
    if needs:
        lead = "including" if parts else "at least"
        parts.append(f"{lead} {join(needs)}")
    return ", ".join(parts) if parts else "no number set"


def describe_membership(rules: BodyRules, names: Names) -> list[Statement]:
    """Posts that attend but are not members, and members only for some business."""
    statements = []
    if names.in_attendance:
        titles = join(f"the {names.seats[k]}" for k in names.in_attendance)
        statements.append(
            Statement(
                "In attendance",
                (
                    f"In attendance, but not members: {titles}. They take part without "
                    "counting towards the quorum or voting.",
                ),
            )
        )
    by_phrase: dict[BusinessOnly, list[str]] = {}
    for key, only in rules.members_only_for.items():
        by_phrase.setdefault(only, []).append(f"the {names.seats.get(key, key)}")
    for only, titles in by_phrase.items():
        business = only.phrase.removeprefix("a member only for ")
        statements.append(
            Statement(
                "Membership for some business only",
                (
                    f"{sentence_case(join(titles))} {'is' if len(titles) == 1 else 'are'} a member "
                    f"for {business} only; for other business they attend, and neither count "
                    "towards the quorum nor vote.",
                ),
                only.clause,
            )
        )
    return statements


def describe_conflicts(policy: ConflictsPolicy) -> Statement:
    follow = f" and follows {policy.policy}" if policy.policy else ""
    if policy.decided_by:
        sentence = (
            f"A member with a conflict of interest declares it{follow}; {policy.decided_by} "
            "decides whether they take part in the item, take part without voting, or "
            "withdraw. A withdrawn member does not count towards the quorum for that item."
        )
    else:
        sentence = (
            f"A member with a conflict of interest declares it{follow}. The terms give no "
            "one the decision on whether they take part; the console records what is decided "
            "for each item. A withdrawn member does not count towards the quorum for that item."
        )
    return Statement("Conflicts of interest", (sentence,), policy.clause, policy.assumed)


def describe_deputies(policy: DeputyPolicy) -> Statement:
    if policy.permission == DeputyPermission.NOT_ALLOWED:
        return Statement(
            "Deputies", ("Members may not send deputies.",), policy.clause, policy.assumed
        )
    co_chairs = policy.agreement_of == "co_chairs"
    agreement = "both co-chairs' agreement" if co_chairs else "the chair's agreement"
    agreed = "both co-chairs agreed" if co_chairs else "the chair agreed"
    sentences = [
        {
            DeputyPermission.ALLOWED: "A member who cannot attend may send a deputy",
            DeputyPermission.WITH_CHAIR_AGREEMENT: f"A member may send a deputy only with "
            f"{agreement}",
        }[policy.permission]
        + (
            ' (only for the posts the terms mark "or their designate")'
            if policy.designated_seats_only
            else ""
        )
        + (
            ": it must be their nominated deputy."
            if policy.nominated_only
            else ": any deputy of sufficient seniority."
        )
    ]
    counts = {
        DeputyCounts.ALWAYS: "Deputies count towards the quorum",
        DeputyCounts.NEVER: "Deputies do not count towards the quorum",
        DeputyCounts.WITH_CHAIR_AGREEMENT: f"Deputies count towards the quorum when {agreed} "
        "to their attendance",
    }[policy.counts_for_quorum]
    votes = "may vote" if policy.may_vote else "may not vote"
    sentences.append(f"{counts}, and {votes}.")
    if policy.counts_for_quorum != DeputyCounts.NEVER:
        sentences.append(
            "A deputy who counts also takes the member's place in the quorum's make-up (the "
            "member's organisation, group and post)."
            if policy.fills_requirements
            else "A deputy counts only towards the number present: not in the member's place "
            "in the quorum's make-up (a non-executive director's deputy is not a "
            "non-executive director)."
        )
    if policy.may_replace_withdrawn:
        sentences.append(
            "When a member withdraws from an item for a conflict of interest, "
            "their organisation may send a deputy in their place for that item."
        )
    return Statement("Deputies", tuple(sentences), policy.clause, policy.assumed)


def describe_notice(policy: NoticePolicy) -> Statement:
    counting = policy.counting
    outside = (
        " (not counting the day they go out or the meeting day)"
        if counting.clear
        else " (weekends and bank holidays count)"
        if counting.every_day
        else ""
    )
    sentences = [
        f"The agenda and papers go out at least {counting.unit(policy.days)}{outside} before "
        f"the meeting, by {policy.cutoff:%H:%M}."
    ]
    if policy.extraordinary_hours is not None:
        sentences.append(
            f"An extraordinary meeting needs {policy.extraordinary_hours} hours' notice, "
            "counted back from its start."
        )
    elif policy.extraordinary_days is not None:
        period = counting.unit(policy.extraordinary_days)
        possessive = "'s" if policy.extraordinary_days == 1 else "'"
        sentences.append(f"An extraordinary meeting needs {period}{possessive} notice.")
    if policy.late_needs_chair_authorisation:
        sentences.append("Papers may go out later only with the Chair's recorded authorisation.")
    if policy.public_copy_same_deadline:
        sentences.append("For a meeting in public, the public copy is due at the same time.")
    return Statement("Notice", tuple(sentences), policy.clause, policy.assumed)


def describe_chair(chair: ChairArrangements, names: Names) -> Statement:
    def titles(keys):
        return join((f"the {names.seats.get(k, k)}" for k in keys), "or")

    if chair.kind == ChairKind.ROTATING:
        sides = join(side.name for side in chair.sides)
        sentences = [
            f"The chair rotates between {sides} every {chair.rotation_months} months"
            + (f", from {chair.rotation_starts:%-d %B %Y}." if chair.rotation_starts else ".")
        ]
    elif chair.kind == ChairKind.CO_CHAIRS:
        both = join((f"the {names.seats.get(k, k)}" for k in chair.chair_seats), "and")
        sentences = [
            f"{both[:1].upper()}{both[1:]} are co-chairs and take turns to chair, meeting by "
            "meeting; if only one is present, they preside."
        ]
    else:
        lead = "The independent chair" if chair.kind == ChairKind.INDEPENDENT else "The chair"
        sentences = [f"{lead} is {titles(chair.chair_seats)}."]
        if chair.term_months:
            sentences.append(f"The chair is appointed for {chair.term_months} months at a time.")
    if chair.vice_chair_seats:
        sentences.append(
            f"In the chair's absence, a vice chair presides: {titles(chair.vice_chair_seats)}."
        )
    if chair.deputising == Deputising.EITHER_SIDE:
        sentences.append("In the chair's absence, a member from either side may deputise.")
    elif chair.deputising == Deputising.MEMBERS_CHOOSE and not chair.vice_chair_seats:
        sentences.append(
            "If no one entitled to preside is present, the members choose one of their number."
            + (" (The terms do not say this: it is assumed.)" if chair.assumed else "")
        )
    return Statement("Chair", tuple(sentences), chair.clause)


def describe_minutes(policy: MinutesPolicy) -> Statement:
    sentences = []
    if policy.draft_to_chair_working_days:
        sentences.append(
            f"Draft minutes go to the chair within "
            f"{policy.draft_to_chair_working_days} working days of the meeting."
        )
    if policy.circulate_working_days:
        sentences.append(
            f"The minutes, approved by the chair, go to members within "
            f"{policy.circulate_working_days} working days of the meeting."
        )
    return Statement("Minutes", tuple(sentences), policy.clause)


def describe_decisions(policy: DecisionsPolicy) -> Statement:
    sentences = []
    if policy.notice_working_days:
        sentences.append(
            f"A notice of the decisions is published within {policy.notice_working_days} "
            "working days of the meeting."
        )
    if policy.call_in_working_days:
        sentences.append(
            f"A decision may be called in within {policy.call_in_working_days} working days "
            "of the notice's publication, and is not carried out until that period has ended."
        )
    return Statement("Decisions", tuple(sentences), policy.clause)
