"""`tiendo worker`: reminders, digests and e-mail, every minute (or once, for cron)."""

from __future__ import annotations

import os
import signal
import socket
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from tiendo.notifications.rounds import tick


class Command(BaseCommand):
    help = "Chạy nhắc việc, tổng hợp thư và gửi thư. Nhiều tiến trình chạy cùng lúc vẫn an toàn."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Chạy một lượt rồi dừng (cron)")
        parser.add_argument("--interval", type=int, default=60, help="Số giây giữa hai lượt")
        parser.add_argument("--name", default="", help="Tên tiến trình (mặc định: máy:pid)")

    def handle(self, *args: Any, **options: Any) -> None:
        worker = options["name"] or f"{socket.gethostname()}:{os.getpid()}"
        stopping = False

        def stop(*_: Any) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while True:
            close_old_connections()
            result = tick(worker)
            count = result["reminders"]
            made = "không (ngày nghỉ, hoặc hôm nay đã chạy)" if count is None else str(count)
            self.stdout.write(
                f"[{worker}] nhắc việc mới: {made}, thư xếp hàng: {result['queued']}, "
                f"đã gửi: {result['sent']}, lỗi: {result['failed']}"
            )
            if options["once"] or stopping:
                return
            for _ in range(max(options["interval"], 1)):
                if stopping:
                    return
                time.sleep(1)
