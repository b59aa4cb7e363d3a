"""Downloads of the lists: items, progress reports, agencies, indicator values."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse

from tiendo.accounts.access import (
    actor_for,
    get_plan_for_user,
    indicator_values_for_user,
    province_of,
    updates_for_user,
)
from tiendo.agencies.models import Agency
from tiendo.agencies.selectors import agency_subtree
from tiendo.documents.exports import Table, iter_csv, write_xlsx
from tiendo.readmodels.forms import item_list_filters
from tiendo.readmodels.items import iter_item_list
from tiendo.readmodels.scope import figure_scope


def _send(
    table: Table, fmt: str, filename: str
) -> HttpResponse | StreamingHttpResponse | FileResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404("Chỉ xuất được CSV hoặc XLSX.")
    if fmt == "xlsx":
        return FileResponse(
            write_xlsx(table),
            as_attachment=True,
            filename=f"{filename}.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response = StreamingHttpResponse(iter_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


@login_required
def export_items(request: HttpRequest, plan_id: int, fmt: str) -> Any:
    """The plan's items with their status at the chosen cut-off, filtered as on the page."""
    actor = actor_for(request)
    plan = get_plan_for_user(actor, plan_id)
    scope = figure_scope(actor, plan=plan)
    as_of, form = item_list_filters(request.GET, scope)
    filters = form.filters()

    def rows() -> Iterable[Sequence[Any]]:
        for chunk in iter_item_list(scope, as_of, filters):
            for r in chunk:
                yield [
                    r.item.code,
                    r.item.title,
                    r.lead_agency_then.name,
                    r.item.group.code if r.item.group else "",
                    r.deadline_then,
                    r.deadline_now,
                    r.state_label,
                    r.class_label,
                    r.percent,
                    r.target_then,
                    r.target_now,
                    r.item.unit,
                ]

    table = Table(
        "Nhiem vu",
        [
            "Số hiệu",
            "Nội dung",
            "Cơ quan chủ trì",
            "Nhóm",
            "Thời hạn ban đầu",
            "Thời hạn hiện tại",
            "Tình trạng",
            "Tiến độ",
            "Tỷ lệ (%)",
            "Chỉ tiêu ban đầu",
            "Chỉ tiêu hiện tại",
            "Đơn vị tính",
        ],
        rows,
    )
    return _send(table, fmt, f"nhiem-vu-{plan.number.replace('/', '-')}-{as_of.date:%Y-%m-%d}")


@login_required
def export_updates(request: HttpRequest, plan_id: int, fmt: str) -> Any:
    actor = actor_for(request)
    plan = get_plan_for_user(actor, plan_id)
    updates = (
        updates_for_user(actor)
        .filter(item__plan=plan)
        .select_related("item", "agency", "period")
        .order_by("item_id", "valid_on", "id")
    )

    def rows() -> Iterable[Sequence[Any]]:
        for u in updates.iterator(chunk_size=2000):
            yield [
                u.item.code,
                u.agency.name,
                u.period.label if u.period else "",
                u.valid_on,
                u.get_state_display(),
                u.percent,
                u.achieved,
                u.narrative,
                u.status_label,
                u.recorded_at.date() if u.recorded_at else None,
            ]

    table = Table(
        "Bao cao tien do",
        [
            "Số hiệu",
            "Đơn vị báo cáo",
            "Kỳ",
            "Số liệu đến ngày",
            "Tình trạng",
            "Tỷ lệ (%)",
            "Kết quả",
            "Nội dung",
            "Trạng thái báo cáo",
            "Ngày gửi",
        ],
        rows,
    )
    return _send(table, fmt, f"bao-cao-tien-do-{plan.number.replace('/', '-')}")


@login_required
def export_agencies(request: HttpRequest, fmt: str) -> Any:
    actor = actor_for(request)
    root = province_of(actor.agency) if actor.agency else None
    agencies = (
        agency_subtree(root)
        if root
        else Agency.objects.all()
        if actor.is_superuser
        else Agency.objects.none()
    )

    def rows() -> Iterable[Sequence[Any]]:
        for a in agencies.select_related("parent").order_by("path").iterator(chunk_size=2000):
            yield [
                a.code,
                a.name,
                a.short_name,
                a.get_kind_display(),
                a.parent.code if a.parent else "",
                a.valid_from,
                a.valid_to,
            ]

    table = Table(
        "Co quan",
        ["Mã", "Tên", "Tên viết tắt", "Loại", "Cấp trên", "Hiệu lực từ", "Hiệu lực đến"],
        rows,
    )
    return _send(table, fmt, "co-quan-don-vi")


@login_required
def export_indicator_values(request: HttpRequest, fmt: str) -> Any:
    actor = actor_for(request)
    values = (
        indicator_values_for_user(actor)
        .select_related("indicator", "agency")
        .order_by("indicator__code", "period_end", "agency__code")
    )
    if request.GET.get("chi_tieu"):
        values = values.filter(indicator__code=request.GET["chi_tieu"])

    def rows() -> Iterable[Sequence[Any]]:
        for v in values.iterator(chunk_size=5000):
            yield [
                v.indicator.code,
                v.indicator.name,
                v.agency.code,
                v.agency.name,
                v.period_end,
                v.value,
            ]

    table = Table(
        "Chi tieu", ["Mã chỉ tiêu", "Chỉ tiêu", "Mã địa bàn", "Địa bàn", "Kỳ", "Giá trị"], rows
    )
    return _send(table, fmt, "so-lieu-chi-tieu")
