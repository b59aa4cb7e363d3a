"""Each test reads its cells afresh: the readers' caches (an annex repeats a few dozen texts)
would otherwise answer from an earlier test, and a mutant of the reading code under mutation
testing (make mutants) would never be called."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tiendo.imports import cells

CACHED = [cells._deadline_from_text, cells._read_product, cells._read_kpi, cells._numbering_of]


@pytest.fixture(autouse=True)
def _fresh_cell_caches() -> Iterator[None]:
    for reader in CACHED:
        reader.cache_clear()
    yield
