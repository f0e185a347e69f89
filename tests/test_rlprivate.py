"""reportlab's private names printprog relies on (printprog.draw.rlprivate) are still there and
mean what they meant; a reportlab release that changes one fails here first, by name."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import reportlab
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Paragraph

from conftest import ROOT
from printprog.draw import rlfonts, rlprivate


def _pin() -> tuple[tuple[int, ...], tuple[int, ...]]:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    low, high = re.search(r'"reportlab\[accel\]>=([\d.]+),<([\d.]+)"', text).groups()
    return tuple(map(int, low.split("."))), tuple(map(int, high.split(".")))


def test_installed_reportlab_is_in_the_pinned_range():
    low, high = _pin()
    version = tuple(int(p) for p in re.findall(r"\d+", reportlab.Version)[:3])
    assert low <= version < high, f"reportlab {reportlab.Version} is outside the pin"


def test_paragraph_helpers_behave_as_the_booklet_expects():
    assert rlprivate.split("a  b\tc") == ["a", "b", "c"]
    assert rlprivate.strip("  x  ") == "x"  # noqa: B005 (reportlab.platypus.paragraph.strip)
    assert rlprivate.cleanBlockQuotedText("a\n   b") == "a b"
    para = Paragraph("plain words here", ParagraphStyle("s", fontName="Helvetica"))
    assert not rlprivate._processed_frags(para.frags)
    para.breakLines(100)
    for name in rlprivate.PARAGRAPH_LINE_ATTRIBUTES:
        assert hasattr(para, name), f"Paragraph.breakLines no longer sets {name}"


def test_doc_template_end_build_still_saves_through_do_save():
    source = inspect.getsource(BaseDocTemplate._endBuild)
    assert "_doSave" in source, "BaseDocTemplate._endBuild no longer checks _doSave"


def test_append_ops_reaches_the_page(tmp_path: Path):
    canvas = Canvas(str(tmp_path / "x.pdf"), pageCompression=0)
    rlprivate.append_ops(canvas, "0 0 m 10 10 l S")
    canvas.showPage()
    canvas.save()
    assert b"0 0 m 10 10 l S" in (tmp_path / "x.pdf").read_bytes()


def test_no_other_module_uses_a_reportlab_private_name():
    src = ROOT / "src" / "printprog"
    private = re.compile(r"from reportlab[\w.]* import [^\n]*\b_[a-z]|\._code\b|"
                         r"\._ttf_data\b|\._pdfScale\b|"
                         r"from reportlab\.platypus\.paragraph import")
    allowed = ("rlprivate.py", "rlfonts.py", "rllate.py")
    users = [p.relative_to(src).as_posix() for p in src.rglob("*.py")
             if p.name not in allowed and private.search(p.read_text("utf-8"))]
    assert users == []


def test_global_reportlab_settings_are_set_in_one_place():
    """rl_config is set once, when printprog.pdf.writer is imported, never per build."""
    src = ROOT / "src" / "printprog"
    setters = sorted(p.relative_to(src).as_posix() for p in src.rglob("*.py")
                     if re.search(r"rl_config\.\w+\s*=", p.read_text("utf-8")))
    # draw/fonts: the canvas's base font, once (cached)
    assert setters == ["draw/fonts.py", "pdf/writer.py"]


def test_link_writes_the_annotation_linkrect_and_linkurl_write(tmp_path: Path):
    """rlprivate.link's one-pass dictionary: a destination bound to the page of a bookmark
    placed later, and a URI action; the rectangle in page space (relative=1)."""
    import pypdf

    pdf = tmp_path / "links.pdf"
    canvas = Canvas(str(pdf), pagesize=(300, 300), invariant=1)
    canvas.translate(10, 20)
    rlprivate.link(canvas, (0, 0, 50, 10), "#later")
    rlprivate.link(canvas, (0, 30, 50, 40), "https://example.org/a(b)")
    canvas.showPage()
    canvas.bookmarkHorizontal("later", 0, 200)
    canvas.showPage()
    canvas.save()
    reader = pypdf.PdfReader(pdf)
    first, second = (a.get_object() for a in reader.pages[0]["/Annots"])
    assert [float(v) for v in first["/Rect"]] == [10, 20, 60, 30]
    assert reader.get_page_number(first["/Dest"][0]) == 1
    assert second["/A"]["/URI"] == "https://example.org/a(b)"
    assert [float(v) for v in second["/Border"]] == [0, 0, 0]


def test_to_unicode_cmap_is_reportlabs_with_utf16_past_the_bmp():
    """Below U+FFFF the CMap is reportlab's own, character for character; past it, the
    surrogate pair (reportlab wrote <1F9EE>, which no reader takes)."""
    from reportlab.pdfbase import ttfonts

    source = inspect.getsource(ttfonts)
    original = re.search(r"def makeToUnicodeCMap\(.*?\n    return '\\n'.join\(cmap\)\n",
                         source, re.S)
    assert original, "reportlab's makeToUnicodeCMap changed: review rlfonts.to_unicode_cmap"
    scope: dict = {}
    exec(original.group(0), scope)
    bmp = [0x41, 0xE9, 0x20AC, 0xFFFD]
    assert rlfonts.to_unicode_cmap("AAAAAA+F", bmp) == scope["makeToUnicodeCMap"](
        "AAAAAA+F", bmp)
    assert "<01> <D83EDDEE>" in rlfonts.to_unicode_cmap("AAAAAA+F", [0x41, 0x1F9EE])


#: Run in a fresh interpreter: imports reportlab, notes its functions, imports every module of
#: printprog and builds a PDF with printprog's fonts, then says what changed in reportlab.
_IDENTITY = """
import importlib, pkgutil, sys
from reportlab.pdfbase import pdfdoc, pdfmetrics, ttfonts
from reportlab.pdfgen import canvas
from reportlab.platypus import doctemplate, paragraph
modules = (ttfonts, pdfdoc, pdfmetrics, canvas, doctemplate, paragraph)
def functions():
    return {(m.__name__, k): v for m in modules for k, v in vars(m).items()
            if callable(v) and not k.startswith("__")}
before = functions()
before_methods = {k: v for k, v in vars(ttfonts.TTFont).items() if callable(v)}
import printprog
for info in pkgutil.walk_packages(printprog.__path__, "printprog."):
    if not info.name.endswith("__main__"):  # runs the command line
        importlib.import_module(info.name)
from printprog.draw import fonts
from printprog.pdf.writer import Meta, new_canvas
c = new_canvas(sys.argv[1], (200, 200), Meta("t", "a", "s"))
c.setFont(fonts.ensure("Sans"), 12)
c.drawString(10, 10, "A \u2615")
c.save()
after = functions()
changed = sorted(".".join(k) for k in before if after.get(k) is not before[k])
changed += sorted("TTFont." + k for k, v in vars(ttfonts.TTFont).items()
                  if callable(v) and before_methods.get(k) is not v)
print("changed:", changed)
"""


def test_importing_printprog_leaves_reportlab_functions_as_they_are(tmp_path: Path):
    """No process-wide monkeypatch: importing (and using) printprog replaces no function
    of reportlab's, makeToUnicodeCMap included; only printprog's own font class differs."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _IDENTITY, str(tmp_path / "x.pdf")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "changed: []"


def test_unicode_ttfont_writes_utf16_past_the_bmp(tmp_path):
    """printprog's fonts (rlfonts.UnicodeTTFont) map an emoji to its surrogate pair in the
    subset's ToUnicode CMap (reportlab's own TTFont writes <1F9EE>: see the test above)."""
    import pikepdf
    from reportlab.pdfbase import pdfmetrics

    from printprog.core.resources import fonts_dir
    from printprog.draw.fonts import FALLBACKS

    pdfmetrics.registerFont(rlfonts.UnicodeTTFont(
        "ProbeEmoji", str(fonts_dir() / FALLBACKS["Fallback-Emoji"][0])))
    path = tmp_path / "emoji.pdf"
    canvas = Canvas(str(path))
    canvas.setFont("ProbeEmoji", 12)
    canvas.drawString(10, 10, "\U0001f9ee")
    canvas.save()
    with pikepdf.open(path) as pdf:
        fonts = pdf.pages[0].Resources.Font.values()
        cmap = b"".join(f.ToUnicode.read_bytes() for f in fonts if "/ToUnicode" in f)
    assert b"<D83EDDEE>" in cmap and b"<1F9EE>" not in cmap


def _lines_pdf(path: Path, lines: list[tuple[str, float, str]], write) -> bytes:
    """A page of ``lines`` (font, size, text), each written by ``write(text_object, text)``."""
    from printprog.draw import fonts

    for font, _, _ in lines:  # before the canvas: registering sets its base font
        fonts.ensure(font)
    canvas = Canvas(str(path), invariant=1, pageCompression=0)
    text = canvas.beginText(10, 800)
    for font, size, line in lines:
        text.setFont(fonts.ensure(font), size)
        write(text, line)
        text.textLine()
    canvas.drawText(text)
    canvas.showPage()
    canvas.save()
    return path.read_bytes()


def test_text_out_writes_what_text_out_of_reportlab_writes(tmp_path: Path, monkeypatch):
    """rlprivate.text_out: byte for byte the operators, cursor and font subsets of
    PDFTextObject.textOut, for repeated text (its fast path), new characters, a no-break
    space, a change of font, a second subset (past 256 characters) and an empty run; and
    the fast path is taken for a line whose characters the subset already has."""
    from reportlab.pdfgen.textobject import PDFTextObject

    many = "".join(chr(c) for c in range(0x100, 0x17F)) + "".join(
        chr(c) for c in range(0x391, 0x3CA) if c != 0x3A2) + "".join(
        chr(c) for c in range(0x410, 0x450))
    lines = [("Sans", 10, "Hello world (1)"), ("Sans", 10, "Hello world (1)"),
             ("Sans", 10, "olleH\xa0dlrow"), ("Sans-Bold", 12, "Hello \\ world"),
             ("Sans", 10, ""), ("Sans", 10, many), ("Sans", 10, many[-40:]),
             ("Sans", 10, "Hello world (1)"), ("Sans-Bold", 12, "Hello")]
    expected = _lines_pdf(tmp_path / "a.pdf", lines, PDFTextObject.textOut)
    slow: list[str] = []
    real = PDFTextObject.textOut
    monkeypatch.setattr(PDFTextObject, "textOut",
                        lambda self, text: (slow.append(text), real(self, text)))
    assert _lines_pdf(tmp_path / "b.pdf", lines, rlprivate.text_out) == expected
    # The lines whose characters were new, or in the second subset, went through textOut;
    # the repeated ones did not.
    assert slow.count("Hello world (1)") == 1 and "Hello" not in slow
    assert "olleH\xa0dlrow" not in slow


def test_links_to_one_destination_format_it_once(tmp_path: Path, monkeypatch):
    """Ten links to one talk: its destination is formatted once per document, and every
    link leads to the page where the bookmark was placed."""
    import pypdf
    from reportlab.pdfbase.pdfdoc import Destination

    calls: list[str] = []
    real = Destination.format
    monkeypatch.setattr(Destination, "format",
                        lambda self, doc: (calls.append(self.name), real(self, doc))[1])
    pdf = tmp_path / "links.pdf"
    canvas = Canvas(str(pdf), pagesize=(300, 300), invariant=1)
    for n in range(3):
        rlprivate.link(canvas, (0, 10 * n, 50, 10 * n + 8), "#talk")
        rlprivate.link(canvas, (60, 10 * n, 90, 10 * n + 8), "#other")
    canvas.showPage()
    canvas.bookmarkHorizontal("other", 0, 250)
    canvas.showPage()
    canvas.bookmarkHorizontal("talk", 0, 200)
    canvas.showPage()
    canvas.save()
    assert sorted(calls) == ["other", "talk"]
    reader = pypdf.PdfReader(pdf)
    pages = [reader.get_page_number(a.get_object()["/Dest"][0])
             for a in reader.pages[0]["/Annots"]]
    assert pages == [2, 1] * 3


def test_lines_out_writes_what_set_text_origin_set_font_and_text_out_write(
        tmp_path: Path, monkeypatch):
    """rlprivate.lines_out: byte for byte the page that setTextOrigin, setFont (when the
    font changes) and reportlab's own textOut (stroked_out for a stroked run) write, for
    repeated runs (its fast path, which then skips textOut), new characters, escapes
    ("(", "\\", bytes past 127), a no-break space, a second subset, an empty run, fonts
    changing inside a line and a run drawn bold by stroking."""
    from reportlab.pdfgen.textobject import PDFTextObject

    from printprog.draw import fonts

    many = "".join(chr(c) for c in range(0x100, 0x17F)) + "".join(
        chr(c) for c in range(0x391, 0x3CA) if c != 0x3A2) + "".join(
        chr(c) for c in range(0x410, 0x450))
    lines = [
        (10, 800, [("Hello (world) \\ é", "Sans", 0)]),
        (10, 788, [("Hello (world) \\ é", "Sans", 0), ("Bold é", "Sans-Bold", 0)]),
        (12.5, 776, [("olleH\xa0dlrow", "Sans-Bold", 0), ("", "Sans-Bold", 0),
                     ("Stroked", "Sans", 0.3)]),
        (10, 764, [(many, "Sans", 0)]),
        (10, 752, [(many[-40:], "Sans", 0), ("Hello", "Sans", 0)]),
        (0, 740, [("Hello (world)", "Sans", 0), ("Bold", "Sans-Bold", 0)]),
    ]
    for _, _, runs in lines:
        for _, font, _ in runs:
            fonts.ensure(font)

    def page(path: Path, write) -> bytes:
        canvas = Canvas(str(path), invariant=1, pageCompression=0)
        text = canvas.beginText()
        write(text)
        canvas.drawText(text)
        canvas.showPage()
        canvas.save()
        return path.read_bytes()

    def by_reportlab(text) -> None:
        current = None
        for x, y, runs in lines:
            text.setTextOrigin(x, y)
            for run, font, stroke in runs:
                if font != current:
                    text.setFont(font, 9)
                    current = font
                if stroke:
                    rlprivate.stroked_out(text, run, stroke)
                else:
                    PDFTextObject.textOut(text, run)

    expected = page(tmp_path / "a.pdf", by_reportlab)
    slow: list[str] = []
    real = PDFTextObject.textOut
    monkeypatch.setattr(PDFTextObject, "textOut",
                        lambda self, text: (slow.append(text), real(self, text)))
    assert page(tmp_path / "b.pdf", lambda text: rlprivate.lines_out(text, lines, 9)) \
        == expected
    # Text whose characters the subset already had did not go through textOut.
    assert slow.count("Hello (world) \\ é") == 1 and "Hello" not in slow
    assert "Hello (world)" not in slow


def test_draw_string_writes_what_draw_string_of_reportlab_writes(tmp_path: Path,
                                                                  monkeypatch):
    """rlprivate.draw_string: byte for byte the page canvas.drawString writes, for new
    and repeated text, escapes, an empty string and a change of font and size."""
    from printprog.draw import fonts

    strings = [("Sans", 9, "p. 12 (Day 1)"), ("Sans", 9, "p. 12 (Day 1)"),
               ("Sans-Bold", 12.5, "Gängeviertel \\ ü"), ("Sans", 9, ""),
               ("Sans-Bold", 12.5, "Gängeviertel"), ("Sans", 7, "12")]
    for font, _, _ in strings:
        fonts.ensure(font)

    def page(path: Path, write) -> bytes:
        canvas = Canvas(str(path), invariant=1, pageCompression=0)
        for n, (font, size, text) in enumerate(strings):
            canvas.setFont(font, size)
            write(canvas, 20 + n, 800 - 14.5 * n, text)
        canvas.showPage()
        canvas.save()
        return path.read_bytes()

    expected = page(tmp_path / "a.pdf", lambda c, x, y, t: c.drawString(x, y, t))
    assert page(tmp_path / "b.pdf", rlprivate.draw_string) == expected


def test_late_move_moves_a_page_its_links_and_its_places(tmp_path: Path):
    """rllate.late_move's private names (a shown page's Annots and __InternalName__,
    PDFDocument.idToObject, a link's rect, Canvas._destinations and an XYZ place's left)
    still mean what they meant: the drawing, the link and the place move by dx."""
    from printprog.draw import rllate

    pdf = tmp_path / "moved.pdf"
    canvas = Canvas(str(pdf), pagesize=(200, 200), pageCompression=0, invariant=1)
    rllate.begin_move(canvas)
    canvas.bookmarkHorizontalAbsolute("here", 150, left=20)
    canvas.rect(20, 20, 10, 10, fill=1)
    rlprivate.link(canvas, (20, 20, 30, 30), "#here")
    rllate.end_move(canvas)
    canvas.drawString(5, 5, "stays")
    canvas.showPage()
    rllate.late_move(canvas, {0: 8.5})
    canvas.save()
    data = pdf.read_bytes()
    assert b"q\n1 0 0 1 8.5 0 cm" in data and b"printprog-late" not in data
    assert re.search(rb"/Rect \[ 28\.5 20 38\.5 30 \]", data)  # the link, moved
    assert re.search(rb"/XYZ 28\.5 150", data)  # the place, moved
