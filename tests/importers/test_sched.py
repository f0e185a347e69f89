"""The Sched importer against the saved KVM Forum 2013 page, and the bundled data made from it."""

from __future__ import annotations

import unicodedata
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from printprog.cli import main
from printprog.core.errors import DataError
from printprog.importers import load
from printprog.importers.sched import parse
from printprog.schedule.model import SERVICE_KINDS, Conference, fold

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "tests" / "fixtures" / "kvmforum2013-sched.txt"
DATA = ROOT / "data" / "kvmforum2013"

#: Every session that is not a break, meal, registration or social, in page order:
#: (title, speaker names, moderator names).
TALKS = [
    ("Welcome & Opening Keynote", ["Gleb Natapov"], []),
    ("Modern QEMU Device Emulation", ["Andreas Färber"], []),
    ("How Closely Do We Model Real Hardware in QEMU?", ["Anthony Liguori"], []),
    ("Virgil3D - Virtio Based 3D Capable GPU", ["Dave Airlie"], []),
    ("Introduction to z/Architecture and KVM on System z", ["Jens Freimann"], []),
    ("Static system partitioning and KVM", ["Jan Kiszka"], []),
    ("Crossing the Endianness Bridge (Or a Foolish Attempt at Mixed-Endian Virtualization)",
     ["Marc Zyngier"], []),
    ("VGA Assignment Using VFIO", ["Alex Williamson"], []),
    ("Find Your Way Through the (x86) Firmware Maze", ["Gerd Hoffmann"], []),
    ("Platform Device Passthrough Using VFIO", ["Stuart Yoder"], []),
    ("Nested Virtualization: Shadow Turtles", ["Orit Wasserman"], []),
    ("Developments in KVM on Power", ["Paul Mackerras"], []),
    ("Nested EPT to Make Nested VMX Faster", ["Gleb Natapov"], []),
    ("Running Windows 8 on top of Android with KVM", ["Zhi Wang"], []),
    ("QEMU Summit", [], []),
    ("Keynote: QEMU Weather Report", ["Anthony Liguori"], []),
    ("Effective Multi-Threading in QEMU", ["Paolo Bonzini"], []),
    ("Block Layer Status Report", ["Stefan Hajnoczi", "Kevin Wolf"], []),
    ("An Introduction to OpenStack and its use of KVM Virtualization", ["Daniel Berrangé"], []),
    ("RDMA Live Migration and RDMA Fault Tolerance", ["Michael Hines"], []),
    ("Implementing New Block Drivers: A QEMU Developer Primer", ["Jeff Cody"], []),
    ("New Developments and Advanced Features in the Libvirt Management API",
     ["Daniel Berrangé"], []),
    ("COLO: COarse-grained LOck-stepping Virtual Machines", ["Eddie Dong", "Xiaowei Yang"], []),
    ("Toward QCOW2 Deduplication", ["Benoît Canet"], []),
    ("Empowering Data Center Virtualization Using KVM", ["Livnat Peer"], []),
    ("One Year Later: And There are Still Things to Improve in Migration!", ["Juan Quintela"], []),
    ("Block Device Configuration Done Right", ["Markus Armbruster", "Kevin Wolf"], []),
    ("Kimchi: Simplified KVM Management", ["Adam Litke"], []),
    ("Experiments in Enabling Automated Migration Testing", ["Amit Shah"], []),
    ("High Performance Network I/O for Virtual Machines", ["Giuseppe Lettieri"], []),
    ("Providing Quality of Service for VMs in oVirt", ["Martin Sivak"], []),
    ("Debugging Live Migration", ["Alexander Graf"], []),
    ("Virtio and KVM Networking: Status Update and Plans", ["Michael S. Tsirkin"], []),
    ("You Want How Much Space? Virtualisation at Keele, and How Not To Do It",
     ["Martin Goldstone"], []),
    ("Automatic Memory Ballooning", ["Luiz Capitulino"], []),
    ("Efficient and Scalable Virtio", ["Abel Gordon"], []),
    ("Linux Storage Stack for the Cloud", ["Yeela Kaplan"], []),
    ("QEMU Development and Testing Automation Using MS HCK", ["Anton Nayshtut"], []),
    ("Spice in a 3d World", ["Hans de Goede"], []),
    ("Trusted Compute Pools Feature in oVirt", ["Gang Wei"], []),
    ("BoFS", [], []),
    ("Keynote Panel: OVA at KVM Forum: Connecting High Performance End Users with Leading KVM "
     "Developers", ["Will Auld", "Fernando Luis Vazquez Cao", "Patrick Fitzgerald"],
     ["Adam Jollans"]),
    ("oVirt Project Update", ["Itamar Heim"], []),
    ("Reducing Context Switch Overhead", ["Rik van Riel"], []),
    ("oVirt Hosted Engine: The Egg That Hosts its Parent Chicken", ["Doron Fediuck"], []),
    ("QContext and Supporting Multiple Event Loop Threads in QEMU", ["Michael Roth"], []),
    ("oVirt for PowerPC", ["Leonardo Bianconi"], []),
    ("QAPI Interface Design: Best Practices", ["Eric Blake"], []),
    ("Hackathon", [], []),
    ("oVirt Networking", ["Livnat Peer"], []),
]

#: People whose bio the page cut short with "... Read More →".
TRUNCATED = {
    "Dave Airlie", "Markus Armbruster", "Daniel Berrangé", "Leonardo Bianconi", "Paolo Bonzini",
    "Fernando Luis Vazquez Cao", "Jeff Cody", "Eddie Dong", "Andreas Färber", "Jens Freimann",
    "Hans de Goede", "Martin Goldstone", "Abel Gordon", "Alexander Graf", "Stefan Hajnoczi",
    "Itamar Heim", "Michael Hines", "Gerd Hoffmann", "Adam Jollans", "Jan Kiszka",
    "Giuseppe Lettieri", "Paul Mackerras", "Gleb Natapov", "Anton Nayshtut", "Livnat Peer",
    "Juan Quintela", "Rik van Riel", "Martin Sivak", "Michael S. Tsirkin", "Orit Wasserman",
    "Gang Wei", "Alex Williamson", "Kevin Wolf", "Stuart Yoder", "Marc Zyngier",
}


@pytest.fixture(scope="module")
def conf() -> Conference:
    return parse(PAGE)


def _by_title(conf: Conference, title: str):
    (session,) = [s for s in conf.sessions if s.title == title]
    return session


def _names(conf: Conference, ids: tuple[str, ...]) -> list[str]:
    return [conf.speaker_by_id[i].name for i in ids]


def _texts(conf: Conference) -> list[str]:
    out = [conf.name, conf.short_name, conf.city, conf.venue]
    for s in conf.sessions:
        out += [s.title, *s.abstract]
    for sp in conf.speakers:
        out += [sp.name, sp.job_title, sp.organisation, *sp.bio]
    for r in conf.rooms:
        out += [r.name, r.address or ""]
    return out


def test_parse_kvmforum_has_64_sessions_over_three_days(conf: Conference):
    assert len(conf.sessions) == 64
    assert conf.days == [date(2013, 10, 21), date(2013, 10, 22), date(2013, 10, 23)]
    per_day = Counter(s.conference_day.day for s in conf.sessions)
    assert per_day == {21: 20, 22: 31, 23: 13}
    assert (conf.start_date, conf.end_date) == (date(2013, 10, 21), date(2013, 10, 23))


def test_parse_kvmforum_counts_each_kind(conf: Conference):
    kinds = Counter(s.kind.value for s in conf.sessions)
    assert dict(kinds) == {"talk": 44, "keynote": 2, "panel": 1, "break": 5, "meal": 3,
                           "registration": 3, "social": 3, "bof": 1, "hackathon": 1, "other": 1}
    assert _by_title(conf, "QEMU Summit").kind.value == "other"
    assert _by_title(conf, "Welcome & Opening Keynote").kind.value == "keynote"


def test_parse_kvmforum_titles_and_people_match_the_table(conf: Conference):
    found = [(s.title, _names(conf, s.speakers), _names(conf, s.moderators))
             for s in conf.sessions if s.kind not in SERVICE_KINDS]
    assert sorted(found) == sorted(TALKS)


def test_parse_kvmforum_conference_metadata(conf: Conference):
    assert conf.name == "KVM Forum + oVirt Developers Summit 2013"
    assert (conf.timezone, conf.city) == ("Europe/London", "Edinburgh")
    # Not on the page: left for the organiser (the bundled data adds them by hand).
    assert (conf.short_name, conf.venue, conf.website, conf.session_url) == (
        conf.name, "", "", "")


def test_bundled_data_adds_what_the_page_does_not_say():
    bundled = load(DATA)
    assert bundled.short_name == "KVM Forum 2013"
    assert bundled.venue == "Edinburgh International Conference Centre"
    assert bundled.website == "https://kvmforum2013.sched.org"
    assert bundled.session_url == "https://kvmforum2013.sched.org/event/{id}"


def test_parse_kvmforum_leaves_no_export_debris_in_any_text(conf: Conference):
    for text in _texts(conf):
        assert "Read More" not in text, text
        assert "_x000d_" not in text.lower(), text
        assert ">>" not in text, text
        assert "→" not in text, text
        assert unicodedata.is_normalized("NFC", text), text
        assert not any(unicodedata.category(c) == "Cc" for c in text), text
        assert text == text.strip() and "  " not in text, text


def test_parse_kvmforum_rooms_in_order_with_offsite_addresses(conf: Conference):
    rooms = [(r.id, r.name, r.address) for r in conf.rooms]
    assert rooms == [
        ("edinburgh-suite", "Edinburgh Suite", None),
        ("melville-suite", "Melville Suite", None),
        ("stirling-suite", "Stirling Suite", None),
        ("atrium-foyer", "Atrium & Foyer", None),
        ("lebowskis-bar", "Lebowski's Bar", "18 Morrison Street, Edinburgh"),
        ("cargo-bar", "Cargo Bar", "129 Fountainbridge, Edinburgh"),
        ("national-museum-of-scotland", "National Museum of Scotland", "Chambers St, Edinburgh"),
    ]
    assert [r.order for r in conf.rooms] == list(range(7))
    assert _by_title(conf, "Attendee Reception at Cargo Bar").room == "cargo-bar"


def test_parse_two_spellings_of_one_person_give_one_speaker(conf: Conference):
    daniel = [s for s in conf.speakers if fold(s.name) == "daniel berrange"]
    rik = [s for s in conf.speakers if fold(s.name) == "rik van riel"]
    assert [s.name for s in daniel] == ["Daniel Berrangé"]
    assert [s.name for s in rik] == ["Rik van Riel"]
    assert daniel[0].id == "daniel-berrange" and rik[0].id == "rik-van-riel"
    assert len({s.id for s in conf.speakers}) == len(conf.speakers) == 48
    assert len({fold(s.name) for s in conf.speakers}) == 48
    openstack = _by_title(conf, "An Introduction to OpenStack and its use of KVM Virtualization")
    libvirt = _by_title(conf, "New Developments and Advanced Features in the Libvirt Management "
                              "API")
    assert openstack.speakers == libvirt.speakers == ("daniel-berrange",)


def test_parse_speakers_block_missing_takes_speakers_from_title(conf: Conference):
    kimchi = _by_title(conf, "Kimchi: Simplified KVM Management")
    assert kimchi.speakers == ("adam-litke",)
    litke = conf.speaker_by_id["adam-litke"]
    assert (litke.name, litke.organisation, litke.bio) == ("Adam Litke", "IBM", ())
    colo = _by_title(conf, "COLO: COarse-grained LOck-stepping Virtual Machines")
    assert conf.speaker_by_id[colo.speakers[1]].organisation == "Huawei"


def test_parse_panel_keeps_moderator_apart_from_speakers(conf: Conference):
    panel = next(s for s in conf.sessions if s.kind.value == "panel")
    assert panel.moderators == ("adam-jollans",)
    assert "adam-jollans" not in panel.speakers
    assert len(panel.speakers) == 3


def test_parse_read_more_bios_are_truncated_without_the_marker(conf: Conference):
    assert {s.name for s in conf.speakers if s.bio_truncated} == TRUNCATED
    gleb = conf.speaker_by_id["gleb-natapov"]
    assert gleb.bio[-1].endswith("talks that I gave at previous KVM and")
    liguori = conf.speaker_by_id["anthony-liguori"]
    assert not liguori.bio_truncated and liguori.bio[-1].endswith("Linux Foundation events.")
    for name in ("will-auld", "patrick-fitzgerald"):  # "Biography coming soon."
        assert conf.speaker_by_id[name].bio == ()


def test_parse_affiliation_splits_job_title_from_organisation(conf: Conference):
    def aff(ident: str) -> tuple[str, str]:
        return conf.speaker_by_id[ident].job_title, conf.speaker_by_id[ident].organisation

    assert aff("paolo-bonzini") == ("Distinguished Engineer", "Red Hat, Inc.")
    assert aff("anthony-liguori") == ("", "Amazon")
    assert aff("livnat-peer") == ("Sr. Engineering Manager", "Red Hat")
    assert aff("itamar-heim") == ("Senior Director, Software Engineering", "Red Hat")
    assert aff("martin-goldstone") == ("Systems Administrtor", "Keele University")
    assert aff("will-auld") == ("", "Intel")
    assert aff("paul-mackerras") == ("", "")


def test_parse_abstracts_keep_paragraphs_and_list_items(conf: Conference):
    migration = _by_title(conf, "One Year Later: And There are Still Things to Improve in "
                                "Migration!")
    assert migration.abstract[-4:] == (
        "- kemari (fault tolerance)", "- post-copy migration",
        "- what is missing to make easy to change the migration protocol",
        "- what we need to do to improve with testing")
    netmap = _by_title(conf, "High Performance Network I/O for Virtual Machines").abstract
    assert netmap[1:] == ("http://info.iet.unipi.it/~luigi/netmap/",
                          "(Luigi Rizzo, Giuseppe Lettieri, Vincenzo Maffione, Univ. di Pisa)")
    spice = " ".join(_by_title(conf, "Spice in a 3d World").abstract)
    assert "This talk will look at the various options" in spice
    vfio = _by_title(conf, "Platform Device Passthrough Using VFIO").abstract
    assert "allows pass-through of devices" in vfio[0]
    assert vfio[1:3] == ("This presentation describes:", "1. vfio")
    assert len(_by_title(conf, "Developments in KVM on Power").abstract) == 3


def test_parse_coming_soon_placeholders_read_as_no_abstract(conf: Conference):
    for title in ("Keynote: QEMU Weather Report", "Kimchi: Simplified KVM Management",
                  "Reducing Context Switch Overhead", "Hackathon"):
        assert _by_title(conf, title).abstract == (), title


def test_parse_times_are_london_summer_time(conf: Conference):
    expected = {
        "Welcome & Opening Keynote": ("2013-10-21T09:00:00+01:00", "2013-10-21T09:15:00+01:00"),
        "Attendee Reception at Cargo Bar": ("2013-10-22T19:00:00+01:00",
                                            "2013-10-22T22:00:00+01:00"),
        "Hackathon": ("2013-10-23T13:00:00+01:00", "2013-10-23T17:30:00+01:00"),
    }
    for title, (start, end) in expected.items():
        session = _by_title(conf, title)
        assert (session.start.isoformat(), session.end.isoformat()) == (start, end)
        assert session.start.utcoffset() == timedelta(hours=1)
        assert session.start.tzname() == "BST"
    assert all(s.day is None for s in conf.sessions)


def test_bundled_data_loads_with_the_same_sessions_as_a_fresh_import(conf: Conference):
    bundled = load(DATA)
    assert [s.title for s in bundled.sessions] == [s.title for s in conf.sessions]
    assert bundled.sessions == conf.sessions


def test_bundled_data_differs_from_a_fresh_import_only_by_the_listed_corrections(
        conf: Conference):
    bundled = load(DATA)
    fixed = {sp.id: sp.job_title for sp in bundled.speakers
             if sp != conf.speaker_by_id[sp.id]}
    assert fixed == {"dave-airlie": "Enterprise Kernel Graphics Maintainer",
                     "martin-goldstone": "Systems Administrator",
                     "eddie-dong": "Principal Engineer"}
    assert [sp.id for sp in bundled.speakers] == [sp.id for sp in conf.speakers]
    assert [(r.id, r.name, r.address) for r in bundled.rooms] == [
        (r.id, r.name, r.address) for r in conf.rooms]
    colours = [r.colour for r in bundled.rooms]
    assert all(colours) and len(set(colours)) == len(colours)
    notes = (DATA / "conference.yaml").read_text(encoding="utf-8")
    for ident in [*fixed, *(r.id for r in bundled.rooms)]:
        assert ident in notes, f"{ident} is corrected by hand but not listed in the notes"


def test_check_fresh_import_warns_about_the_copied_bio(tmp_path: Path, capsys):
    out = tmp_path / "kvm"
    assert main(["import", "sched", str(PAGE), "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["check", "--data", str(out)]) == 0
    err = capsys.readouterr().err
    same_bio = [line for line in err.splitlines() if "same bio" in line]
    assert len(same_bio) == 1
    assert "Adam Jollans" in same_bio[0] and "Fernando Luis Vazquez Cao" in same_bio[0]
    assert "error:" not in err


def test_parse_non_sched_text_raises_data_error_naming_the_file(tmp_path: Path):
    path = tmp_path / "attendees.txt"
    path.write_text("name,email\nAda Lovelace,ada@example.org\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        parse(path)
    assert str(path) in str(info.value)
    assert "not a Sched schedule page" in str(info.value)


def test_parse_session_without_time_line_names_file_and_line(tmp_path: Path):
    path = tmp_path / "broken.txt"
    path.write_text("Monday, October 21\n\n9:00am BST\n\nOpening - Ada Lovelace, Analytical\n"
                    "Welcome.\n\n10:00am BST\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        parse(path)
    assert str(info.value).startswith(f"{path}:5: session 'Opening - Ada Lovelace, Analytical'")
    assert "has no time line" in str(info.value)
