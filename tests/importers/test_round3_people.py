"""#25 items 6 and 8 (check): people kept apart by guid in frab XML, look-alike names listed
by ``check``, and ``check`` giving each kind of warning one line however many items."""

from __future__ import annotations

import uuid
from pathlib import Path

from printprog.cli import main
from printprog.core.report import summarise
from printprog.importers.frab import read
from printprog.qa.checks import warnings

NAMES = ["Andreas", "Marc", "Anna", "anna", "Leonard", "Sofia", "Jin Park", "Ola Nordmann"]


def _guid_schedule(tmp_path: Path, events: int = 1000, people: int = 571) -> tuple[Path, list]:
    """A frab file of ``events`` events whose persons carry a guid and no id, as current
    exports do; ``people`` guids share a few names ("Andreas" many times, "Anna"/"anna")."""
    guids = [str(uuid.UUID(int=n + 1)) for n in range(people)]
    names = [NAMES[n % len(NAMES)] for n in range(people)]
    rows, cast = [], []
    for n in range(events):
        who = [n % people, (n * 7 + 3) % people] if n % 3 == 0 else [n % people]
        cast.append([guids[i] for i in who])
        hour, minute = divmod(n % 20 * 30, 60)
        persons = "".join(f"<person guid='{guids[i]}'>{names[i]}</person>" for i in who)
        rows.append(f"<event guid='{uuid.UUID(int=10**6 + n)}' id='{n + 1}'>"
                    f"<date>2024-02-0{1 + n // 500}T{8 + hour:02d}:{minute:02d}:00+01:00</date>"
                    f"<start>{8 + hour:02d}:{minute:02d}</start><duration>00:25</duration>"
                    f"<room>Room {n // 20 % 25}</room><title>Talk number {n}</title>"
                    f"<type>lecture</type><persons>{persons}</persons></event>\n")
    path = tmp_path / "guids.xml"
    path.write_text("<?xml version='1.0' encoding='utf-8'?>\n<schedule><conference>"
                    "<title>Guids</title><time_zone_name>Europe/Brussels</time_zone_name>"
                    "</conference><day date='2024-02-01' index='1'>"
                    + "".join(rows[:500]) + "</day><day date='2024-02-02' index='2'>"
                    + "".join(rows[500:]) + "</day></schedule>\n", encoding="utf-8")
    return path, cast


def test_frab_guid_only_persons_1000_events_keep_every_guid_apart(tmp_path: Path):
    path, cast = _guid_schedule(tmp_path)
    conf = read(path).conference
    assert len(conf.sessions) == 1000
    assert len(conf.speakers) == 571  # one per guid, though only 8 names
    by_title = {s.title: s for s in conf.sessions}
    for n, guids in enumerate(cast):
        assert by_title[f"Talk number {n}"].speakers == tuple(dict.fromkeys(guids))  # guid = id


def test_frab_guid_anna_and_anna_are_two_people_listed_as_look_alikes(tmp_path: Path):
    path, _ = _guid_schedule(tmp_path, events=8, people=8)
    conf = read(path).conference
    annas = [s for s in conf.speakers if s.name.casefold() == "anna"]
    assert sorted(s.name for s in annas) == ["Anna", "anna"]
    lines = [w for w in warnings(conf) if "look alike" in w]
    assert lines == [f"speakers {annas[0].id} {annas[0].name!r} and {annas[1].id} "
                     f"{annas[1].name!r} look alike: one person or two? (merge them in "
                     "speakers.yaml if one)"]


def test_check_many_speakers_without_bio_is_one_line(tmp_path: Path, capsys):
    path, _ = _guid_schedule(tmp_path, events=200, people=150)
    assert main(["check", "--data", str(path)]) == 0
    err = capsys.readouterr().err.splitlines()
    bio = [w for w in err if "has no bio" in w]
    assert len(bio) == 1 and bio[0].startswith("warning: 150 times: has no bio (first: ")
    assert len([w for w in err if "has no abstract" in w]) == 1
    # every kind is summarised: far fewer lines than items
    assert len(err) < 20
    conf = read(path).conference
    assert len(summarise(warnings(conf))) == len(err)


def test_check_names_talks_without_a_url_breaks_not(tmp_path: Path):
    """A talk without a URL (and no session_url) prints without its QR code: `check` says
    so, naming the talk; a break needs none."""
    from conftest import FIXTURES, KVM
    from printprog.importers import load
    from printprog.schedule.model import SERVICE_KINDS

    conf = load(FIXTURES / "samples" / "pretalx-api" / "juliacon2023-talks.json")
    found = [w for w in warnings(conf) if "has no URL" in w]
    talks = [s for s in conf.sessions if s.kind not in SERVICE_KINDS]
    assert len(talks) < len(conf.sessions)  # it has breaks
    assert len(found) == len(talks) > 0
    assert any(w.startswith(f"session {talks[0].id} ") for w in found)
    assert not [w for w in warnings(load(KVM)) if "has no URL" in w]
