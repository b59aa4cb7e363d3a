"""Generate the consolidated report's files: all of them or none, never half a document."""

from __future__ import annotations

from dataclasses import dataclass

from tiendo.documents.csv_writer import write_csv
from tiendo.documents.docx_writer import write_docx
from tiendo.documents.particulars import ReportSpec
from tiendo.documents.pdf import docx_to_pdf
from tiendo.documents.report import Report, Section, build_report
from tiendo.documents.xlsx_writer import write_xlsx

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


@dataclass(frozen=True)
class ReportFile:
    name: str
    content_type: str
    data: bytes


def file_stem(spec: ReportSpec) -> str:
    number = spec.number.replace("/", "-")
    return f"bao-cao-{number}-den-{spec.as_of.date:%Y-%m-%d}"


def report_files(
    spec: ReportSpec, formats: list[str], sections: list[Section] | None = None
) -> list[ReportFile]:
    """Build the report (with the user's edited text, when given) and write each format.

    Everything is produced in memory first; a failure in any format raises before anything is
    offered for download.
    """
    report: Report = build_report(spec)
    if sections is not None:
        report = report.with_sections(sections)
    stem = file_stem(spec)
    files: list[ReportFile] = []
    docx: bytes | None = None
    for fmt in formats:
        if fmt in ("docx", "pdf") and docx is None:
            docx = write_docx(report)
        if fmt == "docx" and docx is not None:
            data = docx
        elif fmt == "pdf" and docx is not None:
            data = docx_to_pdf(docx)
        elif fmt == "xlsx":
            data = write_xlsx(report)
        elif fmt == "csv":
            data = write_csv(report)
        else:
            raise ValueError(f"unknown format {fmt!r}")
        files.append(ReportFile(f"{stem}.{fmt}", FORMATS[fmt], data))
    return files
