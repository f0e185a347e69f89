"""The day at a glance on paper: in the booklet of the bundled event and of the frab
samples, every session's full title is in the text of the "at a glance" pages, no grid cell
is reported cut, no two lines overlap, the book still folds (pages a multiple of 4) and
rebuilds to the same bytes; the 1,000-session event stays within 24 grid pages a day."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from conftest import FIXTURES, KVM
from pdfcheck import (
    extract_words,
    fast_texts,
    glance_faults,
    glance_words,
    glance_words_in,
    overlapping_words,
    page_chars_at,
    squash,
)
from printprog.cli import main
from printprog.core.report import summarise
from printprog.core.units import mm
from printprog.importers import load
from printprog.layout import grid
from printprog.layout.pageref import PageRefs, reserve_digits
from printprog.products.booklet import grid as booklet_grid
from printprog.products.booklet import product as booklet
from printprog.schedule.views import days
from printprog.theme.loader import load_theme

SOURCES = [KVM, *sorted((FIXTURES / "samples" / "frab-xml").glob("*.xml"))]


@pytest.fixture(scope="module", params=SOURCES, ids=lambda p: p.name)
def made(request, built) -> tuple[Path, Path, str]:
    """The source, its booklet (the session's, shared with the sample tests) and what the
    build printed on stderr."""
    args = ("booklet", "--data", str(request.param))
    return request.param, built(*args), built.stderr(*args)


def _glance(texts: list[str]) -> str:
    return squash(" ".join(t for t in texts if "\u00b7 at a glance" in t))


def test_grid_pages_hold_every_full_title(made):
    """Each planned text box of each day's grid pages holds the session's whole title on
    the page (read from the box's rectangle), and every session of the day has one."""
    source, pdf, err = made
    conf = load(source)
    theme = load_theme()
    geometry = booklet._geometry(theme, None)
    style = grid.GridStyle.from_theme(theme, theme.sections.booklet.grid)
    refs = PageRefs(reserve_digits(len(conf.sessions)), {})
    texts = fast_texts(pdf)
    for day in days(conf):
        label = f"{day.date:%A} {day.date.day} {day.date:%B}"
        pages, also = booklet_grid.day_pages(conf, day, style, geometry,
                                             booklet_grid.title_height(theme),
                                             refs.width(style.time.font, style.time.size))
        glance = [i + 1 for i, t in enumerate(texts) if f"{label} \u00b7 at a glance" in t]
        numbers = glance[:len(pages)]  # the grid's pages, then the list's
        assert len(numbers) == len(pages)
        assert not any("also today" in texts[n - 1] for n in numbers[:-1])
        seen = set()
        for n, page in zip(numbers, pages, strict=True):
            x0 = geometry.frame_x(n)
            for b in (*page.top, *page.boxes):
                if not b.text:
                    continue
                rect = (x0 + b.x, geometry.bottom + b.y, x0 + b.x + b.w,
                        geometry.bottom + b.y + b.h)
                # (read by lines: a page reference at the right of a title's first line
                # comes between its words)
                inside = squash(re.sub(r"(^| )p\. \d+( |$)", " ", " ".join(
                    w["text"] for w in glance_words_in(pdf, n, rect))))
                assert squash(b.cell.session.title) in inside, (n, b.cell.session.title)
                seen.add(b.cell.session.id)
        assert seen | {s.id for s in also} == {s.id for s in day.sessions}
    if source == KVM:
        assert len(conf.sessions) == 64
    assert "grid cell" not in err and "grid band" not in err
    # No word is cut with an ellipsis; a title's own ("Port it… Build it…") is no cut.
    own = " ".join(s.title for s in conf.sessions if "\u2026" in s.title)
    for k, (words, _, _) in glance_words(pdf).items():
        cut = [w["text"] for w in words if "\u2026" in w["text"]]
        assert all(w in own for w in cut), (k, cut)


def test_grid_pages_are_clean_and_the_book_folds(made):
    """The grid's pages: no words over each other, none in the 5 mm by the trim (the whole
    booklets of the samples are checked so in tests/products/test_samples.py)."""
    _, pdf, _ = made
    assert len(fast_texts(pdf)) % 4 == 0
    assert glance_faults(pdf, 5) == []


def test_grid_contents_points_at_the_first_grid_page_and_no_bare_notes_inside(made):
    source, pdf, _ = made
    texts = fast_texts(pdf)  # pdfium's own text: a 768-page booklet in 0.5 s, not 6 s
    last_talk = max(i for i, t in enumerate(texts) if "\u00b7 talks" in t)
    # A page of notes only (not a day's overview, whose foot is ruled for notes).
    assert not any(t.startswith("Notes") or ("\nNotes\n" in t and "Rooms today" not in t)
                   for t in texts[:last_talk])
    contents = texts[1]
    for day in days(load(source)):
        label = f"{day.date:%A} {day.date.day} {day.date:%B}"
        page = int(re.search(re.escape(label) + r": at a glance\s*(\d+)", contents)[1])
        assert "at a glance" in texts[page - 1] and label in texts[page - 1]


def test_day_overview_page_is_not_left_mostly_white(made):
    """A day's overview (the right-hand page before a grid spread) is filled to the foot:
    its lists, then ruled lines for notes; none of its text lies on a rule."""
    source, pdf, _ = made
    doc = pdfium.PdfDocument(pdf)
    overviews = [i for i, t in enumerate(fast_texts(pdf)) if "\u00b7 overview" in t]
    # 31c3's Tuesday has one (p. 139: Monday's talks end on p. 138, and the two-page grid
    # starts on p. 140). KVM's 40 pages need none since the finishing pass: Monday's talks
    # end on p. 11, so Tuesday's grid spread is pp. 12-13 as it is.
    assert overviews or source.name != "31c3.xml"
    if not overviews:
        pytest.skip("no day of this event starts its grid on a right-hand page")
    for i in overviews:
        page = doc[i]
        height = page.get_height()
        rules = [obj.get_bounds() for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH])]
        rules = [r for r in rules if r[3] - r[1] < 1 and r[2] - r[0] > 100  # long hairlines
                 and r[1] < height * 0.9]  # not the running head's
        chars = [c for c in page_chars_at(pdf, i) if c["top"] < height * 0.92]  # not the folio
        lowest = max([c["bottom"] for c in chars] + [height - r[1] for r in rules])
        assert lowest > height * 0.75, f"page {i + 1}: its lower quarter is left white"
        lines = {round(c["top"]) for c in chars}
        for r in rules:
            assert not any(abs(height - r[1] - top) < 2 for top in lines), f"page {i + 1}"


def test_grid_kvm_rebuild_is_byte_identical(tmp_path):
    for name in ("a", "b"):
        with contextlib.redirect_stderr(io.StringIO()):
            assert main(["booklet", "--out", str(tmp_path / f"{name}.pdf")]) == 0
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_grid_thousand_sessions_seventy_rooms_within_24_pages_a_day():
    import synthetic

    conf = synthetic.event(talks=1000, rooms=70, day_count=4)
    style = grid.GridStyle.from_theme(load_theme(), load_theme().sections.booklet.grid)
    size = (mm(121), mm(183) - 16 * 1.15 - mm(1.6))
    for day in days(conf):
        rooms, also = grid.choose_rooms(conf, day, size[0], style)
        pages = grid.plan(conf, day, rooms, size, style)
        assert len(pages) <= 24
        shown = {b.cell.session.id for p in pages for b in p.boxes if b.text}
        assert shown | {s.id for s in also} >= {s.id for s in day.talks}


def test_warnings_summarised_one_line_per_kind():
    many = [f"session t{i} 'Title {i}': title has characters no bundled font covers "
            f"(U+{i:04X}); they print as \ufffd" for i in range(1400)]
    many += [f"speaker s{i} 'Name {i}' has no bio" for i in range(300)]
    many += ["no website in conference.yaml: the poster has no QR code"]
    lines = summarise(many)
    assert len(lines) == 3
    assert lines[0].startswith("1400 times: title has characters no bundled font covers")
    assert "first: session t0 'Title 0'; session t1 'Title 1'; session t2 'Title 2'" \
        in lines[0]
    assert lines[2] == "no website in conference.yaml: the poster has no QR code"
    assert summarise(many, verbose=True) == many


def test_warnings_summarised_when_titles_hold_a_colon_or_run_long():
    """A title in quotes may hold ': ' ("Keynote: Tim Davis") or be long: the item is what
    comes before the first ': ' outside quotes, so such warnings still group (JuliaCon
    2023's 289 talks without a URL were one line and ~100 more, one each)."""
    titles = ["Keynote: Tim Davis", "Short", "A very long title " * 6, "Q&A: part 2"]
    many = [f"session s{i} '{t}': has no URL, so its entry has no QR code"
            for i, t in enumerate(titles * 5)]
    lines = summarise(many)
    assert lines == ["20 times: has no URL, so its entry has no QR code (first: session s0 "
                     "'Keynote: Tim Davis'; session s1 'Short'; session s2 "
                     f"'{titles[2]}'; --verbose lists all)"]
    sentence = "x" * 90 + ": not an item"  # no quotes, too long before ': ': not an item
    assert summarise([sentence] * 4) == [
        f"4 times: {sentence} (and others like it; --verbose lists all)"]


def test_grid_events_for_everyone_at_once_share_one_band(tmp_path: Path):
    """A lunch in each of three rooms at once (JuliaCon 2023 holds one in each of four)
    prints as one band with a line each: as bands of their own they were drawn over one
    another (626 overlapping words in that booklet)."""
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from printprog.schedule.model import Conference, Kind, Room, Session

    tz = ZoneInfo("Europe/Berlin")

    def at(h: int, m: int = 0) -> datetime:
        return datetime(2031, 5, 6, h, m, tzinfo=tz)

    rooms = tuple(Room(r, f"Room {r.upper()}", n) for n, r in enumerate("abc"))
    sessions = [Session(f"lunch-{r.id}", f"Lunch ({r.name})", at(12), at(13), r.id, Kind.MEAL)
                for r in rooms]
    for r in rooms:
        sessions += [Session(f"{r.id}-am", f"Morning talk in {r.name}", at(10), at(11), r.id),
                     Session(f"{r.id}-pm", f"Afternoon talk in {r.name}", at(14), at(15), r.id)]
    conf = Conference(name="Lunches 2031", short_name="L", start_date=date(2031, 5, 6),
                      end_date=date(2031, 5, 6), timezone="Europe/Berlin",
                      website="https://l.example.org", session_url="https://l.example.org/{id}",
                      rooms=rooms, sessions=tuple(sorted(sessions, key=lambda s: (s.start, s.id))))
    out = tmp_path / "lunches.pdf"
    booklet.build(conf, out, load_theme("default"))
    glance = [n for n, t in enumerate(fast_texts(out)) if "at a glance" in t]
    assert glance
    places = []  # where each "Lunch" starts
    for n in glance:
        chars = page_chars_at(out, n)
        assert overlapping_words(extract_words(chars)) == []
        text = "".join(c["text"] for c in chars)
        places += [(n, round(chars[i]["x0"]), round(chars[i]["top"]))
                   for i in range(len(text)) if text.startswith("Lunch (Room", i)]
    assert len(places) == 3 and len(set(places)) == 3  # three lines, none over another
    text = squash("".join(fast_texts(out)[n] for n in glance))
    assert all(squash(f"Lunch (Room {r})") in text for r in "ABC")
