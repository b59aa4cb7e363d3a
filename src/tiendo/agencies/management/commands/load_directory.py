"""`tiendo load_directory --province 79`: load one province's agency directory (or all 34)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tiendo.agencies.directory import directory_load, province_find, provinces_2025
from tiendo.lib.text import fold


class Command(BaseCommand):
    help = (
        "Nạp danh mục cơ quan của một tỉnh, thành phố (34 tỉnh, thành phố từ 01/7/2025): UBND, "
        "các sở, ban, ngành, các xã, phường, đặc khu, các đơn vị cấp huyện cũ và các bộ, ngành. "
        "Chạy lại không tạo trùng và giữ nguyên tên đã sửa."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--province",
            required=True,
            help='Mã (79) hoặc tên tỉnh, thành phố ("Hồ Chí Minh", "Nghe An"); "all" cho cả 34',
        )

    def handle(self, *args: Any, **options: Any) -> None:
        text = options["province"]
        try:
            codes = (
                [int(p.code) for p in provinces_2025()]
                if fold(text) in ("all", "tat ca")
                else [int(province_find(text).code)]
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        created = updated = 0
        # One transaction per province: a run over all 34 that stops can simply be run again.
        for code in codes:
            result = directory_load(code=code)
            created += len(result.created)
            updated += len(result.updated)
            self.stdout.write(result.summary())
        if len(codes) > 1:
            self.stdout.write(
                f"Đã nạp {len(codes)} tỉnh, thành phố: thêm mới {created}, cập nhật {updated}."
            )
