"""Hostile schedule files for the frab XML, schedule JSON and CSV importers, and hostile
attendee CSVs for badges: entity bombs and external entities (XXE), encodings, ragged and
huge rows, NUL bytes, deep nesting, markup. Cases for an importer that is not importable
yet are skipped; cases that expose a bug in a file this suite may not edit are marked
``xfail(strict=True)`` with the file, line and error, so they turn red once it is fixed."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from .harness import (
    Case,
    Event,
    check_tree_untouched,
    importable,
    module_batch,
    pdf_text,
    verify,
)

FRAB = importable("printprog.importers.frab")
JSON = importable("printprog.importers.schedule_json")
CSV = importable("printprog.importers.csv_schedule")
ATTENDEES = (importable("printprog.importers.attendees")
             and importable("printprog.products.badges.product"))

PAYLOAD = ('<font color="[[[getattr(pow, Word(\'__globals__\'))[\'os\'].system(\'touch '
           'pwned\')]] and \'red\'">x</font> <img src="file:///etc/passwd"/> Q&A')


def frab_xml(title: str = "A Talk", abstract: str = "About it.", doctype: str = "",
             person: str = "Ada Lovelace", events: int = 1, start: str = "10:00",
             duration: str = "00:45") -> str:
    def esc(s: str) -> str:
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    body = "".join(
        f"<event id='{n + 1}' guid='g{n}'><start>{start}</start><duration>{duration}"
        f"</duration><room>Main</room><title>{esc(title)}</title><type>lecture</type>"
        f"<abstract>{esc(abstract)}</abstract><persons><person id='{n + 1}'>{esc(person)}"
        "</person></persons></event>" for n in range(events))
    return (f"<?xml version='1.0' encoding='utf-8'?>\n{doctype}<schedule><conference>"
            "<title>Frab Conf</title><start>2030-05-06</start><end>2030-05-06</end>"
            "<time_zone_name>Europe/Berlin</time_zone_name></conference>\n"
            f"<day date='2030-05-06' index='1'><room name='Main'>{body}</room></day>"
            "</schedule>\n")


CSV_HEAD = "Room,Date,Start,Duration,Title,ID,Abstract,Speakers\n"


def q(s: str) -> str:
    """A CSV field, quoted."""
    return '"' + s.replace('"', '""') + '"'


def csv_row(title: str = "A Talk", ident: str = "1", abstract: str = "About it.",
            speakers: str = "1:Ada Lovelace", room: str = "Main") -> str:
    return ",".join([q(room), "2030-05-06", "10:00", "0:45", q(title), ident, q(abstract),
                     q(speakers)]) + "\n"


def file_case(case_id: str, name: str, content: str | bytes,
              products: tuple[str, ...], **kwargs) -> Case:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
        return path
    return Case(case_id, build, products=products, **kwargs)


def attendee_case(case_id: str, content: str | bytes, **kwargs) -> Case:
    """The standard event, badges with ``--attendees`` this CSV."""
    def build(folder: Path) -> Path:
        path = folder / "attendees.csv"
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
        return Event().write(folder / "data")

    return Case(case_id, build, products=("badges",),
                extra={"badges": lambda folder: ["--attendees", str(folder / "attendees.csv")]},
                **kwargs)


def _printed(*texts: str, name: str = "booklet.pdf") -> Callable:
    def check(run) -> None:
        text = pdf_text(run.out / name)
        for t in texts:
            assert " ".join(t.split()) in text, f"{t!r} not printed literally"
    return check


def _reloads(title: str) -> Callable:
    """The YAML folder an import writes reads back, title unchanged."""
    def check(run) -> None:
        from printprog.importers.yaml_dir import load_folder

        conf = load_folder(run.out / "imported")
        assert [s.title for s in conf.sessions] == [title]
    return check


XML = ("check", "booklet", "ical", "import-frab")
BOMB = ("<!DOCTYPE schedule [<!ENTITY a \"lol\">"
        + "".join(f"<!ENTITY {chr(98 + i)} \"{('&' + chr(97 + i) + ';') * 10}\">"
                  for i in range(9)) + "]>\n")
FRAB_CASES: list[Case] = [
    file_case("frab-billion-laughs", "schedule.xml",
              frab_xml(title="&j;", doctype=BOMB).replace("&amp;j;", "&j;"), XML,
              expect="error", errors=(r"schedule\.xml:\d+: refused: the XML declares the entity",)),
    file_case("frab-xxe-local-file", "schedule.xml", frab_xml(
        title="&xxe;", doctype="<!DOCTYPE schedule [<!ENTITY xxe SYSTEM "
        "\"file:///etc/passwd\">]>\n").replace("&amp;xxe;", "&xxe;"), XML,
              expect="error", errors=(r"schedule\.xml:\d+: refused",)),
    file_case("frab-xxe-outside-secret", "schedule.xml", frab_xml(
        title="&xxe;", doctype="<!DOCTYPE schedule [<!ENTITY xxe SYSTEM "
        "\"../outside/secret.jpg\">]>\n").replace("&amp;xxe;", "&xxe;"), XML,
              expect="error", errors=(r"schedule\.xml:\d+: refused",)),
    file_case("frab-xxe-parameter-entity-url", "schedule.xml", frab_xml(
        doctype="<!DOCTYPE schedule [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/x.dtd\"> %p;]>\n"),
              XML, expect="error", errors=(r"schedule\.xml:\d+: refused",)),
    file_case("frab-external-dtd-url", "schedule.xml", frab_xml(
        doctype="<!DOCTYPE schedule SYSTEM \"http://127.0.0.1:9/schedule.dtd\">\n"), XML,
              expect="either"),
    file_case("frab-markup-payload", "schedule.xml", frab_xml(title=PAYLOAD, abstract=PAYLOAD,
                                                            person="<b>Ada</b> & {name}"),
              XML, then={"booklet": _printed(PAYLOAD, "<b>Ada</b> & {name}"),
                         "import-frab": _reloads(PAYLOAD)}),
    file_case("frab-html-abstract-script", "schedule.xml", frab_xml(
        abstract="<p>Hi</p><script>alert(1)</script><img src='http://127.0.0.1:9/x'>"
                 "<a href='file:///etc/passwd'>x</a>"), XML),
    file_case("frab-deep-nesting", "schedule.xml",
              frab_xml().replace("<title>A Talk</title>",
                                 "<title>" + "<b>" * 50_000 + "x" + "</b>" * 50_000 + "</title>"),
              XML, expect="either"),
    file_case("frab-not-utf8", "schedule.xml",
              frab_xml(title="Fran\u00e7ois").encode("latin-1"), XML, expect="error",
              errors=(r"schedule\.xml:\d+:\d+: not well-formed",)),
    file_case("frab-nul-byte", "schedule.xml", frab_xml(title="a\0b"), XML, expect="error",
              errors=(r"schedule\.xml:\d+:\d+: not well-formed",)),
    file_case("frab-bad-times", "schedule.xml", frab_xml(start="99:99", duration="-1:00"), XML,
              expect="error", errors=(r"schedule\.xml:\d+: event 1: start '99:99' is not a time",)),
    file_case("frab-title-200k", "schedule.xml", frab_xml(title="word " * 40_000),
              ("check", "booklet"), expect="either"),
]

JSON_CASES: list[Case] = [
    file_case("json-deep-nesting", "schedule.json",
              '{"schedule": ' + '{"a": ' * 100_000 + "1" + "}" * 100_001,
              ("check", "import-json"), expect="error"),
    file_case("json-huge-integer", "schedule.json",
              '{"schedule": {"conference": {"title": "x", "days": [{"index": '
              + "9" * 5000 + "}]}}}", ("check", "import-json"), expect="error"),
    file_case("json-nan-and-wrong-types", "schedule.json",
              '{"schedule": {"conference": {"title": NaN, "days": [{"date": [], "rooms": '
              '{"Main": [{"title": {"a": 1}, "start": 5, "duration": null}]}}]}}}',
              ("check", "import-json"), expect="error", errors=(r"schedule\.json",)),
    file_case("json-not-utf8", "schedule.json", b'{"schedule": "\xff\xfe"}',
              ("check",), expect="error", errors=(r"schedule\.json",)),
]

CSV_ALL = ("check", "booklet", "import-csv")
CSV_CASES: list[Case] = [
    file_case("csv-latin1", "schedule.csv", (CSV_HEAD + csv_row("Fran\u00e7ois")).encode(
        "latin-1"), CSV_ALL, expect="error",
        errors=(r"schedule\.csv: (cannot read|not UTF-8 text)",)),
    file_case("csv-bom-crlf", "schedule.csv", codecs.BOM_UTF8 + (CSV_HEAD + csv_row())
              .replace("\n", "\r\n").encode(), CSV_ALL),
    file_case("csv-ragged-rows", "schedule.csv",
              CSV_HEAD + "Main,2030-05-06,10:00\n" + csv_row()[:-1] + ",extra,cells,here\n",
              CSV_ALL, warnings={"*": (r"schedule\.csv:2: .*empty; this event is left out",)}),
    file_case("csv-field-over-csv-limit", "schedule.csv",
              CSV_HEAD + csv_row(abstract="x" * 200_000), CSV_ALL, expect="error",
              errors=(r"schedule\.csv:\d+: cannot read the row: field larger than field limit",)),
    file_case("csv-nul-bytes", "schedule.csv", CSV_HEAD + csv_row(title="a\0b\0c"), CSV_ALL,
              expect="either"),
    file_case("csv-formula-and-markup", "schedule.csv", CSV_HEAD + csv_row(
        title='=HYPERLINK("http://127.0.0.1:9/x","click") ' + PAYLOAD), CSV_ALL,
              then={"booklet": _printed('=HYPERLINK("http://127.0.0.1:9/x","click")')}),
    file_case("csv-unclosed-quote", "schedule.csv", CSV_HEAD + csv_row()[:-1] + ',"open\n',
              CSV_ALL, expect="either"),
    file_case("csv-header-only", "schedule.csv", CSV_HEAD, CSV_ALL, expect="error",
              errors=(r"schedule\.csv: no events",)),
    file_case("csv-title-200k", "schedule.csv", CSV_HEAD + csv_row(title="word " * 20_000),
              ("check", "booklet"), expect="either"),
]

ATTENDEE_HEAD = "First Name,Last Name,Company,Ticket,Email\n"
ATTENDEE_CASES: list[Case] = [
    attendee_case("attendees-latin1", (ATTENDEE_HEAD + "Fran\u00e7ois,Dupont,X,Std,f@x\n")
                  .encode("latin-1"), expect="error",
                  errors=(r"attendees\.csv:2: byte 0xe7 is not UTF-8",)),
    attendee_case("attendees-bom-utf16", codecs.BOM_UTF16_LE + (ATTENDEE_HEAD + "Zoë,Ünal,X,Std,"
                                                                "z@x\n").encode("utf-16-le")),
    attendee_case("attendees-ragged", ATTENDEE_HEAD + "Ada,Lovelace\nAlan,Turing,B,Std,a@b,x,y\n",
                  expect="error", errors=(r"attendees\.csv:2: 2 fields but the header has 5",)),
    attendee_case("attendees-huge-field", ATTENDEE_HEAD + "Ada,Lovelace," + "x" * 200_000
                  + ",Std,a@b\n", expect="error", errors=(r"attendees\.csv:\d+: unreadable",)),
    attendee_case("attendees-nul-and-markup", ATTENDEE_HEAD + f'"Ada\0",{q(PAYLOAD)},"<b>Co</b>",'
                  'Speaker,a@b\n', then={"badges": _printed("<b>Co</b>", name="badges.pdf")}),
    attendee_case("attendees-formula-and-braces", ATTENDEE_HEAD + '"=cmd|\' /C calc\'!A0",'
                  '"{name} {0}",%s,Std,"=HYPERLINK(""http://127.0.0.1:9"")"\n'),
]

CASES = ([*FRAB_CASES] if FRAB else []) + ([*JSON_CASES] if JSON else []) + \
        ([*CSV_CASES] if CSV else []) + ([*ATTENDEE_CASES] if ATTENDEES else [])


def _params() -> list:
    out = []
    for group, available, module in ((FRAB_CASES, FRAB, "printprog.importers.frab"),
                                     (JSON_CASES, JSON, "printprog.importers.schedule_json"),
                                     (CSV_CASES, CSV, "printprog.importers.csv_schedule"),
                                     (ATTENDEE_CASES, ATTENDEES, "printprog.importers.attendees")):
        for case in group:
            for product in case.products:
                marks = []
                if not available:
                    marks.append(pytest.mark.skip(reason=f"{module} is not importable yet"))
                elif product in case.xfail:
                    marks.append(pytest.mark.xfail(strict=True, reason=case.xfail[product]))
                out.append(pytest.param(case, product, id=f"{case.id}-{product}", marks=marks))
    return out


@pytest.fixture(scope="module")
def batch(request, hostile_root):
    return module_batch(request, hostile_root, CASES)


@pytest.mark.parametrize("case, product", _params())
def test_importer_input(batch, case: Case, product: str):
    run = verify(batch, case, product)
    assert not (run.out.parent / "pwned").exists()


def test_importer_inputs_touch_nothing_outside_output(batch):
    check_tree_untouched(batch)
