"""Uploaded annexes waiting between the preview ("Đọc thử") and the import ("Nhập").

The file is kept under DATA_DIR/imports with a random name, the token the page carries in a
hidden field; the token is checked against that exact format before it touches a path, so
`.`, `..` or any other text never reaches the file system. A rejected upload is deleted at
once, an imported one after the import. One previewed and then abandoned is deleted a day
after its last use (MAX_AGE) by the import page itself, which sweeps the folder on every
request: only that page writes there, so no worker round or cron job is needed, and the sweep
is one directory listing.
"""

from __future__ import annotations

import os
import re
import secrets
import time
from pathlib import Path

from django.conf import settings

MAX_AGE = 24 * 60 * 60  # seconds
# The upload's own extension is kept (readers.py checks it agrees with the content); any other
# is stored as .bin, and the reader refuses it.
SUFFIXES = ("csv", "txt", "xlsx", "xlsm", "xls", "ods", "docx", "docm", "bin")
TOKEN = re.compile(rf"[0-9a-f]{{32}}\.(?:{'|'.join(SUFFIXES)})")
SHOWN = ".shown.json"  # beside an upload: what its last preview showed


class UploadMissing(LookupError):
    """A token that is malformed or names no stored file; the message says what to do."""


def upload_folder() -> Path:
    folder = Path(settings.DATA_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def upload_store(name: str, data: bytes) -> str:
    """Keep an uploaded annex; the token to find it again."""
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    token = f"{secrets.token_hex(16)}.{extension if extension in SUFFIXES else 'bin'}"
    (upload_folder() / token).write_bytes(data)
    return token


def upload_read(token: str) -> bytes:
    """The stored annex, its age restarted (it is in use). Raises UploadMissing."""
    if not TOKEN.fullmatch(token):
        raise UploadMissing(
            "Mã tệp đọc thử không hợp lệ; hãy chọn lại tệp phụ lục rồi bấm “Đọc thử”."
        )
    path = upload_folder() / token
    try:
        data = path.read_bytes()
        os.utime(path)
    except FileNotFoundError:
        raise UploadMissing(
            "Tệp đọc thử không còn được lưu (đã nhập, hoặc để quá một ngày); hãy chọn lại tệp "
            "phụ lục rồi bấm “Đọc thử”."
        ) from None
    return data


def upload_discard(token: str) -> None:
    if TOKEN.fullmatch(token):
        (upload_folder() / token).unlink(missing_ok=True)
        (upload_folder() / f"{token}{SHOWN}").unlink(missing_ok=True)


def upload_remember_shown(token: str, shown: str) -> None:
    """Keep what the last preview of this upload showed (its JSON), to say what changed if
    it has gone stale when the user presses "Nhập"."""
    if TOKEN.fullmatch(token):
        (upload_folder() / f"{token}{SHOWN}").write_text(shown, encoding="utf-8")


def upload_shown(token: str) -> str:
    """What the last preview of this upload showed, "" if nothing was kept."""
    path = upload_folder() / f"{token}{SHOWN}"
    if not TOKEN.fullmatch(token) or not path.exists():
        return ""
    return path.read_text(encoding="utf-8")


def upload_sweep(now: float | None = None) -> int:
    """Delete stored annexes unused for MAX_AGE, with what their previews showed; how many
    annexes went."""
    cutoff = (time.time() if now is None else now) - MAX_AGE
    removed = 0
    folder = upload_folder()
    for path in folder.iterdir():
        try:
            if TOKEN.fullmatch(path.name) and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue  # swept by a request running at the same time
    for path in folder.glob(f"*{SHOWN}"):
        token = path.name.removesuffix(SHOWN)
        if TOKEN.fullmatch(token) and not (folder / token).exists():
            path.unlink(missing_ok=True)
    return removed
