"""Every permission decision lives here: one helper per protected noun, tested as a matrix.

Views and the API never fetch a protected object themselves: they ask `get_<noun>_for_user`, which
returns it or raises Http404 (to an outsider the object does not exist) or PermissionDenied (the
user may see it but not do this).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from tiendo.accounts.models import ApiToken, Membership, Role
from tiendo.agencies.models import Agency, AgencyKind
from tiendo.agencies.selectors import lead_agency_scope_q
from tiendo.plans.models import Item, Plan

if TYPE_CHECKING:
    from tiendo.audit.models import AuditEvent
    from tiendo.indicators.models import IndicatorValue
    from tiendo.meetings.models import Freeze
    from tiendo.progress.models import Evidence, ProgressUpdate, ReportingPeriod

READ_ALL_ROLES = {Role.STANDING, Role.LEADER, Role.ADMIN}
REPORTING_ROLES = {Role.REPORTER, Role.HEAD}


@dataclass(frozen=True)
class Actor:
    """The person behind a request: who, for which agency, in which role, from where."""

    user: User
    agency: Agency | None
    role: str | None
    ip: str = ""
    is_superuser: bool = False

    @property
    def label(self) -> str:
        return self.user.get_username()

    @property
    def read_root(self) -> Agency | None:
        """The subtree this actor may read: the whole province for standing bodies and leaders."""
        if self.agency is None:
            return None
        if self.role in READ_ALL_ROLES:
            return province_of(self.agency)
        return self.agency

    @property
    def reads_everything(self) -> bool:
        return self.is_superuser

    def has_role(self, *roles: str) -> bool:
        return self.role in roles


def province_of(agency: Agency) -> Agency:
    """The province (or the nation, for national bodies) that an agency belongs to."""
    ancestor_ids = [int(part) for part in agency.path.strip("/").split("/") if part]
    for kind in (AgencyKind.PROVINCE, AgencyKind.NATION):
        found = Agency.objects.filter(pk__in=ancestor_ids, kind=kind).order_by("-path").first()
        if found is not None:
            return found
    return agency


def actor_for(request: HttpRequest) -> Actor:
    """The Actor of a logged-in request (membership loaded once per request)."""
    cached = getattr(request, "_tiendo_actor", None)
    if isinstance(cached, Actor):
        return cached
    actor = actor_for_user(request.user, ip=_client_ip(request))
    request._tiendo_actor = actor  # type: ignore[attr-defined]
    return actor


def actor_for_user(user: AbstractBaseUser | AnonymousUser, ip: str = "") -> Actor:
    if not user.is_authenticated:
        raise PermissionDenied("Vui lòng đăng nhập.")
    membership = Membership.objects.select_related("agency").filter(user_id=user.pk).first()
    if not isinstance(user, User):
        raise PermissionDenied("Tài khoản không hợp lệ.")
    return Actor(
        user=user,
        agency=membership.agency if membership else None,
        role=membership.role if membership else None,
        ip=ip,
        is_superuser=bool(getattr(user, "is_superuser", False)),
    )


def _client_ip(request: HttpRequest) -> str:
    from tiendo.lib.clientip import client_ip

    return client_ip(request)


# --- items --------------------------------------------------------------------------------


def own_items_q(agency: Agency, today: dt.date) -> Q:
    """Items the agency (or its subtree, or a body it succeeded) leads or coordinates."""
    coordinates = Item.coordinating_agencies.through.objects.filter(
        item_id=OuterRef("pk"), agency__path__startswith=agency.path
    )
    return lead_agency_scope_q(agency, today) | Q(Exists(coordinates))


def own_items_for_user(actor: Actor) -> QuerySet[Item]:
    """The items the actor's own agency subtree leads or coordinates ("Việc của đơn vị"): for a
    department all it may read; for the standing body and leaders, who read the whole
    province, still only their own agency's work."""
    if actor.agency is None:
        return Item.objects.none()
    return items_for_user(actor).filter(own_items_q(actor.agency, timezone.localdate()))


def items_for_user(actor: Actor) -> QuerySet[Item]:
    """Every item the actor may read."""
    items = Item.objects.all()
    if actor.reads_everything:
        return items
    root = actor.read_root
    if root is None:
        return items.none()
    if actor.role in READ_ALL_ROLES:
        return items.filter(
            Q(plan__issuing_agency__path__startswith=root.path)
            | lead_agency_scope_q(root, timezone.localdate())
        )
    return items.filter(own_items_q(root, timezone.localdate()))


ItemAction = Literal["read", "report", "extend", "review"]


def get_item_for_user(actor: Actor, pk: int, action: ItemAction = "read") -> Item:
    """The item if the actor may read it and do action on it."""
    item = (
        items_for_user(actor).select_related("plan", "group", "lead_agency").filter(pk=pk).first()
    )
    if item is None:
        raise Http404("Không tìm thấy nhiệm vụ hoặc bạn không có quyền xem.")
    if action != "read":
        require_item_action(actor, item, action)
    return item


def may_act_on_item(actor: Actor, item: Item, action: ItemAction) -> bool:
    """Whether the actor may do this to an item they can read: the lead and coordinating
    agencies (their subtrees, and the successors of an abolished body) report on it and ask
    for more time; the standing body reviews it (targets, extensions)."""
    if action == "read":
        return True
    if action in ("report", "extend"):
        return (
            actor.role in REPORTING_ROLES
            and actor.agency is not None
            and Item.objects.filter(pk=item.pk)
            .filter(own_items_q(actor.agency, timezone.localdate()))
            .exists()
        )
    return action == "review" and may_review_reports(actor)


def require_item_action(actor: Actor, item: Item, action: ItemAction) -> None:
    if not may_act_on_item(actor, item, action):
        raise PermissionDenied(
            "Chỉ cơ quan chủ trì, phối hợp mới được báo cáo nhiệm vụ này."
            if action in ("report", "extend")
            else "Chỉ cơ quan thường trực mới được thực hiện thao tác này."
        )


def item_actions(actor: Actor, item: Item) -> frozenset[str]:
    """What the item's page offers this person: report, ask for an extension (not for a
    recurring task, which has no deadline to move), review (targets, extensions)."""
    allowed = {a for a in ("report", "review") if may_act_on_item(actor, item, a)}
    if "report" in allowed and not item.is_recurring:
        allowed.add("extend")
    return frozenset(allowed)


def leads_item(agency: Agency, item: Item, day: dt.date | None = None) -> bool:
    """Whether the agency's subtree leads the item on day, default today (else its reports are
    contributions)."""
    return (
        Item.objects.filter(pk=item.pk)
        .filter(lead_agency_scope_q(agency, day or timezone.localdate()))
        .exists()
    )


# --- plans ----------------------------------------------------------------------------------


def plans_for_user(actor: Actor) -> QuerySet[Plan]:
    plans = Plan.objects.select_related("issuing_agency", "programme")
    if actor.reads_everything:
        return plans
    root = actor.read_root
    if root is None:
        return plans.none()
    if actor.role in READ_ALL_ROLES:
        return plans.filter(issuing_agency__path__startswith=province_of(root).path)
    return plans.filter(
        Q(issuing_agency__path__startswith=province_of(root).path)
        | Q(pk__in=items_for_user(actor).values("plan_id"))
    )


PlanAction = Literal["read", "manage_periods"]


def get_plan_for_user(actor: Actor, pk: int, action: PlanAction = "read") -> Plan:
    plan = plans_for_user(actor).filter(pk=pk).first()
    if plan is None:
        raise Http404("Không tìm thấy kế hoạch hoặc bạn không có quyền xem.")
    if action == "manage_periods":
        require_period_manager(actor, plan)
    return plan


PeriodAction = Literal["read", "manage"]


def get_period_for_user(actor: Actor, pk: int, action: PeriodAction = "read") -> ReportingPeriod:
    """A reporting period of a plan the actor may read; "manage" (open, close) as for plans."""
    from tiendo.progress.models import ReportingPeriod

    period = ReportingPeriod.objects.filter(pk=pk, plan__in=plans_for_user(actor)).first()
    if period is None:
        raise Http404("Không tìm thấy kỳ báo cáo.")
    if action == "manage":
        require_period_manager(actor, period.plan)
    return period


def may_manage_periods(actor: Actor | None, plan: Plan | None = None) -> bool:
    """Opening, closing and setting up reporting periods, a plan's reminder rules and the
    holiday calendar: the standing body, for the plans of its province, and administrators
    (actor None is the command line). Without a plan: whether any of it is theirs (menus)."""
    if actor is None or actor.is_superuser:
        return True
    if actor.role != Role.STANDING:
        return False
    return plan is None or plans_for_user(actor).filter(pk=plan.pk).exists()


def require_period_manager(actor: Actor | None, plan: Plan | None = None) -> None:
    if not may_manage_periods(actor, plan):
        raise PermissionDenied(
            "Chỉ cơ quan thường trực của tỉnh ban hành kế hoạch mới được quản lý kỳ báo cáo, "
            "nhắc việc của kế hoạch."
        )


def may_decide_extensions(actor: Actor) -> bool:
    """Granting or refusing a deadline extension: the standing body only."""
    return may_review_reports(actor)


def require_extension_decider(actor: Actor) -> None:
    if not may_decide_extensions(actor):
        raise PermissionDenied("Chỉ cơ quan thường trực mới được quyết định gia hạn.")


def may_write_reports(actor: Actor) -> bool:
    """Drafting progress reports at all: a reporter or head of an agency (which items, see
    may_act_on_item)."""
    return actor.agency is not None and actor.role in REPORTING_ROLES


# --- progress updates and evidence --------------------------------------------------------

UpdateAction = Literal["read", "edit", "ready", "send", "review", "revise"]


def may_report_for(actor: Actor, agency: Agency) -> bool:
    """Whether the actor writes reports for this agency: its own unit or one below it."""
    return _in_agency(actor, agency)


def _in_agency(actor: Actor, agency: Agency) -> bool:
    return (
        actor.role in REPORTING_ROLES
        and actor.agency is not None
        and agency.path.startswith(actor.agency.path)
    )


def get_update_for_user(actor: Actor, pk: int, action: UpdateAction = "read") -> ProgressUpdate:
    """A progress update the actor may see and act on.

    Drafts belong to their agency: nobody else sees them, not even the standing body, until the
    agency head sends them. Sent reports are read by whoever may read the item.
    """
    from tiendo.progress.models import ProgressUpdate, UpdateStatus

    update = (
        ProgressUpdate.objects.select_related("item", "agency", "period", "item__plan")
        .filter(pk=pk, item__in=items_for_user(actor))
        .first()
    )
    if update is None:
        raise Http404("Không tìm thấy báo cáo hoặc bạn không có quyền xem.")
    own = _in_agency(actor, update.agency)
    if update.status == UpdateStatus.DRAFT and not own:
        raise Http404("Không tìm thấy báo cáo hoặc bạn không có quyền xem.")
    if action != "read":
        require_update_action(actor, update, action)
    return update


_UPDATE_REFUSALS: dict[str, str] = {
    "edit": "Chỉ chuyên viên, lãnh đạo của đơn vị lập báo cáo mới được sửa dự thảo.",
    "ready": "Chỉ chuyên viên của đơn vị trình dự thảo; lãnh đạo đơn vị duyệt và gửi trực tiếp.",
    "send": "Chỉ lãnh đạo của đơn vị lập báo cáo mới được duyệt, gửi báo cáo.",
    "review": "Chỉ cơ quan thường trực mới được xác nhận hoặc trả lại báo cáo.",
    "revise": "Chỉ đơn vị đã gửi báo cáo mới được lập báo cáo bổ sung.",
}


def may_act_on_update(actor: Actor, update: ProgressUpdate, action: UpdateAction) -> bool:
    """Whether the actor's role and agency allow the action on this report, whatever state the
    report is in (the services say why a state forbids it). A report belongs to its agency:
    the agency and the bodies above it in the same subtree (a department for its units)
    write, put forward and revise it; only the standing body reviews."""
    own = _in_agency(actor, update.agency)
    if action == "read":
        return True
    if action in ("edit", "revise"):
        return own
    if action == "ready":
        return own and actor.role == Role.REPORTER
    if action == "send":
        return own and actor.role == Role.HEAD
    return action == "review" and may_review_reports(actor)


def require_update_action(actor: Actor, update: ProgressUpdate, action: UpdateAction) -> None:
    if not may_act_on_update(actor, update, action):
        raise PermissionDenied(_UPDATE_REFUSALS.get(action, "Bạn không có quyền xem báo cáo."))


def update_actions(actor: Actor, update: ProgressUpdate) -> frozenset[str]:
    """What the report's page offers this person now: the actions their role allows on it
    that its state also allows (a draft is edited, put forward and sent; a sent report is
    reviewed; a returned one is revised)."""
    from tiendo.progress.models import UpdateStatus

    by_state: dict[str, tuple[UpdateAction, ...]] = {
        UpdateStatus.DRAFT: ("edit", "ready", "send"),
        UpdateStatus.SENT: ("review",),
        UpdateStatus.RETURNED: ("revise",),
    }
    wanted: tuple[UpdateAction, ...] = by_state.get(UpdateStatus(update.status), ())
    return frozenset(a for a in wanted if may_act_on_update(actor, update, a))


def get_evidence_for_user(actor: Actor, pk: int) -> Evidence:
    """An evidence file, if the actor may read the report it belongs to."""
    from tiendo.progress.models import Evidence

    evidence = Evidence.objects.filter(pk=pk).first()
    if evidence is None:
        raise Http404("Không tìm thấy tài liệu.")
    get_update_for_user(actor, evidence.update_id, "read")
    return evidence


def updates_for_user(actor: Actor) -> QuerySet[ProgressUpdate]:
    """Reports the actor may read: sent ones on readable items, plus the own agency's drafts."""
    from tiendo.progress.models import ProgressUpdate

    updates = ProgressUpdate.objects.filter(item__in=items_for_user(actor))
    own_drafts = (
        Q(agency__path__startswith=actor.agency.path)
        if actor.agency and actor.role in REPORTING_ROLES
        else Q(pk__in=[])
    )
    return updates.filter(Q(recorded_at__isnull=False) | own_drafts)


# --- history (audit events) ---------------------------------------------------------------


def history_for_user(actor: Actor, item: Item) -> QuerySet[AuditEvent]:
    """The item's audit events the actor may read: an event about a report or its evidence
    obeys the report's own rule (an unsent draft's edits stay with its agency), the rest
    follows the item (the caller has already read the item through get_item_for_user)."""
    from tiendo.audit.models import AuditEvent
    from tiendo.progress.models import Evidence

    visible_updates = updates_for_user(actor).filter(item=item)
    update_ids = [str(pk) for pk in visible_updates.values_list("pk", flat=True)]
    evidence_ids = [
        str(pk)
        for pk in Evidence.objects.filter(update__in=visible_updates).values_list("pk", flat=True)
    ]
    return AuditEvent.objects.filter(item=item).filter(
        ~Q(object_type__in=[UPDATE_TYPE, EVIDENCE_TYPE])
        | Q(object_type=UPDATE_TYPE, object_id__in=update_ids)
        | Q(object_type=EVIDENCE_TYPE, object_id__in=evidence_ids)
    )


UPDATE_TYPE = "progress.progressupdate"
EVIDENCE_TYPE = "progress.evidence"


# --- figures --------------------------------------------------------------------------------


def figure_agency(actor: Actor) -> Agency | None:
    """Whose figures the actor sees, on every page and in the API alike: None (no agency
    limit) for the standing body, leaders and administrators, who read the province's plans
    whole; the agency's own subtree for a department or commune. readmodels.scope.figure_scope
    turns it into the engine's Scope."""
    whole = actor.role in READ_ALL_ROLES or actor.is_superuser
    return None if whole else actor.read_root


def may_rank_provinces(actor: Actor) -> bool:
    """Whether the actor sees provinces ranked against each other: a reader of the whole
    country (the central working group: a standing or leader membership in a body under the
    nation and no province) or an administrator. To everyone else the ranking does not exist:
    their own province is their IOC."""
    if actor.is_superuser:
        return True
    root = actor.read_root
    return actor.role in READ_ALL_ROLES and root is not None and root.kind == AgencyKind.NATION


def ranked_provinces_root(actor: Actor) -> Agency | None:
    """Under which agency the ranked provinces are (None: every province, for administrators);
    only for an actor who may_rank_provinces."""
    return None if actor.is_superuser else actor.read_root


def agencies_for_user(actor: Actor) -> QuerySet[Agency]:
    """The agencies whose figures the actor may see (filters, scorecards): the province for the
    standing body, leaders and administrators, a department or commune its own subtree."""
    from tiendo.agencies.selectors import agency_subtree

    root = actor.read_root
    if actor.is_superuser:
        return agency_subtree(province_of(root)) if root else Agency.objects.all()
    return agency_subtree(root) if root else Agency.objects.none()


# --- API tokens -----------------------------------------------------------------------------

ApiTokenAction = Literal["read", "revoke"]


def get_api_token_for_user(actor: Actor, pk: int, action: ApiTokenAction = "read") -> ApiToken:
    """An API token: a person reads and revokes their own; an administrator (superuser) anyone's.
    Somebody else's token does not exist for a person (404), whatever the action."""
    tokens = ApiToken.objects.select_related("user")
    if not actor.is_superuser:
        tokens = tokens.filter(user_id=actor.user.pk)
    token = tokens.filter(pk=pk).first()
    if token is None:
        raise Http404("Không tìm thấy mã truy cập hoặc bạn không có quyền xem.")
    return token


def may_import_plans(actor: Actor) -> bool:
    """Importing plan annexes: the standing body, or an administrator with an agency (the
    import needs a province to issue the plan)."""
    return (actor.role == Role.STANDING or actor.is_superuser) and actor.agency is not None


def plan_importer_province(actor: Actor) -> Agency:
    """The province whose plans this person may import annexes into: the standing body's (or
    an administrator's with an agency). PermissionDenied for everybody else."""
    if not may_import_plans(actor) or actor.agency is None:
        raise PermissionDenied("Chỉ cơ quan thường trực mới được nhập kế hoạch.")
    return province_of(actor.agency)


def reminder_coverage_province(actor: Actor) -> Agency:
    """The province whose agencies without reminder recipients this person may list: the
    standing body's, or an administrator's. PermissionDenied for everybody else."""
    allowed = actor.role in (Role.STANDING, Role.ADMIN) or actor.is_superuser
    if not allowed or actor.agency is None:
        raise PermissionDenied(
            "Chỉ cơ quan thường trực và quản trị hệ thống xem được danh sách đơn vị chưa có "
            "người nhận nhắc việc."
        )
    return province_of(actor.agency)


def may_list_reminder_coverage(actor: Actor) -> bool:
    try:
        reminder_coverage_province(actor)
    except PermissionDenied:
        return False
    return True


# --- administration -------------------------------------------------------------------------


def may_load_directory(actor: Actor | None) -> bool:
    """Loading a province's directory of bodies (the admin's "Nạp danh mục", the command line
    as actor None): system administrators only."""
    return actor is None or actor.is_superuser


def require_directory_loader(actor: Actor | None) -> None:
    if not may_load_directory(actor):
        raise PermissionDenied("Chỉ quản trị hệ thống được nạp danh mục cơ quan của tỉnh.")


# --- directory, indicators and the menu ------------------------------------------------------


def directory_for_user(actor: Actor) -> QuerySet[Agency]:
    """The directory of bodies a person may list (the API's agencies): their whole province,
    since every agency works with the others; an administrator without an agency, all."""
    from tiendo.agencies.selectors import agency_subtree

    if actor.agency is None:
        return Agency.objects.all() if actor.is_superuser else Agency.objects.none()
    return agency_subtree(province_of(actor.agency))


def indicator_province(actor: Actor) -> Agency | None:
    """Whose indicators a person reads: their province (indicators are the province's own
    figures, read by every agency in it); an administrator without an agency reads Nghệ An's,
    the first province, or None when there is none."""
    if actor.agency is not None:
        return province_of(actor.agency)
    if actor.is_superuser:
        return (
            Agency.objects.filter(code="40").first()
            or Agency.objects.filter(parent__isnull=True).order_by("pk").first()
        )
    return None


def indicator_values_for_user(actor: Actor) -> QuerySet[IndicatorValue]:
    """The indicator values in force a person may read (the API, the export): their
    province's (an administrator's: all)."""
    from tiendo.indicators.models import IndicatorValue

    values = IndicatorValue.objects.filter(superseded_at__isnull=True)
    if actor.is_superuser:
        return values
    if actor.agency is None:
        return values.none()
    return values.filter(agency__path__startswith=province_of(actor.agency).path)


def may_make_report(actor: Actor) -> bool:
    """The consolidated report: every agency for its own scope, administrators for all."""
    return actor.agency is not None or actor.is_superuser


def may_review_reports(actor: Actor) -> bool:
    """Confirming or returning sent reports: the standing body (administrators only watch)."""
    return actor.role == Role.STANDING


# --- figures frozen for a meeting --------------------------------------------------------------


def may_freeze_figures(actor: Actor) -> bool:
    """Freezing the operations centre's figures for a meeting ("Chốt số liệu"): the standing
    body and the province's leaders, who see the province's figures whole (which plans: those
    they may read, plans_for_user). Departments, communes and administrators do not."""
    return actor.agency is not None and actor.role in (Role.STANDING, Role.LEADER)


def require_figures_freezer(actor: Actor) -> None:
    if not may_freeze_figures(actor):
        raise PermissionDenied(
            "Chỉ cơ quan thường trực và lãnh đạo UBND tỉnh được chốt số liệu cho cuộc họp."
        )


def freezes_for_user(actor: Actor) -> QuerySet[Freeze]:
    """The frozen figures a person may open: those whose every plan they may read (the figures
    are then computed with their own figure scope, never more than they may see)."""
    from tiendo.meetings.models import Freeze

    links = Freeze.plans.through.objects.filter(freeze=OuterRef("pk"))
    unreadable = links.exclude(plan__in=plans_for_user(actor).values("pk"))
    return Freeze.objects.filter(Exists(links), ~Exists(unreadable)).select_related(
        "created_by", "agency"
    )


def get_freeze_for_user(actor: Actor, pk: int) -> Freeze:
    freeze = freezes_for_user(actor).filter(pk=pk).first()
    if freeze is None:
        raise Http404("Không tìm thấy số liệu đã chốt hoặc bạn không có quyền xem.")
    return freeze


@dataclass(frozen=True)
class Menu:
    """What the navigation offers a person; each entry is the decision of its page."""

    own_items: bool
    review: bool
    report: bool
    import_plans: bool
    admin: bool


def menu_for(actor: Actor) -> Menu:
    return Menu(
        own_items=actor.agency is not None,
        review=may_review_reports(actor),
        report=may_make_report(actor),
        import_plans=may_import_plans(actor),
        admin=actor.user.is_staff,
    )
