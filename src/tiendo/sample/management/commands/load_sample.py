"""`tiendo load_sample`: load the illustrative Nghệ An sample (idempotent) and print demo logins."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tiendo.sample.loader import load_sample


class Command(BaseCommand):
    help = "Nạp dữ liệu minh họa tỉnh Nghệ An (chạy lại không tạo trùng)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = load_sample()
        plans = ", ".join(plan.number for plan in result.plans)
        self.stdout.write(
            f"Dữ liệu minh họa: kế hoạch {plans}; thêm {result.created_updates} báo cáo tiến độ."
        )
        self.stdout.write("Tài khoản dùng thử (chỉ dành cho dữ liệu minh họa):")
        for username, password, label in result.users:
            self.stdout.write(f"  {username:<16} mật khẩu {password:<13} {label}")
