"""Forms of the minutes' workflow: a minute, sending to the chair, the chair's answer, and
the next meeting's confirmation with any amendments."""

from __future__ import annotations

from django import forms

from config.forms import ConfirmWarnings, StyledForm
from members.models import Person

MINUTE_HELP = (
    "Write paragraphs separated by a blank line; start lines with “- ” for a list. "
    "Write **bold**, _italics_ and [a link](https://…)."
)


class MinuteForm(StyledForm, forms.Form):
    text = forms.CharField(
        label="Minute",
        required=False,
        max_length=50_000,
        help_text=MINUTE_HELP,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    public_summary = forms.CharField(
        label="Summary for the public copy",
        required=False,
        max_length=10_000,
        help_text="Only where leaving this exempt item out would leave the public minutes "
        "without a coherent record. Nothing confidential.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, exempt: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not exempt:
            del self.fields["public_summary"]


class SendToChairForm(StyledForm, ConfirmWarnings):
    """Who approves the draft; a draft with an item still unwritten goes only once the clerk
    confirms it should."""

    chair = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        label="Who approves the draft",
        help_text="Whoever presided, unless they cannot. They approve it, or return it with "
        "comments, when signed in to Quorate.",
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = people


class ChairDecisionForm(StyledForm, forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[
            ("approve", "Approve the draft minutes"),
            ("return", "Return them to the secretariat with comments"),
        ],
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Needed when you return the draft: say what should change.",
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not data.get("comments", "").strip():
            self.add_error("comments", "Say what should change before the minutes return.")
        return data


class ConfirmMinutesForm(StyledForm, forms.Form):
    """One box per item of the earlier minutes, for an amendment the meeting agrees; empty
    boxes confirm that item's minute as it stands."""

    minutes = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, item_minutes=(), **kwargs):
        super().__init__(*args, **kwargs)
        for minute, number in item_minutes:
            self.fields[f"amend_{minute.pk}"] = forms.CharField(
                label=f"Amendment to item {number}, {minute.item.title}",
                required=False,
                max_length=50_000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="The minute as amended, in full. Leave empty if unchanged.",
            )

    @property
    def amendments(self) -> dict[int, str]:
        return {
            int(name.removeprefix("amend_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("amend_") and value.strip()
        }
