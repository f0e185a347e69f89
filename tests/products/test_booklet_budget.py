"""The booklet to a page budget (``--pages N``, issue #23 item 5): exactly N pages, every
session's time, room, title and speakers kept, the brief's order of giving up, the line
that says what went, the refusal when even the poorest plan does not fit.

The budget runs are built once per test session (the ``built`` fixture, or a module
fixture for the Python API's output)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from conftest import FIXTURES, KVM
from printprog.cli import main
from printprog.core.errors import UsageError
from printprog.core.report import Report
from printprog.importers import load
from printprog.layout.prose import sentences
from printprog.products.booklet import Options as BookletOptions
from printprog.products.booklet import budget, product
from printprog.products.booklet.plan import Plan
from printprog.products.booklet.story import Story
from printprog.render import render
from printprog.theme.loader import load_theme

FOSDEM25 = FIXTURES / "samples" / "frab-xml" / "fosdem2025.xml"
#: The brief's budget for FOSDEM 2025 (its glance pages are 12 a day: 24 in all).
FOSDEM25_PAGES = "96"


def texts(path: Path) -> list[str]:
    doc = pdfium.PdfDocument(str(path))
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def flat(text: str) -> str:
    """Text as compared: compatibility forms (ligatures), no emoji or variation selectors,
    white space (line ends included) as one space."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("So", "Mn", "Cf"))
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def kvm() -> object:
    return load(KVM)


@pytest.fixture(scope="module")
def kvm32(kvm, tmp_path_factory):
    """The bundled event to 32 pages through the Python API: (output, path)."""
    out = tmp_path_factory.mktemp("budget") / "kvm32.pdf"
    return render("booklet", kvm, load_theme("default"), BookletOptions(pages=32), out), out


def plain_build(conf, plan: Plan, tmp: Path) -> int:
    """Pages of the booklet under ``plan`` built directly (no search)."""
    story = product._build(conf, tmp, load_theme("default"), None, plan)
    return story.recorded["back-cover"]


# -- the options ---------------------------------------------------------------------------


@pytest.mark.parametrize("pages", [30, 0, -4, 2])
def test_budget_options_pages_not_multiple_of_4_refused(pages):
    with pytest.raises(UsageError, match=rf"--pages {pages}: .*multiple of 4"):
        BookletOptions(pages=pages)


def test_budget_cli_pages_not_multiple_of_4_one_line_exit_2(capsys, tmp_path):
    code = main(["booklet", "--data", str(KVM), "--pages", "30", "--out",
                 str(tmp_path / "b.pdf")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and "--pages 30" in err[0] and "multiple of 4" in err[0]
    assert not (tmp_path / "b.pdf").exists()


# -- the ladder ----------------------------------------------------------------------------


def test_budget_ladder_gives_up_in_the_brief_order(kvm):
    """Each plan gives up one more thing than the one before: bios, then abstracts one
    sentence at a time down to one, then abstracts, photos, the rooms' lists, full talk
    entries, and last the speakers' index."""
    story = Story(kvm, load_theme("default"), product._geometry(load_theme("default"), None),
                  Report())
    plans = budget.ladder(story)
    most = max(sum(len(sentences(p)) for p in s.abstract) for s in kvm.sessions)
    assert plans[0] == Plan()
    assert plans[1] == Plan(bios=False)
    caps = [p.sentences for p in plans[2:2 + most - 1]]
    assert caps == list(range(most - 1, 0, -1))
    rest = plans[1 + most:]
    assert rest[0] == Plan(bios=False, abstracts=False)
    assert rest[1] == replace(rest[0], photos=False)
    assert rest[2] == replace(rest[1], room_lists=False)
    assert rest[3] == replace(rest[2], compact=True)
    assert rest[4] == replace(rest[3], speaker_lines=True)
    assert rest[5] == replace(rest[4], index_titles=False)
    assert rest[6] == replace(rest[5], speakers=False)
    assert len(rest) == 7


def test_budget_said_many_notes_names_the_smaller_budget():
    """More than 8 notes pages: the line keeps the count and names the budget that prints
    the same plan with fewer (80 pages, 23 of them notes: 57 in use, so 60)."""
    built = budget.Built(Plan(compact=True), None, 80, {"notes": 57})
    assert budget.said(built, 80, True) == (
        "to fit 80 pages: talks one entry each (no QR codes); 23 notes pages pad it "
        "(more than 8: --pages 60 prints the same with fewer)")
    built = budget.Built(Plan(compact=True), None, 80, {"notes": 72})
    assert budget.said(built, 80, True).endswith("; 8 notes pages pad it")


def test_budget_said_names_what_was_given_up():
    plan = Plan(bios=False, sentences=2)
    built = budget.Built(plan, None, 96, {"notes": 94})
    assert budget.said(built, 96, True) == (
        "to fit 96 pages: no bios, abstracts cut to 2 sentences; 2 notes pages pad it")
    built = budget.Built(replace(plan, sentences=1), None, 96, {})
    assert budget.said(built, 96, True) == (
        "to fit 96 pages: no notes pages, no bios, abstracts cut to 1 sentence")
    assert budget.said(budget.Built(Plan(), None, 40, {}), 40, True) == (
        "40 pages: everything fits")


# -- the bundled event to 32 pages ---------------------------------------------------------


def test_budget_kvm_32_pages_exactly(kvm32):
    output, path = kvm32
    assert len(texts(path)) == 32
    # The line says what went: bios and the length of abstracts, nothing past them.
    assert output.lines[0].startswith("to fit 32 pages: no bios, abstracts cut to ")
    assert "no abstracts" not in output.lines[0] and "one entry" not in output.lines[0]
    assert "speakers index" not in output.lines[0]


def test_budget_kvm_32_keeps_every_session(kvm, kvm32):
    _, path = kvm32
    text = flat(" ".join(texts(path)))
    for s in kvm.sessions:
        assert flat(s.title) in text, s.title
        for pid in s.speakers:
            assert flat(kvm.speaker_by_id[pid].name) in text


def test_budget_kvm_32_abstracts_whole_sentences(kvm, kvm32):
    """Every abstract is cut at the plan's cap, at a sentence's end: its first sentence
    is printed, the sentence after the cap is not."""
    output, path = kvm32
    cap = int(re.search(r"abstracts cut to (\d+) sentence", output.lines[0]).group(1))
    text = flat(" ".join(texts(path)))
    cut = 0
    for s in kvm.sessions:
        said = [x for p in s.abstract for x in sentences(p)]
        if not said:
            continue
        assert flat(said[0])[:60] in text, s.id
        if len(said) > cap:
            assert flat(said[cap]) not in text, s.id
            cut += 1
    assert cut > 10


def test_budget_kvm_32_no_bios(kvm, kvm32):
    _, path = kvm32
    text = flat(" ".join(texts(path)))
    # A bio's first sentence long enough not to be a name ("Michael S.").
    bios = [x for sp in kvm.speakers if sp.bio for x in sentences(sp.bio[0])[:1]
            if len(x) > 40]
    assert len(bios) > 10
    assert [b for b in bios if flat(b) in text] == []


def test_budget_kvm_32_is_the_richest_plan_that_fits(kvm, kvm32, tmp_path):
    """The plan one step richer than the one chosen (a sentence more of each abstract),
    built as it is, takes more than 32 pages."""
    output, _ = kvm32
    cap = int(re.search(r"abstracts cut to (\d+) sentence", output.lines[0]).group(1))
    assert plain_build(kvm, Plan(bios=False, sentences=cap + 1, pages=32),
                       tmp_path / "r.pdf") > 32
    assert plain_build(kvm, Plan(bios=False, sentences=cap, pages=32),
                       tmp_path / "c.pdf") == 32


def test_budget_kvm_32_padded_with_notes_before_the_back_cover(kvm32):
    output, path = kvm32
    pad = re.search(r"(\d+) notes pages? pads? it", output.lines[0])
    pages = texts(path)
    n = int(pad.group(1)) if pad else 0
    for page in pages[32 - 1 - n:31]:
        assert "Notes" in page
    assert "Notes" not in pages[32 - 2 - n]
    assert "Wi-Fi" in pages[31] or "WI-FI" in pages[31]  # the back cover, last


def test_budget_default_size_gives_up_nothing(kvm_booklet, kvm, tmp_path):
    """A budget of the booklet's own size (built without one) keeps everything."""
    pages = len(texts(kvm_booklet))
    output = render("booklet", kvm, load_theme("default"), BookletOptions(pages=pages),
                    tmp_path / "b.pdf")
    assert output.lines[0].startswith(f"{pages} pages: everything fits")
    assert len(texts(tmp_path / "b.pdf")) == pages


def test_budget_kvm_too_small_refused_one_line(capsys, tmp_path):
    """--pages 8: one line, exit 1, naming 8 and the least budget; that least budget is
    true (it builds) and nothing is written for 8."""
    out = tmp_path / "b.pdf"
    code = main(["booklet", "--data", str(KVM), "--pages", "8", "--out", str(out)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and not out.exists()
    assert len(err) == 1 and err[0].startswith("error: --pages 8: "), err
    least = int(re.search(r"use --pages (\d+) or more", err[0]).group(1))
    assert least % 4 == 0 and least > 8
    assert main(["booklet", "--data", str(KVM), "--pages", str(least), "--out",
                 str(out)]) == 0
    said = capsys.readouterr().out
    assert "talks one entry each" in said
    assert len(texts(out)) == least
    code = main(["booklet", "--data", str(KVM), "--pages", str(least - 4), "--out",
                 str(tmp_path / "c.pdf")])
    assert code == 1


# -- FOSDEM 2025 ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fosdem_budget(built):
    return built("booklet", "--data", str(FOSDEM25), "--pages", FOSDEM25_PAGES)


def test_budget_fosdem2025_exact_pages_every_title(fosdem_budget):
    conf = load(FOSDEM25)
    pages = texts(fosdem_budget)
    assert len(pages) == int(FOSDEM25_PAGES)
    # The compact talk pages: every session's title, in the day's list.
    talks = flat(" ".join(p for p in pages if "\u00b7 talks" in p[-200:]))
    missing = [s.title for s in conf.sessions if flat(s.title) not in talks]
    assert not missing, missing[:5]


def test_budget_fosdem2025_compact_entry_one_per_session(fosdem_budget):
    """Each session is one entry: its time range starts a line, its title follows."""
    conf = load(FOSDEM25)
    pages = texts(fosdem_budget)
    talks = [p for p in pages if "\u00b7 talks" in p[-200:]]
    starts = sum(len(re.findall(r"^\d\d:\d\d\u2013\d\d:\d\d ", p, re.M)) for p in talks)
    assert starts == len(conf.sessions)


def test_budget_fosdem2025_at_most_12_notes_pages(fosdem_budget):
    """The budget is filled with the short speakers' index, not with ruled pages: at most
    12 pages carry the "Notes" running head, and the index takes pages of its own."""
    pages = texts(fosdem_budget)
    notes = [i + 1 for i, p in enumerate(pages) if "Notes" in p]
    assert len(notes) <= 12, notes
    index = [p for p in pages if "Speakers A to Z" in p[-200:]]
    assert len(index) >= 5


def test_budget_fosdem2025_index_lists_every_speaker_with_titles(fosdem_budget):
    """The one-paragraph index: every speaker's name, and the titles of their talks."""
    conf = load(FOSDEM25)
    pages = texts(fosdem_budget)
    index = flat(" ".join(p for p in pages if "Speakers A to Z" in p[-200:]))
    missing = [sp.name for sp in conf.speakers if flat(sp.name) not in index]
    assert not missing, missing[:5]
    titles = [s.title for s in conf.sessions if s.speakers]
    absent = [t for t in titles if flat(t)[:40] not in index]
    assert len(absent) <= len(titles) // 50, absent[:5]


def test_budget_index_one_line_names_and_pages(kvm, tmp_path):
    """The one-line index (no titles): each speaker's name followed by page numbers, the
    page of each talk being one where that talk's title is printed; no talk titles."""
    out = tmp_path / "lines.pdf"
    plan = Plan(bios=False, abstracts=False, photos=False, room_lists=False, compact=True,
                speaker_lines=True, index_titles=False)
    plain_build(kvm, plan, out)
    pages = texts(out)
    index = [i for i, p in enumerate(pages) if "Speakers A to Z" in p[-200:]]
    assert index
    text = flat(" ".join(pages[i] for i in index))
    talks = [flat(p) for p in pages[:index[0]]]
    for sp in kvm.speakers:
        m = re.search(re.escape(flat(sp.name)) + r" ((?:\d+, )*\d+)", text)
        assert m, sp.name
        printed = {int(n) for n in m.group(1).split(", ")}
        for s in kvm.sessions:
            if sp.id in s.speakers:
                where = {n + 1 for n, p in enumerate(talks) if flat(s.title)[:30] in p
                         and "talks" in p[-200:]}
                assert printed & where, (sp.name, s.title)
    long = [flat(s.title) for s in kvm.sessions if s.speakers and len(s.title) > 30]
    assert long and [t for t in long if t in text] == []
