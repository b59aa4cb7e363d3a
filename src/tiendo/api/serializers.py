"""What the API shows and accepts. Writes go through the same services as the web."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rest_framework import serializers

from tiendo.agencies.models import Agency
from tiendo.indicators.models import Indicator, IndicatorValue
from tiendo.lib.dates import date_window_error
from tiendo.plans.models import Item, Plan, TaskGroup
from tiendo.progress.models import REPORTABLE_STATES, ProgressUpdate


class AgencySerializer(serializers.ModelSerializer[Agency]):
    # "parent" is also the name of DRF's own attribute for a field's container; the stubs say so.
    parent: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(  # type: ignore[assignment]
        slug_field="code", read_only=True, allow_null=True
    )

    class Meta:
        model = Agency
        fields = ["id", "code", "name", "short_name", "kind", "parent", "valid_from", "valid_to"]


class GroupSerializer(serializers.ModelSerializer[TaskGroup]):
    class Meta:
        model = TaskGroup
        fields = ["id", "position", "code", "name"]


class PlanSerializer(serializers.ModelSerializer[Plan]):
    issuing_agency: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    groups = GroupSerializer(many=True, read_only=True)

    class Meta:
        model = Plan
        fields = [
            "id",
            "number",
            "issued_on",
            "issuing_agency",
            "title",
            "period_start",
            "period_end",
            "is_illustrative",
            "groups",
        ]


class ItemSerializer(serializers.ModelSerializer[Item]):
    plan: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="number", read_only=True
    )
    group: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    lead_agency: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    coordinating_agencies: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )

    class Meta:
        model = Item
        fields = [
            "id",
            "plan",
            "group",
            "kind",
            "code",
            "title",
            "description",
            "lead_agency",
            "coordinating_agencies",
            "focal_person",
            "start_date",
            "deadline",
            "is_recurring",
            "product_type",
            "metric",
            "unit",
            "baseline",
            "target",
            "budget_source",
        ]


class UpdateSerializer(serializers.ModelSerializer[ProgressUpdate]):
    agency: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    status = serializers.CharField(read_only=True)

    class Meta:
        model = ProgressUpdate
        fields = [
            "id",
            "item",
            "period",
            "agency",
            "is_contribution",
            "valid_on",
            "state",
            "percent",
            "achieved",
            "completed_on",
            "narrative",
            "status",
            "recorded_at",
            "decision",
            "reviewed_at",
            "review_note",
            "version",
        ]
        read_only_fields = fields


class WindowDateField(serializers.DateField):
    """A date inside the plausible window of lib/dates (0001 or 9999 are typing slips)."""

    def to_internal_value(self, value: Any) -> dt.date:
        day: dt.date = super().to_internal_value(value)
        problem = date_window_error(day, str(self.label or self.field_name or "Ngày"))
        if problem:
            raise serializers.ValidationError(problem)
        return day


class WindowDateTimeField(serializers.DateTimeField):
    def to_internal_value(self, value: Any) -> dt.datetime:
        try:
            moment: dt.datetime = super().to_internal_value(value)
        except OverflowError:  # 0001-01-01 in Hà Nội time is before year 1 in UTC
            raise serializers.ValidationError("Thời điểm nằm ngoài lịch.") from None
        problem = date_window_error(moment.date(), "Thời điểm")
        if problem:
            raise serializers.ValidationError(problem)
        return moment


class UpdateInputSerializer(serializers.Serializer[Any]):
    """A draft report: the same fields and rules as the web form."""

    item = serializers.IntegerField(min_value=1)
    period = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    valid_on = WindowDateField()
    state = serializers.ChoiceField(choices=REPORTABLE_STATES)
    percent = serializers.IntegerField(min_value=0, max_value=100, required=False, allow_null=True)
    achieved = serializers.DecimalField(
        max_digits=16,
        decimal_places=2,
        min_value=0,
        required=False,
        allow_null=True,
    )
    completed_on = WindowDateField(required=False, allow_null=True)
    narrative = serializers.CharField(required=False, allow_blank=True, default="")


class ReviewSerializer(serializers.Serializer[Any]):
    decision = serializers.ChoiceField(choices=["confirmed", "returned"])
    note = serializers.CharField(required=False, allow_blank=True, default="")


class IndicatorSerializer(serializers.ModelSerializer[Indicator]):
    class Meta:
        model = Indicator
        fields = ["id", "code", "name", "unit", "direction", "baseline", "is_rate"]


class IndicatorValueSerializer(serializers.ModelSerializer[IndicatorValue]):
    indicator: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    agency: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = IndicatorValue
        fields = ["id", "indicator", "agency", "period_end", "value"]


class CountsSerializer(serializers.Serializer[Any]):
    total = serializers.IntegerField()
    done = serializers.IntegerField()
    in_progress = serializers.IntegerField()
    not_started = serializers.IntegerField()
    unfinished = serializers.IntegerField()
    overdue = serializers.IntegerField()
    by_state = serializers.DictField(child=serializers.IntegerField())
    by_deadline_class = serializers.DictField(child=serializers.IntegerField(), source="by_class")


class StatusSerializer(serializers.Serializer[Any]):
    as_of = serializers.DateField()
    known_at = serializers.DateTimeField()
    all = CountsSerializer()
    models = CountsSerializer()
    tasks = CountsSerializer()
    groups_total = serializers.IntegerField()
    groups_with_unfinished = serializers.IntegerField()
    sentences = serializers.ListField(child=serializers.CharField())


class StatusQuerySerializer(serializers.Serializer[Any]):
    plan = serializers.IntegerField(min_value=1, max_value=2**62)
    as_of = WindowDateField(
        error_messages={"invalid": "Ngày chốt số liệu không hợp lệ (dạng YYYY-MM-DD)."}
    )
    known_at = WindowDateTimeField(required=False)
