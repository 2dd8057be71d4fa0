"""Form fields and helpers that read what clerks type as they type it: money with £, commas
and "k" or "m", whole numbers, lengths in minutes or hours, and London times that a clock
change makes impossible or ambiguous."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from governance.rules.words import LONDON, long_date

UTC = datetime.UTC


class Period(forms.Form):
    """Two dates, ``since`` and ``until``, the second not before the first."""

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "Choose a date on or after the first date.")
        return data


class MonthField(forms.CharField):
    """A month as people type it: "2027-03" (as a month box sends it), "March 2027" or
    "Mar 2027"; the first of the month."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2027-03"})

    def to_python(self, value) -> datetime.date | None:
        text = super().to_python(value).strip()
        if not text:
            return None
        for pattern in ("%Y-%m", "%B %Y", "%b %Y"):
            try:
                month = datetime.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
            if not 2000 <= month.year <= 2100:
                raise ValidationError("Choose a month between 2000 and 2100.")
            return month
        raise ValidationError(
            f"“{text}” is not a month: give it as year and month, such as 2027-03."
        )


MONEY = re.compile(
    r"£?\s*(?P<number>\d{1,3}(?:,\d{3})+|\d+)(?P<fraction>\.\d+)?\s*"
    r"(?P<scale>k|thousand|m|mn|million|bn|billion)?",
    re.IGNORECASE,
)
SCALES = {"k": 10**3, "thousand": 10**3, "m": 10**6, "mn": 10**6, "million": 10**6}
SCALES |= {"bn": 10**9, "billion": 10**9}
MONEY_EXAMPLE = "for example £250,000, 250k or £1.5m"


class MoneyField(forms.Field):
    """Whole pounds, as a clerk types them: "£250,000", "250,000", "250000", "250k",
    "£1.5m", "£2 million"."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.update(inputmode="decimal", autocomplete="off", maxlength="40")

    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return None
        match = MONEY.fullmatch(text) if len(text) <= 40 else None  # never cut: refused whole
        if not match:
            raise ValidationError(f"Give the value in pounds, {MONEY_EXAMPLE}.", code="invalid")
        amount = Decimal(match["number"].replace(",", "") + (match["fraction"] or ""))
        amount *= SCALES.get((match["scale"] or "").lower(), 1)
        if amount != amount.to_integral_value():
            raise ValidationError(f"Give the value in whole pounds, {MONEY_EXAMPLE}.")
        if amount >= 10**15:
            raise ValidationError("That value is too large to be right: check the figure.")
        return int(amount)


class WholeNumberField(forms.IntegerField):
    """A count: a whole number, not negative, typed as digits ("4", not "four")."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 10_000)
        kwargs.setdefault(
            "error_messages",
            {
                "invalid": "Give a whole number in figures, such as 4.",
                "min_value": "The number cannot be negative.",
                "max_value": "That number is too large to be right: check the figure.",
            },
        )
        super().__init__(**kwargs)
        self.widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})


LENGTH = re.compile(
    r"(?:(?P<hours>\d+(?:\.\d+)?)\s*(?:h|hrs?|hours?)\.?\s*(?:and\s*)?)?"
    r"(?:(?P<minutes>\d+)\s*(?:m|mins?|minutes?)?\.?)?",
    re.IGNORECASE,
)
CLOCK_LENGTH = re.compile(r"(?P<hours>\d+):(?P<minutes>[0-5]\d)")
LENGTH_EXAMPLE = "such as 90, 1h30 or 2 hours"


class MinutesField(forms.IntegerField):
    """A length of time in whole minutes, as people type it: "90", "90 mins", "1h30",
    "1 hour 30 minutes", "1:30", "2 hours", "1.5 hours"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", f"In minutes or hours, {LENGTH_EXAMPLE}.")
        kwargs.setdefault(
            "error_messages",
            {
                "min_value": "Give at least %(limit_value)s minutes.",
                "max_value": "That is more than %(limit_value)s minutes: check the length.",
            },
        )
        super().__init__(**kwargs)
        self.widget = forms.TextInput(attrs={"autocomplete": "off", "maxlength": "30"})

    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return None
        match = (
            (CLOCK_LENGTH.fullmatch(text) or LENGTH.fullmatch(text)) if len(text) <= 30 else None
        )
        if not match or not (match["hours"] or match["minutes"]):
            raise ValidationError(f"Give the length {LENGTH_EXAMPLE}.", code="invalid")
        minutes = Decimal(match["hours"] or 0) * 60 + int(match["minutes"] or 0)
        if minutes != minutes.to_integral_value():
            raise ValidationError(f"Give the length in whole minutes, {LENGTH_EXAMPLE}.")
        return int(minutes)


# London times --------------------------------------------------------------------------

FIRST, SECOND = "first", "second"
CLOCK_CHANGE_CHOICES = [
    (FIRST, "The first time (British Summer Time, before the clocks go back)"),
    (SECOND, "The second time (Greenwich Mean Time, after the clocks go back)"),
]


class ClockChange(ValidationError):
    """A London time that a clock change makes impossible, or that happens twice."""

    def __init__(self, message: str, *, ambiguous: bool):
        super().__init__(message, code="ambiguous" if ambiguous else "nonexistent")
        self.ambiguous = ambiguous


def london(day: datetime.date, time: datetime.time, which: str = "") -> datetime.datetime:
    """``day`` at ``time`` in London. A time the clocks skip (01:30 on the last Sunday in
    March) is refused; a time that happens twice (01:30 on the last Sunday in October) is
    refused unless ``which`` says whether the first or the second is meant."""
    first = datetime.datetime.combine(day, time, tzinfo=LONDON)
    second = first.replace(fold=1)
    if first.utcoffset() == second.utcoffset():
        return first
    wall = first.replace(tzinfo=None)
    if first.astimezone(UTC).astimezone(LONDON).replace(tzinfo=None) != wall:
        raise ClockChange(
            f"There is no {time:%H:%M} on {long_date(day)}: the clocks go forward an hour "
            "that night. Choose another time.",
            ambiguous=False,
        )
    if which == FIRST:
        return first
    if which == SECOND:
        return second
    raise ClockChange(
        f"{time:%H:%M} on {long_date(day)} happens twice, because the clocks go back an hour "
        "that night. Say which you mean.",
        ambiguous=True,
    )


def later_by(start: datetime.datetime, minutes: int) -> datetime.datetime:
    """``minutes`` of real time after ``start``, across a clock change if there is one."""
    return (start.astimezone(UTC) + datetime.timedelta(minutes=minutes)).astimezone(LONDON)


class LondonTimesForm:
    """A form that reads a date and a time as a London moment, asking which is meant when
    the clocks go back, through an extra ``clock_change`` field that shows only then.
    ``moment_fields`` (day field, time field, attribute) names the moment ``clean`` sets."""

    moment_fields: tuple[str, str, str] | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clock_change"] = forms.ChoiceField(
            label="Which time do you mean?",
            choices=CLOCK_CHANGE_CHOICES,
            required=False,
            widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        )

    def clean(self):
        data = super().clean()
        if self.moment_fields:
            day, time, name = self.moment_fields
            setattr(self, name, self.moment(day, time))
        return data

    def moment(self, day_field: str, time_field: str) -> datetime.datetime | None:
        """The London moment from two cleaned fields, or None with the error added."""
        day = self.cleaned_data.get(day_field)
        return None if day is None else self.moment_on(day, time_field)

    def moment_on(self, day: datetime.date, time_field: str) -> datetime.datetime | None:
        time = self.cleaned_data.get(time_field)
        if time is None:
            return None
        try:
            return london(day, time, self.cleaned_data.get("clock_change", ""))
        except ClockChange as error:
            self.clock_change_needed = error.ambiguous
            self.add_error(time_field, error)
            return None

    @property
    def asks_clock_change(self) -> bool:
        return getattr(self, "clock_change_needed", False) or bool(
            self.data.get(self.add_prefix("clock_change"))
        )


class ChairAgreementForm:
    """Records whose agreement a deputy has. Where the terms need both co-chairs' agreement,
    one box for each co-chair, both to be ticked; otherwise the name of the chair who agreed.
    ``agreed_by()`` gives the record, in words."""

    def add_agreement_fields(self, rules, seat_titles: dict[str, str]) -> None:
        self.co_chairs = []
        if rules is not None and rules.deputies.agreement_of == "co_chairs":
            self.fields.pop("chair_agreed_by", None)
            for key in rules.chair.chair_seats:
                title = seat_titles.get(key, key)
                self.fields[f"agreed_{key}"] = forms.BooleanField(
                    label=f"The {title} agreed", required=False
                )
                self.co_chairs.append((key, title))

    def agreed_by(self) -> str:
        if not self.co_chairs:
            return self.cleaned_data.get("chair_agreed_by", "").strip()
        ticked = [t for key, t in self.co_chairs if self.cleaned_data.get(f"agreed_{key}")]
        return (
            f"the co-chairs ({' and '.join(ticked)})" if len(ticked) == len(self.co_chairs) else ""
        )

    def clean_agreement(self) -> None:
        """Half an agreement is none: say so, rather than record one co-chair's yes."""
        ticked = [key for key, _ in self.co_chairs if self.cleaned_data.get(f"agreed_{key}")]
        if self.co_chairs and 0 < len(ticked) < len(self.co_chairs):
            raise ValidationError(
                "The terms need both co-chairs' agreement: tick both, or neither."
            )
