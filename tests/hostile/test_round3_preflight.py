"""Hardening round 3 (issue #27 item 1): a failed ``--preflight`` replaced the previous file.

``booklet --preflight`` whose preflight found an error exited 1 but had already renamed the
new PDF over the old one. Preflight is now a step of the run's transaction
(:func:`printprog.render.render`): a run whose preflight fails exits 1 with one error line
naming the file, shows the preflight on stdout, and leaves every previous file byte for byte
(the harness checks the seeded booklet) and writes none of the others (the spreads).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from .harness import (
    Case,
    Event,
    Run,
    check_tree_untouched,
    event_case,
    module_batch,
    params,
    verify,
)

PHOTO_MM = 16  # the default theme's booklet.photo_size


def _photo(pixels: int):
    def change(ev: Event) -> None:
        ev.speaker("ada")["photo"] = "photos/ada.png"

    def after(data: Path) -> None:
        (data / "photos").mkdir()
        Image.new("RGB", (pixels, pixels), (180, 60, 40)).save(data / "photos" / "ada.png")

    return change, after


def _preflight_and_spreads(folder: Path) -> list[str]:
    return ["--preflight", "--impose", "saddle"]


def _failed(run: Run) -> None:
    assert "result: failed" in run.stdout and "under 150 ppi" in run.stdout, run.describe()
    assert not (run.out / "booklet-saddle.pdf").exists(), run.describe()


def _passed(run: Run) -> None:
    assert run.stdout.count("result: passed") == 2, run.describe()  # booklet and spreads
    assert (run.out / "booklet-saddle.pdf").read_bytes().startswith(b"%PDF"), run.describe()


COARSE = _photo(round(PHOTO_MM / 25.4 * 72))  # 45 px across 16 mm: 71 ppi, an error
FINE = _photo(round(PHOTO_MM / 25.4 * 320))  # 320 ppi: passes

CASES: list[Case] = [
    event_case("preflight-fails-on-a-coarse-photo", COARSE[0], COARSE[1],
               products=("booklet",), expect="error",
               extra={"booklet": _preflight_and_spreads},
               errors=(r"booklet\.pdf, .*booklet-saddle\.pdf: preflight found 2 errors; "
                       r"nothing was written, the previous files are left as they were",),
               then={"booklet": _failed}),
    event_case("preflight-passes-on-a-fine-photo", FINE[0], FINE[1],
               products=("booklet",), extra={"booklet": _preflight_and_spreads},
               then={"booklet": _passed}),
]


@pytest.fixture(scope="module")
def batch(request, hostile_root):
    return module_batch(request, hostile_root, CASES)


@pytest.mark.parametrize("case, product", params(CASES))
def test_round3_preflight(batch, case: Case, product: str):
    verify(batch, case, product)


def test_round3_preflight_touches_nothing_outside_output(batch):
    check_tree_untouched(batch)
