"""The IOC overview under load: the app under gunicorn (sync workers), wrk as the load generator.

    .venv/bin/python bench/web.py [--scale default] [--seed 2025] [--duration 20] [--workers 2]
        [--connections 4] [--keep] [--reuse]

Loads synthetic data with run.py's generator into its own database (DATABASE_URL, default
tiendo_webbench on the local server with jit off; the name must contain "bench", since it is
dropped), adds two users with sessions (a standing-body officer of Nghệ An's police and a
superuser), starts gunicorn on a free loopback port and measures three pages at the cut-off:

- the IOC overview `/ioc/tong-quan/?ngay=D` for the province officer (the province's plans),
- the same page for the superuser (every plan in the country),
- the floor: the login page `/tai-khoan/dang-nhap/`, a plain GET through the same server, the same
  middleware and a template, without data (WhiteNoise's `/static/tiendo/app.css` is timed too, as
  the server's own floor).

Each page is first requested alone, one request after another (latency at the client over
loopback, connection included: gunicorn's sync workers close every connection), then loaded with
wrk (threads × connections for a fixed time). One request per page is then run in this process
through Django's test client to count its SQL statements and their time. Writes the `web` section
of docs/benchmarks.md. gunicorn is not a project dependency: when the venv lacks it, it is
installed (pip --target) into a folder under /tmp and put on the server's PYTHONPATH only.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime as dt
import http.client
import importlib.util
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import django

from database import (
    BenchError,
    database_label,
    database_name,
    drop_database,
    label_database,
    recreate_database,
)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/tiendo_webbench?options=-c%20jit%3Doff"
GUNICORN = "gunicorn==27.0.1"
GUNICORN_DIR = Path(tempfile.gettempdir()) / "tiendo-bench-gunicorn"
PROVINCE = 40  # Nghệ An, as in suite.py
STATIC = "/static/tiendo/app.css"
LOGIN = "/tai-khoan/dang-nhap/"
LONE_MAX_REQUESTS = 30
LONE_MAX_SECONDS = 30.0
LONE_MIN_REQUESTS = 3
WRK_LONE_MULTIPLE = 20  # a slow page is loaded for about this many lone requests' time
WRK_MAX_SECONDS = 90
T = TypeVar("T")
# wrk prints one JSON line at the end (latencies in microseconds).
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK-JSON {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d,'
    .. ' "write": %d, "status": %d, "timeout": %d, "p50": %d, "p90": %d, "p99": %d,'
    .. ' "max": %d, "mean": %.1f}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean))
end
"""


@dataclass(frozen=True)
class Page:
    key: str
    what: str
    path: str
    cookie: str = ""  # the session cookie, for logged-in pages
    expect: str = ""  # text the page must contain (a logged-in page, not the login form)


@dataclass
class Measured:
    page: Page
    lone: list[float] = field(default_factory=list)  # seconds per lone request
    size: int = 0
    items: str = ""  # the page's "total items" tile
    wrk: dict[str, float] = field(default_factory=dict)
    statements: int = 0
    sql_seconds: float = 0.0
    in_process_seconds: float = 0.0
    parts: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def lone_median_ms(self) -> float:
        return 1000 * statistics.median(self.lone)

    @property
    def lone_p99_ms(self) -> float:
        return 1000 * percentile(self.lone, 99)

    @property
    def rps(self) -> float:
        return self.wrk["requests"] / (self.wrk["duration_us"] / 1e6)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (with few values, the p99 is the maximum)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--scale", choices=("small", "default", "national"), default="default")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--duration", type=int, default=20, help="seconds of wrk per page")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=4, help="wrk connections")
    parser.add_argument("--keep", action="store_true", help="do not drop the database at the end")
    parser.add_argument("--reuse", action="store_true", help="reuse a kept database of this scale")
    parser.add_argument("--no-write", action="store_true", help="print, do not touch the docs")
    return parser.parse_args(argv)


# --- the database and the users -----------------------------------------------------------------


def prepare_database(url: str, scale: str, seed: int, reuse: bool) -> tuple[str, float | None]:
    """Migrate and load the scale (unless a kept database holds it); returns facts for the doc."""
    label = f"tiendo webbench scale={scale} seed={seed}"
    reusing = reuse and database_label(url) == label
    if not reusing:
        print(f"creating database {database_name(url)}", flush=True)
        recreate_database(url, label="loading")
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "tiendo.settings"
    # gunicorn inherits this: the web server does not start without a key (tiendo/wsgi.py).
    os.environ.setdefault("TIENDO_SECRET_KEY", secrets.token_urlsafe(50))
    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    if reusing:
        print(f"reusing {database_name(url)}", flush=True)
        return describe(url), None
    import suite  # run.py's loader; it needs Django set up

    _, seconds = suite.load(url, scale, seed)
    label_database(url, label)
    print(f"loaded in {seconds:.0f} s", flush=True)
    return describe(url), seconds


def describe(url: str) -> str:
    import suite

    loaded = suite.count_rows(url)
    return (
        f"{loaded.items:,} items, {loaded.updates:,} progress updates, {loaded.plans} plans"
        f" of {loaded.provinces} provinces"
    )


def sessions() -> tuple[str, str, str]:
    """Session cookies of a standing-body officer of the province and of a superuser."""
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.test import Client

    from tiendo.accounts.models import Membership, Role
    from tiendo.agencies.directory import member_code, province_code
    from tiendo.agencies.models import Agency, AgencyKind

    province = Agency.objects.get(code=province_code(PROVINCE), kind=AgencyKind.PROVINCE)
    police = Agency.objects.filter(code=member_code(PROVINCE, "CAT")).first() or province
    officer, _ = User.objects.get_or_create(username="bench.thuongtruc")
    Membership.objects.update_or_create(
        user=officer, defaults={"agency": police, "role": Role.STANDING}
    )
    admin, _ = User.objects.get_or_create(
        username="bench.quantri", defaults={"is_superuser": True, "is_staff": True}
    )
    cookies = []
    for user in (officer, admin):
        client = Client()
        client.force_login(user)
        cookies.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    return cookies[0], cookies[1], province.short_name or province.name


# --- the server ---------------------------------------------------------------------------------


def gunicorn_path() -> str:
    """'' when the venv has gunicorn, else a folder holding it (installed there if missing)."""
    if importlib.util.find_spec("gunicorn") is not None:
        return ""
    if not (GUNICORN_DIR / "gunicorn").is_dir():
        print(f"installing {GUNICORN} into {GUNICORN_DIR} (not into the venv)", flush=True)
        done = subprocess.run(  # noqa: S603 (pip, fixed arguments)
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--target",
                str(GUNICORN_DIR),
                GUNICORN,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            raise BenchError(f"could not install {GUNICORN}:\n{done.stderr[-2000:]}")
    return str(GUNICORN_DIR)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def server(url: str, workers: int) -> Iterator[tuple[int, str]]:
    """gunicorn serving tiendo.wsgi on a free loopback port; yields the port and its version."""
    extra = gunicorn_path()
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "TIENDO_LOG_LEVEL": "WARNING"}
    env.pop("TIENDO_DEBUG", None)
    if extra:
        env["PYTHONPATH"] = os.pathsep.join(p for p in (extra, env.get("PYTHONPATH")) if p)
    version = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--version"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    log = tempfile.NamedTemporaryFile(prefix="tiendo-webbench-", suffix=".log", delete=False)  # noqa: SIM115
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "tiendo.wsgi:application",
        *("--workers", str(workers), "--worker-class", "sync"),
        *("--bind", f"127.0.0.1:{port}", "--timeout", "600", "--graceful-timeout", "5"),
        *("--log-level", "warning"),
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)  # noqa: S603
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise BenchError(f"gunicorn exited:\n{Path(log.name).read_text()[-3000:]}")
            try:
                if request(port, Page("static", "", STATIC))[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise BenchError("gunicorn did not answer within 60 s")
            time.sleep(0.2)
        yield port, version
    finally:
        process.send_signal(signal.SIGINT)  # quick shutdown: workers stop at once
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        Path(log.name).unlink()


def request(port: int, page: Page) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    try:
        headers = {"Cookie": f"sessionid={page.cookie}"} if page.cookie else {}
        connection.request("GET", page.path, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def checked(port: int, page: Page) -> bytes:
    """Request the page once and fail unless it is the page (not a redirect to the login)."""
    status, body = request(port, page)
    if status != 200 or (page.expect and page.expect.encode() not in body):
        raise BenchError(f"{page.what}: HTTP {status}, not the expected page")
    return body


def warm_up(port: int, page: Page, workers: int) -> None:
    """Every worker serves the page twice (imports, templates, its database connection)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(lambda _: checked(port, page), range(2 * workers)))


def lone(port: int, page: Page) -> tuple[list[float], bytes]:
    """Requests one after another: up to 30, or as many as fit in 30 s (at least 3)."""
    seconds: list[float] = []
    body = b""
    started = time.monotonic()
    while len(seconds) < LONE_MAX_REQUESTS and (
        len(seconds) < LONE_MIN_REQUESTS or time.monotonic() - started < LONE_MAX_SECONDS
    ):
        begin = time.perf_counter()
        body = checked(port, page)
        seconds.append(time.perf_counter() - begin)
    return seconds, body


def wrk(
    port: int, page: Page, args: argparse.Namespace, script: Path, seconds: int
) -> dict[str, float]:
    command = [
        shutil.which("wrk") or "wrk",
        *("-t", str(args.threads), "-c", str(args.connections), "-d", f"{seconds}s"),
        *("--timeout", "600s", "-s", str(script)),
    ]
    if page.cookie:
        command += ["-H", f"Cookie: sessionid={page.cookie}"]
    done = subprocess.run(  # noqa: S603 (wrk, fixed arguments)
        [*command, f"http://127.0.0.1:{port}{page.path}"],
        capture_output=True,
        text=True,
        check=False,
    )
    line = next((s for s in done.stdout.splitlines() if s.startswith("WRK-JSON ")), None)
    if done.returncode or line is None:
        raise BenchError(f"wrk failed on {page.what}:\n{done.stdout}\n{done.stderr}")
    result: dict[str, float] = json.loads(line.removeprefix("WRK-JSON "))
    errors = sum(int(result[k]) for k in ("connect", "read", "write", "status", "timeout"))
    if errors:
        raise BenchError(f"wrk on {page.what}: {errors} errors: {result}")
    return result


# --- in this process: statements per page -------------------------------------------------------


def in_process(page: Page) -> tuple[int, float, float]:
    """One request through Django's test client: statements, their seconds, and the total."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    client = Client()
    if page.cookie:
        client.cookies[settings.SESSION_COOKIE_NAME] = page.cookie
    spent = [0, 0.0]

    def timed(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        begin = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent[0] += 1
            spent[1] += time.perf_counter() - begin

    client.get(page.path)  # warm: this process has not rendered the page yet
    begin = time.perf_counter()
    with connection.execute_wrapper(timed):
        response = client.get(page.path)
    total = time.perf_counter() - begin
    if response.status_code != 200:
        raise BenchError(f"{page.what}: HTTP {response.status_code} through the test client")
    return int(spent[0]), float(spent[1]), total


def parts(page: Page) -> tuple[dict[str, float], dict[str, int]]:
    """The view's parts timed alone, called as ioc_overview calls them: seconds, and counts."""
    from django.contrib.auth import get_user
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import RequestFactory

    from tiendo.accounts.access import actor_for
    from tiendo.dashboard import ioc_views
    from tiendo.dashboard.selectors import bottlenecks, burn_up, overview_cards, upcoming
    from tiendo.status.selectors import status_summary

    request = RequestFactory().get(page.path)
    request.session = SessionStore(session_key=page.cookie)
    request.user = get_user(request)
    seconds: dict[str, float] = {}

    def timed(name: str, run: Callable[[], T]) -> T:
        begin = time.perf_counter()
        value = run()
        seconds[name] = time.perf_counter() - begin
        return value

    actor = actor_for(request)
    f = timed("filters", lambda: ioc_views._filters(request, actor))
    since = min((p.issued_on for p in f.plans), default=f.as_of.date)
    summary = timed("status_summary", lambda: status_summary(f.scope, f.as_of))
    burn = timed("burn_up", lambda: burn_up(f.scope, f.as_of, since))
    timed("upcoming", lambda: upcoming(f.scope, f.as_of))
    shown = timed("bottlenecks", lambda: bottlenecks(f.scope, f.as_of))
    cards = timed("overview_cards", lambda: overview_cards(actor, f.as_of))
    counts = {"plans": len(f.plans), "points": len(burn), "overdue": summary.all.overdue}
    return seconds, counts | {"shown": len(shown), "cards": len(cards)}


# --- the report ---------------------------------------------------------------------------------


def wrk_version() -> str:
    done = subprocess.run(  # noqa: S603 (wrk, fixed arguments)
        [shutil.which("wrk") or "wrk", "--version"], capture_output=True, text=True, check=False
    )
    first = (done.stdout or done.stderr).splitlines()
    return first[0].split(" Copyright")[0] if first else "wrk"


def breakdown(r: Measured) -> str:
    """Where one request's time goes, from the parts timed alone."""
    ms = {name: 1000 * spent for name, spent in r.parts.items()}
    c = r.counts
    return (
        f"- {r.page.what}: {c['plans']} plans; one request in process"
        f" {1000 * r.in_process_seconds:,.0f} ms, of which SQL {1000 * r.sql_seconds:,.0f} ms in"
        f" {r.statements} statements. The view's parts timed alone, one after another (together"
        f" {sum(ms.values()):,.0f} ms): filters {ms['filters']:,.0f} ms, status_summary"
        f" {ms['status_summary']:,.0f}, burn_up {ms['burn_up']:,.0f} ({c['points']} month-end"
        f" summaries), upcoming {ms['upcoming']:,.0f}, bottlenecks {ms['bottlenecks']:,.0f}"
        f" ({c['shown']} of {c['overdue']:,} overdue items shown), overview_cards"
        f" {ms['overview_cards']:,.0f} ({c['cards']} cards)."
    )


def ratio(value: float) -> str:
    return f"{value:,.{2 if value < 10 else 0}f}×"


def section(
    results: list[Measured],
    args: argparse.Namespace,
    data: str,
    load_seconds: float | None,
    versions: str,
    url: str,
) -> str:
    import suite
    from datagen import CUTOFF
    from report import machine

    floor = next(r for r in results if r.page.key == "login")
    lines = [
        "| page | items | size | alone ms: median / p99 (n) | under load: req/s (s)"
        " | latency ms: median / p99 (requests) | ratio alone | ratio req/s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.page.what} | {r.items or '–'} | {r.size / 1024:,.0f} kB"
            f" | {r.lone_median_ms:,.1f} / {r.lone_p99_ms:,.1f} ({len(r.lone)})"
            f" | {r.rps:,.{2 if r.rps < 10 else 1 if r.rps < 100 else 0}f}"
            f" ({r.wrk['duration_us'] / 1e6:.0f})"
            f" | {r.wrk['p50'] / 1000:,.1f} / {r.wrk['p99'] / 1000:,.1f}"
            f" ({int(r.wrk['requests']):,})"
            f" | {ratio(r.lone_median_ms / floor.lone_median_ms)} | {ratio(floor.rps / r.rps)} |"
        )
    today = dt.datetime.now(dt.UTC).date()
    wrap = textwrap.TextWrapper(width=100, subsequent_indent="  ", break_on_hyphens=False)
    loading = f"; generated and loaded in {load_seconds:,.0f} s" if load_seconds else ""
    facts = [
        f"- Data: scale `{args.scale}` of run.py's generator (seed {args.seed}): {data}{loading}.",
        f"- Server: {versions}; {args.workers} sync workers, DEBUG off, persistent database"
        " connections (CONN_MAX_AGE 60), sessions in the database and saved on every request.",
        f"- Load: wrk, {args.threads} threads × {args.connections} connections, {args.duration} s"
        f" per page (longer for a slow page: about {WRK_LONE_MULTIPLE} lone requests' time, at"
        f" most {WRK_MAX_SECONDS} s), one session per page; wrk, gunicorn and PostgreSQL share the"
        " machine's cores.",
        f"- Machine: {machine()}; {suite.server_facts(url)}; {load_average(args.load_before)}.",
    ]
    notes = [wrap.fill(breakdown(r)) for r in results if r.page.key in ("province", "country")]
    explanation = (
        "Alone: requests one after another, each timed at the client over loopback (connect,"
        f" request, whole response), up to {LONE_MAX_REQUESTS} or {LONE_MAX_SECONDS:.0f} s, after"
        " every worker has served the page twice. Under load: wrk's completed requests per second"
        " over the run (its length in brackets) and its latency percentiles, which include waiting"
        " for a busy worker. Floor: the login page, a plain GET through the same server,"
        " middleware and template engine, without data; the static file (WhiteNoise, answered"
        " before sessions and views) is the server's own floor. Ratios: page / floor for the"
        " median alone, floor / page for requests per second. Items: the page's total tile. The"
        " breakdown runs in the benchmark's own process: the whole request through Django's test"
        " client with its SQL statements counted and timed, then each part of the view alone."
    )
    return f"""## Web: the IOC overview under load

Measured {today:%Y-%m-%d} with `.venv/bin/python bench/web.py` (scale `{args.scale}`). Page:
`/ioc/tong-quan/?ngay={CUTOFF:%Y-%m-%d}` (figures, burn-up by month, upcoming, bottlenecks and
plan cards), as a standing-body officer of one province and as a superuser (the whole country).

{chr(10).join(wrap.fill(f) for f in facts)}

{chr(10).join(lines)}

{chr(10).join(notes)}

{textwrap.fill(explanation, width=100)}"""


def wrk_seconds(args: argparse.Namespace, result: Measured) -> int:
    """Long enough for about WRK_LONE_MULTIPLE lone requests' time, within bounds."""
    wanted = WRK_LONE_MULTIPLE * result.lone_median_ms / 1000
    return int(min(WRK_MAX_SECONDS, max(args.duration, wanted)))


def load_average(before: float) -> str:
    """The 1-minute load average at the start and now: other work on the cores shows here."""
    return f"load average {before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.load_before = os.getloadavg()[0]
    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    os.environ.setdefault("TIENDO_LOG_LEVEL", "WARNING")
    try:
        if shutil.which("wrk") is None:
            raise BenchError("wrk is missing: apt-get install wrk")
        database_name(url)
        data, load_seconds = prepare_database(url, args.scale, args.seed, args.reuse)
        from datagen import CUTOFF

        officer, admin, province = sessions()
        overview = f"/ioc/tong-quan/?ngay={CUTOFF:%Y-%m-%d}"
        expect = 'data-figure="total"'  # only on the page itself, not on the login form
        pages = [
            Page("static", "static file (WhiteNoise)", STATIC),
            Page("login", "login page (floor)", LOGIN, expect="password"),
            Page("province", f"IOC overview, one province ({province})", overview, officer, expect),
            Page("country", "IOC overview, whole country", overview, admin, expect),
        ]
        results = [Measured(page) for page in pages]
        with tempfile.TemporaryDirectory(prefix="tiendo-webbench-") as folder:
            script = Path(folder) / "report.lua"
            script.write_text(WRK_SCRIPT)
            with server(url, args.workers) as (port, version):
                versions = f"{version}, {wrk_version()}"
                for result in results:
                    warm_up(port, result.page, args.workers)
                    result.lone, body = lone(port, result.page)
                    result.size = len(body)
                    shown = re.search(rb'data-figure="total">([^<]*)<', body)
                    digits = re.sub(rb"\D", b"", shown.group(1)) if shown else b""
                    result.items = f"{int(digits):,}" if digits else ""
                    print(
                        f"{result.page.what}: alone {result.lone_median_ms:,.1f} ms median"
                        f" ({len(result.lone)} requests, {result.size:,} bytes)",
                        flush=True,
                    )
                for result in results:
                    result.wrk = wrk(port, result.page, args, script, wrk_seconds(args, result))
                    print(
                        f"{result.page.what}: {result.rps:,.2f} req/s,"
                        f" p50 {result.wrk['p50'] / 1000:,.1f} ms,"
                        f" p99 {result.wrk['p99'] / 1000:,.1f} ms",
                        flush=True,
                    )
                    # Requests wrk gave up on at the end still run: let the workers finish them
                    # before the next page (the last page's are cut short with the server).
                    if result is not results[-1]:
                        time.sleep(min(60.0, result.wrk["max"] / 1e6))
        for result in results:
            if result.page.key not in ("province", "country"):
                continue
            result.statements, result.sql_seconds, result.in_process_seconds = in_process(
                result.page
            )
            result.parts, result.counts = parts(result.page)
            print(breakdown(result), flush=True)
        text = section(results, args, data, load_seconds, versions, url)
        if args.no_write:
            print(text)
        else:
            from report import write_section

            write_section("web", text)
        from django.db import connections

        connections.close_all()
        if not args.keep:
            drop_database(url)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
