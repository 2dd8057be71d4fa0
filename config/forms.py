"""What every form shares: Bootstrap's classes on its widgets, and the browser's date and
time boxes."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

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


class ConfirmWarnings(forms.Form):
    """A form that may warn before it acts: the clerk ticks to go ahead anyway."""

    confirm = forms.BooleanField(label="I have read the warnings: go ahead", required=False)

    def needs_confirmation(self, warnings: list[str]) -> bool:
        if warnings and not self.cleaned_data.get("confirm"):
            self.warnings = warnings
            return True
        return False


def add_service_errors(form, error: ValidationError) -> None:
    """A service's refusal shown on the form: beside the field it names, else above all."""
    if hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)


def saved_values(record, form) -> list[tuple[str, str]]:
    """The record's saved values, labelled as the form labels them, for the clerk to compare
    with their own input."""
    rows = []
    for name, field in form.fields.items():
        if field.widget.is_hidden or not hasattr(record, name):
            continue
        display = getattr(record, f"get_{name}_display", None)
        value = display() if display else getattr(record, name)
        rows.append((field.label, "" if value in (None, "") else str(value)))
    return rows


def with_revision(data, revision: int):
    """The clerk's submitted input, made ready to save over the latest revision: shown back
    to them beside the latest when their save was refused as out of date."""
    data = data.copy()
    data["revision"] = revision
    return data
