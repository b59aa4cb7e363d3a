"""The e-mail backend when no mail server is configured (`make run`, a trial install): each
message is written as an .eml file, which any mail client opens, and announced on one line,
so a newcomer sees what the reminders would send without an SMTP server."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone


class EmailBackend(BaseEmailBackend):
    def __init__(self, fail_silently: bool = False, **kwargs: Any) -> None:
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.folder = Path(settings.TIENDO_MAIL_DIR)

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        self.folder.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            path = self.folder / f"{stamp}-{sent:03d}-{'_'.join(message.to)}.eml"
            path.write_bytes(message.message().as_bytes())
            sys.stdout.write(f"Thư tới {', '.join(message.to)}: {message.subject} → {path}\n")
            sent += 1
        return sent
