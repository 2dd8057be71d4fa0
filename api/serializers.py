"""The shapes the API speaks, named after Popolo (organisations, posts, memberships, people)
and Open Civic Data (events, agenda items, documents, vote events) where they fit."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from config import clock
from governance.models import Body, Organisation, Seat
from meetings.models import AgendaItem, Decision, Meeting, Paper, Vote
from members.models import Person

TIME_ZONE = "Europe/London"
OCD_OPTIONS = {"for": "yes", "against": "no", "abstain": "abstain"}


def _absolute(serializer, name: str, *args) -> str:
    path = reverse(name, args=args)
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request else path


class BodySerializer(serializers.ModelSerializer):
    """A body (a Popolo organisation of classification "committee")."""

    classification = serializers.SerializerMethodField()
    parent_id = serializers.IntegerField(source="reports_to_id", allow_null=True)
    html_url = serializers.SerializerMethodField()

    class Meta:
        model = Body
        fields = ["id", "name", "short_name", "slug", "classification", "parent_id", "purpose",
                  "meets_in_public", "html_url"]  # fmt: skip

    def get_classification(self, body) -> str:
        return "committee"

    def get_html_url(self, body) -> str:
        return _absolute(self, "meetings:body-detail", body.slug)


class OrganisationSerializer(serializers.ModelSerializer):
    """An organisation that nominates to seats (a council, an NHS trust, Healthwatch…)."""

    classification = serializers.CharField(source="kind")
    classification_label = serializers.CharField(source="get_kind_display")

    class Meta:
        model = Organisation
        fields = ["id", "name", "short_name", "slug", "classification", "classification_label"]


class PostSerializer(serializers.ModelSerializer):
    """A seat on a body, as its terms of reference name it (a Popolo post)."""

    label = serializers.CharField(source="title")
    organization_id = serializers.IntegerField(source="body_id")
    role_label = serializers.CharField(source="get_role_display")
    represents_organisation_id = serializers.IntegerField(source="organisation_id", allow_null=True)
    places = serializers.IntegerField(source="max_holders")
    categories = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")

    class Meta:
        model = Seat
        fields = ["id", "label", "organization_id", "role", "role_label", "voting", "places",
                  "represents_organisation_id", "categories", "position"]  # fmt: skip


class MembershipSerializer(serializers.Serializer):
    """A person's place on a body: holding a seat (role "member"), or nominated to deputise for
    its holder (role "deputy", with ``on_behalf_of`` naming the seat)."""

    id = serializers.CharField(source="key")
    person_id = serializers.IntegerField()
    post_id = serializers.IntegerField()
    organization_id = serializers.IntegerField()
    role = serializers.ChoiceField(choices=["member", "deputy"])
    start_date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True)
    on_behalf_of = serializers.SerializerMethodField()

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {"post_id": {"type": "integer"}, "label": {"type": "string"}},
        }
    )
    def get_on_behalf_of(self, row):
        if row["role"] != "deputy":
            return None
        return {"post_id": row["post_id"], "label": row["post_label"]}


class PersonSerializer(serializers.ModelSerializer):
    """A person's public details: never their e-mail address or telephone number."""

    name = serializers.CharField(source="full_name")

    class Meta:
        model = Person
        fields = ["id", "name", "honorific", "given_name", "family_name", "job_title"]


class EventSerializer(serializers.ModelSerializer):
    """A meeting, in the shape of an Open Civic Data event."""

    name = serializers.CharField(source="title")
    classification = serializers.CharField(source="kind")
    status = serializers.SerializerMethodField()
    start_date = serializers.DateTimeField(source="starts_at")
    end_date = serializers.DateTimeField(source="ends_at")
    timezone = serializers.SerializerMethodField()
    all_day = serializers.SerializerMethodField()
    location = serializers.SerializerMethodField()
    organization_id = serializers.IntegerField(source="body_id")
    html_url = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = ["id", "name", "classification", "status", "start_date", "end_date", "timezone",
                  "all_day", "location", "organization_id", "cancellation_reason",
                  "html_url"]  # fmt: skip

    @extend_schema_field(
        serializers.ChoiceField(choices=["confirmed", "passed", "cancelled", "tentative"])
    )
    def get_status(self, meeting) -> str:
        if meeting.status == Meeting.Status.CANCELLED:
            return "cancelled"
        held = meeting.closed_at is not None or meeting.ends_at < clock.now()
        return "passed" if held else "confirmed"

    def get_timezone(self, meeting) -> str:
        return TIME_ZONE

    def get_all_day(self, meeting) -> bool:
        return False

    @extend_schema_field(
        {
            "type": "object",
            "properties": {"name": {"type": "string"}, "url": {"type": "string"}},
        }
    )
    def get_location(self, meeting):
        return {"name": meeting.location, "url": meeting.online_link}

    def get_html_url(self, meeting) -> str:
        return _absolute(self, "meetings:meeting-detail", meeting.pk)


class AgendaItemSerializer(serializers.ModelSerializer):
    """A Part A agenda item as published (exempt business is not published here)."""

    event_id = serializers.IntegerField(source="meeting_id")
    order = serializers.IntegerField(source="position")
    description = serializers.CharField(source="title")
    classification = serializers.CharField(source="purpose")

    class Meta:
        model = AgendaItem
        fields = ["id", "event_id", "order", "description", "classification", "presenter",
                  "business_type", "minutes_allotted"]  # fmt: skip


class DocumentSerializer(serializers.ModelSerializer):
    """A published paper: its file is fetched from ``url``, which checks access itself."""

    agenda_item_id = serializers.IntegerField(source="item_id")
    event_id = serializers.IntegerField(source="item.meeting_id")
    note = serializers.CharField(source="title")
    date = serializers.DateTimeField(source="published.published_at")
    media_type = serializers.CharField()
    url = serializers.SerializerMethodField()
    accessibility = serializers.SerializerMethodField()

    class Meta:
        model = Paper
        fields = ["id", "agenda_item_id", "event_id", "note", "author", "kind", "version",
                  "date", "media_type", "size", "url", "accessibility"]  # fmt: skip

    def get_url(self, paper) -> str:
        return _absolute(self, "meetings:paper-download", paper.pk)

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "tagged": {"type": "boolean", "nullable": True},
                "title": {"type": "string"},
                "language": {"type": "string"},
                "gaps": {"type": "array", "items": {"type": "string"}},
            },
        }
    )
    def get_accessibility(self, paper):
        return {
            "tagged": paper.pdf_tagged,
            "title": paper.pdf_title,
            "language": paper.pdf_language,
            "gaps": paper.accessibility_gaps,
        }


class DecisionSerializer(serializers.ModelSerializer):
    """A decision in a body's register: taken at a meeting, or by written resolution."""

    organization_id = serializers.IntegerField(source="body_id")
    event_id = serializers.IntegerField(source="meeting_id", allow_null=True)
    agenda_item_id = serializers.IntegerField(source="item_id", allow_null=True)
    date = serializers.DateField(source="day")
    outcome_label = serializers.CharField(source="get_outcome_display")
    vote_event_id = serializers.IntegerField(source="vote_id", allow_null=True)

    class Meta:
        model = Decision
        fields = ["id", "reference", "organization_id", "event_id", "agenda_item_id", "date",
                  "title", "text", "outcome", "outcome_label", "reasons", "value",
                  "vote_event_id"]  # fmt: skip


class VoteEventSerializer(serializers.ModelSerializer):
    """A vote, in the shape of an Open Civic Data vote event, with its counts and, for a named
    vote, how each member voted."""

    motion_text = serializers.CharField(source="motion")
    agenda_item_id = serializers.IntegerField(source="item_id")
    event_id = serializers.IntegerField(source="item.meeting_id")
    organization_id = serializers.IntegerField(source="item.meeting.body_id")
    result = serializers.SerializerMethodField()
    counts = serializers.SerializerMethodField()
    votes = serializers.SerializerMethodField()
    casting_vote = serializers.CharField(source="casting")

    class Meta:
        model = Vote
        fields = ["id", "motion_text", "event_id", "agenda_item_id", "organization_id",
                  "result", "counts", "eligible", "casting_vote", "votes"]  # fmt: skip

    @extend_schema_field(serializers.ChoiceField(choices=["pass", "fail"]))
    def get_result(self, vote) -> str:
        return "pass" if vote.carried else "fail"

    @extend_schema_field(
        {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"option": {"type": "string"}, "value": {"type": "integer"}},
            },
        }
    )
    def get_counts(self, vote):
        return [
            {"option": "yes", "value": vote.votes_for},
            {"option": "no", "value": vote.against},
            {"option": "abstain", "value": vote.abstentions},
        ]

    @extend_schema_field(
        {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"voter_name": {"type": "string"}, "option": {"type": "string"}},
            },
        }
    )
    def get_votes(self, vote):
        return [
            {"voter_name": name, "option": OCD_OPTIONS.get(choice, choice)}
            for name, choice in sorted(vote.named.items())  # jsonb keeps no order
        ]
