"""The period attendance is counted over: a year to today unless the reader chooses."""

from __future__ import annotations

import datetime

from django import forms

from config.forms import DATE, StyledForm

from .fields import Period


def year_to(today: datetime.date) -> dict[str, datetime.date]:
    return {"since": today - datetime.timedelta(days=364), "until": today}


class AttendancePeriodForm(StyledForm, Period):
    since = forms.DateField(label="Meetings from", required=False, widget=DATE)
    until = forms.DateField(label="Meetings to", required=False, widget=DATE)

    def period(self, today: datetime.date) -> tuple[datetime.date, datetime.date]:
        """The dates chosen; by default the year to ``today``."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        until = data.get("until") or today
        return data.get("since") or year_to(until)["since"], until
