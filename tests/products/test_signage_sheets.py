"""Door signs on numbers (issue #23 item 3, #24 item 5; brief: Room signage, revised),
asserted on the sign plan: one sheet per room and day; list type between the brief's top
sizes (time 24, title 20, speakers 16) and floors (16, 14, 11), one set for the run; two
columns before a second sheet, and a "continued" sheet only past that, with a warning; a
sign lists the room's own sessions and its own venue's breaks only; no column starts with a
break line; keynotes styled as main events, breaks as one grey line; the QR at 35 mm and the
room name at 48 pt at least."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pypdf
import pytest

import synthetic
from conftest import KVM, ROOT
from pdfcheck import parsed
from printprog.cli import main
from printprog.core.report import Report
from printprog.core.units import mm
from printprog.importers import load
from printprog.layout.text import Fitted
from printprog.products.signage import product as signage
from printprog.products.signage.plan import Entry
from printprog.products.signage.sheets import balance, pack
from printprog.schedule.model import Conference, Kind, Room, Session, Speaker
from printprog.schedule.views import sessions_in_room
from printprog.theme.loader import TextStyle, load_theme

THEME = load_theme()
#: The brief's sizes, written out: the test does not read them from the code under test.
TOP = {"time": 24, "title": 20, "speakers": 16}
FLOOR = {"time": 16, "title": 14, "speakers": 11}
SAMPLES = ROOT / "tests" / "fixtures" / "samples"
FOSDEM = SAMPLES / "frab-xml" / "fosdem2025.xml"
C39 = SAMPLES / "schedule-json-v2" / "39c3-everything.schedule.json"


def _run(conf: Conference, **kw) -> tuple[float, list, Report]:
    report = Report()
    st = signage.SignStyle.from_theme(THEME, **kw)
    factor, planned = signage.plan_run(conf, st, list(conf.rooms), conf.days, report)
    return factor, [sh for _, sheets in planned for sh in sheets], report


def _room_days(sheets) -> Counter:
    return Counter((sh.room.id, sh.day) for sh in sheets)


@pytest.fixture(scope="module")
def kvm() -> Conference:
    return load(KVM)


@pytest.fixture(scope="module")
def kvm_run(kvm):
    return _run(kvm)


@pytest.fixture(scope="module")
def fosdem_run():
    conf = load(FOSDEM)
    return conf, _run(conf)


def test_signage_kvm_is_one_sheet_per_room_and_day(kvm, kvm_run):
    _, sheets, _ = kvm_run
    days = _room_days(sheets)
    assert len(days) == 13  # counted by hand: 7 rooms, 13 room-days with sessions
    assert set(days.values()) == {1}
    assert len(sheets) == 13


def test_signage_kvm_all_prints_13_sheets(tmp_path):
    assert main(["signage", "--all", "--data", str(KVM), "--out", str(tmp_path)]) == 0
    assert len(pypdf.PdfReader(tmp_path / "all-rooms.pdf").pages) == 13


def test_signage_70_rooms_at_most_1_1_sheets_per_room_day():
    conf = synthetic.event(talks=1000, rooms=70, day_count=4)
    _, sheets, _ = _run(conf)
    days = _room_days(sheets)
    assert len(days) > 250
    assert len(sheets) / len(days) <= 1.1


def _own_venue_breaks(conf: Conference, room: Room, when: date) -> set[str]:
    return {s.id for s in conf.sessions if s.conference_day == when
            and s.kind in (Kind.BREAK, Kind.MEAL, Kind.REGISTRATION)
            and conf.room_by_id[s.room].address == room.address}


@pytest.mark.parametrize("which", ["kvm", "fosdem", "synthetic"])
def test_signage_lists_only_the_rooms_sessions_and_its_venues_breaks(which, kvm):
    conf = {"kvm": lambda: kvm, "fosdem": lambda: load(FOSDEM),
            "synthetic": lambda: synthetic.event(talks=300, rooms=12, day_count=2)}[which]()
    _, sheets, _ = _run(conf)
    for sh in sheets:
        own = {s.id for s in sessions_in_room(conf, sh.room.id, sh.day)}
        listed = {e.session.id for e in sh.entries}
        assert listed - own <= _own_venue_breaks(conf, sh.room, sh.day), sh.room.name
    for (room_id, when) in _room_days(sheets):
        listed = {e.session.id for sh in sheets if (sh.room.id, sh.day) == (room_id, when)
                  for e in sh.entries}
        assert {s.id for s in sessions_in_room(conf, room_id, when)} <= listed


def _venues_event() -> Conference:
    """A hall and a foyer at the main venue, a boat at another address: each has its own
    lunch at 12:00, and each room talks before and after it."""
    tz = ZoneInfo("Europe/Berlin")
    rooms = (Room("hall", "Hall", 0), Room("foyer", "Foyer", 1),
             Room("boat", "Boat", 2, address="Pier 4, Hamburg"))

    def at(h: int) -> datetime:
        return datetime(2031, 5, 6, h, tzinfo=tz)

    sessions = [Session("lunch-main", "Lunch", at(12), at(13), "foyer", Kind.MEAL),
                Session("lunch-boat", "Fish on deck", at(12), at(13), "boat", Kind.MEAL)]
    for room in ("hall", "boat"):
        sessions += [Session(f"{room}-am", f"Morning in the {room}", at(10), at(11), room),
                     Session(f"{room}-pm", f"Afternoon in the {room}", at(14), at(15), room)]
    return Conference(name="Two Venues 2031", short_name="TV", start_date=date(2031, 5, 6),
                      end_date=date(2031, 5, 6), timezone="Europe/Berlin",
                      website="https://tv.example.org", rooms=rooms,
                      sessions=tuple(sorted(sessions, key=lambda s: (s.start, s.room))))


def test_signage_never_lists_a_break_at_another_venue():
    _, sheets, _ = _run(_venues_event())
    listed = {sh.room.id: [e.session.id for e in sh.entries] for sh in sheets}
    assert listed["hall"] == ["hall-am", "lunch-main", "hall-pm"]
    assert listed["boat"] == ["boat-am", "lunch-boat", "boat-pm"]


def test_signage_a_room_with_its_own_break_lists_no_other_rooms_break_then():
    """JuliaCon 2023 holds a "Morning Break" in each room: a room's sign lists its own, not
    the others' at the same time; a room without one lists the venue's."""
    tz = ZoneInfo("Europe/Berlin")

    def at(h: int, m: int = 0) -> datetime:
        return datetime(2031, 5, 6, h, m, tzinfo=tz)

    rooms = (Room("a", "A", 0), Room("b", "B", 1), Room("c", "C", 2))
    sessions = [Session(f"{r}-break", f"Morning Break Room {r.upper()}", at(10, 30), at(11),
                        r, Kind.BREAK) for r in ("a", "b")]
    for r in ("a", "b", "c"):
        sessions += [Session(f"{r}-1", f"Talk one in {r}", at(10), at(10, 30), r),
                     Session(f"{r}-2", f"Talk two in {r}", at(11), at(11, 30), r)]
    conf = Conference(name="Breaks 2031", short_name="B", start_date=date(2031, 5, 6),
                      end_date=date(2031, 5, 6), timezone="Europe/Berlin",
                      website="https://b.example.org", rooms=rooms,
                      sessions=tuple(sorted(sessions, key=lambda s: (s.start, s.room))))
    _, sheets, _ = _run(conf)
    listed = {sh.room.id: [e.session.id for e in sh.entries] for sh in sheets}
    assert listed["a"] == ["a-1", "a-break", "a-2"]
    assert listed["b"] == ["b-1", "b-break", "b-2"]
    assert listed["c"] == ["c-1", "a-break", "b-break", "c-2"]


def _list_sizes(sh) -> dict[str, float]:
    return {k: sh.style.text[k].size for k in TOP}


@pytest.mark.parametrize("which", ["kvm", "fosdem", "39c3"])
def test_signage_type_sizes_within_top_and_floor(which, kvm_run, fosdem_run):
    sheets = {"kvm": lambda: kvm_run[1], "fosdem": lambda: fosdem_run[1][1],
              "39c3": lambda: _run(load(C39))[1]}[which]()
    for sh in sheets:
        for key, size in _list_sizes(sh).items():
            assert FLOOR[key] - 1e-6 <= size <= TOP[key] + 1e-6, (key, size)
        for e in sh.entries:  # and every fitted text too, shrunk or not
            assert e.title.style.size >= min(FLOOR["title"], sh.style.min["break"]) - 1e-6
            if e.speakers is not None:
                assert e.speakers.style.size >= FLOOR["speakers"] - 1e-6


def test_signage_few_sessions_are_set_at_the_top_sizes():
    """A room with two talks on A4 is set at the brief's top sizes."""
    _, sheets, _ = _run(_venues_event())
    assert {tuple(_list_sizes(sh).values()) for sh in sheets} == {(24, 20, 16)}


def test_signage_one_set_of_sizes_per_run(kvm_run, fosdem_run):
    """The signs of a run that its sizes fill share them; KVM's fullest room-days
    (Edinburgh Suite on Monday, 13 entries, and Tuesday, 15) set them, at the floors."""
    factor, sheets, _ = kvm_run
    full = [sh for sh in sheets if sh.style.factor == factor]
    assert factor == 0.0
    assert {(sh.room.name, sh.day.day) for sh in full} >= {("Edinburgh Suite", 21),
                                                             ("Edinburgh Suite", 22)}
    assert len({tuple(_list_sizes(sh).values()) for sh in full}) == 1
    for sheets in (kvm_run[1], fosdem_run[1][1]):
        assert all(sh.style.factor >= factor for sh in sheets)


def test_signage_a_nearly_empty_sign_is_not_set_at_the_runs_small_sizes(kvm_run):
    """Lebowski's Bar holds one reception: at the run's floors it would be a line on an
    empty sheet; it is set at the top sizes."""
    factor, sheets, _ = kvm_run
    (bar,) = [sh for sh in sheets if sh.room.name == "Lebowski's Bar"]
    assert factor == 0.0 and _list_sizes(bar) == TOP


def _hall_day(talks: int, minutes: int) -> Conference:
    tz = ZoneInfo("Europe/Paris")
    start = datetime(2031, 3, 4, 8, tzinfo=tz)
    sessions = tuple(Session(f"t{i}", f"Talk {i + 1} on a topic that needs a few words",
                             start + timedelta(minutes=i * minutes),
                             start + timedelta(minutes=(i + 1) * minutes), "hall",
                             speakers=("ann",)) for i in range(talks))
    return Conference(name="Hall Day 2031", short_name="HD", start_date=date(2031, 3, 4),
                      end_date=date(2031, 3, 4), timezone="Europe/Paris",
                      website="https://hd.example.org", rooms=(Room("hall", "Hall", 0),),
                      speakers=(Speaker("ann", "Ann Example"),), sessions=sessions)


def test_signage_two_columns_before_a_second_sheet():
    """16 talks do not fit one A4 column at the floors (each is at least a title line and a
    name line, about 12 mm, and a gap: 16 x 15 mm + the header > 297 mm); two columns hold
    them on one sheet."""
    conf = _hall_day(16, 20)
    _, sheets, report = _run(conf)
    (sheet,) = sheets
    assert sheet.style.cols == 2 and sheet.count == 1
    assert [len(c) for c in sheet.cols] == [8, 8]
    assert not [w for w in report.warnings if "continues" in w]


def test_signage_continued_only_past_two_columns_at_the_floors_with_a_warning():
    conf = _hall_day(80, 10)
    _, sheets, report = _run(conf)
    assert len(sheets) >= 2
    assert all(sh.style.cols == 2 and sh.style.factor == 0 for sh in sheets)
    assert all(sh.count == len(sheets) for sh in sheets)
    assert [w for w in report.warnings if "continues" in w] == [
        "sign Hall 2031-03-04: the day does not fit one sheet even in 2 columns at the "
        "smallest type; it continues on further sheets"]


@pytest.mark.parametrize("path", [FOSDEM, C39], ids=["fosdem2025", "39c3"])
def test_signage_real_events_one_sheet_or_continued_only_past_two_columns(path, fosdem_run):
    conf, (_, sheets, report) = fosdem_run if path == FOSDEM else (c := load(C39), _run(c))
    days = _room_days(sheets)
    warned = {w.split(":")[0] for w in report.warnings if "continues" in w}
    rooms = {r.id: r for r in conf.rooms}
    for (room_id, when), n in days.items():
        name = f"sign {rooms[room_id].name} {when.isoformat()}"
        if n > 1:
            assert name in warned
            assert {(sh.style.cols, sh.style.factor) for sh in sheets
                    if (sh.room.id, sh.day) == (room_id, when)} == {(2, 0.0)}
        else:
            assert name not in warned
    assert len(warned) == sum(n > 1 for n in days.values())


def _entry(ident: str, height: float, brk: bool) -> Entry:
    tz = ZoneInfo("UTC")
    s = Session(ident, ident, datetime(2031, 1, 1, 9, tzinfo=tz),
                datetime(2031, 1, 1, 10, tzinfo=tz), "r", Kind.BREAK if brk else Kind.TALK)
    text = Fitted((ident,), TextStyle("Sans", 10, 12))
    return Entry(s, brk, brk, False, "09:00\u201310:00", text, None, height)


def test_signage_columns_of_one_sheet_are_balanced():
    """Five entries that one column of 100 would hold: in two columns, three and two."""
    items = [_entry(c, 10, False) for c in "abcde"]
    assert [len(c) for c in balance(items, 100, 2, 2)] == [3, 2]
    assert [len(c) for c in balance(items, 100, 2, 1)] == [5]


def test_signage_no_column_starts_with_a_break():
    """Two talks fill a column; the break after them would start the next one: it goes
    with the talk before it instead (a column of one talk, then talk and break)."""
    items = [_entry("a", 40, False), _entry("b", 40, False), _entry("lunch", 15, True),
             _entry("c", 40, False)]
    cols = pack(items, 85, 0)
    assert [[e.session.id for e in c] for c in cols] == [["a"], ["b", "lunch"], ["c"]]
    assert not any(c[0].brk for c in cols)


def test_signage_no_continued_sheet_or_column_starts_with_a_break(fosdem_run):
    _, (_, sheets, _) = fosdem_run
    continued = [sh for sh in sheets if sh.number > 1]
    assert continued
    for sh in sheets:
        assert not any(col[0].brk for col in sh.cols if col)


def test_signage_keynotes_are_main_events_and_breaks_one_line(kvm_run):
    _, sheets, _ = kvm_run
    entries = [e for sh in sheets for e in sh.entries]
    keynotes = [e for e in entries if e.session.title.lower().startswith("keynote")]
    assert keynotes and all(e.main for e in keynotes)
    assert not any(e.main for e in entries if e.session.kind is Kind.TALK
                   and not e.session.title.lower().startswith("keynote"))
    breaks = [e for e in entries if e.session.kind in (Kind.BREAK, Kind.MEAL)]
    assert breaks and all(e.brk and len(e.title.lines) == 1 and e.speakers is None
                          for e in breaks)


def test_signage_keynote_title_in_the_accent_colour_breaks_grey(tmp_path):
    assert main(["signage", "--room", "Edinburgh Suite", "--day", "2013-10-22", "--data",
                 str(KVM), "--out", str(tmp_path)]) == 0
    (page,) = parsed(tmp_path / "edinburgh-suite-2013-10-22.pdf")

    def colour(word: str):
        chars = page.chars
        text = "".join(c["text"] for c in chars)
        i = text.index(word)
        return chars[i]["non_stroking_color"]

    def rgb(hex_: str):
        return pytest.approx([int(hex_[i:i + 2], 16) / 255 for i in (1, 3, 5)], abs=0.003)

    assert list(colour("Keynote: QEMU")) == rgb(THEME.get("colours", "accent"))
    assert list(colour("Effective Multi")) == rgb(THEME.get("colours", "ink"))
    assert list(colour("Break")) == rgb(THEME.get("colours", "muted"))


def test_signage_qr_and_room_name_meet_the_brief(kvm_run, fosdem_run):
    for sheets in (kvm_run[1], fosdem_run[1][1]):
        for sh in sheets:
            assert sh.style.qr >= mm(35) - 1e-6
            assert sh.header.name.style.size >= 48 - 1e-6
            assert not sh.header.name.cut
    a4 = signage.SignStyle.from_theme(THEME)
    assert a4.page == (pytest.approx(mm(210)), pytest.approx(mm(297)))


def test_signage_is_one_sheet_per_room_day_on_every_paper(kvm):
    for kw in ({"paper_name": "a3"}, {"landscape": True}):
        _, sheets, _ = _run(kvm, **kw)
        assert len(sheets) == 13, kw


def test_signage_header_is_compact(kvm_run):
    """The header takes at most a fifth of the A4 sheet (a third with an off-site venue's
    address or a name on two lines): the list has the rest."""
    for sh in kvm_run[1]:
        small = not sh.room.address and len(sh.header.name.lines) == 1
        assert sh.header.height <= mm(297) / (5 if small else 3), sh.room.name

