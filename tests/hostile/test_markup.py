"""Text is text: markup in any field of the data prints literally and executes, opens and
fetches nothing, in every product.

The reportlab payloads are those of CVE-2023-33733 (code in a ``<font color>`` attribute,
evaluated by reportlab before 3.6.13) and CVE-2019-19450 (code in ``<unichar name>``), and
``<img src>`` / ``<a href>`` pointing at a local file and a local port. The guard in the
harness would note any process started, socket opened or forbidden file read; the
payloads' ``touch pwned`` would leave a file in the case folder.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from .harness import (
    Case,
    Event,
    check_tree_untouched,
    event_case,
    module_batch,
    params,
    pdf_text,
    product_names,
    squash,
    verify,
)

#: check, every product of the registry, ical.
ALL = ("check", *product_names(), "ical")

CVE_2023_33733 = ('<font color="[ [ getattr(pow, Word(\'__globals__\'))[\'os\'].system('
                  '\'touch pwned\') for Word in [ orgTypeFun(\'Word\', (str,), { '
                  '\'mutated\': 1, \'startswith\': lambda self, x: 1 == 0, \'__eq__\': lambda '
                  'self, x: self.mutate() and self.mutated < 0 and str(self) == x, \'mutate\': '
                  'lambda self: { setattr(self, \'mutated\', self.mutated - 1) }, \'__hash__\': '
                  'lambda self: hash(str(self)), }, ) ] ] for orgTypeFun in [type(type(1))] '
                  '] and \'red\'">exploit</font>')
CVE_2019_19450 = ('<unichar name="\') or __import__(\'os\').system(\'touch pwned\') or '
                  '(\'"/> and <unichar code="0x41"/>')
IMG_FILE = '<img src="file:///etc/passwd" width="20" height="20"/> <img src="/etc/passwd"/>'
IMG_OUTSIDE = '<img src="../outside/secret.jpg" width="20" height="20"/>'
IMG_URL = '<img src="http://127.0.0.1:9/x.png" width="20" height="20"/>'
A_HREF = ('<a href="http://127.0.0.1:9/x">click</a> <link href="file:///etc/passwd">l</link> '
          '<a href="javascript:alert(1)">js</a>')

PAYLOADS = {
    "amp": "Q&A and R&D & more",
    "bold": "<b>bold</b> <i>italic</i> <u>under</u> <strike>s</strike>",
    "font": '<font color="red" size="40" face="Courier">big red</font>',
    "cve-2023-33733": CVE_2023_33733,
    "cve-2019-19450": CVE_2019_19450,
    "img-file": IMG_FILE,
    "img-outside": IMG_OUTSIDE,
    "img-url": IMG_URL,
    "a-href": A_HREF,
    "entities": "&amp;lt; &lt;b&gt; &#x41; &#65; &alpha; &nbsp; &unknown; &",
    "cdata": "<![CDATA[x]]> <!-- c --> <?pi x?> <!DOCTYPE x> ]]>",
    "para": '</para><para> <br/> <seq id="x"/> <onDraw name="x"/> <index item="x"/>',
    "quotes": "\"double\" 'single' `back` <\"mixed'>",
    "braces": "{name} {0} %s %(name)s {{x}} {printed_name}",
}

#: (where in the Event, field) for every text field of the data format.
FIELDS = [
    ("conference", "name"), ("conference", "short_name"), ("conference", "city"),
    ("conference", "venue"), ("room:main", "name"), ("room:pub", "address"),
    ("room:small", "name"), ("speaker:ada", "name"), ("speaker:ada", "job_title"),
    ("speaker:ada", "organisation"), ("speaker:ada", "bio"), ("speaker:alan", "name"),
    ("speaker:alan", "organisation"), ("session:t1", "title"), ("session:t1", "abstract"),
    ("session:t1", "track"), ("session:t2", "title"), ("session:party", "title"),
    ("session:party", "abstract"),
]


def _target(ev: Event, where: str) -> dict:
    if where == "conference":
        return ev.conference
    kind, ident = where.split(":")
    return {"room": ev.room, "speaker": ev.speaker, "session": ev.session}[kind](ident)


def _everywhere(payloads: list[str]):
    """Every text field gets a payload (cycling), each marked with its field so a missing
    one is named."""
    def change(ev: Event) -> None:
        for n, (where, key) in enumerate(FIELDS):
            _target(ev, where)[key] = f"[{key}] {payloads[n % len(payloads)]}"
    return change


def _printed_everywhere(payloads: list[str]):
    def check(run) -> None:
        text = pdf_text(run.out / "booklet.pdf")
        for n, (where, key) in enumerate(FIELDS):
            wanted = " ".join(f"[{key}] {payloads[n % len(payloads)]}".split())
            if key == "short_name":  # drawn as a running head: cut to fit, so a prefix
                wanted = wanted[:12]
            assert wanted in text, f"{where}.{key} not printed literally: {wanted!r}"
    return check


def _contains(product_file: str, *texts: str):
    def check(run) -> None:
        text = squash(pdf_text(run.out / product_file))
        for t in texts:
            assert squash(t) in text, f"{t!r} not in {product_file}"
    return check


def _not_pwned(run) -> None:
    assert not (run.out.parent / "pwned").exists()


EVERY = list(PAYLOADS.values())

CASES: list[Case] = [
    event_case("all-payloads-in-every-field", _everywhere(EVERY), products=ALL,
               forbidden=("../outside",),
               then={"booklet": _printed_everywhere(EVERY),
                     "signage": _contains("signage", "[name]"),
                     "badges": _contains("badges.pdf", "[name]")}),
    *[event_case(f"{name}-in-every-field", _everywhere([PAYLOADS[name]]), products=ALL,
                 then={"booklet": _printed_everywhere([PAYLOADS[name]]),
                       "check": _not_pwned, "poster": _not_pwned})
      for name in ("cve-2023-33733", "cve-2019-19450", "img-file", "img-url", "a-href")],
    event_case("braces-in-badge-fields", lambda ev: ev.speaker("ada").update(
                   name="{name} {organisation}", organisation="{0} %s {{x}}"),
               products=("badges",),
               then={"badges": _contains("badges.pdf", "{name} {organisation}",
                                         "{0} %s {{x}}")}),
    # URLs go into link attributes and QR codes: a quote or a space would end them early.
    event_case("url-with-quote-attribute-injection", lambda ev: ev.session("t1").update(
                   url='https://x.example/" color="[[[os.system(\'touch pwned\')]]]'),
               expect="error",
               errors=(r"sessions\.yaml:\d+:\d+: 2030-05-06\[2\]\.url: .* is not an http\(s\) "
                       r"URL",)),
    event_case("url-non-ascii-iri", lambda ev: ev.session("t1").update(
                   url="https://例え.jp/トーク/ß?q=ü&x=1"),
               products=("check", "booklet", "signage"),
               then={"booklet": _contains("booklet.pdf", "https://例え.jp/トーク/ß?q=ü&x=1")}),
    event_case("website-javascript-scheme", lambda ev: ev.conference.update(
                   website="javascript:alert(1)"), expect="error",
               errors=(r"conference\.yaml:\d+:\d+: website: 'javascript:alert\(1\)' is not an "
                       r"http\(s\) URL",)),
    event_case("session-url-file-scheme", lambda ev: ev.conference.update(
                   session_url="file:///etc/passwd#{id}"), expect="error",
               errors=(r"session_url: 'file:///etc/passwd#\{id\}' is not an http\(s\) URL",)),
]


# -- 200 markup-ish titles round trip ------------------------------------------------------

FRAGMENTS = ["<", ">", "&", '"', "'", "&amp;", "&amp;lt;", "&lt;", "&#60;", "&#x3C;", "<b>",
             "</b>", "<i>x</i>", '<font color="red">', "</font>", '<unichar name="BULLET"/>',
             "<br/>", '<a href="#x">', "</a>", "]]>", "<!--", "-->", "<para>", "%s", "{0}",
             "é", "ß", "Ωμέγα", "Жук", "日本語", "한글", "→", "★", "©", "½", "€", "Q&A", "C++",
             "a<b", "x>y", "Talk", "about", "the", "engine", "kernel", "2030", "v1.0"]


def markupish(count: int = 200, seed: int = 8) -> list[str]:
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < count:
        parts = [rng.choice(FRAGMENTS) for _ in range(rng.randint(2, 7))]
        text = "".join(p + rng.choice([" ", "", " "]) for p in parts).strip()
        if text and text not in out:
            out.append(text)
    return out


TITLES = markupish()


def _round_trip_event(ev: Event) -> None:
    rooms = ["main", "small", "r3", "r4", "r5"]
    ev.rooms[2:2] = [{"id": "r3", "name": "Room 3"}, {"id": "r4", "name": "Room 4"},
                     {"id": "r5", "name": "Room 5"}]
    ev.conference.update(start="2030-05-06", end="2030-05-09")
    ev.sessions = {}
    for n, title in enumerate(TITLES):
        day, slot = divmod(n, 50)
        hour, room = divmod(slot, 5)
        ev.sessions.setdefault(f"2030-05-{6 + day:02d}", []).append({
            "id": f"m{n:03d}", "start": f"{8 + hour:02d}:00", "end": f"{8 + hour:02d}:45",
            "room": rooms[room], "title": title, "speakers": ["ada"], "abstract": "x"})


def _round_trip_check(run) -> None:
    import pdfcheck

    text = " ".join(" ".join(t.split()) for t in pdfcheck.page_texts(run.out / "booklet.pdf"))
    missing = [t for t in TITLES if " ".join(t.split()) not in text]
    assert missing == [], f"{len(missing)} of {len(TITLES)} titles not printed as written: " \
                          f"{missing[:5]}"


CASES.append(event_case("markup-round-trip-200-titles", _round_trip_event,
                        products=("booklet",), then={"booklet": _round_trip_check}))


@pytest.fixture(scope="module")
def batch(request, hostile_root):
    return module_batch(request, hostile_root, CASES)


@pytest.mark.parametrize("case, product", params(CASES))
def test_markup_is_text(batch, case: Case, product: str):
    run = verify(batch, case, product)
    assert not (Path(run.out).parent / "pwned").exists()


def test_markup_touches_nothing_outside_output(batch):
    check_tree_untouched(batch)


def test_markup_round_trip_strings_are_markup_ish():
    """The generated titles hold what they should: tags, entities, and unicode."""
    joined = "".join(TITLES)
    for needle in ("<b>", "&amp;lt;", "<unichar", "&#60;", "日本語", "]]>"):
        assert needle in joined
    assert len(set(TITLES)) == 200
