"""The booklet made in parts (products/booklet/parts.py): the same bytes for any --jobs, and a
booklet a reader cannot tell from one laid out in one piece: page numbers in the contents,
grids and index that lead to the talk, folios and margins right across the parts' seams,
bookmarks, links between parts, fonts embedded, qpdf clean."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest

import synthetic
from conftest import KVM
from pdfcheck import (
    fonts_not_embedded,
    internal_links,
    page_texts,
    pdffonts_embedded,
    qpdf_check,
    squash,
)
from printprog.core.units import PT_PER_MM
from printprog.draw import fonts
from printprog.importers import load
from printprog.products.booklet import parts
from printprog.products.booklet.options import Options
from printprog.products.booklet.product import _geometry
from printprog.render import render
from printprog.theme.loader import load_theme

#: 322 sessions over three days, ten rooms: the first two days' grids take two pages each
#: (a part of their own), the third's one (it goes with the second's part).
EVENT = dict(talks=320, rooms=10, day_count=2, speakers=200)


@pytest.fixture(scope="module")
def conf():
    return synthetic.event(**EVENT)


@pytest.fixture(scope="module")
def booklets(conf, tmp_path_factory) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("parts")
    theme = load_theme("default")
    out = {}
    for jobs in (1, 2, 3):
        out[jobs] = folder / f"jobs{jobs}.pdf"
        render("booklet", conf, theme, Options(jobs=jobs), out[jobs])
    return out


@pytest.fixture(scope="module")
def booklet(booklets) -> Path:
    return booklets[1]


@pytest.fixture(scope="module")
def texts(booklet) -> list[str]:
    return page_texts(booklet)


def _layout(conf):
    fonts.register()
    theme = load_theme("default")
    return parts.plan(conf, theme, _geometry(theme, None))


def test_booklet_parts_same_bytes_for_any_jobs(booklets):
    assert booklets[1].read_bytes() == booklets[2].read_bytes() == booklets[3].read_bytes()


def test_booklet_parts_only_large_events_with_spread_grids(conf):
    layout = _layout(conf)
    assert len(conf.sessions) >= parts.SPLIT_FROM
    assert layout is not None
    assert layout.front == []
    assert [[d.date.day for d in g] for g in layout.groups] == [[27], [28, 29]]
    assert layout.count == 4  # front, two day parts, back matter
    assert _layout(load(KVM)) is None  # the bundled event: one document
    smaller = synthetic.event(**{**EVENT, "talks": parts.SPLIT_FROM - 10})
    assert len(smaller.sessions) < parts.SPLIT_FROM and _layout(smaller) is None


def test_booklet_parts_every_title_fonts_embedded_qpdf_clean(booklet, texts, conf):
    text = squash("".join(texts))
    assert [s.title for s in conf.sessions if squash(s.title) not in text] == []
    assert fonts_not_embedded(booklet) == []
    assert all(emb == "yes" for _, emb in pdffonts_embedded(booklet))
    assert qpdf_check(booklet)[0] == 0
    assert len(texts) % 4 == 0


def test_booklet_parts_links_and_page_numbers_lead_to_the_talk(booklet, texts):
    links = internal_links(booklet)
    by_name = [t for t in links if not re.search(r"p\.\s?\d+", t[1])]
    numbered = [t for t in links if re.search(r"p\.\s?\d+", t[1])]
    assert len(numbered) > 600  # grid cells and the speakers' index, in every part
    speakers = next(i for i, t in enumerate(texts) if t.startswith("Speakers A to Z")) + 1
    # Links go from the grids (day parts) and from the index (the back) to the talks.
    assert {p < speakers for p, _, _ in numbered} == {True, False}
    wrong = []
    for page, text, target in numbered:
        printed = int(re.search(r"p\.\s?(\d+)", text)[1])
        words = re.sub(r"p\.\s?\d+|\d\d:\d\d(–\d\d:\d\d)?|·|\b(Fri|Sat|Sun)\b", " ",
                       text).split()
        lead = squash(" ".join(words[:2]).rstrip("…"))
        if printed != target or lead not in squash(texts[target - 1]):
            wrong.append((page, text, target))
    assert wrong == []
    assert by_name  # the contents' entries, among others


def test_booklet_parts_contents_numbers_are_where_the_sections_are(booklet, texts):
    found = {title: int(page) for title, page in
             re.findall(r"^(.+?) (\d+)$", texts[1], re.MULTILINE)
             if not title.startswith("Saal")}  # the rooms' legend under the contents
    assert set(found) == {f"{day} December: {what}" for day in ("Friday 27", "Saturday 28",
                                                                "Sunday 29")
                          for what in ("at a glance", "talks")} | {"Speakers A to Z",
                                                                    "Venues and rooms"}
    def opens(title: str, page: int) -> bool:
        """Whether ``page`` carries the section's title line (a day's grid: the day's
        name over the grid's room heads), not merely its running head."""
        lines = texts[page - 1].splitlines()
        if title.endswith(": at a glance"):
            return title.removesuffix(": at a glance") in lines[:3] and \
                any(line.startswith("Saal 1 Saal 2") for line in lines)
        return title in lines[:3]

    for title, page in found.items():
        # The page the contents gives is where the section begins.
        assert opens(title, page), (title, page, texts[page - 1][:80])
        assert not opens(title, page - 1), (title, page)


def test_booklet_parts_folios_and_margins_across_the_seams(booklet, texts):
    doc = pdfium.PdfDocument(str(booklet))
    width = doc[0].get_size()[0]
    inside = load_theme("default").sections.booklet.margins.inside
    wrong = []
    for n in range(2, len(texts)):  # the covers have none
        page = doc[n - 1]
        textpage = page.get_textpage()
        foot = [textpage.get_text_bounded(0, 0, width, 40)]
        if texts[n - 1].startswith("Notes") or n == len(texts):
            continue
        number = re.findall(r"\d+", foot[0])
        if number[-1:] != [str(n)]:
            wrong.append((n, foot[0]))
            continue
        # Rectos (odd) carry the folio at the outer, right edge; versos at the left.
        boxes = [textpage.get_charbox(i) for i in range(textpage.count_chars())]
        low = [b for b in boxes if b[3] < 40]
        left = min(b[0] for b in low) / PT_PER_MM
        if (left > width / PT_PER_MM / 2) != (n % 2 == 1):
            wrong.append((n, "side", round(left)))
        # The text block keeps the inside margin on the spine's side.
        xs = [b[0] for b in boxes if b[3] >= 40]
        if n % 2 and xs and min(xs) / PT_PER_MM < inside - 0.5:
            wrong.append((n, "inside", round(min(xs) / PT_PER_MM, 1)))
    assert wrong == []


def test_booklet_parts_bookmarks_lead_to_their_sections(booklet, texts):
    reader = pypdf.PdfReader(booklet)
    seen = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
                continue
            seen.append((depth, item.title, reader.get_destination_page_number(item) + 1))
    walk(reader.outline, 0)
    titles = [t for _, t, _ in seen]
    assert titles[:2] == ["SynCon", "Contents"]
    for title in ("Friday 27 December", "Saturday 28 December", "Sunday 29 December",
                  "Speakers A to Z", "Venues and rooms"):
        assert (0, title) in [(d, t) for d, t, _ in seen]
    assert (1, "Talks, Saturday 28 December") in [(d, t) for d, t, _ in seen]
    for _, title, page in seen[1:]:
        assert squash(title.replace("Talks, ", "")) in squash(texts[page - 1]), (title, page)
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_booklet_parts_print_production_in_the_join(booklet, conf):
    """Without bleed or marks, print production finishes the joined file as it ends (no
    rewrite): the report in the document information, the schedule embedded, each page's
    boxes its own size."""
    import pikepdf

    from printprog.production.rewrite import embedded_report

    with pikepdf.open(booklet) as pdf:
        report = embedded_report(pdf)
        assert report is not None and report["product"] == "booklet"
        # every talk's QR code, from every part, and the back cover's
        assert report["qr_count"] == len([s for s in conf.sessions if not s.plenary]) + 1
        assert [str(n) for n in pdf.Root.Names.EmbeddedFiles.Names[::2]] == \
            ["printprog-source.yaml"]
        for page in pdf.pages:
            box = [float(v) for v in page.mediabox]
            assert [float(v) for v in page.obj.TrimBox] == box
            assert [float(v) for v in page.obj.BleedBox] == box


def test_booklet_parts_with_bleed_rewritten_around_the_trim(conf, tmp_path: Path):
    from printprog.production.spec import Production

    out = tmp_path / "bleed.pdf"
    render("booklet", conf, load_theme("default"), Options(jobs=2), out,
           Production(bleed_mm=3))
    assert qpdf_check(out)[0] == 0
    reader = pypdf.PdfReader(out)
    page = reader.pages[10]
    media, trim = page.mediabox, page.trimbox
    assert round((float(media.width) - float(trim.width)) / PT_PER_MM) == 6
    assert round(float(trim.width) / PT_PER_MM) == 148
    # The back cover (a left-hand page of the back matter, laid out as a right-hand one and
    # moved to the left) is in its colour to the edge of the bleed on both sides.
    assert len(reader.pages) % 4 == 0
    document = pdfium.PdfDocument(str(out))
    pixels = document[len(document) - 1].render(scale=2).to_pil().convert("RGB")
    w, h = pixels.size
    cover = pixels.getpixel((w // 2, h // 10))
    edges = {pixels.getpixel((x, y)) for x in (0, 1, w - 2, w - 1) for y in (h // 10, h // 2)}
    assert edges == {cover} and cover != (255, 255, 255)
