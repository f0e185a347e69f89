"""Hardening round 2 (issue #19 item 16): ``check`` on a CSV schedule grew with the square of
its rows (10,000 rows 11 s, 200,000 killed at 120 s). The cause was id-making, not a check:
every event titled the same got its slug by trying -2, -3, ... up to its own number. 8,000
rows of one title took 17 s; they must load and check within the harness's 10 s."""

from __future__ import annotations

from pathlib import Path

import pytest

from .harness import Case, check_tree_untouched, module_batch, params, verify

HEAD = "Room,Date,Start,Duration,Title,Abstract\n"


def _same_titles(rows: int):
    def build(folder: Path) -> Path:
        path = folder / "schedule.csv"
        # One room per hour of the day and no two talks at once: no warning per row.
        lines = [f"Room {n % 500},2030-05-0{1 + n // 4000},{8 + (n // 500) % 8:02d}:00,00:45,"
                 f"Same title,About it.\n" for n in range(rows)]
        path.write_text(HEAD + "".join(lines), encoding="utf-8")
        return path
    return build


def _few_warnings(run) -> None:
    assert len(run.stderr.splitlines()) < 10, run.describe()


CASES: list[Case] = [
    Case("csv-8000-same-title", _same_titles(8000), products=("check",),
         then={"check": _few_warnings}),
]


@pytest.fixture(scope="module")
def batch(request, hostile_root):
    return module_batch(request, hostile_root, CASES)


@pytest.mark.parametrize("case, product", params(CASES))
def test_round2_scale(batch, case: Case, product: str):
    verify(batch, case, product)


def test_round2_scale_touches_nothing_outside_output(batch):
    check_tree_untouched(batch)
