"""The "try attendance" form: one choice per seat, read into an attendance spec."""

from __future__ import annotations

from django import forms

from governance.rules.attendance import Membership
from governance.rules.language import BodyRules

ABSENT, APOLOGIES, WITHDRAWN, REMOTE = "absent", "apologies", "withdrawn", "remote"
DEPUTY, DEPUTY_AGREED, DEPUTY_NOT_NOMINATED = "deputy", "deputy_agreed", "deputy_other"


class TryAttendanceForm(forms.Form):
    business = forms.ChoiceField(
        label="Business of the item", widget=forms.Select(attrs={"class": "form-select"})
    )
    in_attendance = forms.CharField(
        label="In attendance (not members), one name a line",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )

    def __init__(self, *args, membership: Membership, rules: BodyRules, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership
        self.fields["business"].choices = [
            (b.key, b.name.capitalize()) for b in rules.business_types
        ]
        self.seat_fields = []
        for seat in membership.seats:
            choices = [(ABSENT, "Absent")]
            if seat.filled == 1:
                choices.append(("1", "Present"))
            choices += [
                (str(n), f"{n} of {seat.filled} present")
                for n in range(1, seat.filled + 1)
                if seat.filled > 1
            ]
            if seat.filled and rules.remote:
                choices.append((REMOTE, "Present, remotely"))
            if seat.filled:
                choices += [(APOLOGIES, "Apologies"), (WITHDRAWN, "Present, withdrawn (conflict)")]
            if seat.filled or rules.deputies.for_vacant_seats:
                choices += [
                    (DEPUTY, "Deputy attends"),
                    (DEPUTY_AGREED, "Deputy, chair agreed"),
                    (DEPUTY_NOT_NOMINATED, "Deputy, not the nominated one"),
                ]
            name = f"seat-{seat.key}"
            self.fields[name] = forms.ChoiceField(
                label=seat.title,
                choices=choices,
                initial=ABSENT,
                required=False,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )
            self.seat_fields.append((seat, self[name]))

    def spec(self) -> dict:
        """The attendance spec for governance.whatif.check_quorum."""
        data = self.cleaned_data
        spec = {"present": [], "withdrawn": [], "remote": [], "apologies": [], "deputies": []}
        for seat in self.membership.seats:
            choice = data.get(f"seat-{seat.key}") or ABSENT
            if choice.isdigit():
                spec["present"] += [seat.key] * int(choice)
            elif choice in (WITHDRAWN, REMOTE):
                spec["present"].append(seat.key)
                spec[choice].append(seat.key)
            elif choice == APOLOGIES:
                spec["apologies"].append(seat.key)
            elif choice in (DEPUTY, DEPUTY_AGREED, DEPUTY_NOT_NOMINATED):
                if seat.filled:
                    spec["apologies"].append(seat.key)
                spec["deputies"].append(
                    {
                        "for": seat.key,
                        "name": f"Deputy for the {seat.title}",
                        "chair_agreed": choice == DEPUTY_AGREED,
                        "nominated": choice != DEPUTY_NOT_NOMINATED,
                    }
                )
        spec["in_attendance"] = [
            n.strip() for n in data.get("in_attendance", "").splitlines() if n.strip()
        ]
        return spec
