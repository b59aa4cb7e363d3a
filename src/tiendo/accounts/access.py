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
from tiendo.plans.models import Item, Plan, TaskGroup

if TYPE_CHECKING:
    from tiendo.audit.models import AuditEvent
    from tiendo.progress.models import Evidence, ProgressUpdate
    from tiendo.status.selectors import Scope

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
    if action == "read":
        return item
    if action in ("report", "extend"):
        if (
            actor.role in REPORTING_ROLES
            and actor.agency is not None
            and (
                Item.objects.filter(pk=pk)
                .filter(own_items_q(actor.agency, timezone.localdate()))
                .exists()
            )
        ):
            return item
        raise PermissionDenied("Chỉ cơ quan chủ trì, phối hợp mới được báo cáo nhiệm vụ này.")
    if action == "review" and actor.role == Role.STANDING:
        return item
    raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")


def leads_item(agency: Agency, item: Item) -> bool:
    """Whether the agency's subtree leads the item today (else its reports are contributions)."""
    return (
        Item.objects.filter(pk=item.pk)
        .filter(lead_agency_scope_q(agency, timezone.localdate()))
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
    if action == "manage_periods" and not (actor.role == Role.STANDING or actor.is_superuser):
        raise PermissionDenied("Chỉ cơ quan thường trực mới được mở, đóng kỳ báo cáo.")
    return plan


# --- progress updates and evidence --------------------------------------------------------

UpdateAction = Literal["read", "edit", "send", "review", "revise"]


def _in_agency(actor: Actor, agency: Agency) -> bool:
    """Whether the actor reports for this agency (its own unit or one below it)."""
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
    if action == "read":
        return update
    if action in ("edit", "revise") and own and actor.role in REPORTING_ROLES:
        return update
    if action == "send" and own and actor.role == Role.HEAD:
        return update
    if action == "review" and actor.role == Role.STANDING:
        return update
    raise PermissionDenied("Bạn không có quyền thực hiện thao tác này với báo cáo.")


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


def figure_scope(
    actor: Actor, *, plan: Plan | None = None, group: TaskGroup | None = None
) -> Scope:
    """What the actor's figures cover, on every page and in the API alike: the whole province
    for the standing body, leaders and administrators, the agency's own subtree for a
    department or commune."""
    from tiendo.status.selectors import Scope

    whole = actor.role in READ_ALL_ROLES or actor.is_superuser
    return Scope(plan=plan, group=group, agency=None if whole else actor.read_root)


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


def plan_importer_province(actor: Actor) -> Agency:
    """The province whose plans this person may import annexes into: the standing body's (or
    an administrator's with an agency). PermissionDenied for everybody else."""
    if not (actor.role == Role.STANDING or actor.is_superuser) or actor.agency is None:
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
