"""Forms for setting a body's meetings. Each keeps what was typed when it is refused."""

from __future__ import annotations

import datetime

from django import forms

from config.forms import DATE, TIME, ConfirmWarnings, StyledForm

from ..models import Meeting, PlannedItem
from .fields import LondonTimesForm, MinutesField, MonthField, later_by

WEEKDAYS = [(0, "Monday"), (1, "Tuesday"), (2, "Wednesday"), (3, "Thursday"), (4, "Friday")]
WEEKS = [(1, "First"), (2, "Second"), (3, "Third"), (4, "Fourth"), (-1, "Last")]
EVERY = [
    (1, "Every month"),
    (2, "Every two months"),
    (3, "Every three months (quarterly)"),
    (4, "Every four months"),
    (6, "Every six months"),
    (12, "Once a year"),
]
MONTHS = [(n, datetime.date(2000, n, 1).strftime("%B")) for n in range(1, 13)]


class PlaceForm(StyledForm, ConfirmWarnings):
    """Where a meeting is held: a location, an online link, or both."""

    location = forms.CharField(label="Location", max_length=200, required=False)
    online_link = forms.URLField(label="Online link", required=False, assume_scheme="https")
    held_in_public = forms.BooleanField(label="Held in public", required=False)

    def clean(self):
        data = super().clean()
        if not (data.get("location") or data.get("online_link")):
            raise forms.ValidationError("Give a location, an online link, or both.")
        return data


class ProgrammeForm(PlaceForm):
    """ "The second Thursday of every month at 14:00" """

    field_order = [
        "week",
        "weekday",
        "every_months",
        "first_month",
        "start",
        "months",
        "time",
        "minutes",
        "location",
        "online_link",
        "held_in_public",
    ]

    week = forms.TypedChoiceField(label="Which week", choices=WEEKS, coerce=int, initial=2)
    weekday = forms.TypedChoiceField(label="Day", choices=WEEKDAYS, coerce=int, initial=3)
    every_months = forms.TypedChoiceField(label="How often", choices=EVERY, coerce=int)
    first_month = forms.TypedChoiceField(
        label="Counting from",
        choices=MONTHS,
        coerce=int,
        initial=1,
        help_text="For meetings every two or more months: a month in which the body meets. "
        "It starts as the month of the body's last meeting.",
    )
    start = forms.DateField(label="From", widget=DATE, help_text="The first month to plan.")
    months = forms.IntegerField(label="For how many months", min_value=1, max_value=24, initial=12)
    time = forms.TimeField(label="Start time", widget=TIME, initial=datetime.time(14, 0))
    minutes = MinutesField(label="Length", min_value=15, max_value=600, initial=120)


class MeetingForm(LondonTimesForm, PlaceForm):
    field_order = [
        "day",
        "time",
        "clock_change",
        "minutes",
        "kind",
        "location",
        "online_link",
        "held_in_public",
        "history_note",
    ]

    day = forms.DateField(label="Date", widget=DATE)
    time = forms.TimeField(label="Start time", widget=TIME)
    minutes = MinutesField(label="Length", min_value=15, max_value=600, initial=120)
    kind = forms.ChoiceField(
        label="Kind of meeting",
        choices=Meeting.Kind.choices,
        widget=forms.RadioSelect,
        initial=Meeting.Kind.ORDINARY,
    )
    history_note = forms.CharField(
        label="Reason for a past date",
        max_length=300,
        required=False,
        help_text="Only to enter a meeting that has already been held, for the record.",
    )

    moment_fields = ("day", "time", "starts_at")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)

    def times(self) -> tuple[datetime.datetime, datetime.datetime]:
        return self.starts_at, later_by(self.starts_at, self.cleaned_data["minutes"])


class RescheduleForm(LondonTimesForm, StyledForm, ConfirmWarnings):
    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    day = forms.DateField(label="New date", widget=DATE)
    time = forms.TimeField(label="New start time", widget=TIME)
    minutes = MinutesField(label="Length", min_value=15, max_value=600)
    reason = forms.CharField(
        label="Why is the meeting moving?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Members are told this with the new date.",
    )

    moment_fields = ("day", "time", "starts_at")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["day", "time", "clock_change", "minutes", "reason", "confirm"])

    def times(self) -> tuple[datetime.datetime, datetime.datetime]:
        return self.starts_at, later_by(self.starts_at, self.cleaned_data["minutes"])


class CancelForm(StyledForm, forms.Form):
    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Why is the meeting cancelled?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Members and the public are told this.",
    )


class ObligationDoneForm(StyledForm, forms.Form):
    """An occasion of an obligation in the terms, done: the report sent, the review held."""

    key = forms.SlugField(label="Obligation", widget=forms.HiddenInput)
    due_on = forms.DateField(label="Due on", widget=forms.HiddenInput)
    done_on = forms.DateField(label="Done on", widget=DATE)
    note = forms.CharField(label="Note (optional)", max_length=300, required=False)

    def __init__(self, *args, today, keys=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.keys = keys
        self.initial.setdefault("done_on", today)

    def clean_key(self):
        key = self.cleaned_data["key"]
        if self.keys is not None and key not in self.keys:
            raise forms.ValidationError("The terms in force have no such obligation.")
        return key


class PlannedItemForm(StyledForm, forms.ModelForm):
    """An entry in the body's forward plan: at a meeting to come, in a month, or not yet
    scheduled."""

    expected_month = MonthField(
        label="Or the month expected", required=False, help_text="For example 2027-03."
    )

    class Meta:
        model = PlannedItem
        fields = ["title", "summary", "lead", "meeting", "expected_month", "decision_expected",
                  "exempt_paragraph"]  # fmt: skip
        labels = {
            "title": "Business",
            "summary": "What it is about",
            "lead": "Who brings it",
            "meeting": "The meeting expected",
            "decision_expected": "A decision is expected",
            "exempt_paragraph": "Expected in private: paragraph of Schedule 12A",
        }
        widgets = {"summary": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].empty_label = "Not yet fixed"
        self.fields["exempt_paragraph"].widget = forms.Select(
            choices=[("", "No: in public"), *[(n, f"Paragraph {n}") for n in range(1, 8)]]
        )
        self.style()

    def clean(self):
        data = super().clean()
        if data.get("meeting") and data.get("expected_month"):
            self.add_error(
                "expected_month", "Give the meeting or the month, not both: the meeting's month."
            )
        return data
