"""A person's choice of courtesy reminders (the notices the terms require are always sent)."""

from __future__ import annotations

from django import forms


class CourtesyRemindersForm(forms.Form):
    courtesy_reminders = forms.BooleanField(
        label="Send me courtesy reminders, such as “the meeting is tomorrow”",
        required=False,
        help_text="Agendas, changes to meetings and the deadlines you are responsible for are "
        "always sent.",
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
