"""The seed bodies' rules and seats, read from their files without a database."""

from __future__ import annotations

import datetime
from functools import cache

from governance import bodyfile
from governance.snapshot import membership_of
from governance.whatif import check_quorum, with_vacancies

ON = datetime.date(2026, 11, 23)
LIE = "leicestershire-integration-executive"
JCG = "leicestershire-joint-commissioning-group"
STP = "llr-stp-partnership-group"
MSE = "mid-and-south-essex-icp"
SEL = "south-east-london-icp"

# Eleven of the SEL ICP's 21 members, with the ICB, two councillors and two provider chairs.
SEL_ELEVEN = [
    "icb-chief-executive",
    "elected-member-bexley",
    "elected-member-lambeth",
    "chair-gstt",
    "chair-bromley-healthcare",
    "vcse",
    "healthwatch",
    "primary-care",
    "kings-health-partners",
    "lead-director-public-health",
    "chair-oxleas",
]


@cache
def seed(slug: str):
    body_file = bodyfile.read(bodyfile.SHIPPED_DIR / f"{slug}.yaml")
    return body_file.rules(), membership_of(body_file)


def check(slug: str, *, business: str | None = None, vacant=(), on=ON, **spec):
    rules, membership = seed(slug)
    return check_quorum(
        rules, with_vacancies(membership, list(vacant)), spec, business=business, on=on
    ).result
