"""pdfjoin.join, the streaming join of --jobs and of badges drawn in parts: the same pages,
order, fonts and bookmarks as joining with pikepdf in memory (the join it replaced, kept
below as the reference), a valid file (qpdf --check), the same bytes every time."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from pdfcheck import font_names, fonts_not_embedded, page_texts, qpdf_check
from printprog.pdf.join import Bookmark, join, retag_subsets
from printprog.pdf.joindrawn import join_drawn
from printprog.pdf.writer import Meta, new_canvas

PAGES = (2, 3, 1)  # pages of each part


def _part(path: Path, k: int, pages: int) -> Path:
    canvas = new_canvas(path, (300, 200), Meta(title=f"part {k}", author="A", subject="S"))
    for n in range(pages):
        canvas.setFont("Sans-Bold" if n % 2 else "Sans", 14)
        canvas.drawString(20, 150, f"part {k} page {n} Zoë")
        canvas.linkURL(f"https://example.org/{k}/{n}", (20, 100, 120, 120))
        canvas.showPage()
    canvas.save()
    return path


@pytest.fixture
def parts(tmp_path) -> list[Path]:
    return [_part(tmp_path / f"part-{k}.pdf", k, n) for k, n in enumerate(PAGES)]


def _pikepdf_join(paths: list[Path], out: Path, bookmarks: list[Bookmark]) -> Path:
    """The join before pdfjoin: every part open at once, one pikepdf Pdf of all pages."""
    with pikepdf.new() as pdf:
        sources = [pikepdf.open(p) for p in paths]
        for k, source in enumerate(sources):
            if k:
                retag_subsets(source, k)
            pdf.pages.extend(source.pages)
        with pdf.open_outline() as outline:
            outline.root.extend(_items(bookmarks))
        pdf.save(out)
        for source in sources:
            source.close()
    return out


def _items(bookmarks: list[Bookmark]) -> list:
    items = []
    for b in bookmarks:
        item = pikepdf.OutlineItem(b.title, b.page)
        item.children.extend(_items(b.children))
        items.append(item)
    return items


def _outline(path: Path) -> list:
    """(title, 0-based page, children) of every bookmark."""
    with pikepdf.open(path) as pdf:
        pages = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}

        def walk(items) -> list:
            return [(str(i.title), pages[i.destination[0].objgen], walk(i.children))
                    for i in items]

        with pdf.open_outline() as outline:
            return walk(outline.root)


MARKS = [Bookmark("Part 0", 0, [Bookmark("Zoë's page", 1)]), Bookmark("日本語", 2),
         Bookmark("Last", 5)]


def test_join_gives_the_pages_of_the_in_memory_join(parts, tmp_path):
    new = join(parts, tmp_path / "new.pdf", MARKS)
    old = _pikepdf_join(parts, tmp_path / "old.pdf", MARKS)
    texts = page_texts(new)
    assert texts == page_texts(old)
    assert texts == [f"part {k} page {n} Zoë" for k, n_pages in enumerate(PAGES)
                     for n in range(n_pages)]
    assert qpdf_check(new)[0] == 0, qpdf_check(new)[1]
    assert fonts_not_embedded(new) == []
    assert _outline(new) == _outline(old) == [
        ("Part 0", 0, [("Zoë's page", 1, [])]), ("日本語", 2, []), ("Last", 5, [])]
    with pikepdf.open(new) as a, pikepdf.open(old) as b:
        assert [p.mediabox for p in a.pages] == [p.mediabox for p in b.pages]
        assert [str(p.obj.Annots[0].A.URI) for p in a.pages] == \
            [str(p.obj.Annots[0].A.URI) for p in b.pages]


def test_each_part_gets_its_own_subset_tags(parts, tmp_path):
    new = join(parts, tmp_path / "new.pdf")
    names = font_names(new)
    assert names == font_names(_pikepdf_join(parts, tmp_path / "old.pdf", []))
    prefixes = {n.split("+")[0][1:3] for n in names}
    assert prefixes == {"AA", "AB", "AC"}, names
    assert len(names) == 5  # two faces in parts 0 and 1, one in part 2 (one page)


def test_docinfo_version_and_bytes(parts, tmp_path):
    meta = Meta(title="Joined (all)", author="Événement", subject="3 parts")
    one = join(parts, tmp_path / "one.pdf", MARKS, meta=meta)
    two = join(parts, tmp_path / "two.pdf", MARKS, meta=meta)
    assert one.read_bytes() == two.read_bytes()
    with pikepdf.open(one) as pdf, pikepdf.open(parts[0]) as first:
        info = pdf.docinfo
        assert (str(info.Title), str(info.Author), str(info.Subject)) == \
            ("Joined (all)", "Événement", "3 parts")
        assert str(info.Creator) == str(first.docinfo.Creator) == "printprog"
        assert pdf.pdf_version == first.pdf_version
        assert len(pdf.trailer.ID) == 2 and pdf.trailer.ID[0] == pdf.trailer.ID[1]
    # Other parts give other bytes (the /ID follows the content).
    three = join(parts[:2], tmp_path / "three.pdf", meta=meta)
    with pikepdf.open(three) as a, pikepdf.open(one) as b:
        assert bytes(a.trailer.ID[0]) != bytes(b.trailer.ID[0])


def test_inherited_attributes_reach_each_page(tmp_path):
    """A part whose pages take their MediaBox and Resources from the page tree keeps them."""
    source = _part(tmp_path / "p.pdf", 0, 2)
    with pikepdf.open(source) as pdf:
        first = pdf.pages[0].obj
        pdf.Root.Pages.MediaBox = first.MediaBox
        pdf.Root.Pages.Resources = first.Resources
        for page in pdf.pages:
            del page.obj["/MediaBox"]
            del page.obj["/Resources"]
        pdf.save(tmp_path / "inheriting.pdf")
    out = join([tmp_path / "inheriting.pdf", source], tmp_path / "out.pdf")
    assert page_texts(out) == ["part 0 page 0 Zoë", "part 0 page 1 Zoë"] * 2
    with pikepdf.open(out) as pdf:
        assert all("/MediaBox" in p.obj and "/Resources" in p.obj for p in pdf.pages)
        assert "/MediaBox" not in pdf.Root.Pages


def test_nothing_to_join(tmp_path):
    with pytest.raises(ValueError):
        join([], tmp_path / "out.pdf")
    assert not (tmp_path / "out.pdf").exists()


def _linked_part(path: Path, place: str | None, target: str) -> Path:
    """One page that links to ``target`` and, with ``place``, is that place."""
    from printprog.draw import rlprivate

    canvas = new_canvas(path, (300, 200), Meta(title="t", author="A", subject="S"))
    canvas.setFont("Sans", 14)
    canvas.drawString(20, 150, f"here is {place}")
    if place:
        canvas.bookmarkHorizontal(place, 0, 120)
    rlprivate.link(canvas, (20, 100, 120, 120), f"#{target}")
    canvas.showPage()
    elsewhere = rlprivate.name_destinations(canvas)
    canvas.save()
    assert elsewhere == ([] if place == target else [target])
    return path


@pytest.mark.parametrize("joiner", [join, join_drawn])
def test_join_named_destinations_lead_across_parts(tmp_path: Path, joiner):
    a = _linked_part(tmp_path / "a.pdf", "first", "second")
    b = _linked_part(tmp_path / "b.pdf", "second", "first")
    c = _linked_part(tmp_path / "c.pdf", "third", "third")  # a link inside its part
    out = joiner([a, b, c], tmp_path / "out.pdf", [Bookmark("A", 0)],
                 dests=["second", "first"], outlines_open=True)
    assert qpdf_check(out)[0] == 0
    with pikepdf.open(out) as pdf:
        named = {k: pdf.pages.index(pikepdf.Page(v[0])) for k, v in pdf.Root.Dests.items()}
        assert named == {"/first": 0, "/second": 1}  # only the names asked for
        links = [p.obj.Annots[0].Dest for p in pdf.pages]
        assert [str(d) for d in links[:2]] == ["/second", "/first"]
        assert pdf.pages.index(pikepdf.Page(links[2][0])) == 2
        assert pdf.Root.PageMode == "/UseOutlines"
    plain = joiner([a, b, c], tmp_path / "plain.pdf", [Bookmark("A", 0)])
    with pikepdf.open(plain) as pdf:
        assert "/Dests" not in pdf.Root and "/PageMode" not in pdf.Root


def test_join_drawn_same_pages_fonts_outline_and_info_as_join(parts, tmp_path: Path):
    marks = [Bookmark("one", 0, [Bookmark("two", 2)]), Bookmark("three", 5)]
    meta = Meta(title="T", author="A", subject="S")
    a = join(parts, tmp_path / "a.pdf", marks, meta)
    b = join_drawn(parts, tmp_path / "b.pdf", marks, meta)
    assert qpdf_check(b)[0] == 0
    assert page_texts(b) == page_texts(a)
    assert font_names(b) == font_names(a) and len(font_names(b)) == 5  # the 1-page part: 1
    assert fonts_not_embedded(b) == []
    assert _outline(b) == _outline(a)
    with pikepdf.open(a) as x, pikepdf.open(b) as y:
        assert dict(y.docinfo) == dict(x.docinfo)
        assert [p.Contents.read_bytes() for p in y.pages] == \
            [p.Contents.read_bytes() for p in x.pages]
    assert b.read_bytes() == join_drawn(parts, tmp_path / "c.pdf", marks, meta).read_bytes()


def test_join_drawn_refuses_a_file_reportlab_did_not_write(parts, tmp_path: Path):
    other = tmp_path / "other.pdf"
    with pikepdf.open(parts[0]) as pdf:
        pdf.save(other)
    with pytest.raises(ValueError, match="not a PDF reportlab wrote"):
        join_drawn([parts[0], other], tmp_path / "out.pdf")


def test_join_drawn_takes_parts_as_they_come_and_names_when_all_are_copied(tmp_path: Path):
    a = _linked_part(tmp_path / "a.pdf", "first", "second")
    b = _linked_part(tmp_path / "b.pdf", "second", "first")
    c = _linked_part(tmp_path / "c.pdf", "third", "third")
    marks = [Bookmark("A", 0)]
    whole = join_drawn([a, b, c], tmp_path / "whole.pdf", marks, dests=["second", "first"],
                       outlines_open=True)
    copied = []

    def ready():  # each part handed over when it is "done"
        for path in (a, b, c):
            copied.append(path)
            yield path

    def late(value):
        def call():
            assert copied == [a, b, c]  # asked for once every part is copied
            return value
        return call
    lazy = join_drawn(ready(), tmp_path / "lazy.pdf", late(marks),
                      dests=late(["second", "first"]), outlines_open=True)
    assert lazy.read_bytes() == whole.read_bytes()
    with pytest.raises(ValueError):
        join_drawn(iter([]), tmp_path / "none.pdf")
