"""Hardening round 2 (issue #19 items 18 and 19): ``preflight`` and ``preview`` on PDFs that
are not what printprog wrote. The embedded report and the page tree are untrusted: a report of
the wrong shape or nested 100,000 deep, a Flate bomb, a cyclic /Pages tree, a 200-inch page at
1200 dpi, 100,000 pages for a contact sheet. And a bad ``--dpi`` or ``--pages`` is a bad command
line: exit 2."""

from __future__ import annotations

import json
import zlib
from pathlib import Path

import pytest

from .harness import MAX_RSS_MB, Run, guard_dir, run_cli

ESC, BEL = "\x1b", "\x07"


def pdf_bytes(objects: list[bytes], info: bytes | None = None) -> bytes:
    """A PDF of ``objects`` (object 1 is the catalog) with a correct xref table."""
    if info is not None:
        objects = [*objects, info]
    parts, offsets, size = [b"%PDF-1.7\n"], [], 9
    for n, body in enumerate(objects, 1):
        offsets.append(size)
        parts.append(b"%d 0 obj\n" % n + body + b"\nendobj\n")
        size += len(parts[-1])
    parts.append(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    parts += [b"%010d 00000 n \n" % o for o in offsets]
    parts.append(b"trailer\n<< /Size %d /Root 1 0 R" % (len(objects) + 1))
    if info is not None:
        parts.append(b" /Info %d 0 R" % len(objects))
    return b"".join(parts) + b" >>\nstartxref\n%d\n%%%%EOF\n" % size


def stream(data: bytes, flate: bool = False) -> bytes:
    extra = b" /Filter /FlateDecode" if flate else b""
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def one_page(size: float = 595, content: bytes = b"0 0 1 rg 10 10 50 50 re f",
             report: object = None, flate: bool = False) -> bytes:
    info = None
    if report is not None:
        text = report if isinstance(report, str) else json.dumps(report)
        info = b"<< /PrintprogReport (" + text.replace("\\", "\\\\").replace(
            "(", "\\(").replace(")", "\\)").encode() + b") >>"
    return pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>",
                      b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                      b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %g %g] /Contents 4 0 R >>"
                      % (size, size), stream(content, flate)], info)


def many_pages(count: int) -> bytes:
    kids = b" ".join(b"%d 0 R" % (n + 4) for n in range(count))
    pages = [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 280] /Contents 3 0 R >>"] * count
    return pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>",
                      b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
                      stream(b"0 0 1 rg 10 10 50 50 re f"), *pages])


CYCLIC = pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>",
                    b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>"])


def flate_bomb(size: int = 640 * 2**20) -> bytes:
    """A content stream of ``size`` spaces that is a few hundred KB compressed."""
    z = zlib.compressobj(1)
    chunk = b" " * 2**24
    data = b"".join(z.compress(chunk) for _ in range(size // len(chunk))) + z.flush()
    return one_page(content=data, flate=True)


WRONG_SHAPES = {"product": ["booklet"], "warnings": None, "shrunk": 5, "cut": {"a": 1},
                "qr": [1, "x", {"what": "q", "side_mm": "big"}, {"nonsense": True}],
                "images": [{"what": f"{ESC}]0;pwned{BEL}", "page": "1", "ppi": None}],
                "colour": 7}


BUILDERS = {
    "plain.pdf": one_page,
    "three.pdf": lambda: pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 3 0 R 3 0 R] /Count 3 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>"]),
    "wrong-shapes.pdf": lambda: one_page(report=WRONG_SHAPES),
    "not-a-dict.pdf": lambda: one_page(report=[1, 2, 3]),
    "deep.pdf": lambda: one_page(report="[" * 100_000 + "]" * 100_000),
    "bomb.pdf": flate_bomb,
    "cyclic.pdf": lambda: CYCLIC,
    "huge-page.pdf": lambda: one_page(size=200 * 72),
    "100k-pages.pdf": lambda: many_pages(100_000),
}


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("round2-pdfs")
    guard_dir(folder)
    return folder


def pdf(files: Path, name: str) -> str:
    """The test PDF ``name``, made on first use (the bomb takes a few seconds)."""
    path = files / name
    if not path.exists():
        path.write_bytes(BUILDERS[name]())
    return str(path)


def run(files: Path, name: str, *args: str, timeout: float = 30) -> Run:
    out = files / f"out-{name}"
    out.mkdir(exist_ok=True)
    result = run_cli(list(args), cwd=files, out=out, guard=files / "guard", case=name,
                     timeout=timeout)
    why = result.describe()
    assert not result.timed_out, why
    assert "Traceback" not in result.stderr, why
    assert ESC not in result.stderr + result.stdout and BEL not in result.stderr, why
    assert result.max_rss_mb < MAX_RSS_MB, f"peak memory {result.max_rss_mb:.0f} MB\n{why}"
    assert result.marker == [], why
    for line in result.stderr.splitlines():
        assert line.startswith(("error: ", "warning: ", "usage: ", "printprog ")), why
    return result


@pytest.mark.parametrize("args", [
    ("--dpi", "0"), ("--dpi", "100000"), ("--dpi", "nan"), ("--pages", "5-2"),
    ("--pages", "1-999999999"), ("--pages", "0"), ("--pages", "two")],
    ids=lambda a: " ".join(a))
def test_preview_bad_command_line(files, args):
    out = files / "out-bad-args"
    result = run(files, "bad-args", "preview", pdf(files, "three.pdf"), "--out", str(out),
                 *(args if args[0] == "--pages" else (*args, "--pages", "1")))
    assert result.returncode == 2, result.describe()
    assert not list(out.glob("*.png")), "a refused run wrote a PNG"


def test_preview_huge_page_at_1200_dpi(files):
    out = files / "out-huge-page"
    result = run(files, "huge-page", "preview", pdf(files, "huge-page.pdf"), "--out",
                 str(out), "--pages", "1", "--dpi", "1200")
    assert result.returncode == 0, result.describe()
    assert any("dpi" in w for w in result.warnings()), result.describe()
    assert (out / "page-001.png").read_bytes()[:4] == b"\x89PNG"


def test_preview_contact_sheet_of_100k_pages(files):
    out = files / "out-100k"
    result = run(files, "100k", "preview", pdf(files, "100k-pages.pdf"), "--out", str(out),
                 timeout=60)
    assert result.returncode == 0, result.describe()
    assert any("100,000 pages" in w for w in result.warnings()), result.describe()
    assert (out / "contact-sheet.png").read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize("command", ["preview", "preflight"])
def test_cyclic_page_tree(files, command):
    out = files / f"out-cyclic-{command}"
    extra = ["--out", str(out)] if command == "preview" else []
    result = run(files, f"cyclic-{command}", command, pdf(files, "cyclic.pdf"), *extra)
    assert result.returncode in (0, 1), result.describe()
    if result.returncode == 1 and command == "preview":
        assert result.errors() and all("cyclic.pdf" in e for e in result.errors())


@pytest.mark.parametrize("name", ["wrong-shapes", "not-a-dict", "deep"])
def test_preflight_untrusted_report(files, name):
    result = run(files, f"report-{name}", "preflight", pdf(files, f"{name}.pdf"))
    assert result.returncode in (0, 1), result.describe()
    assert result.stdout.startswith("preflight "), result.describe()


def test_preflight_flate_bomb(files):
    result = run(files, "bomb", "preflight", pdf(files, "bomb.pdf"))
    assert result.returncode == 1, result.describe()
    assert "decompress" in result.stdout, result.describe()


def test_preflight_full_and_preview_plain_still_work(files):
    result = run(files, "plain", "preflight", "--full", pdf(files, "plain.pdf"))
    assert result.returncode == 0 and "result: passed" in result.stdout, result.describe()
    out = files / "out-plain-preview"
    result = run(files, "plain-preview", "preview", pdf(files, "plain.pdf"), "--out", str(out))
    assert result.returncode == 0 and (out / "contact-sheet.png").exists(), result.describe()
