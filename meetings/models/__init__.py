"""The meeting's record: when it meets, its agenda and papers, and what happened in the room."""

from .agenda import (
    AgendaAgreement,
    AgendaItem,
    Apology,
    DeputyRequest,
    LatePublicationRequest,
    Paper,
    Publication,
)
from .decision_notice import DecisionNotice
from .minutes import ItemMinute, Minutes, MinutesAmendment
from .record import Action, AdvanceDeclaration, Attendance, Decision, Declaration, Vote
from .resolution import ResolutionAnswer, WrittenResolution
from .schedule import Adjournment, ConsoleVersion, Meeting, MeetingChange, PlannedItem

__all__ = [
    "Action",
    "Adjournment",
    "AdvanceDeclaration",
    "AgendaAgreement",
    "AgendaItem",
    "Apology",
    "Attendance",
    "ConsoleVersion",
    "Decision",
    "DecisionNotice",
    "Declaration",
    "DeputyRequest",
    "ItemMinute",
    "LatePublicationRequest",
    "Meeting",
    "MeetingChange",
    "Minutes",
    "MinutesAmendment",
    "Paper",
    "PlannedItem",
    "Publication",
    "ResolutionAnswer",
    "Vote",
    "WrittenResolution",
]
