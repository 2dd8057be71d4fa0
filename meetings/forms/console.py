"""Forms for the meeting console and for corrections to the record. Every change made in the
room goes through one of these: each reads what the clerk typed ("£250,000", "4"), refuses
anything else with a message that says what to type, and keeps the input when it refuses."""

from __future__ import annotations

import datetime

from django import forms

from config.forms import DATE, TIME, StyledForm
from governance.rules.words import LONDON
from members.models import Person

from ..models import Action, AgendaItem, Attendance, Decision, Declaration, Vote
from ..services.attendance import Mark
from ..sitting import Sitting
from .fields import ChairAgreementForm, LondonTimesForm, MoneyField, WholeNumberField

REASON = forms.CharField(
    label="Why is the record being corrected?",
    max_length=300,
    help_text="Kept with the correction, with who made it and when.",
)


def _people(rows: list[Attendance]) -> list[tuple[int, str]]:
    return [(r.person_id, r.display_name) for r in rows if r.person_id]


class MarkForm(forms.Form):
    """One click in the attendance grid."""

    row = forms.ModelChoiceField(queryset=Attendance.objects.none())
    revision = forms.IntegerField(min_value=0)
    mark = forms.ChoiceField(choices=[(m, m) for m in Mark.ALL])

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["row"].queryset = meeting.attendance.all()


class DeputyForm(ChairAgreementForm, StyledForm, forms.Form):
    seat = forms.ChoiceField(label="Deputy for the seat")
    person = forms.TypedChoiceField(label="Who", coerce=int)
    chair_agreed_by = forms.CharField(
        label="Chair who agreed (where the terms need it)", max_length=200, required=False
    )
    remote = forms.BooleanField(label="Joining remotely (by video or telephone)", required=False)

    def __init__(self, *args, sitting: Sitting, candidates: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.seats = {
            str(s.pk): s for s in sitting.snapshot.seats if s.role != s.Role.IN_ATTENDANCE
        }
        self.fields["seat"].choices = [(pk, s.title) for pk, s in self.seats.items()]
        self.fields["person"].choices = candidates
        self.add_agreement_fields(sitting.rules, sitting.snapshot.names.seats)
        if not (sitting.rules and sitting.rules.remote):
            del self.fields["remote"]  # how they attend changes nothing, so is not asked
        self.style()

    def clean(self):
        data = super().clean()
        self.clean_agreement()
        return data

    def clean_seat(self):
        return self.seats[self.cleaned_data["seat"]]

    def clean_person(self):
        return Person.objects.get(pk=self.cleaned_data["person"])


class VisitorForm(StyledForm, forms.Form):
    name = forms.CharField(label="In attendance (not a member)", max_length=200)


class GoToForm(forms.Form):
    item = forms.ModelChoiceField(queryset=AgendaItem.objects.none())
    seen_item = forms.IntegerField(required=False)
    confirmed = forms.BooleanField(required=False)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.items.all()


class PresidingForm(StyledForm, forms.Form):
    person = forms.TypedChoiceField(
        label="Someone else presides", coerce=int, required=False, empty_value=None
    )
    reason = forms.CharField(label="Why", max_length=300, required=False)
    seen_override = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, sitting: Sitting, **kwargs):
        super().__init__(*args, **kwargs)
        present = [r for r in sitting.members if r.status == Attendance.Status.PRESENT]
        self.fields["person"].choices = [("", "As the chair arrangements say"), *_people(present)]
        meeting = sitting.meeting
        self.initial.setdefault("person", meeting.presiding_override_id)
        self.initial.setdefault("reason", meeting.presiding_override_reason)
        self.initial.setdefault("seen_override", meeting.presiding_override_id)

    def clean_person(self):
        pk = self.cleaned_data["person"]
        return Person.objects.get(pk=pk) if pk else None


class DeclarationForm(StyledForm, forms.Form):
    person = forms.TypedChoiceField(label="Member", coerce=int)
    determination = forms.ChoiceField(
        label="The chair's determination", choices=Declaration.Determination.choices
    )
    description = forms.CharField(label="The interest", max_length=300, required=False)
    replacement = forms.TypedChoiceField(
        label="Deputy taking their place for this item, if the terms allow",
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(self, *args, sitting: Sitting, **kwargs):
        super().__init__(*args, **kwargs)
        item = sitting.item
        present = sitting.present_for(item)
        declared = {d.person_id for d in sitting.declarations if item and d.item_id == item.pk}
        members = [
            r
            for r in present
            if r.capacity != Attendance.Capacity.IN_ATTENDANCE and r.person_id not in declared
        ]
        self.fields["person"].choices = _people(members)
        self.fields["replacement"].choices = [("", "None"), *_people(sitting.deputies)]

    def clean_person(self):
        return Person.objects.get(pk=self.cleaned_data["person"])

    def clean_replacement(self):
        pk = self.cleaned_data["replacement"]
        return Person.objects.get(pk=pk) if pk else None


VOTE_CHOICES = [("", "Not voting"), ("for", "For"), ("against", "Against"), ("abstain", "Abstain")]
CASTING = [("", "None"), ("for", "For"), ("against", "Against")]


class VoteForm(StyledForm, forms.Form):
    """A vote by name (one choice per voter present) or by numbers, never both."""

    motion = forms.CharField(label="Motion", max_length=500)
    count_for = WholeNumberField(label="For", required=False)
    count_against = WholeNumberField(label="Against", required=False)
    count_abstain = WholeNumberField(label="Abstaining", required=False)
    casting = forms.ChoiceField(
        label="Casting vote of the person presiding, if the votes are equal",
        choices=CASTING,
        required=False,
    )

    def __init__(self, *args, sitting: Sitting, **kwargs):
        super().__init__(*args, **kwargs)
        if not (sitting.voting and sitting.voting.casting_vote_applies):
            del self.fields["casting"]  # the rule for this item gives no casting vote
        if sitting.voting and sitting.voting.partners:
            for name in ("count_for", "count_against", "count_abstain"):
                del self.fields[name]  # each partner's votes count: by name only
        self.voters = []
        for attendee in sitting.electorate.people:
            name = f"voter_{attendee.key}"
            self.fields[name] = forms.ChoiceField(
                label=attendee.name,
                choices=VOTE_CHOICES,
                required=False,
                widget=forms.RadioSelect,
            )
            self.voters.append((attendee, name))
        self.style()

    @property
    def voter_fields(self):
        return [(attendee, self[name]) for attendee, name in self.voters]

    def clean(self):
        data = super().clean()
        named = {attendee.key: data[name] for attendee, name in self.voters if data.get(name)}
        numbers = [data.get(f) for f in ("count_for", "count_against", "count_abstain")]
        given = [n for n in numbers if n is not None]
        if named and given:
            raise forms.ValidationError(
                "Record the vote by name or by numbers, not both: clear one of them."
            )
        if not named and not given:
            if not self.errors:
                raise forms.ValidationError(
                    "No votes are given: choose each voter's vote, or give the numbers."
                    if "count_for" in self.fields
                    else "No votes are given: choose each voter's vote (under this item's "
                    "rule each partner's votes count, so they are taken by name)."
                )
            return data
        self.named = named
        self.counts = tuple(n or 0 for n in numbers) if given else None
        if self.counts is not None and sum(self.counts) > len(self.voters):
            raise forms.ValidationError(
                f"{sum(self.counts)} votes are given, but only {len(self.voters)} present may "
                "vote on this item."
            )
        return data


class DecisionForm(StyledForm, forms.Form):
    text = forms.CharField(label="Decision", widget=forms.Textarea(attrs={"rows": 2}))
    outcome = forms.ChoiceField(label="Outcome", choices=Decision.Outcome.choices)
    reasons = forms.CharField(
        label="Reasons",
        required=False,
        max_length=10_000,
        help_text="As given in the room; the record can be completed after the meeting.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    value = MoneyField(
        label="Value (£)",
        required=False,
        help_text="Any financial value, such as £250,000 or 250k; checked against the "
        "delegated limit.",
    )
    vote = forms.ModelChoiceField(
        label="From the vote", queryset=Vote.objects.none(), required=False, empty_label="None"
    )

    def __init__(self, *args, sitting: Sitting, **kwargs):
        super().__init__(*args, **kwargs)
        item = sitting.item
        self.fields["vote"].queryset = (
            Vote.objects.filter(item=item, struck_at__isnull=True) if item else Vote.objects.none()
        )
        self.fields["vote"].label_from_instance = lambda vote: vote.motion


OWNER_EMAIL = "Reminded five working days before it is due, and when overdue."


class ActionForm(StyledForm, forms.Form):
    text = forms.CharField(label="Action", max_length=2000)
    owner = forms.CharField(label="Owner", max_length=200)
    owner_email = forms.EmailField(
        label="Owner's e-mail (optional)", required=False, help_text=OWNER_EMAIL
    )
    due = forms.DateField(label="Due", widget=DATE, required=False)


class ActionStatusForm(forms.Form):
    action = forms.ModelChoiceField(queryset=Action.objects.none())
    status = forms.ChoiceField(choices=Action.Status.choices)
    revision = forms.IntegerField(min_value=0)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = Action.objects.filter(
            meeting__body_id=meeting.body_id
        ).select_related("meeting")


class AdjournForm(StyledForm, forms.Form):
    reason = forms.CharField(label="Why the meeting adjourns", max_length=300)


class CloseForm(LondonTimesForm, StyledForm, forms.Form):
    closed_on = forms.DateField(label="Date it closed", widget=DATE)
    closed_time = forms.TimeField(label="Time it closed", widget=TIME)
    moment_fields = ("closed_on", "closed_time", "closed_at")


class ReopenForm(StyledForm, forms.Form):
    reason = forms.CharField(label="Why reopen the meeting", max_length=300)


# Corrections on record -------------------------------------------------------------------


class CorrectionForm(StyledForm, forms.Form):
    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"] = REASON
        self.style()


class AttendanceCorrectionForm(LondonTimesForm, CorrectionForm):
    status = forms.ChoiceField(label="Attendance", choices=Attendance.Status.choices)
    arrived_during = forms.TypedChoiceField(
        label="Arrived during", coerce=int, required=False, empty_value=None
    )
    arrived_time = forms.TimeField(label="Arrival time", widget=TIME, required=False)
    left_during = forms.TypedChoiceField(
        label="Left during", coerce=int, required=False, empty_value=None
    )
    left_time = forms.TimeField(label="Departure time", widget=TIME, required=False)
    remote = forms.BooleanField(label="Attended remotely (by video or telephone)", required=False)

    def __init__(self, *args, row: Attendance, items: list[AgendaItem], remote: bool, **kwargs):
        """``remote``: whether the terms say how members attending remotely count (if not,
        how someone attended changes nothing, and is not asked)."""
        super().__init__(*args, **kwargs)
        self.row = row
        self.items = {i.pk: i for i in items}
        titles = [(i.pk, i.title) for i in items]
        self.fields["arrived_during"].choices = [("", "From the start"), *titles]
        self.fields["left_during"].choices = [("", "Did not leave"), *titles]
        if not remote and not row.remote:
            del self.fields["remote"]
        self.style()

    def clean(self):
        data = super().clean()
        day = self.row.meeting.day
        for time_field, key in (("arrived_time", "arrived_at"), ("left_time", "left_at")):
            data[key] = self.moment_on(day, time_field) if data.get(time_field) else None
        for field in ("arrived_during", "left_during"):
            data[field] = self.items.get(data.get(field))
        if data.get("left_time") and not data.get("left_during"):
            self.add_error("left_during", "Say during which item they left.")
        return data


class VoteCorrectionForm(CorrectionForm):
    motion = forms.CharField(label="Motion", max_length=500)
    votes_for = WholeNumberField(label="For")
    against = WholeNumberField(label="Against")
    abstentions = WholeNumberField(label="Abstaining")
    casting = forms.ChoiceField(label="Casting vote", choices=CASTING, required=False)

    def counts(self) -> tuple[int, int, int]:
        d = self.cleaned_data
        return d["votes_for"], d["against"], d["abstentions"]


class DecisionCorrectionForm(CorrectionForm):
    text = forms.CharField(label="Decision", widget=forms.Textarea(attrs={"rows": 3}))
    outcome = forms.ChoiceField(label="Outcome", choices=Decision.Outcome.choices)
    value = MoneyField(label="Value (£)", required=False)


class ActionCorrectionForm(CorrectionForm):
    text = forms.CharField(label="Action", max_length=2000)
    owner = forms.CharField(label="Owner", max_length=200)
    owner_email = forms.EmailField(
        label="Owner's e-mail (optional)", required=False, help_text=OWNER_EMAIL
    )
    due = forms.DateField(label="Due", widget=DATE, required=False)
    status = forms.ChoiceField(label="Status", choices=Action.Status.choices)


class StrikeForm(CorrectionForm):
    """Strike an entry out of the record, with the reason."""


def initial_for_close(now: datetime.datetime) -> dict:
    local = now.astimezone(LONDON)
    return {"closed_on": local.date(), "closed_time": local.time().replace(second=0, microsecond=0)}
