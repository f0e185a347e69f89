"""The day poster, asserted on the PDF: one page per day holding every title of that day and
no other day's, the booklet's grid at poster scale, QR to the website, safe area, no overlaps,
fonts embedded, qpdf clean, same bytes twice."""

from __future__ import annotations

import contextlib
import io
from datetime import date
from pathlib import Path

import pypdf
import pytest

from conftest import KVM, MINI
from pdfcheck import (
    chars_outside,
    decode_qr,
    font_names,
    fonts_not_embedded,
    overlapping_lines,
    page_texts,
    qpdf_check,
    render,
    squash,
    words_in,
)
from printprog.cli import main
from printprog.core.report import Report
from printprog.core.units import PT_PER_MM
from printprog.importers import load
from printprog.layout.grid import GridStyle
from printprog.products.poster import product as poster
from printprog.products.signage.product import day_label
from printprog.schedule.views import days
from printprog.theme.loader import load_theme

THEME = load_theme()
MARGIN_MM = THEME.number("poster", "margin")


def _poster(args: list[str], out: Path) -> int:
    return main(["poster", *args, "--out", str(out)])


@pytest.fixture(scope="module")
def kvm_poster(tmp_path_factory) -> tuple[Path, str]:
    """The default poster of the bundled event, and what the command printed on stderr."""
    out = tmp_path_factory.mktemp("poster") / "poster.pdf"
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert _poster(["--data", str(KVM)], out) == 0
    return out, err.getvalue()


def _sheets(conf, st: poster.PosterStyle, day) -> list[poster.Page]:
    return poster.plan(conf, day, st, Report(), conf.website)


def _assert_days(pdf: Path, data: Path, wanted: list[date], paper: str | None = None) -> None:
    """The wanted days' sheets in order, every session of the day in exactly one text box
    of its sheets, each box holding its whole title, and no title held only on other days
    anywhere on the page."""
    conf = load(data)
    st = poster.PosterStyle.from_theme(THEME, paper)
    texts = page_texts(pdf)
    n = 0
    for day in wanted:
        (today,) = [d for d in days(conf) if d.date == day]
        placed: list[str] = []
        for sheet in _sheets(conf, st, today):
            text = texts[n]
            n += 1
            assert day_label(day) in text
            if sheet.also is not None:
                placed += [e.session.id for col in sheet.also.columns for e in col]
            for b in (*sheet.grid.top, *sheet.grid.boxes) if sheet.grid else ():
                if not b.text:
                    continue
                placed.append(b.cell.session.id)
                x, y = st.margin + b.x, sheet.grid_y + b.y
                inside = words_in(pdf, n, (x, y, x + b.w, y + b.h))
                assert squash(b.cell.session.title) in squash(" ".join(w["text"]
                                                                      for w in inside))
            titles = {squash(s.title) for s in today.sessions}
            elsewhere = {squash(s.title) for s in conf.sessions if s.conference_day != day}
            assert [t for t in elsewhere - titles if t in squash(text)] == []
        assert sorted(placed) == sorted(s.id for s in today.sessions)
    assert n == len(texts)


def test_poster_kvm_one_page_per_day_with_every_title(kvm_poster):
    pdf, err = kvm_poster
    assert len(pypdf.PdfReader(pdf).pages) == 3
    _assert_days(pdf, KVM, [date(2013, 10, 21), date(2013, 10, 22), date(2013, 10, 23)])
    assert "cut short" not in err


def test_poster_day_asked_gives_one_page(tmp_path):
    assert _poster(["--day", "tuesday", "--data", str(KVM)], tmp_path / "p.pdf") == 0
    _assert_days(tmp_path / "p.pdf", KVM, [date(2013, 10, 22)])


def test_poster_header_and_footer(kvm_poster):
    pdf, _ = kvm_poster
    texts = page_texts(pdf)
    assert all(t.startswith("KVM Forum + oVirt Developers Summit 2013\n") for t in texts)
    assert all("kvmforum2013.sched.org" in t for t in texts)
    # The day's off-site venue with its address, for the walk to the reception.
    assert "Lebowski's Bar: 18 Morrison Street, Edinburgh" in texts[0]
    assert "Cargo Bar: 129 Fountainbridge, Edinburgh" in texts[1]
    assert "National Museum of Scotland: Chambers St, Edinburgh" in texts[2]


def test_poster_grid_heads_each_column_with_its_room(kvm_poster):
    pdf, _ = kvm_poster
    conf = load(KVM)
    st = poster.PosterStyle.from_theme(THEME)
    for n, day in enumerate(days(conf), 1):
        (sheet,) = _sheets(conf, st, day)
        g = sheet.grid
        top = sheet.grid_y + g.grid_top
        assert [r.name for r in g.rooms] == [r.name for r in day.rooms]
        for room, (x, w) in zip(g.rooms, g.columns, strict=True):
            x += st.margin
            words = words_in(pdf, n, (x, top, x + w, top + g.header))
            assert " ".join(w["text"] for w in words) == room.name


def test_poster_sizes_meet_the_brief_on_a2_and_a3():
    """Titles at least 24 pt on A2 and 17 pt on A3 at the floor the grid grows from; QR
    40 mm on both."""
    for paper, least in (("a2", 24), ("a3", 17)):
        st = poster.PosterStyle.from_theme(THEME, paper)
        assert st.grid.title.size >= least - 1e-6
        assert st.qr >= 40 * PT_PER_MM - 1e-6


def test_poster_keynote_panel_spans_all_columns(kvm_poster):
    """Wednesday's keynote panel (kind panel, titled a keynote, alone in the main hall)."""
    conf = load(KVM)
    st = poster.PosterStyle.from_theme(THEME)
    wednesday = days(conf)[2]
    (sheet,) = _sheets(conf, st, wednesday)
    bands = [b.cell.session.title for b in sheet.grid.boxes if b.cell.kind == "band"]
    assert any(t.startswith("Keynote Panel") for t in bands)


def test_poster_grid_style_is_the_booklet_grid_at_poster_scale():
    booklet = GridStyle.from_theme(THEME, THEME.sections.booklet.grid)
    style = poster.PosterStyle.from_theme(THEME).grid
    assert style.title.size > booklet.title.size and style.min_size >= 10
    a3 = poster.PosterStyle.from_theme(THEME, "a3").grid
    assert a3.title.size == pytest.approx(
        style.title.size * THEME.get("poster", "paper_scale")["a3"])


def test_poster_qr_decodes_to_the_website(kvm_poster, tmp_path):
    pdf, _ = kvm_poster
    png = render(pdf, 1, tmp_path / "p1.png", dpi=100)
    assert decode_qr(png) == ["https://kvmforum2013.sched.org"]


def test_poster_stays_in_safe_area_without_overlaps(kvm_poster):
    pdf, _ = kvm_poster
    assert MARGIN_MM >= 10
    assert chars_outside(pdf, MARGIN_MM) == []
    assert overlapping_lines(pdf) == []


def test_poster_fonts_embedded_qpdf_clean_and_metadata(kvm_poster):
    pdf, _ = kvm_poster
    assert fonts_not_embedded(pdf) == []
    assert all("NotoSans" in name for name in font_names(pdf))
    code, output = qpdf_check(pdf)
    assert code == 0, output
    meta = pypdf.PdfReader(pdf).metadata
    assert meta.title == "KVM Forum 2013: day poster"
    assert meta.author == "KVM Forum + oVirt Developers Summit 2013"
    assert meta.subject.startswith("Day at a glance")


def test_poster_a3_is_a3_portrait_and_still_holds_every_title(tmp_path, capsys):
    pdf = tmp_path / "a3.pdf"
    assert _poster(["--paper", "a3", "--data", str(KVM)], pdf) == 0
    assert "cut short" not in capsys.readouterr().err
    box = pypdf.PdfReader(pdf).pages[0].mediabox
    assert (round(float(box.width) / PT_PER_MM), round(float(box.height) / PT_PER_MM)) == (
        297, 420)
    _assert_days(pdf, KVM, [date(2013, 10, 21), date(2013, 10, 22), date(2013, 10, 23)], "a3")
    assert chars_outside(pdf, MARGIN_MM) == [] and overlapping_lines(pdf) == []


def test_poster_mini_same_bytes_twice(tmp_path, capsys):
    for run in ("a", "b"):
        assert _poster(["--data", str(MINI)], tmp_path / f"{run}.pdf") == 0
    assert capsys.readouterr().out.splitlines() == [str(tmp_path / "a.pdf"),
                                                    str(tmp_path / "b.pdf")]
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    _assert_days(tmp_path / "a.pdf", MINI, [date(2030, 5, 6), date(2030, 5, 7)])


def test_poster_unknown_day_is_one_line_error(tmp_path, capsys):
    assert _poster(["--day", "2030-01-01", "--data", str(MINI)], tmp_path / "p.pdf") == 1
    assert capsys.readouterr().err == (
        "error: no sessions on day '2030-01-01'; the conference days are: "
        "2030-05-06 (Monday), 2030-05-07 (Tuesday)\n")
    assert not (tmp_path / "p.pdf").exists()


def test_poster_default_passes_preflight(tmp_path, capsys):
    """A default `printprog poster --preflight`: sizes, QR 40 mm, nothing shrunk or cut."""
    assert _poster(["--preflight", "--data", str(KVM)], tmp_path / "p.pdf") == 0
    out = capsys.readouterr().out
    assert "result: passed, 0 errors, 0 warnings" in out
    assert "0 texts shrunk to fit, 0 cut short" in out


def test_poster_qr_leads_to_the_days_page_with_day_url(mini, tmp_path, capsys):
    """With day_url in conference.yaml each day's sheet links to that day's page; without
    it, the home page with a warning that says so."""
    conf_yaml = mini / "conference.yaml"
    conf_yaml.write_text(conf_yaml.read_text(encoding="utf-8")
                         + 'day_url: "https://example.org/day/{day}"\n', encoding="utf-8")
    pdf = tmp_path / "p.pdf"
    assert _poster(["--data", str(mini)], pdf) == 0
    assert "day_url" not in capsys.readouterr().err
    conf = load(mini)
    for n, day in enumerate(days(conf), 1):
        png = render(pdf, n, tmp_path / f"d{n}.png", dpi=100)
        assert decode_qr(png) == [f"https://example.org/day/{day.date.isoformat()}"]
    assert _poster(["--data", str(KVM)], tmp_path / "k.pdf") == 0
    assert "no day_url in conference.yaml" in capsys.readouterr().err
