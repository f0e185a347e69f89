"""Hardening round 2 (issue #19) at the places main added while it was being built: the
iCalendar, pretalx and Indico importers ask when.zone too (item 1: a zone named "Europe" is
a folder of the tz database, and ZoneInfo raised IsADirectoryError, inside icalendar for a
TZID); room signs print no QR code, with a warning, for a room_url too long for one (item 3);
--timezone is checked the same way (exit 2)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT
from printprog.cli import main

from .harness import (
    Case,
    Event,
    check_tree_untouched,
    event_case,
    module_batch,
    params,
    verify,
)

SAMPLES = ROOT / "tests" / "fixtures" / "samples"

ICS = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//hostile//test//EN\r\n"
       "X-WR-TIMEZONE:{zone}\r\nBEGIN:VEVENT\r\nUID:t1\r\nSUMMARY:A talk\r\nLOCATION:Main\r\n"
       "DTSTART;TZID={zone}:20300506T100000\r\nDTEND;TZID={zone}:20300506T104500\r\n"
       "END:VEVENT\r\nEND:VCALENDAR\r\n")


def _ics(zone: str):
    def build(folder: Path) -> Path:
        path = folder / "schedule.ics"
        path.write_text(ICS.format(zone=zone), encoding="utf-8")
        return path
    return build


def _pretalx_widget(zone: str):
    def build(folder: Path) -> Path:
        doc = json.loads((SAMPLES / "pretalx-api" / "sotm2026-widget-schedule.json")
                         .read_text(encoding="utf-8"))
        doc["timezone"] = zone
        path = folder / "widget.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        return path
    return build


def _indico(zone: str):
    def build(folder: Path) -> Path:
        text = (SAMPLES / "indico" / "fel2022-export-event-detail-sessions.json").read_text(
            encoding="utf-8")
        path = folder / "indico.json"
        path.write_text(re.sub(r'"tz": "[^"]*"', f'"tz": "{zone}"', text), encoding="utf-8")
        return path
    return build


def _long_room_url(ev: Event) -> None:
    # Under the 1,000-character limit of a text, over the 2,953 bytes of any QR code.
    ev.conference["room_url"] = "https://example.org/" + "日本語" * 320 + "/{room}"


CASES: list[Case] = [
    Case("ics-tzid-folder", _ics("Europe"), products=("check",),
         warnings={"check": (r"TZID 'Europe' is not an IANA time zone",)}),
    Case("ics-tzid-300-chars", _ics("Europe/" + "x" * 300), products=("check",),
         warnings={"check": (r"is not an IANA time zone",)}),
    Case("pretalx-zone-folder", _pretalx_widget("Europe"), products=("check",),
         warnings={"check": (r"'Europe' is not an IANA time zone",)}),
    Case("indico-zone-folder", _indico("Europe"), products=("check",)),
    event_case("room-url-too-long-for-qr", _long_room_url, products=("signage",),
               warnings={"signage": (r"too long for a QR code; printed without one",)}),
]


@pytest.fixture(scope="module")
def batch(request, hostile_root):
    return module_batch(request, hostile_root, CASES)


@pytest.mark.parametrize("case, product", params(CASES))
def test_round2_merged(batch, case: Case, product: str):
    verify(batch, case, product)


def test_round2_merged_touches_nothing_outside_output(batch):
    check_tree_untouched(batch)


@pytest.mark.parametrize("zone", ["Europe", "Europe/" + "x" * 300, "../../etc/passwd"])
def test_timezone_option_that_is_no_zone_is_a_usage_error(zone, capsys):
    with pytest.raises(SystemExit) as info:
        main(["check", "--timezone", zone])
    assert info.value.code == 2
    assert "is not an IANA time zone" in capsys.readouterr().err


def test_timezone_option_of_the_python_api_is_checked_too(tmp_path):
    from printprog.core.errors import PrintprogError
    from printprog.importers import load
    from printprog.importers.draft import Options

    path = _ics("Europe/Berlin")(tmp_path)
    with pytest.raises(PrintprogError, match="'Europe' is not an IANA time zone"):
        load(path, Options(timezone="Europe"))
