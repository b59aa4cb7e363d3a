"""The report request: scope, cut-off and the document's particulars chosen by the user.

A drafted page belongs to what it was drafted for: its cut-off D, its K and its plans
(`DraftKey`, carried in hidden fields). Downloading with another D, K or plans redrafts instead
of printing one date in the header and another's figures in the body.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone

from tiendo.agencies.models import Agency
from tiendo.documents.particulars import (
    AUTHORITIES,
    NO_ISSUE_DATE,
    NO_PLANS,
    ReportSpec,
    validate_spec,
)
from tiendo.documents.report import Section
from tiendo.documents.selectors import default_issue_date, default_summary
from tiendo.lib.dates import date_window_error, format_date
from tiendo.lib.forms import DATE_FORMATS, DateField, DateInput, KnownAtField
from tiendo.plans.models import Plan
from tiendo.status.selectors import AsOf

KNOWN_AT_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
MAX_SECTIONS = 40
# ReportSpec fields whose errors belong to a differently named form field.
SPEC_TO_FIELD = {"as_of": "ngay"}


def _lines(text: str) -> list[str]:
    return [
        line.strip().lstrip("-").strip().rstrip(";.") for line in text.splitlines() if line.strip()
    ]


def _minute(value: dt.datetime) -> dt.datetime:
    """K to the minute: what the page shows and the document states."""
    return value.replace(second=0, microsecond=0)


def _date(raw: object) -> dt.date | None:
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(str(raw).strip(), fmt).date()  # noqa: DTZ007 - a date
        except ValueError:
            continue
    return None


def _ids(values: Iterable[str]) -> tuple[int, ...]:
    return tuple(sorted({int(v) for v in values if v.strip().isdigit() and len(v) < 12}))


@dataclass(frozen=True)
class DraftKey:
    """What a drafted text was written for: cut-off D, K (to the minute) and the plans."""

    cutoff: dt.date
    known_at: dt.datetime
    plan_ids: tuple[int, ...]

    @classmethod
    def of(cls, spec: ReportSpec) -> DraftKey:
        return cls(
            spec.as_of.date,
            _minute(timezone.localtime(spec.as_of.known_at)),
            _ids(str(p.pk) for p in spec.plans),
        )

    @classmethod
    def from_post(cls, post: Any) -> DraftKey | None:
        cutoff = _date(post.get("du_thao_ngay", ""))
        try:
            known_at = dt.datetime.fromisoformat(str(post.get("du_thao_k", "")).strip())
        except ValueError:
            return None
        if cutoff is None or timezone.is_naive(known_at):
            return None
        try:
            local = _minute(timezone.localtime(known_at))
        except (OverflowError, ValueError):
            return None
        return cls(cutoff, local, _ids(str(post.get("du_thao_ke_hoach", "")).split(",")))

    def fields(self) -> dict[str, str]:
        """The hidden inputs that carry this key with the drafted text."""
        return {
            "du_thao_ngay": self.cutoff.isoformat(),
            "du_thao_k": self.known_at.isoformat(),
            "du_thao_ke_hoach": ",".join(str(pk) for pk in self.plan_ids),
        }

    def changes_to(self, other: DraftKey) -> list[str]:
        """How `other` differs from this draft's request, in the page's words."""
        said = []
        if other.cutoff != self.cutoff:
            said.append(
                f"Ngày chốt số liệu đã đổi từ {format_date(self.cutoff)} "
                f"sang {format_date(other.cutoff)}"
            )
        if other.known_at != self.known_at:
            said.append(
                f"thời điểm ghi nhận dữ liệu đã đổi từ {self.known_at:%H:%M %d/%m/%Y} "
                f"sang {other.known_at:%H:%M %d/%m/%Y}"
            )
        if other.plan_ids != self.plan_ids:
            said.append("danh sách kế hoạch đã đổi")
        return said


def redraft_message(drafted: DraftKey | None, now: DraftKey) -> str:
    """Why the page shows a new draft instead of sending the file."""
    changes = drafted.changes_to(now) if drafted is not None else []
    said = "; ".join(changes) if changes else "Dự thảo không rõ ngày chốt số liệu đã soạn"
    said = said[:1].upper() + said[1:]
    return (
        f"{said}: dự thảo đã được soạn lại theo số liệu mới, nội dung đã sửa không được giữ. "
        "Hãy xem lại dự thảo rồi bấm tải về."
    )


def prepare_post(post: QueryDict, plans: QuerySet[Plan], today: dt.date) -> QueryDict:
    """The posted request with the defaults that follow the cut-off brought up to date.

    A summary or issue date still equal to the default for the cut-off it was made for (hidden
    `mac_dinh_ngay`) follows a new cut-off; one the user typed is kept. An empty K means now
    (to the minute), written back so the page shows it.
    """
    data = post.copy()
    if not str(data.get("known_at", "")).strip():
        data["known_at"] = f"{_minute(timezone.localtime()):%d/%m/%Y %H:%M}"
    cutoff = _date(data.get("ngay", ""))
    before = _date(data.get("mac_dinh_ngay", ""))
    if cutoff is None:
        return data
    if before is not None and before != cutoff:
        chosen = list(plans.filter(pk__in=_ids(data.getlist("plans"))))
        if str(data.get("summary", "")).strip() == default_summary(before):
            data["summary"] = default_summary(cutoff)
        # The page's first default is for all the user's plans; later ones for those chosen.
        old = {default_issue_date(before, chosen, today), default_issue_date(before, plans, today)}
        if _date(data.get("issued_on", "")) in old:
            data["issued_on"] = format_date(default_issue_date(cutoff, chosen, today))
    data["mac_dinh_ngay"] = cutoff.isoformat()
    return data


def initial_from_query(query: QueryDict, plans: QuerySet[Plan]) -> tuple[dict[str, Any], list[str]]:
    """D, K and plans asked in the URL (?ngay=…&ghi_nhan=…&ke_hoach=…, as the frozen figures of
    a meeting link them) for the form's first values; what cannot be read is said and left out."""
    asked: dict[str, Any] = {}
    problems: list[str] = []
    raw_day = str(query.get("ngay", "")).strip()
    if raw_day:
        day = _date(raw_day)
        if day is None or date_window_error(day):
            problems.append(
                "Ngày chốt số liệu trong đường dẫn không hợp lệ; đã dùng ngày mặc định."
            )
        else:
            asked["ngay"] = day
    raw_moment = str(query.get("ghi_nhan", "")).strip()
    if raw_moment:
        try:
            moment = KnownAtField(required=False).clean(raw_moment)
        except ValidationError:
            problems.append(
                "Thời điểm ghi nhận dữ liệu trong đường dẫn không hợp lệ hoặc chưa đến; "
                "đã dùng thời điểm hiện tại."
            )
        else:
            asked["known_at"] = _minute(timezone.localtime(moment))
    wanted = _ids(query.getlist("ke_hoach"))
    if wanted:
        chosen = list(plans.filter(pk__in=wanted).values_list("pk", flat=True))
        if chosen:
            asked["plans"] = chosen
        if len(chosen) != len(wanted):
            problems.append(
                "Có kế hoạch trong đường dẫn không tìm thấy hoặc bạn không có quyền xem; đã bỏ qua."
            )
    return asked, problems


class KnownAtInput(forms.DateTimeInput):
    """K typed and shown as "dd/mm/yyyy hh:mm" whatever the browser's language."""

    input_type = "text"

    def __init__(self) -> None:
        super().__init__(
            attrs={
                "placeholder": "dd/mm/yyyy hh:mm",
                "autocomplete": "off",
                "title": "ngày/tháng/năm giờ:phút, ví dụ 02/04/2024 14:00",
                "size": "16",
            },
            format="%d/%m/%Y %H:%M",
        )


class ReportForm(forms.Form):
    plans = forms.ModelMultipleChoiceField(
        label="Kế hoạch",
        queryset=Plan.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": NO_PLANS},
    )
    ngay = DateField(
        label="Số liệu tính đến ngày",
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        error_messages={"invalid": "Ngày chốt số liệu không hợp lệ.", "required": "Chọn ngày."},
    )
    known_at = forms.DateTimeField(
        label="Theo dữ liệu ghi nhận đến",
        required=False,
        widget=KnownAtInput(),
        input_formats=KNOWN_AT_FORMATS,
        help_text="Giờ và ngày (ví dụ 14:00 ngày 02/04/2024 ghi là 02/04/2024 14:00); "
        "mặc định: bây giờ.",
        error_messages={
            "invalid": "Thời điểm ghi nhận dữ liệu không hợp lệ; hãy nhập ngày/tháng/năm "
            "giờ:phút, ví dụ 02/04/2024 14:00."
        },
    )
    next_until = DateField(
        label="Nhiệm vụ thời gian tới: đến ngày",
        required=False,
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        help_text="Để trống: quý tiếp theo sau ngày chốt số liệu.",
        error_messages={"invalid": "Ngày cuối của nhiệm vụ thời gian tới không hợp lệ."},
    )
    number = forms.CharField(
        label="Số, ký hiệu báo cáo",
        initial="/BC-",
        max_length=40,
        error_messages={"required": "Chưa nhập số, ký hiệu báo cáo (ví dụ 15/BC-CAT)."},
    )
    parent_body = forms.CharField(label="Cơ quan chủ quản", required=False, max_length=120)
    issuing_body = forms.CharField(
        label="Cơ quan ban hành",
        max_length=120,
        error_messages={"required": "Chưa nhập cơ quan ban hành."},
    )
    place = forms.CharField(
        label="Địa danh", max_length=60, error_messages={"required": "Chưa nhập địa danh."}
    )
    issued_on = DateField(
        label="Ngày ban hành",
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        error_messages={
            "required": NO_ISSUE_DATE,
            "invalid": "Ngày ban hành không hợp lệ; hãy nhập ngày/tháng/năm, ví dụ 02/04/2024.",
        },
    )
    summary = forms.CharField(
        label="Trích yếu", max_length=300, error_messages={"required": "Chưa nhập trích yếu."}
    )
    addressees = forms.CharField(
        label="Kính gửi (mỗi dòng một cơ quan)",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Chưa nhập nơi “Kính gửi” (ít nhất một cơ quan)."},
    )
    authority = forms.ChoiceField(
        label="Thẩm quyền ký",
        required=False,
        choices=[(a, a or "Ký trực tiếp") for a in AUTHORITIES],
    )
    authority_body = forms.CharField(
        label="Sau thẩm quyền (ví dụ GIÁM ĐỐC, ỦY BAN NHÂN DÂN)", required=False, max_length=120
    )
    deputy_of = forms.CharField(
        label="Ký thay người đứng đầu, dưới TM. (ví dụ CHỦ TỊCH)",
        required=False,
        max_length=120,
        help_text="Cấp phó ký thay mặt tập thể: TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH.",
    )
    signer_position = forms.CharField(
        label="Chức vụ người ký",
        max_length=120,
        error_messages={"required": "Chưa nhập chức vụ người ký."},
    )
    signer_name = forms.CharField(
        label="Họ và tên người ký",
        max_length=120,
        error_messages={"required": "Chưa nhập họ và tên người ký."},
    )
    recipients = forms.CharField(
        label="Nơi nhận (mỗi dòng một nơi)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    SCOPE_FIELDS = ("plans", "ngay", "known_at", "next_until")

    def __init__(
        self,
        *args: Any,
        plans: QuerySet[Plan],
        issuing_agency: Agency | None = None,
        scope_agency: Agency | None = None,
        **kwargs: Any,
    ) -> None:
        initial = dict(kwargs.pop("initial", None) or {})
        for name in ("addressees", "recipients"):
            if isinstance(initial.get(name), list | tuple):
                initial[name] = "\n".join(initial[name])
        initial.setdefault("known_at", _minute(timezone.localtime()))
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.fields["plans"].queryset = plans  # type: ignore[attr-defined]
        self.issuing_agency = issuing_agency
        self.scope_agency = scope_agency

    def scope_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.SCOPE_FIELDS]

    def particular_fields(self) -> list[forms.BoundField]:
        return [field for field in self if field.name not in self.SCOPE_FIELDS]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            validate_spec(self.spec())
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                field = SPEC_TO_FIELD.get(name, name)
                target = field if field in self.fields and field in data else None
                for message in messages:
                    self.add_error(target, message)
        return data

    def spec(self) -> ReportSpec:
        data = self.cleaned_data
        known_at: dt.datetime = _minute(data.get("known_at") or timezone.localtime())
        agency = self.scope_agency
        return ReportSpec(
            plans=list(data["plans"].order_by("issued_on", "number")),
            as_of=AsOf.make(data["ngay"], known_at),
            number=data["number"].strip(),
            issuing_body=data["issuing_body"].strip(),
            parent_body=data.get("parent_body", "").strip(),
            scope_agency=agency,
            place=data["place"].strip(),
            issued_on=data["issued_on"],
            summary=data["summary"].strip(),
            addressees=_lines(data.get("addressees", "")),
            authority=data.get("authority", ""),
            authority_body=data.get("authority_body", "").strip(),
            signer_position=data["signer_position"].strip(),
            signer_name=data["signer_name"].strip(),
            recipients=_lines(data.get("recipients", "")),
            # A department or commune reports on its own items; the province-wide readers on all.
            where=agency.label if agency else "toàn tỉnh",
            issuing_agency=self.issuing_agency,
            deputy_of=data.get("deputy_of", "").strip(),
            next_until=data.get("next_until"),
        )


_NUMBERED = re.compile(r"^[IVXLC]+\.\s*")


def roman(n: int) -> str:
    out = ""
    for value, letters in ((40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out += letters * count
    return out


def renumbered(sections: Sequence[Section]) -> list[Section]:
    """'I.', 'II.', … again over the numbered headings left; the opening block ('') stays."""
    out, n = [], 0
    for section in sections:
        if _NUMBERED.match(section.heading):
            n += 1
            heading = f"{roman(n)}. {_NUMBERED.sub('', section.heading)}"
            out.append(Section(heading, section.paragraphs))
        else:
            out.append(section)
    return out


def sections_from_post(post: Any) -> list[Section] | None:
    """The edited text of each section (paragraphs separated by blank lines), if sent.

    The number of sections travels in the form (`so_phan`): whatever the draft had. A section
    whose text the user cleared is left out and the numbered headings after it move up.
    """
    raw = str(post.get("so_phan", "")).strip()
    if raw.isdigit() and len(raw) < 4:
        count = min(int(raw), MAX_SECTIONS)
    elif "section_0_heading" in post:
        count = next(
            (n for n in range(MAX_SECTIONS) if f"section_{n}_heading" not in post), MAX_SECTIONS
        )
    else:
        return None
    sections = []
    for n in range(count):
        heading = str(post.get(f"section_{n}_heading", "")).strip()
        text = str(post.get(f"section_{n}_text", ""))
        paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
        if paragraphs:
            sections.append(Section(heading, paragraphs))
    return renumbered(sections)
