"""Print production without bleed, marks or CMYK, streamed (restream) for long PDFs: the
same document as the in-memory rewrite (pages, boxes, bookmarks and links, the report for
preflight, the embedded schedule), a valid file, the same bytes every run; files it does
not stream (object streams) still get the in-memory rewrite."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pikepdf
import pytest

from conftest import KVM
from pdfcheck import page_texts, qpdf_check
from printprog import render
from printprog.cli import main
from printprog.pdf import embedded as source
from printprog.production import rewrite as production
from printprog.production import stream as restream
from printprog.production.rewrite import Production, embedded_report, rewrite


def _build(tmp_path: Path, name: str, stream: bool, monkeypatch, *args: str,
           direct: bool = False) -> Path:
    """The product with the rewrite of a written file, streamed or in memory; or, with
    ``direct``, as a run makes it (finished before its one save when it can be)."""
    monkeypatch.setattr(production, "STREAM_PAGES", 1 if stream else 10**9)
    with monkeypatch.context() as patch:
        if not direct:
            patch.setattr(render, "finish", lambda *args: False)
        out = tmp_path / f"{name}-{'direct' if direct else 'stream' if stream else 'memory'}.pdf"
        assert main([name, "--data", str(KVM), "--out", str(out), *args]) == 0
    return out


def _document(path: Path) -> dict:
    """What a reader sees of a finished PDF, with page objects as page numbers."""
    with pikepdf.open(path) as pdf:
        pages = {p.obj.objgen: n for n, p in enumerate(pdf.pages)}

        def walk(items) -> list:
            out = []
            for item in items:
                dest = item.destination
                page = pages[dest[0].objgen] if isinstance(dest, pikepdf.Array) else str(dest)
                out.append((str(item.title), page, _dest(dest, pages), walk(item.children)))
            return out

        with pdf.open_outline() as outline:
            marks = walk(outline.root)
        boxes = [[list(p.obj[k]) for k in ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox")]
                 for p in pdf.pages]
        links = [[_annotation(a, pages) for a in p.obj.get("/Annots", [])] for p in pdf.pages]
        dests = sorted((str(k), _dest(v, pages))
                       for k, v in pikepdf.NameTree(pdf.Root.Names.Dests).items()) \
            if "/Dests" in pdf.Root.get("/Names", {}) else []
        contents = [b"".join(c.read_bytes() for c in _streams(p.obj)) for p in pdf.pages]
        spaces = [sorted((str(k), v.unparse(resolved=True)) for k, v in
                         p.obj.Resources.get("/ColorSpace", {}).items()) for p in pdf.pages]
        return {"info": {k: str(v) for k, v in pdf.docinfo.items()}, "marks": marks,
                "boxes": boxes, "links": links, "dests": dests, "version": pdf.pdf_version,
                "contents": contents, "colour_spaces": spaces,
                "report": embedded_report(pdf), "source": source.read(path),
                "page_mode": str(pdf.Root.get("/PageMode", ""))}


def _dest(dest, pages: dict) -> list:
    """A destination with its page as a page number."""
    if isinstance(dest, pikepdf.Dictionary):
        dest = dest.get("/D")
    if not isinstance(dest, pikepdf.Array):
        return [str(dest)]
    return [pages.get(dest[0].objgen) if isinstance(dest[0], pikepdf.Dictionary) else dest[0],
            *(str(v) if isinstance(v, pikepdf.Name) else float(v) if isinstance(v, Decimal)
              else v for v in dest[1:])]


def _annotation(annot, pages: dict) -> tuple:
    action = annot.get("/A", {})
    return (str(action.get("/URI", "")), list(annot.get("/Rect", [])),
            list(annot.get("/QuadPoints", [])), _dest(annot["/Dest"], pages)
            if "/Dest" in annot else _dest(action.get("/D"), pages))


def _streams(page) -> list:
    contents = page.get("/Contents")
    return [contents] if isinstance(contents, pikepdf.Stream) else list(contents or [])


PRINT = ("--bleed", "3", "--crop-marks")


@pytest.mark.parametrize("product,args", [
    ("booklet", ()), ("badges", ("--duplex",)), ("poster", ()), ("booklet", PRINT),
    ("badges", ("--duplex", *PRINT)), ("poster", PRINT), ("poster", ("--bleed", "3")),
    ("booklet", ("--crop-marks", "--impose", "saddle"))])
def test_streamed_rewrite_is_the_in_memory_one(product, args, tmp_path, monkeypatch):
    memory = _build(tmp_path, product, False, monkeypatch, *args)
    streamed = _build(tmp_path, product, True, monkeypatch, *args)
    assert streamed.read_bytes() != memory.read_bytes()  # the streamed path did run
    assert qpdf_check(streamed)[0] == 0, qpdf_check(streamed)[1]
    assert page_texts(streamed) == page_texts(memory)
    doc = _document(streamed)
    assert doc == _document(memory)
    assert doc["report"]["product"] == product and doc["source"].startswith(b"# The schedule")
    if product != "booklet":  # the same bytes every run: checked on the booklets below
        return
    again = _build(tmp_path / "again", product, True, monkeypatch, *args)
    assert again.read_bytes() == streamed.read_bytes()
    if "--impose" in args:  # the spreads, with a fold mark at the spine
        spreads = [p.with_name(p.stem + "-saddle.pdf") for p in (memory, streamed, again)]
        assert qpdf_check(spreads[1])[0] == 0
        assert _document(spreads[1]) == _document(spreads[0])
        assert spreads[2].read_bytes() == spreads[1].read_bytes() != spreads[0].read_bytes()


@pytest.mark.parametrize("product,args", [
    ("booklet", ()), ("badges", ("--duplex",)), ("poster", ()), ("changes", ()),
    ("booklet", ("--impose", "saddle"))])
def test_finished_before_saving_is_the_rewritten_document(product, args, tmp_path,
                                                          monkeypatch):
    """A run without bleed, marks or CMYK finishes its PDF before the one save
    (production/direct.py): what a reader finds is what the rewrite of the written file
    gives (boxes, report, embedded schedule, bookmarks, links, contents)."""
    if product == "changes":  # changes since a booklet: made first, the same way both times
        since = _build(tmp_path, "booklet", False, monkeypatch)
        args = ("--since", str(since))
    memory = _build(tmp_path, product, False, monkeypatch, *args)
    direct = _build(tmp_path, product, False, monkeypatch, *args, direct=True)
    assert direct.read_bytes() != memory.read_bytes()  # the direct path did run
    assert qpdf_check(direct)[0] == 0, qpdf_check(direct)[1]
    assert page_texts(direct) == page_texts(memory)
    assert _document(direct) == _document(memory)
    if "--impose" in args:
        spreads = [p.with_name(p.stem + "-saddle.pdf") for p in (memory, direct)]
        assert _document(spreads[1]) == _document(spreads[0])


def test_check_and_preflight_read_a_streamed_pdf(tmp_path, monkeypatch, capsys):
    streamed = _build(tmp_path, "badges", True, monkeypatch)
    assert main(["check", "--data", str(streamed)]) == 0
    assert "64 sessions, 48 speakers" in capsys.readouterr().out
    assert main(["preflight", str(streamed)]) == 0, capsys.readouterr()


def test_object_streams_fall_back_to_the_in_memory_rewrite(tmp_path, monkeypatch):
    memory = _build(tmp_path, "poster", False, monkeypatch)
    packed = tmp_path / "packed.pdf"
    with pikepdf.open(memory) as pdf:
        del pdf.Root["/AF"], pdf.Root["/Names"]
        pdf.save(packed, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    with pytest.raises(restream.NotStreamable), (tmp_path / "x.pdf").open("wb") as out:
        restream.rewrite(packed, out, {})
    monkeypatch.setattr(production, "STREAM_PAGES", 1)
    rewrite(packed, Production(), {"product": "poster"}, b"# src\n")
    assert qpdf_check(packed)[0] == 0
    with pikepdf.open(packed) as pdf:
        assert embedded_report(pdf) == {"product": "poster"}
    assert source.read(packed) == b"# src\n"
    assert not list(tmp_path.glob(".*tmp"))


def test_cmyk_keeps_the_in_memory_rewrite(tmp_path, monkeypatch):
    """The CMYK clean-up rewrites content streams and images: restream does not do it."""
    called = []
    monkeypatch.setattr(restream, "rewrite_file", lambda *a: called.append(a) or True)
    monkeypatch.setattr(production, "STREAM_PAGES", 1)
    out = tmp_path / "poster.pdf"
    assert main(["poster", "--data", str(KVM), "--out", str(out), "--colour", "cmyk"]) == 0
    assert called == []
    assert main(["poster", "--data", str(KVM), "--out", str(out), *PRINT]) == 0
    assert len(called) == 1 and called[0][3] == Production(3.0, True)


@pytest.mark.parametrize("marks", [None, Production(3.0, True)])
def test_reopening_the_source_changes_nothing(marks, tmp_path, monkeypatch, kvm_booklet):
    """The source is opened afresh every REOPEN objects (qpdf's cache dropped), in the
    first pass over pages, links and outline too: the same bytes whether that happens every
    3 objects or never."""
    memory = kvm_booklet  # the session's, rewritten in memory
    outputs = []
    for every in (3, 10**9):
        monkeypatch.setattr(restream, "REOPEN", every)
        with (tmp_path / f"every-{every}.pdf").open("wb") as out:
            restream.rewrite(memory, out, {"/Test": pikepdf.String("x")},
                             lambda pdf: source.attach(pdf, b"# src\n"), marks)
        outputs.append((tmp_path / f"every-{every}.pdf").read_bytes())
    assert outputs[0] == outputs[1]
    assert qpdf_check(tmp_path / "every-3.pdf")[0] == 0
    assert page_texts(tmp_path / "every-3.pdf") == page_texts(memory)


def _linked(path: Path) -> None:
    """A PDF with every place a destination or a link may sit: pages of two sizes (one not
    at the origin, one inheriting its MediaBox), contents in an array, a colour space of the
    page's own, outline items with a direct destination, an indirect action and a shared
    indirect destination, link annotations indirect and direct (with QuadPoints), a /Dests
    dictionary and a /Names /Dests name tree (a direct value and an indirect one)."""
    from pikepdf import Array, Dictionary, Name, Stream

    pdf = pikepdf.new()
    for size in ((200, 300), (300, 200), (200, 300)):
        pdf.add_blank_page(page_size=size)
    p0, p1, p2 = (p.obj for p in pdf.pages)
    p1.MediaBox = Array([10, 20, 310, 220])
    del p2["/MediaBox"]
    pdf.Root.Pages.MediaBox = Array([0, 0, 200, 300])
    for i, page in enumerate((p0, p1, p2)):
        page.Contents = Array([Stream(pdf, b"0 0 1 rg 0 0 50 50 re f"),
                               Stream(pdf, b"BT /F1 12 Tf 20 40 Td (page %d) Tj ET" % i)])
        page.Resources = Dictionary(Font=Dictionary(F1=pdf.make_indirect(Dictionary(
            Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))))
    p1.Resources.ColorSpace = pdf.make_indirect(Dictionary(CS0=Name.DeviceRGB))
    shared = pdf.make_indirect(Array([p1, Name.FitR, 20, 30, 100, 120]))
    link = pdf.make_indirect(Dictionary(
        Type=Name.Annot, Subtype=Name.Link, Rect=[15, 25, 60, 70],
        QuadPoints=[15, 25, 60, 25, 60, 70, 15, 70], Dest=Array([p0, Name.XYZ, 5, 6, 0])))
    action = pdf.make_indirect(Dictionary(S=Name.GoTo, D=Array([p1, Name.FitH, 150])))
    p1.Annots = Array([link, Dictionary(Type=Name.Annot, Subtype=Name.Link,
                                        Rect=[20, 30, 40, 50], A=action)])
    p0.Annots = Array([Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[1, 2, 3, 4],
                                  A=Dictionary(S=Name.GoTo, D=shared))])
    with pdf.open_outline() as outline:
        outline.root.extend([pikepdf.OutlineItem("one", 0), pikepdf.OutlineItem("two", 1)])
    first = pdf.Root.Outlines.First
    first.Dest = Array([p1, Name.XYZ, 12, 34, 0])
    first.Next.Dest = shared
    third = pdf.make_indirect(Dictionary(Title=pikepdf.String("three"), A=action,
                                         Parent=pdf.Root.Outlines, Prev=first.Next))
    first.Next.Next = third
    pdf.Root.Outlines.Last = third
    pdf.Root.Dests = pdf.make_indirect(Dictionary(here=Array([p2, Name.FitV, 7])))
    pdf.Root.Names = Dictionary(Dests=pdf.make_indirect(Dictionary(Names=Array([
        pikepdf.String("a"), Array([p1, Name.XYZ, 50, 60, 1]),
        pikepdf.String("b"), pdf.make_indirect(Dictionary(D=Array([p1, Name.FitBV, 8])))]))))
    pdf.save(path)


def _destinations(path: Path) -> list:
    with pikepdf.open(path) as pdf:
        pages = {p.obj.objgen: n for n, p in enumerate(pdf.pages)}
        return [_dest(d, pages) for d in production._destinations(pdf)]


@pytest.mark.parametrize("marks", [Production(3.0, True), Production(2.0)])
def test_every_destination_and_link_moves_as_in_memory(marks, tmp_path, monkeypatch):
    made = {}
    for stream in (False, True):
        path = made[stream] = tmp_path / f"linked-{stream}.pdf"
        _linked(path)
        monkeypatch.setattr(production, "STREAM_PAGES", 1 if stream else 10**9)
        rewrite(path, marks, {"product": "test"}, b"# src\n")
    assert qpdf_check(made[True])[0] == 0, qpdf_check(made[True])[1]
    assert made[True].read_bytes() != made[False].read_bytes()
    assert _document(made[True]) == _document(made[False])
    moved = _destinations(made[True])
    assert moved == _destinations(made[False])
    reach = marks.reach
    assert [0, "/XYZ", round(5 + reach, 4), round(6 + reach, 4), 0] in moved
    assert moved.count([1, "/FitR", *(round(v + reach - o, 4) for v, o in
                                      ((20, 10), (30, 20), (100, 10), (120, 20)))]) == 2


def test_a_structure_restream_does_not_move_falls_back(tmp_path, monkeypatch):
    """An /Annots array of its own (printprog never writes one) is refused with marks, and
    print production rewrites the file in memory instead: the very bytes it gives anyway."""
    made = {}
    for stream in (False, True):
        path = made[stream] = tmp_path / f"odd-{stream}.pdf"
        _linked(path)
        with pikepdf.open(path, allow_overwriting_input=True) as pdf:
            pdf.pages[1].obj.Annots = pdf.make_indirect(pdf.pages[1].obj.Annots)
            pdf.save(path)
        if stream:
            with pytest.raises(restream.NotStreamable), (tmp_path / "x.pdf").open("wb") as out:
                restream.rewrite(path, out, {}, None, Production(3.0, True))
        monkeypatch.setattr(production, "STREAM_PAGES", 1 if stream else 10**9)
        rewrite(path, Production(3.0, True), {"product": "test"}, b"# src\n")
    assert made[True].read_bytes() == made[False].read_bytes()
    assert not list(tmp_path.glob(".*tmp"))
