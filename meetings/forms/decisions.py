"""The record of a decision, completed after the meeting: reasons, the alternatives
considered and rejected, and any dispensation."""

from __future__ import annotations

import datetime

from django import forms

from config.forms import DATE, StyledForm
from governance.rules.words import london_midnight

from .fields import Period


class DecisionRecordForm(StyledForm, forms.Form):
    reasons = forms.CharField(
        label="Reasons for the decision",
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    alternatives = forms.CharField(
        label="Alternatives considered and rejected",
        required=False,
        max_length=10_000,
        help_text="Write “None” if no alternative was considered.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    dispensation = forms.CharField(
        label="Conflicts of interest: any dispensation granted",
        required=False,
        max_length=10_000,
        help_text="Needed where a member who declared an interest took part: the "
        "dispensation, who granted it, or why none was needed.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


def decision_record_form(decision, data=None) -> DecisionRecordForm:
    return DecisionRecordForm(
        data,
        prefix=f"d{decision.pk}",
        initial={
            "reasons": decision.reasons,
            "alternatives": decision.alternatives,
            "dispensation": decision.dispensation,
            "revision": decision.revision,
        },
    )


class RegisterFilterForm(StyledForm, Period):
    """Narrow a register of decisions: taken between two dates, or containing some words."""

    since = forms.DateField(label="Taken on or after", required=False, widget=DATE)
    until = forms.DateField(label="Taken on or before", required=False, widget=DATE)
    words = forms.CharField(label="Containing the words", required=False, max_length=200)

    def narrow(self, decisions):
        """The decisions, narrowed by what the form holds (valid, or not at all)."""
        if not self.is_valid():
            return decisions
        data = self.cleaned_data
        if data["since"]:
            decisions = decisions.filter(recorded_at__gte=london_midnight(data["since"]))
        if data["until"]:
            following = data["until"] + datetime.timedelta(days=1)
            decisions = decisions.filter(recorded_at__lt=london_midnight(following))
        for word in data["words"].split()[:8]:
            decisions = decisions.filter(text__icontains=word)
        return decisions
