"""--jobs N: the work shared out among processes gives the same pages in the same order as
--jobs 1 (badges: every sheet and back; signage: every room's file, and all-rooms.pdf)."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest

import synthetic
from conftest import MINI
from pdfcheck import page_texts
from printprog.cli import main
from printprog.exporters.yaml_folder import write_folder


def _pages(path: Path) -> list[tuple[str, bytes]]:
    """Per page: its text, and its drawing without the text (rectangles, QR paths, colours).
    The text's bytes differ between parts (each embeds its own font subset), its words not."""
    texts = page_texts(path)
    with pikepdf.open(path) as pdf:
        graphics = [re.sub(rb"BT.*?ET", b"", page.Contents.read_bytes(), flags=re.S)
                    for page in pdf.pages]
    return list(zip(texts, graphics, strict=True))


def _outline(path: Path) -> list:
    """Bookmarks as (title, page number, children), pages from 1."""
    with pikepdf.open(path) as pdf:
        pages = {page.obj.objgen: n for n, page in enumerate(pdf.pages, start=1)}

        def walk(items) -> list:
            out = []
            for item in items:
                dest = item.destination
                if isinstance(dest, (str, pikepdf.String, pikepdf.Name)):  # by name
                    dest = _named(pdf, str(dest))
                out.append((str(item.title), pages[dest[0].objgen], walk(item.children)))
            return out

        with pdf.open_outline() as outline:
            return walk(outline.root)


def _named(pdf: pikepdf.Pdf, name: str):
    tree = pikepdf.NameTree(pdf.Root.Names.Dests)
    dest = tree[name]
    return dest.D if isinstance(dest, pikepdf.Dictionary) else dest


@pytest.fixture(scope="module")
def attendees(tmp_path_factory) -> Path:
    csv = tmp_path_factory.mktemp("people") / "people.csv"
    csv.write_text(synthetic.attendees_csv(113), encoding="utf-8")
    return csv


@pytest.mark.parametrize("duplex", [False, True])
def test_badges_jobs_same_pages_in_the_same_order(tmp_path: Path, attendees: Path,
                                                  capsys, duplex: bool):
    outs, errs = {}, {}
    for jobs in (1, 2, 3):
        outs[jobs] = tmp_path / f"badges-{jobs}.pdf"
        args = ["badges", "--data", str(MINI), "--attendees", str(attendees), "--sheet",
                "86x54-10up", "--out", str(outs[jobs]), "--jobs", str(jobs)]
        assert main(args + (["--duplex"] if duplex else [])) == 0
        errs[jobs] = capsys.readouterr().err
    single = _pages(outs[1])
    assert len(single) == 12 * (2 if duplex else 1)  # 116 badges, 10 a sheet
    assert _pages(outs[2]) == single
    assert _pages(outs[3]) == single
    bookmarks = _outline(outs[1])
    assert [b[:2] for b in bookmarks][:2] == [(bookmarks[0][0], 1),
                                             (bookmarks[1][0], 3 if duplex else 2)]
    assert _outline(outs[2]) == bookmarks == _outline(outs[3])
    assert errs[2] == errs[1] == errs[3]  # the same warnings, in the same order
    with pikepdf.open(outs[1]) as a, pikepdf.open(outs[2]) as b:
        assert str(a.docinfo["/Subject"]) == str(b.docinfo["/Subject"])
        # One name per embedded font program: each part's subsets are tagged apart.
        names = [str(f.get("/BaseFont")) for f in b.objects
                 if isinstance(f, pikepdf.Dictionary) and f.get("/Type") == "/Font"]
        assert len(names) == len(set(names))


def test_badges_jobs_draw_runs_of_at_most_sheets_per_part(tmp_path: Path, attendees: Path,
                                                          capsys, monkeypatch):
    """--jobs 2 with more sheets than SHEETS_PER_PART: the workers draw runs of that many
    sheets at most (a canvas keeps its pages until it saves), and the pages, bookmarks and
    warnings are still those of one process."""
    from printprog.pdf import parallel
    from printprog.products.badges import product as badges

    parts = []
    real = parallel.join

    def join(paths, *args, **kwargs):
        for path in paths:
            with pikepdf.open(path) as pdf:
                parts.append(len(pdf.pages))
        return real(paths, *args, **kwargs)

    monkeypatch.setattr(parallel, "join", join)
    monkeypatch.setattr(badges, "SHEETS_PER_PART", 5)
    outs = {}
    for jobs in (1, 2):
        outs[jobs] = tmp_path / f"badges-{jobs}.pdf"
        assert main(["badges", "--data", str(MINI), "--attendees", str(attendees), "--sheet",
                     "86x54-10up", "--out", str(outs[jobs]), "--jobs", str(jobs)]) == 0
    err = capsys.readouterr().err
    # 12 sheets: --jobs 1 draws runs of 5 in turn; --jobs 2 needs 3 runs of at most 5, made
    # 4 (a multiple of the 2 workers, so neither waits on the other): four even runs of 3.
    assert parts == [5, 5, 2, 3, 3, 3, 3]
    assert _pages(outs[2]) == _pages(outs[1])
    assert _outline(outs[2]) == _outline(outs[1]) != []
    assert "Traceback" not in err


def test_signage_jobs_same_files_and_all_rooms_pages(tmp_path: Path, capsys):
    data = tmp_path / "event"
    write_folder(synthetic.event(talks=60, rooms=5, day_count=2), data)
    dirs = {}
    for jobs in (1, 2):
        dirs[jobs] = tmp_path / f"signs-{jobs}"
        assert main(["signage", "--all", "--data", str(data), "--out", str(dirs[jobs]),
                     "--jobs", str(jobs)]) == 0
    err = capsys.readouterr().err
    names = sorted(p.name for p in dirs[1].iterdir())
    assert names == sorted(p.name for p in dirs[2].iterdir())
    assert len(names) == 7 and {"all-rooms.pdf", "foyer.pdf"} <= set(names)  # 5 rooms, foyer
    for name in names:
        if name != "all-rooms.pdf":  # each room's file is drawn the same way: same bytes
            assert (dirs[1] / name).read_bytes() == (dirs[2] / name).read_bytes(), name
    combined = _pages(dirs[1] / "all-rooms.pdf")
    assert len(combined) > 5
    assert _pages(dirs[2] / "all-rooms.pdf") == combined
    assert _outline(dirs[2] / "all-rooms.pdf") == _outline(dirs[1] / "all-rooms.pdf")
    assert "Traceback" not in err


def test_jobs_must_be_a_small_whole_number(capsys):
    for bad in ("0", "-1", "two", "1000"):
        with pytest.raises(SystemExit) as exc:
            main(["badges", "--jobs", bad])
        assert exc.value.code == 2
    assert "--jobs" in capsys.readouterr().err


def test_booklet_jobs_default_to_every_processor_and_badges_to_one():
    """The booklet's bytes do not depend on N (tests/products/test_booklet_parts.py), so its
    --jobs defaults to the processors this process may use (read when the booklet's options
    are declared); badges keep 1."""
    import os

    from printprog.cli import build_parser

    affinity = getattr(os, "sched_getaffinity", None)  # not on macOS
    here = min(8, len(affinity(0)) if affinity else os.cpu_count() or 1)
    assert build_parser("booklet").parse_args(["booklet"]).jobs == here
    assert build_parser("badges").parse_args(["badges"]).jobs == 1


def test_jobs_default_is_the_processors_here_at_most_eight(monkeypatch):
    import os

    from printprog.products.base import cores

    for available, expected in ((1, 1), (2, 2), (8, 8), (64, 8)):
        monkeypatch.setattr(os, "sched_getaffinity", lambda pid, n=available: set(range(n)),
                            raising=False)
        assert cores() == expected
