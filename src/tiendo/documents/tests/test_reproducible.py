"""Same request, same K: the same DOCX, XLSX and PDF, to the byte, whatever is recorded later
and whenever the files are written."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import zipfile
from dataclasses import replace
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
import time_machine
from docx import Document
from openpyxl import load_workbook

from tiendo.agencies.models import Agency
from tiendo.documents.docx_writer import write_docx, zip_dates
from tiendo.documents.pdf import docx_to_pdf, stamp
from tiendo.documents.report import Report, build_report
from tiendo.documents.tests.test_layout import CASES, case_spec
from tiendo.documents.xlsx_writer import write_xlsx
from tiendo.plans.models import ItemKind, Plan
from tiendo.plans.services import item_upsert
from tiendo.progress.models import Lifecycle
from tiendo.progress.services import update_record
from tiendo.status.selectors import AsOf
from tiendo.testing import VN

pytestmark = pytest.mark.django_db
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="no LibreOffice")


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def files(report: Report, *, pdf: bool) -> dict[str, bytes]:
    docx = write_docx(report)
    out = {"docx": docx, "xlsx": write_xlsx(report)}
    if pdf:
        out["pdf"] = docx_to_pdf(docx)
    return out


def record_later_progress() -> None:
    """Updates recorded after K (valid before the cut-off): they must not change the report."""
    plan = Plan.objects.get(number="87/KH-UBND")
    for item in plan.items.all()[:5]:
        update_record(
            item=item,
            valid_on=dt.date(2024, 3, 30),
            state=Lifecycle.DONE,
            completed_on=dt.date(2024, 3, 29),
            recorded_at=dt.datetime(2024, 4, 20, tzinfo=VN),
        )


@needs_soffice
def test_same_request_and_known_at_give_the_same_bytes_whatever_is_recorded_later(
    sample: Any,
) -> None:
    spec = case_spec(CASES[0])
    with time_machine.travel(dt.datetime(2024, 5, 1, 8, tzinfo=VN), tick=False):
        first = files(build_report(spec), pdf=True)
    record_later_progress()
    with time_machine.travel(dt.datetime(2024, 6, 3, 17, 45, tzinfo=VN), tick=False):
        again = files(build_report(spec), pdf=True)
    for kind in ("docx", "xlsx", "pdf"):
        assert sha(again[kind]) == sha(first[kind]), f"{kind} differs from one run to the next"


def test_a_different_known_at_gives_different_bytes(sample: Any) -> None:
    spec = case_spec(CASES[0])
    report = build_report(spec)
    an_hour_later = AsOf.make(spec.as_of.date, spec.as_of.known_at + dt.timedelta(hours=1))
    later = build_report(replace(spec, as_of=an_hour_later))
    assert sha(write_docx(report)) != sha(write_docx(later))
    assert sha(write_xlsx(report)) != sha(write_xlsx(later))


def test_every_zip_entry_and_core_property_carries_k(sample: Any) -> None:
    report = build_report(case_spec(CASES[0]))
    known_at = report.spec.as_of.known_at.astimezone(VN)  # 02/04/2024 14:00 in Nghệ An
    local = (known_at.year, known_at.month, known_at.day, known_at.hour, known_at.minute, 0)
    docx, xlsx = write_docx(report), write_xlsx(report)
    for data in (docx, xlsx):
        assert set(zip_dates(data)) == {local}
        with zipfile.ZipFile(BytesIO(data)) as archive:
            assert {info.compress_type for info in archive.infolist()} == {zipfile.ZIP_DEFLATED}
    core = Document(BytesIO(docx)).core_properties
    properties = load_workbook(BytesIO(xlsx)).properties
    for moment in (core.created, core.modified, properties.created, properties.modified):
        assert moment is not None
        assert moment.replace(tzinfo=moment.tzinfo or dt.UTC) == known_at


def test_pdf_dates_and_ids_are_rewritten_in_place() -> None:
    pdf = (
        b"%PDF-1.6\n1 0 obj<</CreationDate(D:20261202043534Z')/ModDate(D:20261202113507+07'00')"
        b">>endobj\ntrailer\n<</ID [ <B7D3B3353F5D17E071D9AFDDF3620096>\n"
        b"<B7D3B3353F5D17E071D9AFDDF3620096> ]\n/DocChecksum /C9F230203D5218186282D059C0AD94E7\n>>"
    )
    moment = dt.datetime(2024, 4, 2, 14, tzinfo=VN)
    out = stamp(pdf, moment)
    assert len(out) == len(pdf)
    assert b"/CreationDate(D:20240402070000Z')" in out
    assert b"/ModDate(D:20240402140000+07'00')" in out
    ids = re.findall(rb"<([0-9A-F]{32})>", out)
    assert len(ids) == 2 and ids[0] != b"B7D3B3353F5D17E071D9AFDDF3620096"
    assert stamp(out, moment) == out  # the same content gives the same ids
    other = stamp(pdf.replace(b"%PDF-1.6", b"%PDF-1.7"), moment)
    assert re.findall(rb"<([0-9A-F]{32})>", other) != ids


def correct_items_later() -> None:
    """Facts corrected after K, as the admin or a re-imported annex would: an original deadline,
    a lead agency and the coordinating agencies, a target, a withdrawal. They must not change a
    report made for that K."""
    plan = Plan.objects.get(number="87/KH-UBND")
    items = list(plan.items.filter(parent__isnull=True, is_recurring=False).order_by("pk")[:4])
    others = list(Agency.objects.filter(led_items__plan=plan).distinct().order_by("pk")[:2])
    changes: list[dict[str, Any]] = [
        {"deadline": dt.date(2024, 1, 31)},
        {
            "lead_agency": next(a for a in others if a.pk != items[1].lead_agency_id),
            "coordinating_agencies": others,
        },
        {"target": Decimal("1"), "unit": "hồ sơ"},
        {"withdrawn_on": dt.date(2024, 2, 1)},
    ]
    for item, change in zip(items, changes, strict=True):
        if "deadline" in change and item.deadline_changes.exists():
            change = {"kind": ItemKind.MODEL if item.kind == ItemKind.TASK else ItemKind.TASK}
        facts: dict[str, Any] = {
            "plan": item.plan,
            "kind": item.kind,
            "code": item.code,
            "title": item.title,
            "lead_agency": item.lead_agency,
            "group": item.group,
            "parent": item.parent,
            "coordinating_agencies": list(item.coordinating_agencies.all()),
            "description": item.description,
            "focal_person": item.focal_person,
            "start_date": item.start_date,
            "deadline": item.deadline,
            "is_recurring": item.is_recurring,
            "product_type": item.product_type,
            "metric": item.metric,
            "unit": item.unit,
            "baseline": item.baseline,
            "target": item.target,
            "budget_source": item.budget_source,
        }
        item_upsert(**{**facts, **change})


def test_facts_corrected_after_k_change_no_byte_of_the_report_for_k(sample: Any) -> None:
    spec = case_spec(CASES[0])
    with time_machine.travel(dt.datetime(2024, 5, 1, 8, tzinfo=VN), tick=False):
        first = files(build_report(spec), pdf=False)
    with time_machine.travel(dt.datetime(2024, 9, 3, 10, tzinfo=VN), tick=False):
        correct_items_later()
    with time_machine.travel(dt.datetime(2024, 9, 4, 17, 45, tzinfo=VN), tick=False):
        again = files(build_report(spec), pdf=False)
        later = files(build_report(replace(spec, as_of=AsOf.make(spec.as_of.date))), pdf=False)
    for kind in ("docx", "xlsx"):
        assert sha(again[kind]) == sha(first[kind]), f"{kind} changed after a later correction"
    assert sha(later["xlsx"]) != sha(first["xlsx"])  # as known now, the corrections show
