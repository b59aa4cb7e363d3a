"""Filters of the dashboard pages, kept in the URL so a view can be bookmarked and sent."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode

from django import forms
from django.db.models import Q, QuerySet

from tiendo.agencies.models import Agency, AgencyKind
from tiendo.lib.forms import AsOfForm, id_filter
from tiendo.lib.text import fold
from tiendo.meetings.models import FROZEN_PAGES
from tiendo.plans.models import ItemKind, Plan, TaskGroup


class IocFilterForm(AsOfForm):
    """Filters of the operations-centre pages: plan, group, agency subtree, kind, cut-off.

    A bad filter is reported and left out; the valid ones still apply (a wrong agency code does
    not reset the cut-off to today).
    """

    ke_hoach = id_filter("Kế hoạch")
    nhom = id_filter("Nhóm nhiệm vụ")
    don_vi = forms.CharField(
        label="Cơ quan, đơn vị",
        required=False,
        max_length=32,
        error_messages={"max_length": "Mã cơ quan, đơn vị quá dài; đã bỏ qua điều kiện này."},
    )
    loai = forms.ChoiceField(
        label="Loại",
        required=False,
        choices=[("", "Tất cả"), *ItemKind.choices],
        error_messages={"invalid_choice": "Không có loại “%(value)s”; đã bỏ qua điều kiện này."},
    )
    # The order in which the agency list offers its groups: the province's own bodies first.
    KIND_ORDER = (
        AgencyKind.NATION,
        AgencyKind.MINISTRY,
        AgencyKind.PROVINCE,
        AgencyKind.OFFICE,
        AgencyKind.POLICE,
        AgencyKind.WORKING_GROUP,
        AgencyKind.DEPARTMENT,
        AgencyKind.CENTRAL,
        AgencyKind.DISTRICT,
        AgencyKind.COMMUNE,
        AgencyKind.COMMUNE_POLICE,
        AgencyKind.ENTERPRISE,
    )

    def __init__(
        self,
        *args: Any,
        plans: QuerySet[Plan],
        agencies: QuerySet[Agency] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.plans = plans
        # The agencies this person may choose (their readable subtree); None: any agency.
        self.agencies = agencies
        self.plan: Plan | None = None
        self.group: TaskGroup | None = None
        self.agency: Agency | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("ke_hoach"):
            self.plan = self.plans.filter(pk=data["ke_hoach"]).first()
            if self.plan is None:
                self.add_error(
                    "ke_hoach", "Không tìm thấy kế hoạch này, hoặc bạn không có quyền xem."
                )
        if data.get("nhom"):
            self.group = TaskGroup.objects.filter(pk=data["nhom"], plan__in=self.plans).first()
            if self.group is None or (self.plan and self.group.plan_id != self.plan.pk):
                self.group = None
                self.add_error("nhom", "Nhóm nhiệm vụ không thuộc kế hoạch đã chọn.")
        code = (data.get("don_vi") or "").strip()
        if code:
            found = Agency.objects.filter(code=code).first()
            if found is None:
                self.add_error("don_vi", f"Không tìm thấy cơ quan, đơn vị có mã “{code}”.")
            elif self.agencies is not None and not self.agencies.filter(pk=found.pk).exists():
                self.add_error(
                    "don_vi",
                    f"Bạn không xem được số liệu của {found.name}: chỉ xem được các cơ quan, "
                    "đơn vị trong phạm vi của mình.",
                )
            else:
                self.agency = found
        return data

    def kind(self) -> str | None:
        return self.passed().get("loai") or None

    def agency_groups(self) -> list[tuple[str, list[Agency]]]:
        """The agencies to choose from, by kind, those in existence on the cut-off (and the
        chosen one): a 2024 cut-off lists the districts, a 2026 one the new communes."""
        if self.agencies is None:
            return []
        day = self.as_of_date()
        chosen = self.agency.pk if self.agency else 0
        agencies = self.agencies.filter(
            (Q(valid_from__isnull=True) | Q(valid_from__lte=day))
            & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))
            | Q(pk=chosen)
        )
        by_kind: dict[str, list[Agency]] = {}
        for agency in sorted(agencies, key=lambda a: fold(a.name)):
            by_kind.setdefault(agency.kind, []).append(agency)
        labels = dict(AgencyKind.choices)
        return [(str(labels[kind]), by_kind[kind]) for kind in self.KIND_ORDER if kind in by_kind]

    def querystring(self) -> str:
        """The valid filters, for links that keep them (bookmarks, drill-down)."""
        data = self.passed()
        parts = {
            **self.as_of_params(),
            "ke_hoach": self.plan.pk if self.plan else "",
            "nhom": self.group.pk if self.group else "",
            "don_vi": self.agency.code if self.agency else "",
            "loai": data.get("loai") or "",
        }
        return urlencode({k: v for k, v in parts.items() if v})

    def filter_params(self) -> dict[str, str]:
        """The valid filters other than D and K (what a freeze keeps beside its own D and K)."""
        return {k: v for k, v in parse_qsl(self.querystring()) if k not in AsOfForm.base_fields}


class FreezeForm(IocFilterForm):
    """ "Chốt số liệu": the page's filters as it showed them, the meeting's name and the page."""

    tieu_de = forms.CharField(
        label="Tên cuộc họp",
        required=False,
        max_length=200,
        error_messages={"max_length": "Tên cuộc họp quá dài (tối đa %(limit_value)d ký tự)."},
    )
    trang = forms.ChoiceField(
        label="Trang",
        required=False,
        choices=FROZEN_PAGES,
        error_messages={"invalid_choice": "Không có trang “%(value)s” để chốt số liệu."},
    )

    def page(self) -> str:
        return self.passed().get("trang") or FROZEN_PAGES[0][0]
