"""REST API v1: the same data, scoping and workflow rules as the web, for other systems."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tiendo.accounts.access import (
    Actor,
    actor_for,
    directory_for_user,
    get_item_for_user,
    get_update_for_user,
    indicator_values_for_user,
    items_for_user,
    plans_for_user,
    updates_for_user,
)
from tiendo.agencies.models import Agency
from tiendo.api import serializers as s
from tiendo.indicators.models import Indicator, IndicatorValue
from tiendo.plans.models import Item, ItemKind, Plan
from tiendo.progress.models import ProgressUpdate, ReportingPeriod
from tiendo.progress.services import UpdateInput, update_create_draft, update_review, update_send
from tiendo.readmodels.scope import figure_scope
from tiendo.status.phrases import plan_sentences
from tiendo.status.selectors import AsOf, status_summary


def _actor(request: Request) -> Actor:
    return actor_for(request._request)


def _id(value: str | None) -> int | None:
    """A positive id from a query string, or None (ids beyond 64 bits cannot exist)."""
    if value and value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value)
    return None


class AgencyViewSet(viewsets.ReadOnlyModelViewSet[Agency]):
    """Agencies of the caller's province (or the whole directory for administrators)."""

    serializer_class = s.AgencySerializer
    queryset = Agency.objects.none()  # for the schema; get_queryset scopes the real one
    lookup_field = "code"
    lookup_value_regex = r"[^/]+"  # codes have dots: "40.SYT"

    def get_queryset(self) -> QuerySet[Agency]:
        actor = _actor(self.request)
        return directory_for_user(actor).select_related("parent").order_by("code")


class PlanViewSet(viewsets.ReadOnlyModelViewSet[Plan]):
    serializer_class = s.PlanSerializer
    queryset = Plan.objects.none()
    lookup_value_regex = r"\d{1,18}"  # ids beyond 64 bits cannot exist

    def get_queryset(self) -> QuerySet[Plan]:
        return plans_for_user(_actor(self.request)).prefetch_related("groups").order_by("id")


@extend_schema(
    parameters=[
        OpenApiParameter("plan", int, description="Kế hoạch (id)"),
        OpenApiParameter("kind", str, enum=ItemKind.values),
        OpenApiParameter("lead", str, description="Mã cơ quan chủ trì"),
    ]
)
class ItemViewSet(viewsets.ReadOnlyModelViewSet[Item]):
    serializer_class = s.ItemSerializer
    queryset = Item.objects.none()
    lookup_value_regex = r"\d{1,18}"  # ids beyond 64 bits cannot exist

    def get_queryset(self) -> QuerySet[Item]:
        items = (
            items_for_user(_actor(self.request))
            .select_related("plan", "group", "lead_agency")
            .prefetch_related("coordinating_agencies")
            .order_by("id")
        )
        params = self.request.query_params
        if "plan" in params:
            items = items.filter(plan_id=_id(params["plan"]) or 0)
        if params.get("kind") in ItemKind.values:
            items = items.filter(kind=params["kind"])
        if params.get("lead"):
            items = items.filter(lead_agency__code=params["lead"])
        return items


class UpdateViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[ProgressUpdate],
):
    """Progress reports. POST creates a draft for the caller's agency; then send and review."""

    serializer_class = s.UpdateSerializer
    queryset = ProgressUpdate.objects.none()
    lookup_value_regex = r"\d{1,18}"  # ids beyond 64 bits cannot exist

    def get_queryset(self) -> QuerySet[ProgressUpdate]:
        updates = updates_for_user(_actor(self.request)).select_related("agency").order_by("id")
        if "item" in self.request.query_params:
            return updates.filter(item_id=_id(self.request.query_params["item"]) or 0)
        return updates

    def get_object(self) -> ProgressUpdate:
        return get_update_for_user(_actor(self.request), int(self.kwargs["pk"]), "read")

    @extend_schema(request=s.UpdateInputSerializer, responses={201: s.UpdateSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        actor = _actor(request)
        data = s.UpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        item = get_item_for_user(actor, values["item"], "report")
        period = None
        if values.get("period"):
            period = ReportingPeriod.objects.filter(pk=values["period"], plan=item.plan).first()
            if period is None:
                raise serializers.ValidationError({"period": "Kỳ báo cáo không thuộc kế hoạch."})
        update = update_create_draft(
            actor=actor,
            item=item,
            period=period,
            data=UpdateInput(
                valid_on=values["valid_on"],
                state=values["state"],
                percent=values.get("percent"),
                achieved=values.get("achieved"),
                completed_on=values.get("completed_on"),
                narrative=values.get("narrative", ""),
            ),
        )
        return Response(s.UpdateSerializer(update).data, status=201)

    @extend_schema(request=None, responses=s.UpdateSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request: Request, pk: str) -> Response:
        actor = _actor(request)
        update = get_update_for_user(actor, int(pk), "send")
        sent = update_send(actor=actor, update=update, expected_version=update.version)
        return Response(s.UpdateSerializer(sent).data)

    @extend_schema(request=s.ReviewSerializer, responses=s.UpdateSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str) -> Response:
        actor = _actor(request)
        update = get_update_for_user(actor, int(pk), "review")
        body = s.ReviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        reviewed = update_review(
            actor=actor,
            update=update,
            decision=body.validated_data["decision"],
            note=body.validated_data.get("note", ""),
        )
        return Response(s.UpdateSerializer(reviewed).data)


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet[Indicator]):
    serializer_class = s.IndicatorSerializer
    queryset = Indicator.objects.order_by("code")
    lookup_field = "code"
    lookup_value_regex = r"[^/]+"


class IndicatorValueViewSet(viewsets.ReadOnlyModelViewSet[IndicatorValue]):
    serializer_class = s.IndicatorValueSerializer
    queryset = IndicatorValue.objects.none()
    lookup_value_regex = r"\d{1,18}"  # ids beyond 64 bits cannot exist

    def get_queryset(self) -> QuerySet[IndicatorValue]:
        actor = _actor(self.request)
        return indicator_values_for_user(actor).select_related("indicator", "agency").order_by("id")


class StatusView(APIView):
    """As-of status of a plan: the figures and the sentences an official would write."""

    @extend_schema(parameters=[s.StatusQuerySerializer], responses=s.StatusSerializer)
    def get(self, request: Request) -> Response:
        query = s.StatusQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        actor = _actor(request)
        plan = plans_for_user(actor).filter(pk=query.validated_data["plan"]).first()
        if plan is None:
            from rest_framework.exceptions import NotFound

            raise NotFound("Không tìm thấy kế hoạch hoặc bạn không có quyền xem.")
        as_of = AsOf.make(query.validated_data["as_of"], query.validated_data.get("known_at"))
        summary = status_summary(figure_scope(actor, plan=plan), as_of)
        data = {
            "as_of": as_of.date,
            "known_at": as_of.known_at,
            "all": summary.all,
            "models": summary.kind(ItemKind.MODEL),
            "tasks": summary.kind(ItemKind.TASK),
            "groups_total": summary.groups_total,
            "groups_with_unfinished": summary.groups_with_unfinished,
            "sentences": plan_sentences(plan, summary),
        }
        return Response(s.StatusSerializer(data).data)
