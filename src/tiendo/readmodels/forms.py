"""The item lists' filters as read from the URL (a plan's items, the unit's work, their exports).

Beside the lists they narrow (readmodels.items), so the pages and the exports of every app read
the same filters without importing each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.text import Truncator

from tiendo.agencies.models import Agency
from tiendo.lib.forms import AsOfForm, id_filter, known_at_text
from tiendo.lib.text import fold
from tiendo.plans.models import TaskGroup
from tiendo.progress.models import Lifecycle
from tiendo.readmodels.items import ItemFilters, ListOrder, list_agencies, list_groups
from tiendo.status.selectors import AsOf, DeadlineClass, Scope

# "Đang thực hiện" on the overview counts every started, unfinished report (Counts.in_progress):
# its link asks for trang_thai=started so the list shows exactly that figure.
STARTED = "started"
STARTED_STATES = (Lifecycle.IN_PROGRESS, Lifecycle.AWAITING, Lifecycle.RETURNED)
UNFINISHED = "unfinished"
ORDERS: list[tuple[ListOrder, str]] = [
    ("urgency", "Cần xử lý trước (quá hạn, sắp đến hạn)"),
    ("deadline", "Theo thời hạn"),
    ("plan", "Theo thứ tự trong kế hoạch"),
]


class ItemFilterForm(AsOfForm):
    """The filters of the item lists (a plan's items, the unit's work), kept in the URL.

    A filter that cannot be read is reported and dropped on its own; the others still apply.
    Groups and agencies are chosen among those given (what the person may see); without them
    (the exports) the group stays a bare id and the agency is not read.
    """

    tim = forms.CharField(
        label="Tìm số hiệu, nội dung",
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "ví dụ MH03 hoặc định danh", "size": "24"}
        ),
        error_messages={"max_length": "Nội dung tìm kiếm quá dài (tối đa %(limit_value)d ký tự)."},
    )
    trang_thai = forms.ChoiceField(
        label="Tình trạng",
        required=False,
        choices=[
            ("", "Tất cả"),
            *Lifecycle.choices,
            (STARTED, "Đang thực hiện (cả chờ xác nhận, trả lại)"),
        ],
        error_messages={
            "invalid_choice": "Không có tình trạng “%(value)s”; đã bỏ qua điều kiện này."
        },
    )
    han = forms.ChoiceField(
        label="Tiến độ so với thời hạn",
        required=False,
        choices=[("", "Tất cả"), (UNFINISHED, "Chưa hoàn thành"), *DeadlineClass.choices],
        error_messages={
            "invalid_choice": "Không có mức tiến độ “%(value)s”; đã bỏ qua điều kiện này."
        },
    )
    nhom = id_filter("Nhóm nhiệm vụ")
    don_vi = forms.CharField(label="Cơ quan chủ trì", required=False, max_length=255)
    sap_xep = forms.ChoiceField(
        label="Sắp xếp",
        required=False,
        choices=ORDERS,
        error_messages={
            "invalid_choice": "Không có cách sắp xếp “%(value)s”; đã sắp theo mặc định."
        },
    )

    def __init__(
        self,
        *args: Any,
        groups: Sequence[TaskGroup] | None = None,
        agencies: Sequence[Agency] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.groups = groups
        self.agencies = agencies
        self.group: TaskGroup | None = None
        self.agency: Agency | None = None
        if groups is not None:
            several_plans = len({g.plan_id for g in groups}) > 1
            self.fields["nhom"].widget = forms.Select(
                choices=[
                    ("", "Tất cả"),
                    *(
                        (
                            g.pk,
                            Truncator(
                                f"{g.plan.number} · {g.code}. {g.name}"
                                if several_plans
                                else f"{g.code}. {g.name}"
                            ).chars(80),
                        )
                        for g in groups
                    ),
                ]
            )
        if agencies is not None:
            self.fields["don_vi"].widget = forms.Select(
                choices=[("", "Tất cả"), *((a.code, a.name) for a in agencies)]
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("nhom") and self.groups is not None:
            self.group = next((g for g in self.groups if g.pk == data["nhom"]), None)
            if self.group is None:
                self.add_error(
                    "nhom", "Nhóm nhiệm vụ này không có trong danh sách; đã bỏ qua điều kiện này."
                )
        wanted = (data.get("don_vi") or "").strip()
        if wanted and self.agencies is not None:
            # The list offers codes; a name typed into the URL is accepted too, accents aside.
            self.agency = next((a for a in self.agencies if a.code == wanted), None) or next(
                (a for a in self.agencies if fold(a.name) == fold(wanted)), None
            )
            if self.agency is None:
                self.add_error(
                    "don_vi",
                    f"Không có cơ quan “{wanted}” trong danh sách bạn được xem; "
                    "đã bỏ qua điều kiện này.",
                )
        if data.get("ngay") and self.data.get("ngay"):
            # Show the cut-off back as dd/mm/yyyy, however it was typed or linked (ISO).
            values = {key: self.data.get(key) for key in self.data}  # one value per key
            self.data = {**values, "ngay": data["ngay"].strftime("%d/%m/%Y")}
        if data.get("ghi_nhan") and self.data.get("ghi_nhan"):
            # K likewise, as dd/mm/yyyy hh:mm (links carry it in ISO).
            values = {key: self.data.get(key) for key in self.data}
            self.data = {**values, "ghi_nhan": known_at_text(data["ghi_nhan"])}
        return data

    def filters(self) -> ItemFilters:
        """The filters that could be read (invalid ones are left out, with their message)."""
        if not self.is_bound:
            return ItemFilters()
        data = self.passed()
        state = data.get("trang_thai") or ""
        han = data.get("han") or ""
        order: ListOrder = data.get("sap_xep") or "urgency"
        return ItemFilters(
            states=list(STARTED_STATES) if state == STARTED else [state] if state else [],
            deadline_classes=[han] if han and han != UNFINISHED else [],
            unfinished_only=han == UNFINISHED,
            group=self.group,
            agency=self.agency,
            text=data.get("tim") or "",
            order=order,
        )


def item_list_filters(data: QueryDict, scope: Scope) -> tuple[AsOf, ItemFilterForm]:
    """The cut-off and the filters of an item list (a plan's items, the unit's work, their
    exports) as read from the URL; the groups and agencies offered are the scope's on that day."""
    asked = AsOfForm(data or None)
    as_of = AsOf.make(asked.as_of_date(), asked.known_at())
    form = ItemFilterForm(
        data or None,
        initial={"ngay": as_of.date},
        groups=list_groups(scope, as_of),
        agencies=list_agencies(scope, as_of),
    )
    return as_of, form
