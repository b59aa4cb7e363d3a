"""Vietnamese names for what the audit trail stores as codes: actions and object types.

The codes stay in the database (services write them and tests query them); people read these
labels. A code missing here is shown as is, so a new service action is visible, not hidden.
"""

from __future__ import annotations

from django.apps import apps

ACTION_LABELS: dict[str, str] = {
    "agency.create": "Thêm cơ quan, đơn vị",
    "agency.update": "Sửa cơ quan, đơn vị",
    "agency.succession": "Ghi nhận cơ quan kế thừa",
    "programme.create": "Thêm đề án, chương trình",
    "programme.update": "Sửa đề án, chương trình",
    "group.create": "Thêm nhóm nhiệm vụ",
    "group.update": "Sửa nhóm nhiệm vụ",
    "membership.set": "Phân quyền người dùng",
    "plan.create": "Ban hành kế hoạch",
    "plan.update": "Sửa kế hoạch",
    "plan.import": "Nhập phụ lục kế hoạch",
    "item.create": "Giao nhiệm vụ",
    "item.update": "Sửa nhiệm vụ",
    "item.extend": "Gia hạn nhiệm vụ",
    "item.target": "Điều chỉnh chỉ tiêu",
    "extension.request": "Đề nghị gia hạn",
    "extension.approved": "Đồng ý gia hạn",
    "extension.refused": "Không đồng ý gia hạn",
    "update.draft": "Lập dự thảo báo cáo",
    "update.edit": "Sửa dự thảo báo cáo",
    "update.ready": "Trình lãnh đạo dự thảo báo cáo",
    "update.send": "Gửi báo cáo",
    "update.confirmed": "Xác nhận báo cáo",
    "update.returned": "Trả lại báo cáo",
    "evidence.attach": "Đính kèm tài liệu minh chứng",
    "evidence.carry": "Mang tài liệu minh chứng sang báo cáo mới",
    "evidence.remove": "Bỏ tài liệu minh chứng",
    "period.open": "Mở kỳ báo cáo",
    "period.close": "Đóng kỳ báo cáo",
    "period.reopen": "Mở lại kỳ báo cáo",
    "holiday.create": "Thêm ngày nghỉ lễ",
    "holiday.update": "Sửa ngày nghỉ lễ",
    "holiday.remove": "Bỏ ngày nghỉ lễ",
    "reminders.create": "Đặt quy tắc nhắc việc",
    "reminders.update": "Sửa quy tắc nhắc việc",
    "email.resend": "Gửi lại thư bị từ chối",
    "indicator.record": "Ghi nhận số liệu chỉ tiêu",
    "indicator.correct": "Đính chính số liệu chỉ tiêu",
    "indicator.target": "Giao, điều chỉnh mục tiêu chỉ tiêu",
    "figures.freeze": "Chốt số liệu cho cuộc họp",
}


def action_label(code: str) -> str:
    return ACTION_LABELS.get(code, code)


def object_type_label(label: str) -> str:
    """'progress.reportingperiod' -> 'Kỳ báo cáo' (the model's verbose name)."""
    try:
        name = str(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label
    return name[:1].upper() + name[1:]
