"""Every real export in tests/fixtures/samples/ makes a booklet, signs and badges (exit 0)
with its titles and speakers printed.

What to look for is read from each file here, with the plain standard library (and
icalendar for .ics), independently of the importers: for each sample three talks (first,
middle, last of those with a length and, where the format names them, speakers). Each
product is built once per sample (the session's `built`); text is read with pypdfium2.
"""

from __future__ import annotations

import csv
import html
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import icalendar
import pytest
from pdftext import pdf_text, squash

from printprog.cli import main

SAMPLES = Path(__file__).parent.parent / "fixtures" / "samples"

Talk = tuple[str, list[str]]  # title as the file gives it, names of its speakers


def _frab_xml(path: Path) -> list[Talk]:
    out = []
    for ev in ET.parse(path).getroot().iter("event"):
        title, length = ev.findtext("title") or "", ev.findtext("duration") or ""
        if length.strip("0:") and title:
            out.append((title, [p.text or "" for p in ev.iter("person")]))
    return out


def _schedule_json(path: Path) -> list[Talk]:
    days = json.loads(path.read_text(encoding="utf-8"))["schedule"]["conference"]["days"]
    return [(ev["title"], [p.get("public_name") or p.get("name") for p in ev.get("persons")
                           or []])
            for day in days for events in day["rooms"].values() for ev in events
            if ev["duration"].strip("0:")]


def _csv(path: Path) -> list[Talk]:
    with path.open(encoding="utf-8") as fh:
        return [(row["Title"], [p.split(":", 1)[-1] for p in row["Speakers"].split("|") if p])
                for row in csv.DictReader(fh) if row["Duration"].strip("0:")]


def _ics(path: Path) -> list[Talk]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    pretalx = "pretalx" in str(cal.get("PRODID"))
    out = []
    for ev in cal.walk("VEVENT"):
        summary = str(ev.get("SUMMARY"))
        if ev.get("DTEND").dt == ev.get("DTSTART").dt:
            continue
        head, _, tail = summary.rpartition(" - ")
        names = tail.split(", ") if pretalx and head else []
        out.append((summary.split(" - ")[0], names))  # the title's first part is printed
    return out


def _indico(path: Path) -> list[Talk]:
    results = json.loads(path.read_text(encoding="utf-8"))["results"]
    if isinstance(results, list):
        items = [c for s in results[0]["sessions"] for c in s["contributions"]]
        return [(c["title"], [f"{p['first_name']} {p['last_name']}" for p in c["speakers"]])
                for c in items]
    days = next(iter(results.values()))
    items = [c for day in days.values() for e in day.values()
             for c in (e.get("entries") or {}).values()]
    # "LAST, First" as the file gives it: both parts are printed (as First Last)
    return [(c["title"], [n for p in c.get("presenters") or [] for n in p["name"].split(", ")])
            for c in items]


def _pretalx(path: Path) -> list[Talk]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(doc, dict):  # the widget: speakers by code
        names = {s["code"]: s["name"] for s in doc["speakers"]}
        return [(t["title"] if isinstance(t["title"], str) else t["title"]["en"],
                 [names[c] for c in t.get("speakers") or []]) for t in doc["talks"]]
    return [(t["title"], [s["name"] for s in t.get("speakers") or []])
            for t in doc if t.get("slot") and t["slot"].get("start")]


READERS: dict[str, Callable[[Path], list[Talk]]] = {
    "frab-xml": _frab_xml, "schedule-json": _schedule_json, "schedule-json-v2": _schedule_json,
    "csv": _csv, "ical": _ics, "indico": _indico, "pretalx-api": _pretalx}
FILES = sorted(p for p in SAMPLES.glob("*/*") if p.parent.name in READERS
               and "attendees" not in p.name)


def _picked(talks: list[Talk]) -> list[Talk]:
    with_people = [t for t in talks if t[1]] or talks
    return [with_people[0], with_people[len(with_people) // 2], with_people[-1]]


@pytest.fixture(scope="module", params=FILES, ids=lambda p: p.name)
def made(request, built) -> tuple[Path, dict[str, str], list[Talk]]:
    """The sample, the text of its booklet, signs and badges, and the talks to look for.
    The products come from the session's ``built`` (tests/products/test_samples.py checks
    the same files' PDFs)."""
    path: Path = request.param
    booklet = built("booklet", "--data", str(path))
    signs = built("signage", "--all", "--data", str(path))
    badges = built("badges", "--data", str(path))
    texts = {"booklet": pdf_text(booklet), "signs": pdf_text(signs / "all-rooms.pdf"),
             "badges": pdf_text(badges)}
    return path, texts, _picked(READERS[path.parent.name](path))


def _printed(text: str, fragment: str) -> bool:
    return squash(html.unescape(fragment)) in text


def test_sample_booklet_prints_the_titles_and_speakers(made):
    path, texts, talks = made
    missing = [(t, names) for t, names in talks if not _printed(texts["booklet"], t)
               or not all(_printed(texts["booklet"], n) for n in names)]
    assert not missing, f"{path.name}: not in the booklet: {missing}"


def test_sample_signs_print_the_titles(made):
    path, texts, talks = made
    # a sign may shorten a long title with an ellipsis: its first 24 characters are printed
    missing = [t for t, _ in talks if squash(html.unescape(t))[:24] not in texts["signs"]]
    assert not missing, f"{path.name}: not on the signs: {missing}"


def test_sample_badges_print_the_speakers(made):
    path, texts, talks = made
    missing = [n for _, names in talks for n in names if not _printed(texts["badges"], n)]
    assert not missing, f"{path.name}: no badge for {missing}"


def test_sample_attendee_list_alone_gives_exactly_its_badges(tmp_path: Path, capsys):
    path = SAMPLES / "csv" / "attendees-confbadger.csv"
    with path.open(encoding="utf-8-sig") as fh:
        names = [f"{r['First Name']} {r['Last Name']}" for r in csv.DictReader(fh)]
    out = tmp_path / "badges.pdf"
    assert main(["badges", "--attendees", str(path), "--out", str(out)]) == 0
    assert capsys.readouterr().out.startswith(f"wrote {out}: {len(names)} badges")
    text = pdf_text(out)
    assert [n for n in names if squash(n) not in text] == []
    assert main(["check", "--data", str(path)]) == 1  # not a schedule: the error says so
    assert f"printprog badges --attendees {path}" in capsys.readouterr().err
