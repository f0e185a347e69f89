"""Hardening round 2 (issue #19 item 3): data too long for a QR code. A URL of 300 × "日本語"
or of 5,000 characters was an "Input too long for ECC level M" traceback in the booklet and
badges while ``check`` said nothing. Now ``check`` warns, and products fall back: a lower
error-correction level, else the URL printed without a code, with a warning."""

from __future__ import annotations

import pytest

from .harness import (
    Case,
    Event,
    check_tree_untouched,
    event_case,
    module_batch,
    params,
    verify,
)
from .harness import pdf_text as text_of

CJK_URL = "https://hostile.example.org/" + "日本語" * 300  # 2,728 bytes: fits level L only
LONG_ID = "x" * 5000  # its URL, from session_url, fits no QR code
LONG_URL = "https://hostile.example.org/talk/" + LONG_ID


def _url(url: str):
    def change(ev: Event) -> None:
        ev.session("t1")["url"] = url
        ev.session("opening")["url"] = url  # ada's first session: her badge's QR
    return change


def _long_id(ev: Event) -> None:
    for old in ("t1", "opening"):  # opening: ada's first session, her badge's QR
        ev.session(old)["id"] = LONG_ID if old == "t1" else LONG_ID + "2"


def _printed(url: str):
    def check(run) -> None:
        assert url in "".join(text_of(run.out / "booklet.pdf").split())
    return check


TOO_LONG = r"session x{5000}: its URL \(5,033 bytes\) is too long for a QR code"
PRODUCTS = ("check", "booklet", "badges")

CASES: list[Case] = [
    event_case("url-cjk-900", _url(CJK_URL), products=PRODUCTS,
               then={"booklet": _printed(CJK_URL)}),
    event_case("id-5000", _long_id, products=PRODUCTS,
               warnings={"check": (TOO_LONG,),
                         "booklet": (r"talk x{5000}: its URL is too long for a QR code",),
                         "badges": (r"badge of Ada Lovelace: the URL is too long for any QR",)},
               then={"booklet": _printed(LONG_URL)}),
]


@pytest.fixture(scope="module")
def batch(request, hostile_root):
    return module_batch(request, hostile_root, CASES)


@pytest.mark.parametrize("case, product", params(CASES))
def test_round2_qr(batch, case: Case, product: str):
    verify(batch, case, product)


def test_round2_qr_touches_nothing_outside_output(batch):
    check_tree_untouched(batch)
