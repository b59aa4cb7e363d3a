"""`tiendo api_token USER [--name …] [--days N]`: a new API token for USER, printed once."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from tiendo.accounts.tokens import api_token_create


class Command(BaseCommand):
    help = "Tạo mã truy cập API cho một tài khoản; mã chỉ được in ra một lần."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("user", help="Tên đăng nhập (thuongtruc)")
        parser.add_argument(
            "--name", default="Tạo bằng lệnh tiendo api_token", help="Tên, mục đích của mã"
        )
        parser.add_argument(
            "--days", type=int, help="Thời hạn, từ 1 đến 365 ngày (mặc định TIENDO_API_TOKEN_DAYS)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"Không có tài khoản “{options['user']}”.")
        if not user.is_active:
            raise CommandError(f"Tài khoản “{user.username}” đang bị khóa.")
        try:
            # Run on the server by its operator: the audit records no person (actor=None).
            token, raw = api_token_create(
                actor=None, user=user, name=options["name"], days=options["days"]
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stderr.write(
            f"Mã truy cập “{token.name}” cho {user.username}, hết hạn "
            f"{timezone.localtime(token.expires_at):%H:%M %d/%m/%Y}. Mã chỉ hiện một lần này:"
        )
        self.stdout.write(raw)
