"""Forms for an agenda, its papers, late publication and apologies."""

from __future__ import annotations

from django import forms

from config.forms import DATE, TIME, StyledForm

from ..models import AgendaItem, Meeting
from ..queries import PEOPLE_FOUND
from .fields import ChairAgreementForm, LondonTimesForm, MinutesField


class AgendaItemForm(StyledForm, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = [
            "title",
            "presenter",
            "author_email",
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

    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput, required=False)
    minutes_allotted = MinutesField(
        label="Time allotted", required=False, min_value=1, max_value=600,
        help_text="Such as 20, 45 mins or 1h.",
    )  # fmt: skip

    @property
    def item_fields(self) -> dict:
        """What the clerk set on the item (the revision is how the save is checked)."""
        return {k: v for k, v in self.cleaned_data.items() if k != "revision"}

    def __init__(self, *args, meeting: Meeting, business_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("revision", self.instance.revision)
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


class MoveForm(forms.Form):
    """One of the arrow buttons beside an item."""

    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")])


class PaperDetailsForm(StyledForm, forms.Form):
    title = forms.CharField(label="Title", max_length=300)
    author = forms.CharField(label="Author", max_length=200)
    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class PaperForm(StyledForm, forms.Form):
    file = forms.FileField(label="The paper", help_text="A PDF, Word document or Excel workbook.")
    title = forms.CharField(label="Title", max_length=300)
    author = forms.CharField(label="Author", max_length=200)


class ChairAuthorisationForm(LondonTimesForm, StyledForm, forms.Form):
    """The Chair's authorisation to publish after the notice deadline."""

    chair = forms.CharField(label="Name of the Chair who authorised it", max_length=200)
    authorised_on = forms.DateField(label="Date of the authorisation", widget=DATE)
    authorised_time = forms.TimeField(label="Time of the authorisation", widget=TIME)
    reason = forms.CharField(
        label="Why the papers are late (the exceptional circumstances)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    moment_fields = ("authorised_on", "authorised_time", "authorised_at")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["chair", "authorised_on", "authorised_time", "clock_change"])


class AgendaAgreementForm(LondonTimesForm, StyledForm, forms.Form):
    """Who agreed the agenda (as the terms require), and when."""

    agreed_by = forms.CharField(label="Agreed by", max_length=300)
    agreed_on = forms.DateField(label="Date agreed", widget=DATE)
    agreed_time = forms.TimeField(label="Time agreed", widget=TIME)
    moment_fields = ("agreed_on", "agreed_time", "agreed_at")


class ApologyForm(ChairAgreementForm, StyledForm, forms.Form):
    seat = forms.ChoiceField(label="Seat")
    deputy = forms.TypedChoiceField(
        label="Deputy attending instead", required=False, coerce=int, empty_value=None
    )
    find = forms.CharField(
        label="Or find someone else to deputise: part of their name",
        required=False,
        max_length=100,
    )
    chair_agreed_by = forms.CharField(
        label="The chair who agreed to the deputy, where the terms need it",
        required=False,
        max_length=200,
    )

    def __init__(
        self, *args, seats, deputies, search_url="", rules=None, seat_titles=None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.add_agreement_fields(rules, seat_titles or {})
        self.fields["seat"].choices = [
            ("", "Choose a seat"),
            *[
                (f"{seat.key}:{person.pk}", f"{seat.title}: {person.full_name}")
                for seat, person in seats
            ],
        ]
        nominated, self.found = deputies
        self.fields["deputy"].choices = [("", "No deputy"), *nominated, *self.found]
        # As the clerk types, the deputy list is redrawn with the people found; without
        # JavaScript, the search runs when the form is sent.
        self.fields["find"].widget.attrs.update(
            {
                "type": "search",
                "autocomplete": "off",
                "hx-get": search_url,
                "hx-trigger": "input changed delay:300ms, search",
                "hx-target": "#deputy-field",
                "hx-swap": "outerHTML",
            }
        )
        self.style()

    def clean(self):
        data = super().clean()
        self.clean_agreement()
        find = data.get("find", "").strip()
        if find and not data.get("deputy") and "deputy" not in self.errors:
            found = len(self.found)
            if not found:
                problem = f"No one whose name contains “{find}” was found: check the spelling."
            elif found >= PEOPLE_FOUND:
                problem = (
                    f"Choose the deputy from the first {found} found for “{find}”, or type "
                    "more of their name."
                )
            else:
                problem = f"Choose the deputy from the {found} found for “{find}”."
            self.add_error("deputy", problem)
        return data


class LateRequestForm(StyledForm, forms.Form):
    """Ask the Chair, in the application, to authorise late publication."""

    reason = forms.CharField(
        label="Why the papers are late (the exceptional circumstances)",
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LateAnswerForm(StyledForm, forms.Form):
    """The Chair's answer to a request to publish late."""

    answer = forms.TypedChoiceField(
        label="Your answer",
        choices=[(True, "I authorise publication after the deadline"), (False, "I refuse")],
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Note to the secretariat (needed if you refuse)",
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MyApologyForm(StyledForm, forms.Form):
    """A member's own apologies, and the nominated deputy to attend instead, if any."""

    seat = forms.ChoiceField(label="For which seat")
    deputy = forms.TypedChoiceField(
        label="Your deputy", required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, seats, deputies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seat"].choices = [(seat.key, seat.title) for seat in seats]
        if len(seats) == 1:
            self.fields["seat"].widget = forms.HiddenInput()
            self.fields["seat"].initial = seats[0].key
        self.fields["deputy"].choices = [
            ("", "No deputy"),
            *[(n.person_id, f"{n.person} (nominated for the {n.seat.title})") for n in deputies],
        ]
        self.fields["deputy"].help_text = (
            "Your nominated deputies. Where the terms need the chair's agreement, the chair "
            "is asked in Quorate and your deputy attends once they agree."
        )
        self.style()


class DeputyAnswerForm(StyledForm, forms.Form):
    """The chair's answer to a member's request that a deputy attend."""

    answer = forms.TypedChoiceField(
        label="Your answer",
        choices=[(True, "I agree to this deputy attending"), (False, "I do not agree")],
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Note to the member (needed if you do not agree)",
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AdvanceDeclarationForm(StyledForm, forms.Form):
    """A member's interest in an item of a meeting to come: one from their register entry,
    or described here."""

    item = forms.TypedChoiceField(label="The item", coerce=int)
    interest = forms.TypedChoiceField(
        label="Your interest", required=False, coerce=int, empty_value=None
    )
    description = forms.CharField(
        label="Or describe it",
        required=False,
        max_length=300,
        help_text="If it is not in your register entry, or to say how it bears on the item.",
    )

    def __init__(self, *args, items, interests, numbers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [(i.pk, f"Item {numbers[i.pk]}: {i.title}") for i in items]
        self.fields["interest"].choices = [
            ("", "Not in my register entry"),
            *[(i.pk, f"{i.get_category_display()}: {i.description[:80]}") for i in interests],
        ]
        self.interests = {i.pk: i for i in interests}
        self.style()

    def clean(self):
        data = super().clean()
        interest = self.interests.get(data.get("interest"))
        if interest is None and not data.get("description", "").strip():
            self.add_error("description", "Choose the interest from your entry or describe it.")
        data["interest"] = interest
        data["description"] = data.get("description", "").strip() or (
            interest.description[:300] if interest else ""
        )
        return data
