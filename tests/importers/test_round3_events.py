"""#25 item 8 (import side): the same break once per room at one time is one event naming
the rooms; a character no bundled font has is imported as its printable NFKC form."""

from __future__ import annotations

from pathlib import Path

from pdftext import pdf_text

from printprog.cli import main
from printprog.importers.frab import read
from printprog.schedule.model import Kind


def _frab(tmp_path: Path, rooms: dict[str, str]) -> Path:
    days = "".join(f"<room name='{name}'>{events}</room>" for name, events in rooms.items())
    path = tmp_path / "s.xml"
    path.write_text("<?xml version='1.0' encoding='utf-8'?>\n<schedule><conference><title>"
                    "Breaks</title><time_zone_name>Europe/Vienna</time_zone_name></conference>"
                    f"<day date='2024-05-02' index='1'>{days}</day></schedule>\n",
                    encoding="utf-8")
    return path


def _ev(ident: str, title: str, start: str, length: str = "00:30", kind: str = "lecture",
        person: str = "") -> str:
    people = f"<persons><person id='p{ident}'>{person}</person></persons>" if person else ""
    return (f"<event id='{ident}'><start>{start}</start><duration>{length}</duration>"
            f"<title>{title}</title><type>{kind}</type>{people}</event>")


def test_break_in_two_rooms_at_one_time_is_one_event_naming_both(tmp_path: Path):
    path = _frab(tmp_path, {
        "Hall A": _ev("1", "Talk one", "10:00", person="Ada Lee") + _ev("2", "Lunch", "12:00",
                                                                         "01:00", "break"),
        "Hall B": _ev("3", "Talk two", "10:00", person="Bo Ek") + _ev("4", "Lunch", "12:00",
                                                                       "01:00", "break"),
        "Hall C": _ev("5", "Talk three", "10:00", person="Cy Oh")
        + _ev("6", "Lunch", "12:30", "01:00", "break")})  # another time: its own event
    conf = read(path).conference
    lunches = [s for s in conf.sessions if s.title == "Lunch"]
    assert [(conf.room_by_id[s.room].name, s.start.hour, s.start.minute) for s in lunches] == [
        ("Hall A + Hall B", 12, 0), ("Hall C", 12, 30)]
    assert all(s.kind is Kind.BREAK for s in lunches)
    assert len([s for s in conf.sessions if s.title.startswith("Talk")]) == 3


def test_break_in_every_room_in_use_is_one_event_in_all_rooms(tmp_path: Path):
    rooms = {f"Room {n}": _ev(str(n), f"Talk {n}", "10:00", person=f"Ann Lee{n}")
             + _ev(f"{n}0", "Coffee Break", "11:00", "00:20", "break") for n in range(1, 6)}
    conf = read(_frab(tmp_path, rooms)).conference
    (coffee,) = [s for s in conf.sessions if s.title == "Coffee Break"]
    assert conf.room_by_id[coffee.room].name == "All rooms"


def test_same_talk_title_in_two_rooms_is_not_merged(tmp_path: Path):
    path = _frab(tmp_path, {"Hall A": _ev("1", "Welcome", "10:00", person="Ada Lee"),
                            "Hall B": _ev("2", "Welcome", "10:00", person="Bo Ek")})
    conf = read(path).conference
    assert len(conf.sessions) == 2  # a welcome in each devroom: two talks, two people


def test_merged_break_is_one_band_in_the_booklet(tmp_path: Path, capsys):
    path = _frab(tmp_path, {
        "Hall A": _ev("1", "Talk one", "10:00", person="Ada Lee") + _ev("2", "Lunch", "12:00",
                                                                         "01:00", "break"),
        "Hall B": _ev("3", "Talk two", "10:00", person="Bo Ek") + _ev("4", "Lunch", "12:00",
                                                                       "01:00", "break")})
    out = tmp_path / "b.pdf"
    assert main(["booklet", "--data", str(path), "--out", str(out)]) == 0
    text = pdf_text(out)
    # the overview, the day grid's band and the venues list name it once each (per room,
    # each was there twice)
    assert text.count("lunch") == 3
    assert text.count("12:00–13:00lunch·halla+hallb") == 2


def test_character_without_glyph_prints_its_nfkc_form_in_italic(tmp_path: Path, capsys):
    from pdfcheck import page_chars

    path = _frab(tmp_path, {"Hall A": _ev("1", "On 𝑝-adic numbers", "10:00",
                                          person="Ada Lee")})
    assert main(["check", "--data", str(path)]) == 0
    assert "U+1D45D" not in capsys.readouterr().err  # printable: nothing to warn about
    out = tmp_path / "b.pdf"
    assert main(["booklet", "--data", str(path), "--out", str(out)]) == 0
    assert "\ufffd" not in " ".join(pdf_text(out))
    assert "onpadicnumbers" in pdf_text(out)
    ps = [c for page in page_chars(out) for c in page if c["text"] == "p"]
    # the title's "p" of "𝑝-adic" is drawn in an italic face; the other p's are upright
    italic = [c for c in ps if "Italic" in c["fontname"]]
    assert italic and len(italic) < len(ps)
