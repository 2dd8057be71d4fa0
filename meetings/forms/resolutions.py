"""Issuing a written resolution, answering it, and recording an answer given by e-mail."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from config.forms import DATE, TIME, StyledForm

from ..models import AgendaItem, ResolutionAnswer
from .fields import LondonTimesForm

PARAGRAPHS = [("", "Choose the paragraph")] + [(n, f"Paragraph {n}") for n in range(1, 8)]
EMAIL_TYPES = (".eml", ".msg", ".pdf", ".txt")


class ResolutionForm(LondonTimesForm, StyledForm, forms.Form):
    title = forms.CharField(label="Title", max_length=300)
    text = forms.CharField(
        label="The resolution",
        max_length=10_000,
        help_text="What the members are asked to agree, as it will stand in the register.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    business_type = forms.ChoiceField(label="Business", required=False)
    part = forms.ChoiceField(
        label="Part", choices=AgendaItem.Part.choices, initial=AgendaItem.Part.A
    )
    exempt_paragraph = forms.TypedChoiceField(
        label="For Part B: the paragraph of Schedule 12A that makes it confidential",
        choices=PARAGRAPHS,
        coerce=int,
        empty_value=None,
        required=False,
    )
    paper = forms.FileField(
        label="The paper (optional)",
        required=False,
        help_text="A PDF, Word document or Excel workbook, sent with the resolution.",
    )
    respond_on = forms.DateField(label="Answers by (date)", widget=DATE)
    respond_time = forms.TimeField(label="Answers by (time)", widget=TIME, initial="17:00")
    moment_fields = ("respond_on", "respond_time", "respond_by")

    def __init__(self, *args, business_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["business_type"].choices = [
            ("" if n == 0 else b.key, b.name) for n, b in enumerate(business_types)
        ]
        if len(business_types) < 2:
            self.fields["business_type"].widget = forms.HiddenInput()
        self.order_fields(
            ["title", "text", "business_type", "part", "exempt_paragraph", "paper", "respond_on"]
        )

    def clean(self):
        data = super().clean()
        if data.get("part") == AgendaItem.Part.B and not data.get("exempt_paragraph"):
            self.add_error(
                "exempt_paragraph", "A confidential resolution needs its paragraph of Schedule 12A."
            )
        return data


class AnswerForm(StyledForm, forms.Form):
    answer = forms.ChoiceField(
        label="Choose one",
        choices=ResolutionAnswer.Answer.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Comment (optional)",
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    seat = forms.IntegerField(widget=forms.HiddenInput)


class EmailedAnswerForm(StyledForm, forms.Form):
    """An answer that came by e-mail, recorded by the secretariat with the e-mail attached."""

    who = forms.ChoiceField(label="Who answered")
    answer = forms.ChoiceField(
        label="Their answer", choices=ResolutionAnswer.Answer.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label="Their comment, if any",
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    email = forms.FileField(
        label="The e-mail",
        help_text="Saved from the mail program (.eml or .msg), or printed to PDF or text.",
    )

    def __init__(self, *args, entitled=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["who"].choices = [("", "Choose who answered")] + [
            (f"{e.person.pk}-{e.seat.pk}", e.label) for e in entitled
        ]

    def clean_who(self):
        person, seat = self.cleaned_data["who"].split("-")
        return int(person), int(seat)

    def clean_email(self):
        upload = self.cleaned_data["email"]
        if not upload.name.lower().endswith(EMAIL_TYPES):
            raise forms.ValidationError(
                "Attach the e-mail as an .eml or .msg file, or as a PDF or text file."
            )
        if upload.size == 0:
            raise forms.ValidationError("The file is empty. Choose the e-mail again.")
        if upload.size > settings.PAPER_MAX_BYTES:
            raise forms.ValidationError(
                f"The file is {filesizeformat(upload.size)}; it can be at most "
                f"{filesizeformat(settings.PAPER_MAX_BYTES)}."
            )
        return upload
