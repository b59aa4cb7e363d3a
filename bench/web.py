"""The IOC overview under load: the app under gunicorn (sync workers), wrk as the load generator.

    .venv/bin/python bench/web.py [--scale default] [--seed 2025] [--duration 20] [--workers 2]
        [--connections 4] [--keep] [--reuse] [--no-write]

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
through Django's test client to count its SQL statements and their time, and the view is run once
more with every selector it imported (from tiendo.dashboard.selectors and tiendo.status.selectors)
wrapped in a timer: whatever the view calls is timed, under its own name, with its calls counted.
Writes the `web` section of docs/benchmarks.md (--no-write prints it instead). The load average
is printed at the start and at the end, and the section gives both.

The database: dropped at the end, on success or on any error, unless --keep. --reuse skips the
load when the database already holds the same scale and seed, loaded either by this script
(labelled "tiendo webbench scale=S seed=N") or by `bench/run.py --keep` (labelled "tiendo bench
scale=S seed=N"; both load with the same generator, bench/suite.py). run.py's default database is
tiendo_bench, so point DATABASE_URL at it to reuse what run.py kept:

    DATABASE_URL='postgres://postgres@127.0.0.1:5432/tiendo_bench?options=-c%20jit%3Doff' \\
        .venv/bin/python bench/run.py --scale default --keep
    DATABASE_URL='postgres://postgres@127.0.0.1:5432/tiendo_bench?options=-c%20jit%3Doff' \\
        .venv/bin/python bench/web.py --scale default --reuse --keep

A reused database keeps its label (run.py can reuse it again); the two users are created or
updated in place and the earlier runs' sessions replaced, so reusing any number of times works.
Without --keep a reused database is dropped too, as run.py does.

Slow pages: gunicorn's worker timeout is SERVER_TIMEOUT (600 s); a request longer than that is
answered HTTP 500 by gunicorn (the worker is killed and restarted). Such a page is reported as
timed out in the section, not loaded under wrk and not broken down (each run would take as long
again). A page that completes no request during its wrk run (a request longer than the run) is
reported as "no request completed in N s", with "–" for its latency and ratios.

gunicorn is not a project dependency: when the venv lacks it, it is installed (pip --target) into a
folder under /tmp and put on the server's PYTHONPATH only.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime as dt
import functools
import http.client
import importlib.util
import inspect
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
from typing import Any

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
WEB_LABEL = "tiendo webbench scale={scale} seed={seed}"  # what this script loaded
RUN_LABEL = "tiendo bench scale={scale} seed={seed}"  # what bench/run.py loaded (the same data)
GUNICORN = "gunicorn==27.0.1"
GUNICORN_DIR = Path(tempfile.gettempdir()) / "tiendo-bench-gunicorn"
PROVINCE = 40  # Nghệ An, as in suite.py
STATIC = "/static/tiendo/app.css"
LOGIN = "/tai-khoan/dang-nhap/"
OVERVIEW_KEYS = ("province", "country")  # the pages broken down in this process
# gunicorn's worker timeout: a sync worker busy with one request for longer is killed, and the
# request is answered HTTP 500. The client and wrk wait longer, so that 500 is what they see.
SERVER_TIMEOUT = 600
CLIENT_TIMEOUT = SERVER_TIMEOUT + 60
LONE_MAX_REQUESTS = 30
LONE_MAX_SECONDS = 30.0
LONE_MIN_REQUESTS = 3
WRK_LONE_MULTIPLE = 20  # a slow page is loaded for about this many lone requests' time
WRK_MAX_SECONDS = 90
WRK_ERRORS = ("connect", "read", "write", "status", "timeout")
# The modules whose functions the overview's breakdown times (as the view imported them).
SELECTOR_MODULES = ("tiendo.dashboard.selectors", "tiendo.status.selectors")
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


class TimedOut(BenchError):
    """A request outlived gunicorn's worker timeout (HTTP 500) or the client's own."""


@dataclass(frozen=True)
class Page:
    key: str
    what: str
    path: str
    cookie: str = ""  # the session cookie, for logged-in pages
    expect: str = ""  # text the page must contain (a logged-in page, not the login form)


@dataclass
class Part:
    """One selector the view called, timed inside the view: its seconds over all its calls."""

    name: str
    seconds: float = 0.0
    calls: int = 0
    returned: int | None = None  # how many things it returned (see returned()), if countable
    lazy: bool = False  # it returned a queryset: its SQL runs later, outside this part
    nested: bool = False  # called inside another timed part (so counted there too)


@dataclass
class Measured:
    page: Page
    lone: list[float] = field(default_factory=list)  # seconds per lone request
    first: list[float] = field(default_factory=list)  # each worker's first request (memo empty)
    failure: str = ""  # why the lone requests stopped (a timeout), if they did
    size: int = 0
    items: str = ""  # the page's "total items" tile
    overdue: str = ""  # the page's "overdue" tile
    wrk: dict[str, float] = field(default_factory=dict)  # empty: not loaded
    statements: int = 0
    sql_seconds: float = 0.0
    in_process_seconds: float = 0.0
    view_seconds: float = 0.0
    parts: list[Part] = field(default_factory=list)
    plans: int | None = None

    @property
    def lone_median_ms(self) -> float | None:
        return 1000 * statistics.median(self.lone) if self.lone else None

    @property
    def lone_p99_ms(self) -> float | None:
        return 1000 * percentile(self.lone, 99) if self.lone else None

    @property
    def wrk_seconds(self) -> float:
        return self.wrk.get("duration_us", 0) / 1e6

    @property
    def completed(self) -> int:
        """Requests wrk saw completed (0 when a request outlasts the run, or not loaded)."""
        return int(self.wrk.get("requests", 0))

    @property
    def rps(self) -> float | None:
        """Completed requests per second under load; None when none completed (or not loaded)."""
        if not self.completed or not self.wrk_seconds:
            return None
        return self.completed / self.wrk_seconds

    @property
    def wrk_errors(self) -> dict[str, int]:
        return {k: int(self.wrk[k]) for k in WRK_ERRORS if self.wrk.get(k)}


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
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="reuse a kept database of this scale and seed (kept by web.py or by run.py)",
    )
    parser.add_argument("--no-write", action="store_true", help="print, do not touch the docs")
    return parser.parse_args(argv)


# --- the database and the users -----------------------------------------------------------------


def reusable(url: str, scale: str, seed: int) -> str | None:
    """Who loaded the database with this scale and seed ("web.py", "run.py"), or None."""
    found = database_label(url)
    for who, label in (("web.py", WEB_LABEL), ("run.py", RUN_LABEL)):
        if found == label.format(scale=scale, seed=seed):
            return who
    return None


def prepare_database(
    url: str, scale: str, seed: int, reuse: bool
) -> tuple[str, float | None, str | None]:
    """Migrate and load the scale (unless a kept database holds it): the data's description, the
    load's seconds (None when reused) and who loaded a reused database (None when loaded now)."""
    loaded_by = reusable(url, scale, seed) if reuse else None
    if loaded_by is None:
        print(f"creating database {database_name(url)}", flush=True)
        recreate_database(url, label="loading")
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "tiendo.settings"
    # gunicorn inherits this: the web server does not start without a key (tiendo/wsgi.py).
    os.environ.setdefault("TIENDO_SECRET_KEY", secrets.token_urlsafe(50))
    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    if loaded_by is not None:
        # The label stays as it is: whoever loaded it can reuse it again.
        print(f"reusing {database_name(url)} (loaded by {loaded_by})", flush=True)
        return describe(url), None, loaded_by
    import suite  # run.py's loader; it needs Django set up

    _, seconds = suite.load(url, scale, seed)
    label_database(url, WEB_LABEL.format(scale=scale, seed=seed))
    print(f"loaded in {seconds:.0f} s", flush=True)
    return describe(url), seconds, None


def describe(url: str) -> str:
    import suite

    loaded = suite.count_rows(url)
    return (
        f"{loaded.items:,} items, {loaded.updates:,} progress updates, {loaded.plans} plans"
        f" of {loaded.provinces} provinces"
    )


def sessions() -> tuple[str, str, str]:
    """Session cookies of a standing-body officer of the province and of a superuser.

    Idempotent: on a reused database the users are updated in place and the old sessions
    deleted, so each run holds exactly its own two."""
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.contrib.sessions.models import Session
    from django.test import Client

    from tiendo.accounts.models import Membership, Role
    from tiendo.agencies.directory import member_code, province_code
    from tiendo.agencies.models import Agency, AgencyKind

    province = Agency.objects.get(code=province_code(PROVINCE), kind=AgencyKind.PROVINCE)
    police = Agency.objects.filter(code=member_code(PROVINCE, "CAT")).first() or province
    officer, _ = User.objects.update_or_create(
        username="bench.thuongtruc", defaults={"is_active": True}
    )
    Membership.objects.update_or_create(
        user=officer, defaults={"agency": police, "role": Role.STANDING}
    )
    admin, _ = User.objects.update_or_create(
        username="bench.quantri",
        defaults={"is_superuser": True, "is_staff": True, "is_active": True},
    )
    # Earlier runs' sessions are signed with their own key (prepare_database picks a new
    # TIENDO_SECRET_KEY each run), unreadable now; a benchmark database holds no others.
    Session.objects.all().delete()
    cookies = []
    for user in (officer, admin):
        client = Client()
        client.force_login(user)
        cookies.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    return cookies[0], cookies[1], province.short_name or province.name


def finish(url: str, drop: bool) -> None:
    """Close this process's database connections, then drop the database if asked; never
    raises (it runs on error paths too, where the first error is the one to see)."""
    try:
        from django.apps import apps

        if apps.ready:
            from django.db import connections

            connections.close_all()
    except Exception as error:  # reported; the drop is still tried
        print(f"bench: closing Django's connections: {error}", file=sys.stderr)
    if not drop:
        return
    try:
        drop_database(url)
        print(f"dropped database {database_name(url)}", flush=True)
    except Exception as error:  # reported, not raised over the error that brought us here
        print(f"bench: could not drop {database_name(url)}: {error}", file=sys.stderr)


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
        *("--bind", f"127.0.0.1:{port}", "--timeout", str(SERVER_TIMEOUT)),
        *("--graceful-timeout", "5", "--log-level", "warning"),
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
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=CLIENT_TIMEOUT)
    try:
        headers = {"Cookie": f"sessionid={page.cookie}"} if page.cookie else {}
        connection.request("GET", page.path, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def checked(port: int, page: Page) -> bytes:
    """Request the page once and fail unless it is the page (not a redirect to the login).

    TimedOut when gunicorn gave up on it (HTTP 500 after its worker timeout; a worker killed
    outright closes the connection instead) or the client did."""
    begin = time.monotonic()
    try:
        status, body = request(port, page)
    except (TimeoutError, ConnectionResetError) as error:  # RemoteDisconnected is one
        spent = time.monotonic() - begin
        if spent < 0.9 * SERVER_TIMEOUT:
            raise BenchError(f"{page.what}: {error!r} after {spent:,.0f} s") from error
        raise TimedOut(
            f"no answer after {spent:,.0f} s ({type(error).__name__}; gunicorn's worker"
            f" timeout is {SERVER_TIMEOUT} s)"
        ) from error
    spent = time.monotonic() - begin
    if status == 500 and spent >= 0.9 * SERVER_TIMEOUT:
        raise TimedOut(
            f"HTTP 500 after {spent:,.0f} s: longer than gunicorn's worker timeout"
            f" ({SERVER_TIMEOUT} s)"
        )
    if status != 200 or (page.expect and page.expect.encode() not in body):
        raise BenchError(f"{page.what}: HTTP {status}, not the expected page")
    return body


def warm_up(port: int, page: Page, workers: int) -> list[float]:
    """Every worker serves the page twice (imports, templates, its database connection): two
    rounds of one request per worker, the second only if the first did not time out. Returns
    the first round's seconds: each worker's first request, its figures computed from raw facts
    (every process remembers settled figures on its own, docs/architecture.md)."""

    def timed(_: int) -> float:
        begin = time.perf_counter()
        checked(port, page)
        return time.perf_counter() - begin

    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        first = list(pool.map(timed, range(workers)))
        list(pool.map(timed, range(workers)))
    return first


def lone(port: int, result: Measured) -> bytes:
    """Requests one after another: up to 30, or as many as fit in 30 s (at least 3), into
    result.lone; a timeout stops them (result.failure). Returns the last body."""
    body = b""
    started = time.monotonic()
    while len(result.lone) < LONE_MAX_REQUESTS and (
        len(result.lone) < LONE_MIN_REQUESTS or time.monotonic() - started < LONE_MAX_SECONDS
    ):
        begin = time.perf_counter()
        try:
            body = checked(port, result.page)
        except TimedOut as error:
            result.failure = f"request {len(result.lone) + 1} alone: {error}"
            break
        result.lone.append(time.perf_counter() - begin)
    return body


def wrk(
    port: int, page: Page, args: argparse.Namespace, script: Path, seconds: int
) -> dict[str, float]:
    """wrk's summary: its errors (non-2xx answers, such as gunicorn's 500 on a timeout, count as
    "status") are reported in the section, not raised; only wrk failing to run is an error."""
    command = [
        shutil.which("wrk") or "wrk",
        *("-t", str(args.threads), "-c", str(args.connections), "-d", f"{seconds}s"),
        *("--timeout", f"{CLIENT_TIMEOUT}s", "-s", str(script)),
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
    return result


# --- in this process: statements per page, and the view's parts ---------------------------------


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


def selectors_of(module: Any) -> dict[str, Callable[..., Any]]:
    """The functions a module imported from the selector modules, by the name it uses."""
    return {
        name: value
        for name, value in vars(module).items()
        if inspect.isfunction(value) and value.__module__ in SELECTOR_MODULES
    }


def returned(value: Any) -> int | None:
    """How many things a selector returned: a collection's length; for a tuple (several results
    at once, such as a summary and its cards), the lengths of the collections in it."""
    collections = (list, dict, set, frozenset)
    if isinstance(value, collections):
        return len(value)
    if isinstance(value, tuple):
        sizes = [len(v) for v in value if isinstance(v, collections)]
        return sum(sizes) if sizes else None
    return None


def parts(page: Page) -> tuple[float, list[Part], int]:
    """The real view run once with each selector it imported timed: the view's seconds, the
    parts it called (in the order of their first call) and the plans the user may read.

    Classes (AsOf, Scope, dataclasses) are left alone: only functions are wrapped. A selector's
    own calls to other selectors go through its module, not the view's, so they are not timed
    apart: each part is what the view waited for when it called that name."""
    from django.contrib.auth import get_user
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore
    from django.db.models import QuerySet
    from django.test import RequestFactory

    from tiendo.accounts.access import actor_for, plans_for_user
    from tiendo.dashboard import ioc_views

    request = RequestFactory().get(page.path)
    request.session = SessionStore(session_key=page.cookie)
    request.user = get_user(request)
    # The filters report a wrong field as a message (the middleware's storage, absent here).
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    found: dict[str, Part] = {}
    depth = [0]

    def timer(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            part = found.setdefault(name, Part(name))
            part.nested = part.nested or depth[0] > 0
            depth[0] += 1
            begin = time.perf_counter()
            try:
                value = original(*args, **kwargs)
            finally:
                part.seconds += time.perf_counter() - begin
                part.calls += 1
                depth[0] -= 1
            if isinstance(value, QuerySet):
                part.lazy = True
            elif (size := returned(value)) is not None:
                part.returned = (part.returned or 0) + size
            return value

        return timed

    originals = selectors_of(ioc_views)
    try:
        for name, original in originals.items():
            setattr(ioc_views, name, timer(name, original))
        begin = time.perf_counter()
        response = ioc_views.ioc_overview(request)
        seconds = time.perf_counter() - begin
    finally:
        for name, original in originals.items():
            setattr(ioc_views, name, original)
    if response.status_code != 200:
        raise BenchError(f"{page.what}: HTTP {response.status_code} from the view itself")
    return seconds, list(found.values()), plans_for_user(actor_for(request)).count()


# --- the report ---------------------------------------------------------------------------------


def wrk_version() -> str:
    done = subprocess.run(  # noqa: S603 (wrk, fixed arguments)
        [shutil.which("wrk") or "wrk", "--version"], capture_output=True, text=True, check=False
    )
    first = (done.stdout or done.stderr).splitlines()
    return first[0].split(" Copyright")[0] if first else "wrk"


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def part_text(part: Part) -> str:
    facts = [plural(part.calls, "call")]
    if part.returned is not None:
        facts.append(f"{part.returned:,} returned")
    if part.lazy:
        facts.append("a queryset, run later")
    if part.nested:
        facts.append("inside another part")
    return f"{part.name} {1000 * part.seconds:,.0f} ms ({', '.join(facts)})"


def breakdown(r: Measured) -> str:
    """Where one request's time goes: the whole request in process, then the view's parts."""
    counts = []
    if r.plans is not None:
        counts.append(plural(r.plans, "plan"))
    if r.overdue:
        counts.append(f"{r.overdue} overdue items")
    head = f"- {r.page.what}: {', '.join(counts)}; " if counts else f"- {r.page.what}: "
    if r.failure:
        return (
            f"{head}not broken down: {r.failure}; each run in this process would take as long"
            " again."
        )
    together = sum(p.seconds for p in r.parts if not p.nested)
    called = ", ".join(part_text(p) for p in r.parts) or "none of its selectors was called"
    return (
        f"{head}one request in process {1000 * r.in_process_seconds:,.0f} ms, of which SQL"
        f" {1000 * r.sql_seconds:,.0f} ms in {r.statements} statements. The view run once more,"
        f" each selector it calls timed ({1000 * r.view_seconds:,.0f} ms in all): {called};"
        f" the rest (filters, context, template) {1000 * (r.view_seconds - together):,.0f} ms."
    )


def figure(value: float) -> str:
    return f"{value:,.{2 if value < 10 else 1 if value < 100 else 0}f}"


def ratio(page: float | None, floor: float | None) -> str:
    """page / floor, or "–" when either is missing or zero (nothing completed)."""
    if not page or not floor:
        return "–"
    value = page / floor
    return f"{value:,.{2 if value < 10 else 0}f}×"


def alone_cell(r: Measured) -> str:
    median, p99 = r.lone_median_ms, r.lone_p99_ms
    if median is None or p99 is None:
        return "timed out" if r.failure else "–"
    cell = f"{median:,.1f} / {p99:,.1f} ({len(r.lone)})"
    return f"{cell}, then timed out" if r.failure else cell


def load_cells(r: Measured) -> tuple[str, str]:
    """The under-load and latency cells."""
    if not r.wrk:
        return ("not loaded (timed out alone)" if r.failure else "not loaded"), "–"
    errors = r.wrk_errors
    noted = f"; errors: {', '.join(f'{k} {n:,}' for k, n in errors.items())}" if errors else ""
    if r.rps is None:
        return f"no request completed in {r.wrk_seconds:.0f} s{noted}", "–"
    latency = (
        f"{r.wrk['p50'] / 1000:,.1f} / {r.wrk['p99'] / 1000:,.1f} ({r.completed:,})"
        if r.completed
        else "–"
    )
    return f"{figure(r.rps)} ({r.wrk_seconds:.0f}){noted}", latency


def table(results: list[Measured]) -> str:
    floor = next((r for r in results if r.page.key == "login"), None)
    floor_alone = floor.lone_median_ms if floor else None
    floor_rps = floor.rps if floor else None
    lines = [
        "| page | items | size | alone ms: median / p99 (n) | under load: req/s (s)"
        " | latency ms: median / p99 (requests) | ratio alone | ratio req/s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        under_load, latency = load_cells(r)
        size = f"{r.size / 1024:,.0f} kB" if r.size else "–"
        lines.append(
            f"| {r.page.what} | {r.items or '–'} | {size} | {alone_cell(r)} | {under_load}"
            f" | {latency} | {ratio(r.lone_median_ms, floor_alone)}"
            f" | {ratio(floor_rps, r.rps)} |"
        )
    return "\n".join(lines)


def section(
    results: list[Measured],
    args: argparse.Namespace,
    data: str,
    load_seconds: float | None,
    versions: str,
    url: str,
    loaded_by: str | None = None,
) -> str:
    import suite
    from datagen import CUTOFF
    from report import machine

    today = dt.datetime.now(dt.UTC).date()
    wrap = textwrap.TextWrapper(width=100, subsequent_indent="  ", break_on_hyphens=False)
    loading = f"; generated and loaded in {load_seconds:,.0f} s" if load_seconds else ""
    if loaded_by:
        loading = f"; a database kept by {loaded_by}, reused"
    facts = [
        f"- Data: scale `{args.scale}` of run.py's generator (seed {args.seed}): {data}{loading}.",
        f"- Server: {versions}; {args.workers} sync workers, DEBUG off, persistent database"
        " connections (CONN_MAX_AGE 60), sessions in the database and saved on every request;"
        f" worker timeout {SERVER_TIMEOUT} s (a longer request is answered HTTP 500).",
        f"- Load: wrk, {args.threads} threads × {args.connections} connections, {args.duration} s"
        f" per page (longer for a slow page: about {WRK_LONE_MULTIPLE} lone requests' time, at"
        f" most {WRK_MAX_SECONDS} s), one session per page; wrk, gunicorn and PostgreSQL share the"
        " machine's cores.",
        f"- Machine: {machine()}; {suite.server_facts(url)}; {load_average(args.load_before)}.",
    ]
    notes = [wrap.fill(breakdown(r)) for r in results if r.page.key in OVERVIEW_KEYS]
    notes += [
        wrap.fill(
            f"- {r.page.what}, each worker's first request (its figures computed from raw facts,"
            f" nothing remembered yet): {', '.join(f'{1000 * t:,.0f}' for t in r.first)} ms."
        )
        for r in results
        if r.first and r.page.key in OVERVIEW_KEYS
    ]
    notes += [
        wrap.fill(f"- {r.page.what}: {r.failure}.")
        for r in results
        if r.failure and r.page.key not in OVERVIEW_KEYS
    ]
    explanation = (
        "Alone: requests one after another, each timed at the client over loopback (connect,"
        f" request, whole response), up to {LONE_MAX_REQUESTS} or {LONE_MAX_SECONDS:.0f} s, after"
        " every worker has served the page twice. Under load: wrk's completed requests per second"
        " over the run (its length in brackets) and its latency percentiles, which include waiting"
        " for a busy worker; a request still running when the run ends is not counted, so a page"
        " slower than the run completes none (no ratio then). Floor: the login page, a plain GET"
        " through the same server, middleware and template engine, without data; the static file"
        " (WhiteNoise, answered before sessions and views) is the server's own floor. The data"
        " records no new fact while measured, so after its first request each worker serves the"
        " overview's settled figures from memory (status/memo.py): the table is that hot path;"
        " the first requests are given apart. Ratios:"
        " page / floor for the median alone, floor / page for requests per second. Items: the"
        " page's total tile. The breakdown runs in the benchmark's own process: the whole request"
        " through Django's test client with its SQL statements counted and timed, then the view"
        " once more with every function it imported from the dashboard and status selectors"
        " wrapped in a timer (seconds and calls per name, as the view calls them)."
    )
    return f"""## Web: the IOC overview under load

Measured {today:%Y-%m-%d} with `.venv/bin/python bench/web.py` (scale `{args.scale}`). Page:
`/ioc/tong-quan/?ngay={CUTOFF:%Y-%m-%d}` (figures, burn-up by month, upcoming, bottlenecks and
plan cards), as a standing-body officer of one province and as a superuser (the whole country).

{chr(10).join(wrap.fill(f) for f in facts)}

{table(results)}

{chr(10).join(notes)}

{textwrap.fill(explanation, width=100)}"""


def wrk_seconds(args: argparse.Namespace, result: Measured) -> int:
    """Long enough for about WRK_LONE_MULTIPLE lone requests' time, within bounds."""
    wanted = WRK_LONE_MULTIPLE * (result.lone_median_ms or 0) / 1000
    return int(min(WRK_MAX_SECONDS, max(args.duration, wanted)))


def load_average(before: float) -> str:
    """The 1-minute load average at the start and now: other work on the cores shows here."""
    return f"load average {before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end"


def load_now() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} (1, 5, 15 min; {os.cpu_count()} cores)"


# --- the run ------------------------------------------------------------------------------------


def figure_tile(body: bytes, name: str) -> str:
    """A figure tile of the page (data-figure="name"), as shown, or ''."""
    shown = re.search(rb'data-figure="' + name.encode() + rb'">([^<]*)<', body)
    digits = re.sub(rb"\D", b"", shown.group(1)) if shown else b""
    return f"{int(digits):,}" if digits else ""


def measure(args: argparse.Namespace, url: str) -> str:
    """Everything but the database's end: returns the section."""
    data, load_seconds, loaded_by = prepare_database(url, args.scale, args.seed, args.reuse)
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
                try:
                    result.first = warm_up(port, result.page, args.workers)
                except TimedOut as error:
                    result.failure = f"warming up: {error}"
                else:
                    body = lone(port, result)
                    result.size = len(body)
                    result.items = figure_tile(body, "total")
                    result.overdue = figure_tile(body, "overdue")
                print(f"{result.page.what}: alone {alone_cell(result)} ms", flush=True)
                if result.failure:
                    print(f"  {result.failure}", flush=True)
            for result in results:
                if result.failure:
                    continue  # its requests outlive the server's timeout: wrk would see none
                result.wrk = wrk(port, result.page, args, script, wrk_seconds(args, result))
                under_load, latency = load_cells(result)
                print(f"{result.page.what}: under load {under_load}; {latency}", flush=True)
                # Requests wrk gave up on at the end still run: let the workers finish them
                # before the next page (the last page's are cut short with the server).
                if result is not results[-1]:
                    longest = result.wrk["max"] / 1e6 if result.completed else 0.0
                    time.sleep(min(60.0, longest or (result.lone_median_ms or 0) / 1000))
    for result in results:
        if result.page.key not in OVERVIEW_KEYS or result.failure:
            continue
        result.statements, result.sql_seconds, result.in_process_seconds = in_process(result.page)
        result.view_seconds, result.parts, result.plans = parts(result.page)
        print(breakdown(result), flush=True)
    return section(results, args, data, load_seconds, versions, url, loaded_by)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.load_before = os.getloadavg()[0]
    print(f"load average at the start: {load_now()}", flush=True)
    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    os.environ.setdefault("TIENDO_LOG_LEVEL", "WARNING")
    touched = False  # the database is ours to drop once this run has begun to prepare it
    try:
        if shutil.which("wrk") is None:
            raise BenchError("wrk is missing: apt-get install wrk")
        database_name(url)  # refuses a name without "bench" before anything is touched
        touched = True
        text = measure(args, url)
        if args.no_write:
            print(text)
        else:
            from report import write_section

            write_section("web", text)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    finally:
        # On every path, an unexpected exception or an interrupt included.
        finish(url, drop=touched and not args.keep)
        print(f"load average at the end: {load_now()}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
