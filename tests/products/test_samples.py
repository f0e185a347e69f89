"""Every real export in tests/fixtures/samples builds every product directly (--data FILE)
and passes the same PDF checks as the bundled event: titles present, text inside the safe
area, no overlapping lines, fonts embedded, qpdf clean."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from conftest import FIXTURES
from pdfcheck import (
    chars_outside,
    fast_texts,
    fonts_not_embedded,
    overlapping_lines,
    page_texts,
    qpdf_check,
    squash,
)
from printprog.importers import load

# The schedule formats this module has always covered; every other sample (iCalendar,
# Indico, pretalx, schedule JSON v2) is built by tests/importers/test_import_samples.py.
SAMPLES = sorted(p for folder in ("frab-xml", "schedule-json", "csv")
                 for p in (FIXTURES / "samples" / folder).glob("*.*")
                 if p.suffix in (".xml", ".json", ".csv") and not p.name.startswith("attendees"))


def _as_read(text: str) -> str:
    """Text as a reader of the page reads it, for comparing a title with extracted text.

    The PDF prints a title's ligature (U+FB01 "ﬁ") as the font's ligature glyph, whose
    ToUnicode entry is "fi", so extraction gives two letters: NFKC on both sides. A variation
    selector (U+FE0F after "❤") chooses how the character before it is drawn (the emoji
    font) and has no glyph of its own, so no extractor returns it: dropped on both sides."""
    return squash(re.sub(r"[\ufe00-\ufe0f]", "", unicodedata.normalize("NFKC", text)))


def _common_checks(pdf: Path, safe_mm: float) -> None:
    assert chars_outside(pdf, safe_mm) == []
    assert overlapping_lines(pdf) == []
    assert fonts_not_embedded(pdf) == []
    assert qpdf_check(pdf)[0] == 0


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_samples_booklet_has_every_title_and_passes_checks(sample: Path, built):
    out = built("booklet", "--data", str(sample))  # shared with test_booklet's 31c3 test
    conf = load(sample)
    # pdfium's own text (C) is enough to find a title: clustering every glyph into lines
    # in Python took 5 s of FOSDEM 2025's 768 pages.
    pages = fast_texts(out)
    text = _as_read("".join(pages))
    assert [s.title for s in conf.sessions if _as_read(s.title) not in text] == []
    assert len(pages) % 4 == 0
    _common_checks(out, 5)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_samples_signage_all_passes_checks(sample: Path, built):
    out = built("signage", "--all", "--data", str(sample))  # shared with test_import_samples
    combined = next(out.glob("all-rooms*.pdf"))
    _common_checks(combined, 10)


#: Titles a badge leaves out of the name it prints ("Dr. Rüdiger Hanig" prints Rüdiger).
TITLES = {"dr", "prof", "mag", "ing", "dipl.-ing", "mr", "mrs", "ms"}


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_samples_badges_pass_checks(sample: Path, built):
    out = built("badges", "--data", str(sample))  # shared with test_import_samples
    warned = built.stderr("badges", "--data", str(sample))
    conf = load(sample)
    text = squash("".join(page_texts(out)))
    people = {p for s in conf.sessions for p in s.people}
    # Every word of every speaker's name is printed (text extraction interleaves the lines
    # of neighbouring badges, so whole names are checked by position in test_badges.py),
    # or a warning names them (cut, or a glyph no bundled font has).
    missing = [conf.speaker_by_id[p].name for p in people
               if not all(squash(w) in text for w in conf.speaker_by_id[p].name.split()
                          if w.strip(".,").casefold() not in TITLES)]
    assert [name for name in missing if name not in warned] == []
    _common_checks(out, 3)
