"""``printprog changes``: the booklet's own source against today's schedule."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from conftest import KVM
from pdfcheck import chars_outside, decode_qr, overlapping_lines, page_texts, render, squash
from printprog.cli import main
from printprog.exporters.yaml_folder import write_folder
from printprog.importers import load
from printprog.pdf import embedded as source
from printprog.render import Options
from printprog.render import render as render_product
from printprog.theme.loader import load_theme

MOVED, CANCELLED, NEW = "block-layer-status-report", "automatic-memory-ballooning", "lightning"


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> Path:
    """The bundled event's booklet, as printed."""
    out = tmp_path_factory.mktemp("printed") / "booklet.pdf"
    render_product("booklet", load(KVM), load_theme("default"), Options(), out)
    return out


@pytest.fixture(scope="module")
def today(tmp_path_factory) -> Path:
    """The bundled event after the print run: one talk moved a day on to another room,
    one cancelled, one new in its slot."""
    conf = load(KVM)
    sessions = [s for s in conf.sessions if s.id != CANCELLED]
    gone = conf.session_by_id[CANCELLED]
    day = timedelta(days=1, hours=1)
    sessions = [replace(s, start=s.start + day, end=s.end + day, room="melville-suite")
                if s.id == MOVED else s for s in sessions]
    sessions.append(replace(gone, id=NEW, title="Lightning talks", speakers=("adam-litke",)))
    folder = tmp_path_factory.mktemp("today") / "kvm"
    write_folder(replace(conf, sessions=tuple(sessions)), folder)
    return folder


def test_lists_exactly_the_three_changes_with_times_and_old_page(printed, today, tmp_path,
                                                                 capsys):
    out = tmp_path / "changes.pdf"
    assert main(["changes", "--since", str(printed), "--data", str(today), "--out",
                 str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Changes since the programme was printed: 3"
    changes = [line for line in lines[1:] if not line.startswith("wrote ")]
    assert [line.split(":")[0] for line in changes] == ["cancelled", "moved", "new"]
    pages = source.pages(printed)
    assert changes[0] == ("cancelled: Automatic Memory Ballooning - was Tue 22 Oct "
                          f"16:30–17:00, Edinburgh Suite (booklet p.\u00a0{pages[CANCELLED]})")
    assert changes[1] == ("moved: Block Layer Status Report - Tue 22 Oct 10:30–11:15, "
                          "Edinburgh Suite -> Wed 23 Oct 11:30–12:15, Melville Suite "
                          f"(booklet p.\u00a0{pages[MOVED]})")
    assert changes[2].startswith("new: Lightning talks - Tue 22 Oct 16:30–17:00")
    # The page cited is the page the talk was printed on.
    booklet = page_texts(printed)
    assert squash("Block Layer Status Report") in squash(booklet[pages[MOVED] - 1])
    text = page_texts(out)
    assert len(text) == 1
    sheet = squash(text[0])
    for words in ("Changes since the programme was printed", "Cancelled (1)", "Moved (1)",
                  "New sessions (1)", "Automatic Memory Ballooning", "Lightning talks",
                  "now Wed 23 Oct 11:30–12:15, Melville Suite",
                  f"was Tue 22 Oct 10:30–11:15, Edinburgh Suite (booklet p. {pages[MOVED]})"):
        assert squash(words) in sheet
    assert "Retitled" not in text[0] and "Speaker changes" not in text[0]
    assert chars_outside(out, 10) == []
    assert overlapping_lines(out) == []


def test_each_change_has_its_qr_code(printed, today, tmp_path, capsys):
    out = tmp_path / "changes.pdf"
    main(["changes", "--since", str(printed), "--data", str(today), "--out", str(out)])
    found = decode_qr(render(out, 1, tmp_path / "p1.png"))
    conf = load(today)
    assert sorted(found) == sorted([
        f"https://kvmforum2013.sched.org/event/{CANCELLED}",
        conf.url_for(conf.session_by_id[MOVED]), conf.url_for(conf.session_by_id[NEW])])


def test_unchanged_schedule_says_no_changes(printed, tmp_path, capsys):
    out = tmp_path / "same.pdf"
    assert main(["changes", "--since", str(printed), "--data", str(KVM), "--out",
                 str(out), "--paper", "a5"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "no changes"
    assert squash("No changes: the printed programme is up to date.") in squash(
        page_texts(out)[0])


def test_retitled_and_speaker_changes_are_one_entry_each(printed, tmp_path):
    from printprog.schedule.compare import compare, details

    before = load(printed)
    s = before.session_by_id[MOVED]
    after = replace(before, sessions=tuple(
        replace(x, title="Block Layer: Status", speakers=("adam-litke",)) if x is s else x
        for x in before.sessions))
    [change] = compare(before, after)
    assert change.kinds == ("retitled", "speakers")
    lines = details(change, before, after)
    assert lines[1] == "was \u201cBlock Layer Status Report\u201d"
    assert lines[2].startswith("now Adam Litke (was ")


def test_since_must_be_a_printprog_pdf(tmp_path, capsys):
    assert main(["changes", "--since", str(KVM / "rooms.yaml"), "--out",
                 str(tmp_path / "c.pdf")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "not a PDF; pass the printed booklet with --since" in err[0]
    assert not (tmp_path / "c.pdf").exists()


def test_changed_since_reprints_only_the_affected_signs(printed, today, tmp_path, capsys):
    out = tmp_path / "signs"
    assert main(["signage", "--changed-since", str(printed), "--data", str(today), "--out",
                 str(out)]) == 0
    # The cancelled talk and the new one share a slot in the Edinburgh Suite on Tuesday; the
    # moved one left it the same day and went to the Melville Suite on Wednesday.
    names = sorted(p.name for p in out.iterdir())
    assert names == ["edinburgh-suite-2013-10-22.pdf", "melville-suite-2013-10-23.pdf"]
    tuesday = squash(" ".join(page_texts(out / names[0])))
    assert squash("Lightning talks") in tuesday
    assert squash("Automatic Memory Ballooning") not in tuesday
    assert squash("Block Layer Status Report") not in tuesday
    assert squash("Block Layer Status Report") in squash(" ".join(page_texts(out / names[1])))
    assert capsys.readouterr().out.split() == [str(out / n) for n in names]


def test_changed_since_with_nothing_changed_writes_nothing(printed, tmp_path, capsys):
    out = tmp_path / "signs"
    assert main(["signage", "--changed-since", str(printed), "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == "no changes: no signs to reprint"
    assert not out.exists()


def test_a_moved_break_touches_every_room_of_its_day(printed):
    from printprog.schedule.compare import affected, compare

    before = load(printed)
    lunch = next(s for s in before.sessions if s.plenary and s.conference_day.day == 23)
    after = replace(before, sessions=tuple(
        replace(s, end=s.end + timedelta(minutes=15)) if s is lunch else s
        for s in before.sessions))
    signs = affected(compare(before, after), before, after)
    assert list(signs) == [lunch.conference_day]
    used = {s.room for s in after.sessions if s.conference_day == lunch.conference_day}
    assert {r.id for r in signs[lunch.conference_day]} == used


def test_same_input_same_bytes(printed, today, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1382450400")  # the "As of" time: fixed
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for out in (a, b):
        main(["changes", "--since", str(printed), "--data", str(today), "--out", str(out)])
    assert a.read_bytes() == b.read_bytes()


def test_missing_booklet_is_one_line(tmp_path, capsys):
    assert main(["signage", "--changed-since", str(tmp_path / "gone.pdf"), "--out",
                 str(tmp_path / "signs")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [f"error: {tmp_path / 'gone.pdf'}: no such file; pass the printed booklet "
                   "with --changed-since"]


#: A Stirling Suite talk that leaves for the Melville Suite, and a talk in another room.
LEAVES, ELSEWHERE = "kimchi-simplified-kvm-management", MOVED


@pytest.fixture
def sign(stirling_sign) -> Path:
    return stirling_sign


@pytest.fixture(scope="module")
def later(tmp_path_factory) -> Path:
    """One Stirling Suite talk moved out to the Melville Suite; one Edinburgh Suite talk an
    hour later; one Edinburgh Suite talk moved into the Stirling Suite on Wednesday."""
    conf = load(KVM)
    hour = timedelta(hours=1)
    come = next(s for s in conf.sessions if s.room == "edinburgh-suite"
                and s.conference_day.day == 23 and s.id != MOVED)
    sessions = tuple(
        replace(s, room="melville-suite") if s.id == LEAVES else
        replace(s, start=s.start + hour, end=s.end + hour) if s.id == ELSEWHERE else
        replace(s, room="stirling-suite") if s.id == come.id else s for s in conf.sessions)
    folder = tmp_path_factory.mktemp("later") / "kvm"
    write_folder(replace(conf, sessions=sessions), folder)
    return folder


def test_changes_since_a_sign_compare_only_its_room(printed, sign, later, tmp_path, capsys):
    out = tmp_path / "changes.pdf"
    assert main(["changes", "--since", str(sign), "--data", str(later), "--out",
                 str(out)]) == 0
    stdout, err = capsys.readouterr()
    lines = [x for x in stdout.splitlines() if not x.startswith("wrote ")]
    assert lines[0] == "Changes since the programme was printed: 2"
    assert lines[1] == ("moved: Kimchi: Simplified KVM Management - Tue 22 Oct 14:30–15:00, "
                        "Stirling Suite -> Tue 22 Oct 14:30–15:00, Melville Suite")
    assert lines[2].startswith("new: Keynote Panel") and "Wed 23 Oct" in lines[2]
    assert "08:30–09:15, Stirling Suite" in lines[2]  # moved in: new to this sign
    assert len(lines) == 3  # the Edinburgh Suite talk an hour later is not this sign's
    assert f"note: {sign} holds only Stirling Suite's sessions" in err
    sheet = squash(page_texts(out)[0])
    assert squash("Kimchi: Simplified KVM Management") in sheet
    assert squash("Block Layer Status Report") not in sheet
    # The booklet carries the whole schedule: all three are changes to it.
    assert main(["changes", "--since", str(printed), "--data", str(later), "--out",
                 str(tmp_path / "all.pdf")]) == 0
    assert capsys.readouterr().out.splitlines()[0] == \
        "Changes since the programme was printed: 3"


def test_changes_since_an_unchanged_sign(sign, tmp_path, capsys):
    assert main(["changes", "--since", str(sign), "--out", str(tmp_path / "c.pdf")]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "no changes"


def test_changed_since_a_sign_reprints_only_its_room(sign, later, tmp_path, capsys):
    out = tmp_path / "signs"
    assert main(["signage", "--changed-since", str(sign), "--data", str(later), "--out",
                 str(out)]) == 0
    stdout, err = capsys.readouterr()
    names = sorted(p.name for p in out.iterdir())
    assert names == ["stirling-suite-2013-10-22.pdf", "stirling-suite-2013-10-23.pdf"]
    assert stdout.split() == [str(out / n) for n in names]
    tuesday = squash(" ".join(page_texts(out / names[0])))
    assert squash("Kimchi: Simplified KVM Management") not in tuesday
    notes = [x for x in err.splitlines() if x.startswith("note: changes reach")]
    # Where the talk that came in was before, the sign cannot know: the booklet can.
    assert notes == ["note: changes reach Melville Suite (Tue 22 Oct) too; this PDF speaks "
                     "only for its own room: reprint those with --changed-since BOOKLET.pdf"]


@pytest.fixture(scope="module")
def sheet(printed, today, tmp_path_factory) -> Path:
    """Today's changes sheet as of 2013-10-22 14:00 UTC (SOURCE_DATE_EPOCH)."""
    out = tmp_path_factory.mktemp("sheet") / "changes.pdf"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1382450400")
        assert main(["changes", "--since", str(printed), "--data", str(today), "--out",
                     str(out)]) == 0
    return out


def test_changes_sheet_says_as_of_source_date_epoch_in_the_event_zone(sheet):
    lines = page_texts(sheet)[0].splitlines()
    # 14:00 UTC is 15:00 in Edinburgh (BST); under the title and the event's name.
    assert "As of Tuesday 22 October 2013, 15:00" in lines[:5]


def test_changes_sheet_as_of_the_clock_without_source_date_epoch(printed, today, tmp_path,
                                                                 monkeypatch):
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    out = tmp_path / "c.pdf"
    before = datetime.now(UTC).astimezone(ZoneInfo("Europe/London"))
    assert main(["changes", "--since", str(printed), "--data", str(today), "--out",
                 str(out)]) == 0
    after = datetime.now(UTC).astimezone(ZoneInfo("Europe/London"))
    text = page_texts(out)[0]
    assert any(f"As of {t:%A} {t.day} {t:%B %Y}, {t:%H:%M}" in text for t in (before, after))


def test_cancelled_title_is_struck_through(sheet):
    import pdfplumber
    with pdfplumber.open(sheet) as doc:
        page = doc.pages[0]
        title = [w for w in page.extract_words() if w["text"] in ("Automatic", "Ballooning")]
        lines = [ln for ln in (*page.lines, *page.rects) if ln["height"] < 2]
    first, last = title[0], title[-1]
    middle = (first["top"] + first["bottom"]) / 2
    strike = [ln for ln in lines if abs((ln["top"] + ln["bottom"]) / 2 - middle) < 3]
    assert strike, "no line through the cancelled title"
    assert strike[0]["x0"] <= first["x0"] + 1 and strike[0]["x1"] >= last["x1"] - 1
    # ... and only that one: the moved and new sessions' titles are not struck.
    assert len([ln for ln in lines if ln["width"] > 50]) == 1


def test_new_time_is_bold_and_the_old_one_is_not(sheet):
    import pdfplumber
    with pdfplumber.open(sheet) as doc:
        words = doc.pages[0].extract_words(extra_attrs=["fontname", "size"])
    text = [w for w in words if w["text"] in ("now", "was")]
    fonts = {w["text"]: w["fontname"] for w in text}
    assert "Bold" in fonts["now"] and "Bold" not in fonts["was"]


def test_changes_sheet_type_is_14_pt_and_up_on_a4(sheet):
    import pdfplumber
    with pdfplumber.open(sheet) as doc:
        sizes = {round(c["size"], 2) for c in doc.pages[0].chars}
    assert min(sizes) >= 14
