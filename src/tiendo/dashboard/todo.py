"""The "Việc cần làm" page: what each person should do first, by role, as of today.

Reads only. Every figure comes from the existing selectors (the status engine for item states and
deadlines, the review queue, pending extensions, reporting compliance) over the access helpers'
querysets, so nobody sees a row they could not open. Each block costs a fixed number of queries:
a COUNT and a LIMITed SELECT, or one engine statement; the deadlines of the rows that come from
reports are fetched together in one engine statement at the end. Reporting compliance is computed
for at most MAX_PERIODS current periods (one per plan), so the page stays bounded however many
plans, items and reports there are.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from tiendo.accounts.access import (
    Actor,
    items_for_user,
    may_decide_extensions,
    may_import_plans,
    may_review_reports,
    may_write_reports,
    updates_for_user,
)
from tiendo.accounts.models import Role
from tiendo.agencies.models import Agency
from tiendo.dashboard.selectors import PlanCard, bottlenecks, overview_cards
from tiendo.lib.text import format_count, person_name
from tiendo.plans.models import ExtensionRequest, Item
from tiendo.plans.selectors import pending_extensions
from tiendo.progress.models import Decision, ProgressUpdate, ReportingPeriod
from tiendo.progress.selectors import review_queue
from tiendo.readmodels.reporting import compliance_for_period
from tiendo.readmodels.scope import figure_scope
from tiendo.status.selectors import (
    AsOf,
    Counts,
    DeadlineClass,
    ItemStatus,
    Scope,
    item_statuses,
    status_by,
    status_summary,
)

ROWS = 10  # rows shown per block
EXPANDED_ROWS = 200  # rows of one block opened in full (?xem=<key>) when it has no list page
MAX_PERIODS = 4  # current reporting periods (one per plan) whose compliance is computed

# Block keys: the anchor on the page and the ?xem= value that opens the block in full.
OVERDUE = "qua-han"
DUE_SOON = "sap-den-han"
UNREPORTED = "chua-bao-cao"
RETURNED = "bi-tra-lai"
DRAFTS = "du-thao"
REVIEW = "cho-xac-nhan"
EXTENSIONS = "gia-han"
MISSING = "don-vi-chua-bao-cao"
AGENCIES_OVERDUE = "don-vi-qua-han"
LONGEST_OVERDUE = "qua-han-lau-nhat"
KEYS = frozenset(
    {
        OVERDUE,
        DUE_SOON,
        UNREPORTED,
        RETURNED,
        DRAFTS,
        REVIEW,
        EXTENSIONS,
        MISSING,
        AGENCIES_OVERDUE,
        LONGEST_OVERDUE,
    }
)


@dataclass(frozen=True)
class Step:
    """The next thing to do on a row: a link, or a button when it changes something."""

    url: str
    label: str
    post: bool = False  # a POST form (e.g. revising a returned report), not a link


@dataclass(frozen=True)
class Row:
    """One item line of a block: which item, whose, by when, and the next step."""

    item_id: int
    plan: str
    code: str
    title: str
    agency: str
    deadline: dt.date | None
    recurring: bool
    today: dt.date
    note: str = ""
    step: Step | None = None  # the next step (none: the item link is enough)
    # Rows made from reports learn the deadline in force from the engine at the end.
    pending: bool = False
    # The body that took over from an abolished lead agency, named at the end.
    successor_id: int | None = None

    @property
    def days(self) -> int | None:
        """Days left until the deadline (negative: days overdue)."""
        return None if self.deadline is None else (self.deadline - self.today).days

    @property
    def days_label(self) -> str:
        return days_phrase(self.deadline, self.today, self.recurring)

    @property
    def tone(self) -> str:
        """The pill class of the days column (the status pills' colours)."""
        days = self.days
        if days is None:
            return ""
        if days < 0:
            return "overdue"
        return "due_soon" if days <= settings.TIENDO_DUE_SOON_DAYS else ""


@dataclass(frozen=True)
class AgencyRow:
    """One agency line: a count out of a total, and where to see the detail."""

    agency: str
    count: int
    total: int
    note: str
    url: str


@dataclass
class Block:
    """One part of the page: a count, its first rows, a sentence when empty, the full list."""

    key: str
    title: str
    short: str  # the summary tile's label
    count: int
    empty: str
    tone: str = "warn"
    lead: str = ""
    rows: list[Row] = field(default_factory=list)
    agencies: list[AgencyRow] = field(default_factory=list)
    count_heading: str = ""
    total_heading: str = ""
    more_url: str = ""
    more_label: str = ""
    first_url: str = ""
    first_label: str = ""
    expanded: bool = False

    @property
    def has_notes(self) -> bool:
        return any(row.note for row in self.rows)

    @property
    def has_steps(self) -> bool:
        return any(row.step for row in self.rows)

    @property
    def has_agency_notes(self) -> bool:
        return any(row.note for row in self.agencies)


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass
class TodoPage:
    """Everything the page shows for one person on one day."""

    today: dt.date
    who: str
    blocks: list[Block]
    cards: list[PlanCard] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    note: str = ""


def days_phrase(deadline: dt.date | None, today: dt.date, recurring: bool = False) -> str:
    """'Quá hạn 12 ngày', 'Đến hạn hôm nay', 'Còn 03 ngày', 'Thường xuyên'."""
    if deadline is None:
        return "Thường xuyên" if recurring else "Chưa có thời hạn"
    days = (deadline - today).days
    if days < 0:
        return f"Quá hạn {format_count(-days)} ngày"
    if days == 0:
        return "Đến hạn hôm nay"
    return f"Còn {format_count(days)} ngày"


def waited_phrase(since: dt.datetime, today: dt.date) -> str:
    """How long something has waited, in whole days: 'đã chờ 05 ngày'."""
    days = (today - timezone.localtime(since).date()).days
    return "đã chờ chưa đến một ngày" if days <= 0 else f"đã chờ {format_count(days)} ngày"


def todo_for(actor: Actor, today: dt.date, *, expand: str = "") -> TodoPage:
    """The to-do page of the actor on `today` (figures as of today, known now).

    expand names one block to list in full (up to EXPANDED_ROWS) when it has no list page of its
    own; unknown names are ignored.
    """
    todo = _Todo(actor, today, expand if expand in KEYS else "")
    role = actor.role
    who = person_name(actor.user)
    if role is not None:
        who += f" – {Role(role).label}"
    if actor.agency is not None:
        who += f", {actor.agency.name}"
    if role is None and not actor.is_superuser:
        return TodoPage(
            today=today,
            who=who,
            blocks=[],
            note="Tài khoản của bạn chưa được gán cơ quan, đơn vị và vai trò, nên chưa có việc "
            "nào để làm. Vui lòng liên hệ quản trị hệ thống để được phân quyền.",
        )
    page = TodoPage(today=today, who=who, blocks=[])
    if role == Role.REPORTER:
        page.blocks = [
            todo.overdue(),
            todo.due_soon(),
            todo.unreported(),
            todo.returned(),
            todo.drafts(mine=True),
        ]
    elif role == Role.HEAD:
        page.blocks = [todo.drafts(mine=False), todo.returned(), todo.overdue()]
    elif role == Role.LEADER:
        page.cards = overview_cards(actor, todo.as_of)
        page.blocks = [todo.agencies_overdue(page.cards), todo.longest_overdue(page.cards)]
    else:  # the standing body, and administrators, who watch the same queues
        page.blocks = [todo.review(), todo.extensions(), todo.missing()]
        if role != Role.STANDING:
            page.links = admin_links(actor)
    todo.complete(page.blocks)
    return page


def admin_links(actor: Actor) -> list[Link]:
    links = []
    if actor.user.is_staff:
        links.append(
            Link("Quản trị dữ liệu (cơ quan, kế hoạch, tài khoản, phân quyền)", "admin:index")
        )
    if actor.is_superuser and may_import_plans(actor):  # the standing body has its own block
        links.append(Link("Nhập kế hoạch từ phụ lục Excel", "imports:plan"))
    links += [
        Link("Báo cáo tổng hợp", "documents:report"),
        Link("Trung tâm điều hành", "dashboard:ioc_overview"),
        Link("Thông báo, nhắc việc", "notifications:inbox"),
    ]
    return [Link(link.label, reverse(link.url)) for link in links]


class _Todo:
    """The block builders for one actor and day (shared as-of, limits and links)."""

    def __init__(self, actor: Actor, today: dt.date, expand: str) -> None:
        self.actor = actor
        self.today = today
        self.as_of = AsOf.make(today)
        self.expand = expand
        self.ngay = today.isoformat()
        # What the actor's item figures cover: the agency's own items (top level, as the
        # overview and the IOC count them), or the whole province.
        self.scope = figure_scope(actor)

    # --- helpers ------------------------------------------------------------------------

    def limit(self, key: str, has_list_page: bool = False) -> int:
        return EXPANDED_ROWS if self.expand == key and not has_list_page else ROWS

    def finish(self, block: Block) -> Block:
        """Mark the block opened in full, and link to its full list when rows are left out."""
        key = block.key
        block.expanded = self.expand == key
        if not block.count and not block.expanded:
            block.more_url = ""  # nothing more to see
        elif not block.more_url:
            if block.expanded:
                block.more_url = f"{reverse('dashboard:todo')}#{key}"
                block.more_label = "Thu gọn"
            elif block.count > len(block.rows) + len(block.agencies):
                block.more_url = f"?xem={key}#{key}"
                block.more_label = f"Xem tất cả {format_count(block.count)}"
        return block

    def agency_url(self, agency: Agency, han: str = "") -> str:
        url = f"{reverse('dashboard:ioc_agency', args=[agency.code])}?ngay={self.ngay}"
        return f"{url}&han={han}" if han else url

    def status_row(self, status: ItemStatus, note: str = "", step: Step | None = None) -> Row:
        item = status.item
        return Row(
            item_id=item.pk,
            plan=item.plan.number,
            code=item.code,
            title=item.title,
            agency=item.lead_agency.label,
            deadline=status.deadline_now,
            successor_id=(
                status.responsible_agency_id
                if status.responsible_agency_id != item.lead_agency_id
                else None
            ),
            recurring=item.is_recurring,
            today=self.today,
            note=note,
            step=step,
        )

    def report_row(self, item: Item, agency: str, note: str = "", step: Step | None = None) -> Row:
        return Row(
            item_id=item.pk,
            plan=item.plan.number,
            code=item.code,
            title=item.title,
            agency=agency,
            deadline=item.deadline,
            recurring=item.is_recurring,
            today=self.today,
            pending=True,
            note=note,
            step=step,
        )

    def report_step(self, item: Item) -> Step | None:
        """Reporters and heads may draft a report on their agency's items."""
        if not may_write_reports(self.actor):
            return None
        return Step(reverse("progress:update_create", args=[item.pk]), "Lập báo cáo")

    def complete(self, blocks: Iterable[Block]) -> None:
        """What the rows still lack, in one statement each for the whole page: the deadline in
        force today of the rows made from reports, and the successor of an abolished lead body
        (its items are the successor's to do now, domain.md §6)."""
        blocks = list(blocks)
        rows = [row for block in blocks for row in block.rows]
        ids = sorted({row.item_id for row in rows if row.pending})
        statuses = (
            item_statuses(Scope(item_ids=ids, top_level_only=False), self.as_of, limit=len(ids))
            if ids
            else []
        )
        deadlines = {status.item.pk: status.deadline_now for status in statuses}
        successors = {row.successor_id for row in rows if row.successor_id}
        names = Agency.objects.in_bulk(successors) if successors else {}
        for block in blocks:
            block.rows = [self.completed(row, deadlines, names) for row in block.rows]

    def completed(
        self, row: Row, deadlines: dict[int, dt.date | None], names: dict[int, Agency]
    ) -> Row:
        if row.pending:
            row = dataclasses.replace(
                row, deadline=deadlines.get(row.item_id, row.deadline), pending=False
            )
        successor = names.get(row.successor_id) if row.successor_id else None
        if successor is not None:
            row = dataclasses.replace(
                row, agency=f"{successor.label} (tiếp nhận từ {row.agency})", successor_id=None
            )
        return row

    def open_period_q(self) -> Q:
        """Reports that can still be acted on: ad hoc ones, or those of a period still open."""
        return Q(period__isnull=True) | Q(period__closed_at__isnull=True)

    def current_periods(self) -> list[ReportingPeriod]:
        """The open period with the latest cut-off of each plan the actor has items in, among
        those already begun; the soonest due first, at most MAX_PERIODS."""
        begun = ReportingPeriod.objects.filter(closed_at__isnull=True, starts_on__lte=self.today)
        latest = begun.filter(plan=OuterRef("plan")).order_by("-cutoff", "-id").values("pk")[:1]
        return list(
            begun.filter(plan__in=items_for_user(self.actor).values("plan_id"))
            .filter(pk=Subquery(latest))
            .select_related("plan")
            .order_by("due_on", "plan__number")[:MAX_PERIODS]
        )

    def period_labels(self, periods: list[ReportingPeriod]) -> list[str]:
        """Each distinct period once ('Tháng 12/2026 (hạn gửi 16/12/2026, còn 14 ngày)'): the
        plans' periods of one month carry the same name and due date."""
        return list(dict.fromkeys(f"{p.label} ({self.due_phrase(p)})" for p in periods))

    def sent_phrase(self, update: ProgressUpdate) -> str:
        """'gửi lúc 09:30 25/11/2026, đã chờ 06 ngày' for a report in the review queue."""
        if update.recorded_at is None:
            return "chưa gửi"
        sent = timezone.localtime(update.recorded_at)
        return f"gửi lúc {sent:%H:%M %d/%m/%Y}, {waited_phrase(sent, self.today)}"

    def due_phrase(self, period: ReportingPeriod) -> str:
        """'hạn gửi 18/03/2024, đã quá 02 ngày' (or 'là hôm nay', 'còn 05 ngày')."""
        days = (period.due_on - self.today).days
        when = f"hạn gửi {period.due_on:%d/%m/%Y}"
        if days < 0:
            return f"{when}, đã quá {format_count(-days)} ngày"
        return f"{when} là hôm nay" if days == 0 else f"{when}, còn {format_count(days)} ngày"

    # --- items of the agency --------------------------------------------------------------

    def overdue(self) -> Block:
        counts = self.counts
        rows = item_statuses(
            self.scope,
            self.as_of,
            deadline_classes=[DeadlineClass.OVERDUE],
            by_deadline=True,
            limit=self.limit(OVERDUE, has_list_page=self.actor.agency is not None),
        )
        agency = self.actor.agency
        return self.finish(
            Block(
                OVERDUE,
                title="Nhiệm vụ quá hạn của đơn vị",
                short="quá hạn",
                tone="bad",
                count=counts.overdue,
                lead=f"{format_count(counts.overdue)} nhiệm vụ do đơn vị chủ trì đã quá thời hạn "
                "mà chưa hoàn thành; quá hạn lâu nhất ở trên cùng.",
                empty="Đơn vị không có nhiệm vụ nào quá hạn. Hãy giữ vững tiến độ này.",
                rows=[self.status_row(s, step=self.report_step(s.item)) for s in rows],
                more_url=self.agency_url(agency, DeadlineClass.OVERDUE) if agency else "",
                more_label=f"Xem tất cả {format_count(counts.overdue)} nhiệm vụ quá hạn",
            )
        )

    def due_soon(self) -> Block:
        counts = self.counts
        n = counts.by_class[DeadlineClass.DUE_SOON]
        rows = item_statuses(
            self.scope,
            self.as_of,
            deadline_classes=[DeadlineClass.DUE_SOON],
            by_deadline=True,
            limit=self.limit(DUE_SOON, has_list_page=self.actor.agency is not None),
        )
        agency = self.actor.agency
        days = self.as_of.due_soon_days
        return self.finish(
            Block(
                DUE_SOON,
                title="Nhiệm vụ sắp đến hạn",
                short="sắp đến hạn",
                count=n,
                lead=f"{format_count(n)} nhiệm vụ đến hạn trong {format_count(days)} ngày tới; "
                "hãy hoàn thành và báo cáo kết quả.",
                empty=f"Không có nhiệm vụ nào đến hạn trong {format_count(days)} ngày tới.",
                rows=[self.status_row(s, step=self.report_step(s.item)) for s in rows],
                more_url=self.agency_url(agency, DeadlineClass.DUE_SOON) if agency else "",
                more_label=f"Xem tất cả {format_count(n)} nhiệm vụ sắp đến hạn",
            )
        )

    @cached_property
    def counts(self) -> Counts:
        """Counts by deadline class of the actor's items (one statement, shared by blocks)."""
        return status_summary(self.scope, self.as_of).all

    # --- reports of the agency ------------------------------------------------------------

    def unreported(self) -> Block:
        """The agency's items still without a report in the current periods (neither sent nor
        drafted: a draft is already in hand, and shows among the drafts)."""
        agency = self.actor.agency
        periods = self.current_periods()
        drafted = set(
            updates_for_user(self.actor)
            .filter(recorded_at__isnull=True, period__in=periods)
            .values_list("item_id", "period_id")
        )
        missing: dict[int, ReportingPeriod] = {}
        for period in periods:
            for row in compliance_for_period(period, actor=self.actor):
                if agency is None or not row.agency.path.startswith(agency.path):
                    continue
                for item_id in row.missing_item_ids:
                    if (item_id, period.pk) not in drafted:
                        missing.setdefault(item_id, period)
        statuses = item_statuses(
            Scope(item_ids=sorted(missing)),
            self.as_of,
            by_deadline=True,
            limit=self.limit(UNREPORTED),
        )
        labels = self.period_labels(periods)
        named = "; ".join(labels)
        rows = []
        for status in statuses:
            period = missing[status.item.pk]
            create = reverse("progress:update_create", args=[status.item.pk])
            rows.append(
                self.status_row(
                    status,
                    # One period is named in the lead sentence; several, on each row.
                    note=f"{period.label}: {self.due_phrase(period)}" if len(labels) > 1 else "",
                    step=Step(f"{create}?ky={period.pk}", "Lập báo cáo"),
                )
            )
        return self.finish(
            Block(
                UNREPORTED,
                title="Chưa báo cáo kỳ đang mở",
                short="chưa báo cáo",
                count=len(missing),
                lead=f"{format_count(len(missing))} nhiệm vụ chưa có báo cáo của kỳ {named}.",
                empty=(
                    f"Đơn vị đã lập đủ báo cáo của kỳ {named}."
                    if periods
                    else "Hiện chưa có kỳ báo cáo nào đang mở."
                ),
                rows=rows,
            )
        )

    def own_reports(self) -> QuerySet[ProgressUpdate]:
        """Reports made by the actor's agency (or a unit under it) that it may read."""
        agency = self.actor.agency
        updates = updates_for_user(self.actor)
        if agency is None:
            return updates.none()
        return updates.filter(agency__path__startswith=agency.path)

    def returned(self) -> Block:
        """Returned reports not yet answered: no later report of the same agency on the item
        has been sent since, and the period (if any) still takes reports."""
        answered = ProgressUpdate.objects.filter(
            item=OuterRef("item"),
            agency=OuterRef("agency"),
            recorded_at__gt=OuterRef("recorded_at"),
        )
        revision = ProgressUpdate.objects.filter(
            supersedes=OuterRef("pk"), recorded_at__isnull=True
        ).values("pk")[:1]
        updates = (
            self.own_reports()
            .filter(decision=Decision.RETURNED)
            .filter(self.open_period_q())
            .exclude(Exists(answered))
            .annotate(revision_id=Subquery(revision))
            .select_related("item", "item__plan", "agency", "period")
            .order_by("reviewed_at", "pk")
        )
        count = updates.count()
        rows = []
        for update in updates[: self.limit(RETURNED)]:
            revision_id = getattr(update, "revision_id", None)
            if revision_id:
                step = Step(
                    reverse("progress:update_edit", args=[revision_id]),
                    "Sửa tiếp dự thảo bổ sung",
                )
            else:
                step = Step(
                    reverse("progress:update_revise", args=[update.pk]),
                    "Lập báo cáo bổ sung",
                    post=True,
                )
            rows.append(
                self.report_row(
                    update.item,
                    update.agency.label,
                    note=f"Lý do trả lại: {update.review_note}",
                    step=step,
                )
            )
        return self.finish(
            Block(
                RETURNED,
                title="Báo cáo bị trả lại",
                short="bị trả lại",
                tone="bad",
                count=count,
                lead=f"Cơ quan thường trực đã trả lại {format_count(count)} báo cáo của đơn vị; "
                "hãy bổ sung theo lý do nêu dưới đây rồi trình gửi lại.",
                empty="Không có báo cáo nào bị trả lại cần bổ sung.",
                rows=rows,
            )
        )

    def drafts(self, *, mine: bool) -> Block:
        """Drafts still open to editing and sending: the actor's own, or the whole unit's."""
        updates = (
            self.own_reports()
            .filter(recorded_at__isnull=True)
            .filter(self.open_period_q())
            .select_related("item", "item__plan", "agency", "period", "created_by")
            .order_by("created_at", "pk")
        )
        if mine:
            updates = updates.filter(created_by=self.actor.user)
        count = updates.count()
        rows = []
        for update in updates[: self.limit(DRAFTS)]:
            author = person_name(update.created_by) if update.created_by else ""
            made = timezone.localtime(update.created_at)
            note = f"Số liệu đến {update.valid_on:%d/%m/%Y}"
            if update.period is not None:
                note += f", kỳ {update.period.label}"
            note += f"; lập {made:%H:%M %d/%m/%Y}" + (f" bởi {author}" if author else "")
            if mine:
                step = Step(reverse("progress:update_edit", args=[update.pk]), "Sửa dự thảo")
            else:
                step = Step(
                    reverse("progress:update_detail", args=[update.pk]), "Xem, duyệt và gửi"
                )
            rows.append(self.report_row(update.item, update.agency.label, note=note, step=step))
        if mine:
            return self.finish(
                Block(
                    DRAFTS,
                    title="Dự thảo của tôi",
                    short="dự thảo của tôi",
                    tone="idle",
                    count=count,
                    lead=f"{format_count(count)} dự thảo bạn đã lập, chờ lãnh đạo đơn vị duyệt và "
                    "gửi; có thể sửa cho đến khi được gửi.",
                    empty="Bạn không có dự thảo nào đang chờ duyệt.",
                    rows=rows,
                )
            )
        return self.finish(
            Block(
                DRAFTS,
                title="Dự thảo chờ lãnh đạo duyệt, gửi",
                short="dự thảo chờ gửi",
                count=count,
                lead=f"{format_count(count)} dự thảo báo cáo của đơn vị đang chờ lãnh đạo duyệt và "
                "gửi cơ quan thường trực; cũ nhất ở trên cùng.",
                empty="Không có dự thảo nào chờ lãnh đạo duyệt, gửi.",
                rows=rows,
            )
        )

    # --- the standing body's queues --------------------------------------------------------

    def review(self) -> Block:
        decides = may_review_reports(self.actor)  # administrators watch, the standing body acts
        queue = review_queue(self.actor)
        count = queue.count()
        updates = list(queue[: self.limit(REVIEW, has_list_page=True)])
        rows = [
            self.report_row(
                u.item,
                u.agency.label,
                note=f"{self.sent_phrase(u)}; "
                + (u.period.label if u.period else "báo cáo đột xuất"),
                step=Step(
                    reverse("progress:update_detail", args=[u.pk]),
                    "Xem và xử lý" if decides else "Xem báo cáo",
                ),
            )
            for u in updates
        ]
        oldest = updates[0] if updates else None
        lead = f"{format_count(count)} báo cáo đang chờ xác nhận, cũ nhất trước"
        if oldest is not None:
            lead += f"; báo cáo đầu tiên {self.sent_phrase(oldest)}"
        return self.finish(
            Block(
                REVIEW,
                title="Báo cáo chờ xác nhận",
                short="báo cáo chờ xác nhận",
                count=count,
                lead=lead + ".",
                empty="Không có báo cáo nào đang chờ xác nhận.",
                rows=rows,
                more_url=reverse("progress:review_queue"),
                more_label=f"Xem tất cả {format_count(count)} báo cáo chờ xác nhận",
                first_url=reverse("progress:update_detail", args=[oldest.pk]) if oldest else "",
                first_label="Xử lý báo cáo cũ nhất" if decides else "Xem báo cáo cũ nhất",
            )
        )

    def extensions(self) -> Block:
        waiting: QuerySet[ExtensionRequest] = (
            pending_extensions(self.actor).filter(decision="").order_by("requested_at", "pk")
        )
        count = waiting.count()
        rows = [
            self.report_row(
                e.item,
                e.item.lead_agency.label,
                note=f"Đề nghị gia hạn đến {e.requested_deadline:%d/%m/%Y}: {e.reason} "
                f"({person_name(e.requested_by)}, {waited_phrase(e.requested_at, self.today)})",
                step=Step(
                    reverse("plans:extension_list"),
                    "Xem xét" if may_decide_extensions(self.actor) else "Xem",
                ),
            )
            for e in waiting.select_related("item__plan")[: self.limit(EXTENSIONS, True)]
        ]
        return self.finish(
            Block(
                EXTENSIONS,
                title="Đề nghị gia hạn chờ quyết định",
                short="đề nghị gia hạn",
                count=count,
                lead=f"{format_count(count)} đề nghị gia hạn đang chờ cơ quan thường trực quyết "
                "định, cũ nhất trước.",
                empty="Không có đề nghị gia hạn nào đang chờ quyết định.",
                rows=rows,
                more_url=reverse("plans:extension_list"),
                more_label="Xem tất cả đề nghị gia hạn",
            )
        )

    def missing(self) -> Block:
        """Agencies that have not sent every report of the current periods."""
        periods = self.current_periods()
        labels = self.period_labels(periods)
        named = "; ".join(labels)
        lines: list[tuple[ReportingPeriod, AgencyRow]] = []
        for period in periods:
            url = reverse("progress:compliance", args=[period.pk])
            for row in compliance_for_period(period, actor=self.actor):
                if row.missing:
                    # One period is named in the lead sentence; several, on each row.
                    note = ""
                    if len(periods) > 1:
                        note = f"Kế hoạch số {period.plan.number}"
                    if len(labels) > 1:
                        note += f"; {period.label}, {self.due_phrase(period)}"
                    lines.append(
                        (
                            period,
                            AgencyRow(
                                row.agency.label,
                                row.missing,
                                row.expected,
                                note,
                                url,
                            ),
                        )
                    )
        lines.sort(key=lambda line: (line[0].due_on, -line[1].count, line[1].agency))
        reports = sum(line.count for _, line in lines)
        only = periods[0] if len(periods) == 1 else None
        return self.finish(
            Block(
                MISSING,
                title="Đơn vị chưa gửi đủ báo cáo kỳ đang mở",
                short="đơn vị chưa báo cáo",
                tone="bad",
                count=len(lines),
                lead=f"{format_count(len(lines))} đơn vị còn {format_count(reports)} báo cáo chưa "
                f"gửi của kỳ {named}.",
                empty=(
                    f"Các đơn vị đã gửi đủ báo cáo của kỳ {named}."
                    if periods
                    else "Hiện chưa có kỳ báo cáo nào đang mở."
                ),
                agencies=[line for _, line in lines][: self.limit(MISSING, only is not None)],
                count_heading="Chưa gửi",
                total_heading="Phải báo cáo",
                more_url=reverse("progress:compliance", args=[only.pk]) if only else "",
                more_label="Xem tình hình báo cáo của kỳ",
            )
        )

    # --- the leader's view --------------------------------------------------------------------

    def agencies_overdue(self, cards: list[PlanCard]) -> Block:
        plans = [card.plan for card in cards]
        scope = Scope(plans=plans, agency=self.scope.agency)
        per_agency = status_by(scope, self.as_of, "lead_agency_id") if plans else {}
        ranked = sorted(
            ((agency_id, c) for agency_id, c in per_agency.items() if c.overdue),
            key=lambda pair: (-pair[1].overdue, -pair[1].unfinished, pair[0]),
        )
        top = ranked[: self.limit(AGENCIES_OVERDUE, has_list_page=True)]
        agencies = Agency.objects.in_bulk([agency_id for agency_id, _ in top])
        rows = [
            AgencyRow(
                agencies[agency_id].label,
                counts.overdue,
                counts.unfinished,
                f"Chủ trì {format_count(counts.total)} nhiệm vụ, mô hình; "
                f"{format_count(counts.done)} đã hoàn thành",
                self.agency_url(agencies[agency_id], DeadlineClass.OVERDUE),
            )
            for agency_id, counts in top
        ]
        overdue = sum(c.overdue for _, c in ranked)
        return self.finish(
            Block(
                AGENCIES_OVERDUE,
                title="Đơn vị có nhiều nhiệm vụ quá hạn nhất",
                short="đơn vị có nhiệm vụ quá hạn",
                tone="bad",
                count=len(ranked),
                lead=f"{format_count(len(ranked))} đơn vị đang chủ trì {format_count(overdue)} "
                "nhiệm vụ quá hạn; nhiều nhất ở trên cùng.",
                empty="Không có đơn vị nào có nhiệm vụ quá hạn.",
                agencies=rows,
                count_heading="Quá hạn",
                total_heading="Chưa hoàn thành",
                more_url=f"{reverse('dashboard:ioc_agencies')}?ngay={self.ngay}",
                more_label="Xem xếp hạng tất cả đơn vị",
            )
        )

    def longest_overdue(self, cards: list[PlanCard]) -> Block:
        """The province's overdue items, longest overdue first; the count is the plans' own."""
        plans = [card.plan for card in cards]
        scope = Scope(plans=plans, agency=self.scope.agency)
        total = sum(card.summary.all.overdue for card in cards)
        rows = bottlenecks(scope, self.as_of, limit=self.limit(LONGEST_OVERDUE)) if plans else []
        return self.finish(
            Block(
                LONGEST_OVERDUE,
                title="Nhiệm vụ quá hạn lâu nhất",
                short="nhiệm vụ quá hạn",
                tone="bad",
                count=total,
                lead=f"{format_count(total)} nhiệm vụ, mô hình đã quá thời hạn mà chưa hoàn thành; "
                "quá hạn lâu nhất ở trên cùng.",
                empty="Không có nhiệm vụ nào quá hạn.",
                rows=[self.status_row(s) for s in rows],
            )
        )
