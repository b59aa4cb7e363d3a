"""The sentences an official writes from the figures (used by the CLI, pages and reports)."""

from __future__ import annotations

from tiendo.lib.dates import cutoff_phrase
from tiendo.lib.text import format_count
from tiendo.plans.models import ItemKind, Plan
from tiendo.status.selectors import Summary


def models_sentence(plan: Plan, summary: Summary, where: str = "toàn tỉnh") -> str:
    """'Trong số 38 mô hình điểm theo Kế hoạch số 762/KH-UBND, toàn tỉnh đã hoàn thành 06…'"""
    counts = summary.kind(ItemKind.MODEL)
    parts = [f"đã hoàn thành {format_count(counts.done)} mô hình"]
    if counts.in_progress:
        parts.append(f"đang thực hiện {format_count(counts.in_progress)} mô hình")
    if counts.paused:
        parts.append(f"tạm dừng {format_count(counts.paused)} mô hình")
    if counts.not_started:
        parts.append(f"còn lại {format_count(counts.not_started)} mô hình chưa triển khai")
    return (
        f"Trong số {format_count(counts.total)} mô hình điểm theo Kế hoạch số {plan.number}, "
        f"{where} {', '.join(parts)}."
    )


def tasks_sentence(plan: Plan, summary: Summary) -> str:
    """'Có 51 nhiệm vụ tại 10 nhóm nhiệm vụ theo Kế hoạch số 87/KH-UBND đến hết quý I…'"""
    counts = summary.kind(ItemKind.TASK)
    cutoff = cutoff_phrase(summary.as_of.date)
    if counts.total and not counts.unfinished:
        return (
            f"Các nhiệm vụ có thời hạn theo Kế hoạch số {plan.number} {cutoff} đều đã hoàn thành."
        )
    groups = summary.groups_with_unfinished
    where = f" tại {format_count(groups)} nhóm nhiệm vụ" if groups else ""
    return (
        f"Có {format_count(counts.unfinished)} nhiệm vụ{where} theo Kế hoạch số {plan.number} "
        f"{cutoff} vẫn chưa hoàn thành theo mục tiêu đề ra."
    )


def tasks_breakdown(plan: Plan, summary: Summary) -> str:
    """'Kế hoạch số 87/KH-UBND giao 75 nhiệm vụ: 18 đã hoàn thành (15 đúng hạn, 03 quá hạn); …'"""
    c = summary.kind(ItemKind.TASK)
    done_on_time, done_late = c.by_class["done_on_time"], c.by_class["done_late"]
    text = (
        f"Kế hoạch số {plan.number} giao {format_count(c.total)} nhiệm vụ: "
        f"{format_count(done_on_time + done_late)} đã hoàn thành "
        f"({format_count(done_on_time)} đúng hạn, {format_count(done_late)} quá hạn); "
        f"{format_count(c.unfinished)} chưa hoàn thành, "
        f"trong đó {format_count(c.overdue)} quá hạn, "
        f"{format_count(c.by_class['due_soon'])} sắp đến hạn"
    )
    recurring = c.by_class["no_deadline"]
    if recurring:
        text += f"; {format_count(recurring)} nhiệm vụ thường xuyên"
    return text + "."


def plan_sentences(plan: Plan, summary: Summary, where: str = "toàn tỉnh") -> list[str]:
    sentences = []
    if summary.kind(ItemKind.MODEL).total:
        sentences.append(models_sentence(plan, summary, where))
    if summary.kind(ItemKind.TASK).total:
        sentences.append(tasks_sentence(plan, summary))
        sentences.append(tasks_breakdown(plan, summary))
    return sentences
