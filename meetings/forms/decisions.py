"""The record of a decision, completed after the meeting: reasons, the alternatives
considered and rejected, and any dispensation."""

from __future__ import annotations

from django import forms

from .fields import StyledForm


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
