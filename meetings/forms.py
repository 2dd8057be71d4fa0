"""Forms for the secretariat's work on meetings. Each keeps what was typed when it is refused."""

from __future__ import annotations

import datetime

from django import forms

from governance.rules.words import LONDON

from .models import AgendaItem, Meeting

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
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class StyledForm:
    """Bootstrap's classes on every widget, for forms whose templates render fields one by
    one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()

    def style(self) -> None:
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)


def london(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, time, tzinfo=LONDON)


class PlaceForm(StyledForm, forms.Form):
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
        help_text="For meetings every two or more months: a month in which the body meets.",
    )
    start = forms.DateField(label="From", widget=DATE, help_text="The first month to plan.")
    months = forms.IntegerField(label="For how many months", min_value=1, max_value=24, initial=12)
    time = forms.TimeField(label="Start time", widget=TIME, initial=datetime.time(14, 0))
    minutes = forms.IntegerField(
        label="Length in minutes", min_value=15, max_value=600, initial=120
    )


class MeetingForm(PlaceForm):
    field_order = ["day", "time", "minutes", "kind", "location", "online_link", "held_in_public"]

    day = forms.DateField(label="Date", widget=DATE)
    time = forms.TimeField(label="Start time", widget=TIME)
    minutes = forms.IntegerField(
        label="Length in minutes", min_value=15, max_value=600, initial=120
    )
    kind = forms.ChoiceField(
        label="Kind of meeting",
        choices=Meeting.Kind.choices,
        widget=forms.RadioSelect,
        initial=Meeting.Kind.ORDINARY,
    )

    def times(self) -> tuple[datetime.datetime, datetime.datetime]:
        start = london(self.cleaned_data["day"], self.cleaned_data["time"])
        return start, start + datetime.timedelta(minutes=self.cleaned_data["minutes"])


class RescheduleForm(StyledForm, forms.Form):
    day = forms.DateField(label="New date", widget=DATE)
    time = forms.TimeField(label="New start time", widget=TIME)
    minutes = forms.IntegerField(label="Length in minutes", min_value=15, max_value=600)
    reason = forms.CharField(
        label="Why is the meeting moving?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Members are told this with the new date.",
    )

    def times(self) -> tuple[datetime.datetime, datetime.datetime]:
        start = london(self.cleaned_data["day"], self.cleaned_data["time"])
        return start, start + datetime.timedelta(minutes=self.cleaned_data["minutes"])


class CancelForm(StyledForm, forms.Form):
    reason = forms.CharField(
        label="Why is the meeting cancelled?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Members and the public are told this.",
    )


class AgendaItemForm(StyledForm, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = [
            "title",
            "presenter",
            "purpose",
            "business_type",
            "minutes_allotted",
            "paper_expected",
            "part",
            "exempt_paragraph",
            "exempt_reason",
            "parent",
        ]
        labels = {
            "minutes_allotted": "Minutes allotted",
            "business_type": "Business type (sets the quorum rule)",
            "exempt_paragraph": "Paragraph of Schedule 12A (Part B)",
            "exempt_reason": "Or another reason it is confidential",
            "parent": "A sub-item of",
        }
        widgets = {"part": forms.RadioSelect}

    PARAGRAPHS = [
        (1, "1: information relating to any individual"),
        (2, "2: information likely to reveal the identity of an individual"),
        (3, "3: financial or business affairs of any person"),
        (4, "4: labour relations consultations or negotiations"),
        (5, "5: legal professional privilege"),
        (6, "6: notices, orders or directions under an enactment"),
        (7, "7: prevention, investigation or prosecution of crime"),
    ]

    def __init__(self, *args, meeting: Meeting, business_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["business_type"] = forms.ChoiceField(
            label=self.Meta.labels["business_type"],
            required=False,
            choices=[("", "The body's default")]
            + [(b.key, b.name.capitalize()) for b in business_types],
        )
        self.fields["exempt_paragraph"] = forms.TypedChoiceField(
            label=self.Meta.labels["exempt_paragraph"],
            required=False,
            coerce=int,
            empty_value=None,
            choices=[("", "None"), *self.PARAGRAPHS],
        )
        parents = meeting.items.filter(parent__isnull=True)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents.order_by("position")
        self.fields["parent"].required = False
        self.fields["parent"].empty_label = "None: a main item"
        self.style()


class PaperForm(StyledForm, forms.Form):
    file = forms.FileField(label="The paper", help_text="A PDF, Word document or Excel workbook.")
    title = forms.CharField(label="Title", max_length=300)
    author = forms.CharField(label="Author", max_length=200)


class ChairAuthorisationForm(StyledForm, forms.Form):
    """The Chair's authorisation to publish after the notice deadline."""

    chair = forms.CharField(label="Name of the Chair who authorised it", max_length=200)
    authorised_on = forms.DateField(label="Date of the authorisation", widget=DATE)
    authorised_time = forms.TimeField(label="Time of the authorisation", widget=TIME)
    reason = forms.CharField(
        label="Why the papers are late (the exceptional circumstances)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def authorised_at(self) -> datetime.datetime:
        return london(self.cleaned_data["authorised_on"], self.cleaned_data["authorised_time"])


class ApologyForm(forms.Form):
    seat = forms.ChoiceField(label="Seat")
    deputy = forms.TypedChoiceField(
        label="Deputy attending instead", required=False, coerce=int, empty_value=None
    )
    chair_agreed_by = forms.CharField(
        label="The chair who agreed to the deputy, where the terms need it",
        required=False,
        max_length=200,
    )

    def __init__(self, *args, seats, deputies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seat"].choices = [
            ("", "Choose a seat"),
            *[
                (f"{seat.key}:{person.pk}", f"{seat.title}: {person.full_name}")
                for seat, person in seats
            ],
        ]
        self.fields["deputy"].choices = [
            ("", "No deputy"),
            *[(person.pk, label) for person, label in deputies],
        ]
