"""The annexes provinces publish (tests/annexes.py builds them; fixtures/annexes/ holds the files)
imported as issued: every row stored once, at its place in the hierarchy, with what the file
says and nothing the file does not say."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tiendo.agencies.models import Agency, AgencySuccession
from tiendo.imports.annex import EACH, Preview, plan_import, read_annex
from tiendo.imports.matching import Directory
from tiendo.imports.tests.annexes import (
    ABOLISHED_BODY,
    COLLECTIVE_LEAD,
    EXPECTED,
    FIXTURES,
    OTHER_DECISION,
    ExpectedAnnex,
)
from tiendo.plans.models import Item, Plan, Programme, TaskGroup
from tiendo.plans.selectors import group_keys
from tiendo.plans.services import programme_upsert

pytestmark = pytest.mark.django_db
NAMES = sorted(EXPECTED)


def number_of(expected: ExpectedAnnex) -> str:
    """The plan's số, ký hiệu as the file names it ("Kế hoạch số 560/KH-UBND ngày …")."""
    found = re.search(r"\d+/[A-ZĐ-]+", expected.plan)
    # Prefixed: the sample already holds a 35/KH-UBND of 2025.
    return f"T{found.group(0)}" if found else "99/KH-UBND"


def programme_for(expected: ExpectedAnnex) -> Programme:
    if expected.de_an_06:
        return Programme.objects.get(code="DA06")
    return programme_upsert(
        code="QD06-2024", name="Chương trình khác (thử)", decision=expected.implements
    )


def preview(name: str, *, commit: bool = False, **options: Any) -> Preview:
    expected = EXPECTED[name]
    return plan_import(
        annex=read_annex(name, (FIXTURES / name).read_bytes()),
        programme=options.pop("programme", None) or programme_for(expected),
        number=number_of(expected),
        issued_on=expected.issued,
        issuing_agency=Agency.objects.get(code="40"),
        title=f"Nhập thử {name}",
        commit=commit,
        **options,
    )


def on_the_day(codes: tuple[str, ...] | list[str], day: Any, *, primary: bool) -> set[str]:
    """The bodies valid on the plan's date that the codes stand for: a body abolished by then
    is its successor (its primary one for a lead), as the import was told to use."""
    found: set[str] = set()
    for code in codes:
        agency = Agency.objects.get(code=code)
        if agency.valid_to is None or agency.valid_to >= day:
            found.add(code)
            continue
        links = AgencySuccession.objects.filter(predecessor=agency).order_by("-is_primary", "pk")
        successors = [link.successor.code for link in links]
        found.update(successors[:1] if primary else successors)
    return found


def decide_everything(name: str) -> dict[str, str]:
    """Collective leads: one item per member; bodies the directory lacks: not stored."""
    first = preview(name, use_successors=True)
    answers = {}
    for decision in first.decisions:
        values = [value for value, _ in decision.choices]
        answers[decision.key] = EACH if EACH in values else "bo"
    return answers


@pytest.mark.parametrize("name", NAMES)
def test_the_preview_asks_before_it_assigns_a_collective_or_abolished_body(
    sample: Any, name: str
) -> None:
    expected = EXPECTED[name]
    shown = preview(name)
    assert not shown.ready and not shown.committed
    questions = {d.text: d for d in shown.decisions}
    for problem in expected.problems:
        if problem.kind == COLLECTIVE_LEAD:
            decision = questions[problem.text]
            assert not decision.chosen
            assert EACH in [value for value, _ in decision.choices]
        elif problem.kind == ABOLISHED_BODY:
            decision = questions[problem.text]
            assert "không còn hoạt động" in decision.question and not decision.chosen
            if problem.agency is not None:  # one body: its successor is named
                assert problem.successors[0] in decision.question
            elif problem.field == "coordinators":  # a group: its successors can be taken
                assert "ke-thua" in [value for value, _ in decision.choices]
        elif problem.kind == OTHER_DECISION:
            wrong = preview(name, programme=Programme.objects.get(code="DA06"))
            assert any("không phải Đề án 06" in p for p in wrong.problems)
    # A lead is never made up: rows waiting for a decision have none.
    pending = [r for r in shown.rows if r.action == "pending"]
    assert all(r.lead in ("Cần chọn", "") for r in pending)
    assert not Plan.objects.filter(number=number_of(expected)).exists()


@pytest.mark.parametrize("name", NAMES)
def test_the_import_stores_every_row_as_issued(sample: Any, name: str) -> None:
    expected = EXPECTED[name]
    answers = decide_everything(name)
    shown = preview(name, decisions=answers, use_successors=True)
    assert shown.problems == [] and shown.ready, shown.problems
    done = preview(
        name, decisions=answers, use_successors=True, expect=shown.fingerprint, commit=True
    )
    assert done.committed
    plan = Plan.objects.get(issuing_agency__code="40", number=number_of(expected))
    keys = {group.pk: key for key, group in group_keys(plan).items()}
    stored = {
        item.code: item
        for item in Item.objects.filter(plan=plan).prefetch_related("coordinating_agencies")
    }
    # The hierarchy as issued: every group at its place, under its parent.
    groups = {key: group for key, group in group_keys(plan).items()}
    assert sorted(groups) == sorted(g.code for g in expected.groups)
    for group in expected.groups:
        parent = groups[group.code].parent
        assert (keys[parent.pk] if parent else None) == group.parent, group.code
        assert groups[group.code].name == group.name
    directory = Directory(Agency.objects.get(code="40"), expected.issued)
    count = 0
    for want in expected.items:
        decision = answers.get("lead:" + want.lead)
        if decision == EACH:
            members = [a for n in directory.match(want.lead).names for a in n.agencies]
            members += [a for n in directory.match(want.lead).names for a in n.successors]
            got = [item for code, item in stored.items() if code.startswith(want.code + "-")]
            assert len(got) == len(set(members)) > 1, want.code
            assert {item.lead_agency_id for item in got} == {a.pk for a in members}
        else:
            got = [stored[want.code]]
        count += len(got)
        for item in got:
            assert item.title == want.title, want.code
            assert keys.get(item.group_id or 0) == (
                want.group_path[-1] if want.group_path else None
            )
            assert item.is_recurring == want.recurring and item.deadline == want.deadline, (
                f"{want.code}: “{want.deadline_text}” read as {item.deadline}"
            )
            assert (item.target, item.unit) == (want.target, want.unit) or (
                want.target is None and item.target is None
            ), f"{want.code}: “{want.product}” read as {item.target} {item.unit}"
            assert item.budget_note == want.budget
            if want.lead_agency and decision != EACH:
                lead = on_the_day([want.lead_agency], expected.issued, primary=True)
                assert {item.lead_agency.code} == lead, want.code
            coordinating = {a.code for a in item.coordinating_agencies.all()}
            wanted = on_the_day(want.coordinator_agencies, expected.issued, primary=False)
            assert wanted - {item.lead_agency.code} <= coordinating, want.code
    assert len(stored) == count == done.created  # nothing lost, nothing merged


@pytest.mark.parametrize("name", ["restarting_numbers.xlsx", "parts_abc.xlsx", "word_plan.docx"])
def test_what_the_preview_shows_is_what_is_stored(sample: Any, name: str) -> None:
    answers = decide_everything(name)
    shown = preview(name, decisions=answers, use_successors=True)
    preview(name, decisions=answers, use_successors=True, expect=shown.fingerprint, commit=True)
    expected = EXPECTED[name]
    stored = {
        item.code: item
        for item in Item.objects.filter(plan__number=number_of(expected)).select_related(
            "lead_agency"
        )
    }
    for row in shown.rows:
        item = stored.get(row.code)
        if item is None:  # a collective lead given to each member
            assert row.lead.startswith("Từng đơn vị")
            continue
        coordinators = sorted(a.name for a in item.coordinating_agencies.all())
        deadline = "Thường xuyên" if item.is_recurring else f"{item.deadline:%d/%m/%Y}"
        assert (item.title, item.lead_agency.name, deadline, item.product_type) == (
            row.title,
            row.lead.removesuffix(" (cơ quan kế thừa)"),
            row.deadline,
            row.product,
        )
        assert coordinators == sorted(row.coordinators), row.code


def test_importing_the_same_file_again_changes_nothing_and_lists_what_it_no_longer_has(
    sample: Any,
) -> None:
    name = "restarting_numbers.xlsx"
    answers = decide_everything(name)
    first = preview(name, decisions=answers, use_successors=True)
    preview(name, decisions=answers, use_successors=True, expect=first.fingerprint, commit=True)
    plan = Plan.objects.get(number="T150/KH-UBND")
    items, groups = Item.objects.filter(plan=plan).count(), TaskGroup.objects.filter(plan=plan)
    again = preview(name, decisions=answers, use_successors=True)
    assert (again.created, again.updated, again.unchanged) == (0, 0, items)
    assert {r.action for r in again.rows} == {"unchanged"}
    # An item the standing body added by hand is not in the file: listed, and kept.
    extra = Item.objects.filter(plan=plan).first()
    assert extra is not None
    extra.pk, extra.code = None, "IX.9"
    extra.save()
    later = preview(name, decisions=answers, use_successors=True)
    assert [item.code for item in later.missing] == ["IX.9"]
    preview(name, decisions=answers, use_successors=True, expect=later.fingerprint, commit=True)
    assert Item.objects.filter(plan=plan, code="IX.9").exists()
    assert TaskGroup.objects.filter(plan=plan).count() == groups.count()


def test_a_stale_preview_is_not_imported(sample: Any) -> None:
    name = "restarting_numbers.xlsx"
    answers = decide_everything(name)
    shown = preview(name, decisions=answers, use_successors=True)
    other = dict(answers)
    key = next(k for k, v in answers.items() if v == EACH)
    other[key] = "40.VP"  # the user changed a choice after looking
    done = preview(
        name, decisions=other, use_successors=True, expect=shown.fingerprint, commit=True
    )
    assert done.stale and not done.committed
    assert not Plan.objects.filter(number="T150/KH-UBND").exists()


def test_numbers_restarting_in_each_group_are_distinct_items(sample: Any) -> None:
    shown = preview("restarting_numbers.xlsx")
    codes = [r.code for r in shown.rows]
    assert len(codes) == len(set(codes)) == EXPECTED["restarting_numbers.xlsx"].item_count
    assert {"I.1", "II.1", "III.1", "IV.1"} <= set(codes)


def test_the_kpi_annex_takes_its_targets_from_the_text_and_its_deadline_from_the_title(
    sample: Any,
) -> None:
    shown = preview("kpi_annex.xlsx")
    assert any("không có cột thời hạn" in n and "31/12/2025" in n for n in shown.notes)
    assert all(r.deadline == "31/12/2025" for r in shown.rows)


def test_a_pdf_is_refused_with_what_to_do(sample: Any) -> None:
    from tiendo.imports.annex import AnnexRejected

    with pytest.raises(AnnexRejected, match="Hãy tải lên tệp Word"):
        read_annex("ke-hoach.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")


def test_an_impossible_quarter_is_a_message_not_an_error(sample: Any, client: Any) -> None:
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = (
        "TT;Nội dung nhiệm vụ;Đơn vị chủ trì;Thời hạn\nI;Nhóm thử;;\n1;Việc A;Sở Y tế;Quý V/2025\n"
    )
    client.force_login(User.objects.get(username="thuongtruc"))
    page = client.post(
        "/nhap-ke-hoach/",
        {
            "file": SimpleUploadedFile("quy-v.csv", text.encode("utf-8")),
            "number": "77/KH-UBND",
            "issued_on": "10/05/2025",
            "title": "Thử",
            "kind": "task",
            "programme": Programme.objects.get(code="DA06").pk,
            "xem": "1",
        },
    )
    html = page.content.decode()
    assert page.status_code == 200 and "Quý V" in html and "4 quý" in html
    assert not Plan.objects.filter(number="77/KH-UBND").exists()
