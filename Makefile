# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
LOCKS := requirements/tools.txt requirements/lock.txt
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml $(LOCKS) | sha1sum | cut -c1-12)
PG_URL ?= postgres://postgres@127.0.0.1:5432/tiendo
export TIENDO_DATA_DIR ?= $(CURDIR)/var

.PHONY: install browser pdf-tools run serve sample test lint typecheck check test-sqlite test-postgres bench clean lock audit

# Every package comes from the hash-pinned locks (requirements/); the project itself goes in last,
# without dependencies, so nothing unpinned slips in. `make lock` rewrites the locks.
$(STAMP): pyproject.toml $(LOCKS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/tools.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/lock.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

## The app on SQLite with the Nghệ An sample, at http://127.0.0.1:8000
run: install pdf-tools
	mkdir -p $(TIENDO_DATA_DIR)
	$(BIN)/tiendo migrate --noinput
	$(BIN)/tiendo load_sample
	# The reminder worker runs beside the web server and stops with it. Without a mail server
	# (TIENDO_EMAIL_HOST) the sample's e-mails are written to $(TIENDO_DATA_DIR)/mail as .eml.
	@echo "Thư nhắc việc của dữ liệu mẫu: $(TIENDO_DATA_DIR)/mail/*.eml (mở bằng trình đọc thư)"
	TIENDO_DEBUG=1 $(BIN)/tiendo worker --interval 60 & worker=$$!; \
	trap 'kill $$worker' EXIT INT TERM; \
	TIENDO_DEBUG=1 $(BIN)/tiendo runserver 127.0.0.1:8000

## The whole suite: lint, types, Django checks, tests on SQLite and on PostgreSQL.
test: install browser lint typecheck check test-sqlite test-postgres

# Browser tests drive Debian's Chromium (never a downloaded browser); fonts with Vietnamese glyphs.
browser: pdf-tools
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null; \
	  else echo "Chromium is missing: run 'sudo apt-get install chromium fonts-noto-core'"; fi; }

# Reports become PDF through LibreOffice, set in Liberation Serif (metric-compatible with Times
# New Roman, docs/deploy.md); pdftoppm renders their pages for people to look at. Never fatal:
# without them the app offers the DOCX and the PDF tests are skipped.
pdf-tools:
	@{ command -v soffice && command -v pdftoppm && fc-list : family | grep -qiE "Liberation Serif|Times New Roman"; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui poppler-utils fonts-liberation >/dev/null; } \
	      || echo "Could not install LibreOffice and fonts: PDF export stays off"; \
	  else echo "For PDF export run 'sudo apt-get install libreoffice-writer-nogui poppler-utils fonts-liberation'"; fi; }

lint: install
	$(BIN)/ruff check src bench
	$(BIN)/ruff format --check src bench
	# The layers of docs/architecture.md (pyproject.toml, [tool.importlinter]); no cache left behind.
	$(BIN)/lint-imports --no-cache --no-logo

typecheck: install
	$(BIN)/mypy src

check: install
	$(BIN)/tiendo check --fail-level WARNING
	$(BIN)/tiendo makemigrations --check --dry-run

test-sqlite: install
	$(BIN)/pytest

# Runs when a PostgreSQL server answers (or DATABASE_URL names one); CI requires it.
test-postgres: install
	@if $(BIN)/python bench/pg_available.py "$${DATABASE_URL:-$(PG_URL)}"; then \
		TIENDO_DB_CONN_MAX_AGE=0 DATABASE_URL="$${DATABASE_URL:-$(PG_URL)}" $(BIN)/pytest; \
	elif [ -n "$$CI" ]; then echo "CI needs PostgreSQL at $(PG_URL)"; exit 1; \
	else echo "PostgreSQL not reachable: PostgreSQL leg skipped"; fi

## Benchmarks; numbers go to docs/benchmarks.md. SCALE=national for the whole country on PostgreSQL.
## The engine and documents at SCALE, then the IOC page under wrk and import/export (default scale).
bench: install
	$(BIN)/python bench/run.py --scale "$${SCALE:-default}"
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python bench/web.py
	$(BIN)/python bench/iobench.py

## Rewrite the locks from pyproject.toml (after changing a dependency), with uv in a scratch venv.
lock:
	test -x /tmp/tiendo-uv/bin/uv || { python3 -m venv /tmp/tiendo-uv && /tmp/tiendo-uv/bin/pip install --quiet uv==0.13.9; }
	/tmp/tiendo-uv/bin/uv pip compile requirements/tools.in --generate-hashes --universal --python-version 3.11 -o requirements/tools.txt
	/tmp/tiendo-uv/bin/uv pip compile pyproject.toml --extra dev --generate-hashes --universal --python-version 3.11 -o requirements/lock.txt

## Known vulnerabilities in the locked tree (needs the advisory service or a mirror: docs/deploy.md).
audit: install
	test -x /tmp/tiendo-audit/bin/pip-audit || { python3 -m venv /tmp/tiendo-audit && /tmp/tiendo-audit/bin/pip install --quiet pip-audit==2.10.1; }
	/tmp/tiendo-audit/bin/pip-audit --strict --disable-pip --require-hashes -r requirements/lock.txt

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache

## Mutation testing of the rules that matter ([tool.mutmut] in pyproject.toml; numbers in
## docs/benchmarks.md, "Mutation testing"). Slow, never part of `make test`. MUTANTS narrows it,
## e.g. MUTANTS='tiendo.accounts.access.x_may_*'; the work lands in mutants/ (git-ignored).
.PHONY: mutants
mutants: install
	$(BIN)/mutmut run --max-children 2 $(foreach m,$(MUTANTS),'$(m)')
	$(BIN)/mutmut results
