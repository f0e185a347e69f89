"""A peer printprog is compared with: the same booklet set by Typst (its Python package).

    python bench/peer_typst.py DATA_FOLDER OUT.pdf [--source OUT.typ]

Reads the event with printprog's own loader (the same work both sides start with), writes a
Typst document of the booklet and compiles it in this process with the ``typst`` package
(the optional ``bench`` extra): an A5 page with the booklet's margins, running head and
folio, in the bundled Noto fonts (fonts/ given as font_paths, system fonts ignored), and

- a cover (name, dates, venue) on the cover colour;
- contents with page numbers (Typst's outline of the level-1 headings);
- per day, the day at a glance: tables of at most three rooms each (what fits A5 at the
  booklet's 30 mm a column), a row per start time, each talk a cell spanning its rows with
  its title, speakers and the page of its entry; events for everyone across the rooms;
- per day, the talks: time and room, title (a heading: a bookmark), speakers with their
  organisation, the URL, the abstract, and the QR code of the URL as vector SVG (the modules
  printprog.draw.qr encodes, embedded as bytes: Typst has no QR code without packages);
- speakers A to Z (printprog's order): name, affiliation, bio, each talk with its page.

Headings become the PDF's bookmarks. Nothing is downloaded: no ``@preview`` package is
imported, and fonts come from fonts/ only. Exits 3, with one line, when the typst package is
not installed. ``bench/run.py --peers`` (bench/peers.py) times this script as its own
process, the way printprog's booklet command is timed: Python start, loading the YAML,
writing the document and compiling it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from common import ROOT, qr_svg  # bench/ is on the path: this script's folder

NOT_INSTALLED = 3
#: Rooms side by side in one day table: A5's text block (121 mm) less the time column
#: (9 mm), at the booklet's narrowest room column (30 mm).
ROOMS_PER_TABLE = 3
FONTS = ("Noto Sans", "DejaVu Sans", "Noto Sans Arabic", "Noto Sans Hebrew", "NanumGothic",
         "Droid Sans Fallback", "Noto Emoji")

PRELUDE = r"""
#let accent = rgb("#1f5f8b")
#let band = rgb("#eef1f4")
#set document(title: TITLE, date: none)
#set text(font: FONTS, size: 8.5pt, lang: "en", hyphenate: false)
#set par(leading: 0.5em, spacing: 0.8em)
#set page(paper: "a5", margin: (inside: 15mm, outside: 12mm, top: 18mm, bottom: 16mm),
  header: context {
    if here().page() > 1 {
      set text(7pt, fill: luma(110))
      // The section of this page: its own level-1 heading, else the last one before it.
      let n = here().page()
      let upto = query(heading.where(level: 1)).filter(h => h.location().page() <= n)
      SHORT
      h(1fr)
      if upto.len() > 0 { upto.last().body }
      v(-1.5mm)
      line(length: 100%, stroke: 0.3pt + luma(180))
    }
  },
  footer: context {
    let n = here().page()
    if n > 1 {
      set text(8pt, weight: "bold")
      if calc.even(n) [#n] else [#h(1fr)#n]
    }
  })
#show heading.where(level: 1): it => {
  pagebreak(weak: true)
  block(below: 4mm, text(15pt, weight: "bold", fill: accent, it.body))
}
#show heading.where(level: 2): it => block(above: 1mm, below: 1.2mm,
  text(10.5pt, weight: "bold", it.body))
#let pageof(id) = context str(locate(label(id)).page())

#let talk(id, meta, title, people, url, qr, paras) = {
  let head = {
    text(7.5pt, weight: "bold", fill: accent, meta)
    [#heading(level: 2, title) #label(id)]
    if people.len() > 0 {
      text(8pt, people.map(p => if p.at(1) == "" { strong(p.at(0)) }
        else [#strong(p.at(0)), #p.at(1)]).join("; "))
      linebreak()
    }
    if url != "" { link(url, text(6.5pt, fill: luma(110), url)) }
  }
  block(breakable: false, width: 100%, below: 1.6mm,
    if qr == none { head } else {
      grid(columns: (1fr, 16mm), column-gutter: 3mm, head,
        image(bytes(qr), format: "svg", width: 16mm))
    })
  for p in paras { par(p) }
  line(length: 100%, stroke: 0.3pt + luma(200))
}

#let cell(title, who, id) = {
  if id == none { text(7pt, weight: "bold", title) } else {
    link(label(id), text(7pt, weight: "bold", title))
  }
  if who != "" { linebreak(); text(6.5pt, who) }
  if id != none { h(1fr); text(6.5pt, weight: "bold", fill: accent, pageof(id)) }
}
#let everyone(title, room) = [#text(7pt, weight: "bold", title) #text(6.5pt, fill: luma(90), room)]

#let speaker(name, aff, bio, talks) = {
  block(breakable: false, below: 1mm, {
    text(9pt, weight: "bold", name)
    if aff != "" { linebreak(); text(7.5pt, fill: luma(90), aff) }
    for t in talks {
      linebreak()
      if t.at(1) == none { text(7.5pt, t.at(0)) } else {
        link(label(t.at(1)), text(7.5pt, t.at(0)))
        box(width: 1fr, repeat[.])
        text(7.5pt, weight: "bold", pageof(t.at(1)))
      }
    }
  })
  for p in bio { par(text(8pt, p)) }
  v(1.5mm)
}
"""


def lit(value) -> str:
    """``value`` as Typst code: a string literal (never markup, so no character of a title
    means anything to Typst), none, or an array of these."""
    if value is None:
        return "none"
    if isinstance(value, (list, tuple)):
        inner = ", ".join(lit(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\r", "").replace("\n", "\\n") + '"'


def has_entry(s) -> bool:
    """A session gets an entry in the talks section (printprog's rule: events for everyone
    only when they have an abstract)."""
    return not (s.plenary and not s.abstract)


def day_tables(conf, day, ids: dict[str, str]) -> list[str]:
    """The day at a glance: one table per group of rooms (see the module docstring)."""
    from printprog.schedule.views import people_names

    out = []
    rooms = list(day.rooms)
    groups = [rooms[i:i + ROOMS_PER_TABLE] for i in range(0, len(rooms), ROOMS_PER_TABLE)]
    for group in groups or [[]]:
        column = {r.id: i + 1 for i, r in enumerate(group)}
        items = [s for s in day.sessions if s in day.plenary or s.room in column]
        starts = sorted({s.start for s in items})
        row = {t: i + 1 for i, t in enumerate(starts)}  # row 0 is the header
        taken: set[tuple[int, int]] = set()
        cells = [f"table.cell(x: 0, y: {row[t]}, text(6.5pt, {lit(f'{t:%H:%M}')}))"
                 for t in starts]
        for s in items:
            y = row[s.start]
            cols = list(column.values()) if s in day.plenary else [column[s.room]]
            cols = [c for c in cols if (c, y) not in taken]
            if not cols:
                continue  # a clash in the data: the first session keeps the cell
            span = 1
            while (y + span <= len(starts) and starts[y + span - 1] < s.end
                   and not any((c, y + span) in taken for c in cols)):
                span += 1
            taken.update((c, y + k) for c in cols for k in range(span))
            if s in day.plenary:
                body = f"everyone({lit(s.title)}, {lit(conf.room_by_id[s.room].name)})"
                cells.append(f"table.cell(x: {cols[0]}, y: {y}, colspan: {len(cols)}, "
                             f"rowspan: {span}, fill: band, {body})")
            else:
                body = (f"cell({lit(s.title)}, {lit(people_names(conf, s, 3))}, "
                        f"{lit(ids.get(s.id))})")
                cells.append(f"table.cell(x: {cols[0]}, y: {y}, rowspan: {span}, {body})")
        header = ", ".join(f"text(7.5pt, weight: \"bold\", {lit(r.name)})" for r in group)
        out.append(
            f"#table(columns: (9mm, {', '.join(['1fr'] * max(1, len(group)))}), "
            f"inset: 0.8mm, stroke: 0.3pt + luma(180),\n"
            f"  table.header([], {header}),\n  " + ",\n  ".join(cells) + ")\n#v(3mm)")
    return out


def document(conf) -> str:
    """The whole Typst source of the booklet of ``conf``."""
    from printprog.schedule.views import days, speakers_a_to_z, talks_of

    all_days = days(conf)
    ids = {s.id: f"t{i}" for i, s in enumerate(
        s for d in all_days for s in d.sessions if has_entry(s))}
    dates = (f"{conf.start_date:%-d %B}\u2013{conf.end_date:%-d %B %Y}"
             if conf.start_date != conf.end_date else f"{conf.start_date:%-d %B %Y}")
    where = ", ".join(p for p in (conf.venue, conf.city) if p)
    prelude = (PRELUDE.replace("TITLE", lit(conf.name)).replace("FONTS", lit(FONTS))
               .replace("SHORT", lit(conf.short_name or conf.name)))
    out = [prelude,
           f'#page(fill: rgb("#16384f"), margin: 18mm, header: none, footer: none)['
           f"#set text(fill: white)\n#v(1fr)\n#text(22pt, weight: \"bold\", {lit(conf.name)})"
           f"\n#v(4mm)\n#text(10pt, {lit(dates)})\\\n#text(10pt, {lit(where)})\n#v(2fr)]",
           '#outline(title: "Contents", depth: 1)']
    for day in all_days:
        name = f"{day.date:%A %-d %B}"
        out.append(f"#heading(level: 1, {lit(name + ': at a glance')})")
        out += day_tables(conf, day, ids)
        out.append(f"#heading(level: 1, {lit(name + ': talks')})")
        for s in day.sessions:
            if not has_entry(s):
                continue
            people = [[sp.name, sp.organisation]
                      for sp in (conf.speaker_by_id[p] for p in s.people)]
            url = conf.url_for(s)
            meta = f"{s.start:%H:%M}\u2013{s.end:%H:%M} \u00b7 {conf.room_by_id[s.room].name}"
            out.append(f"#talk({lit(ids[s.id])}, {lit(meta)}, {lit(s.title)}, {lit(people)}, "
                       f"{lit(url)}, {lit(qr_svg(url, 16) if url else None)}, "
                       f"{lit(s.abstract)})")
    out.append('#heading(level: 1, "Speakers A to Z")')
    for sp in speakers_a_to_z(conf):
        talks = [[s.title, ids.get(s.id)] for s in talks_of(conf, sp)]
        out.append(f"#speaker({lit(sp.name)}, {lit(sp.affiliation)}, {lit(sp.bio)}, "
                   f"{lit(talks)})")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--source", type=Path, help="also write the Typst source here")
    args = ap.parse_args(argv)
    try:
        import typst
    except ImportError:
        print("peer_typst: the typst package is not installed (pip install -e '.[bench]'); "
              "skipped", file=sys.stderr)
        return NOT_INSTALLED
    from printprog.importers import load

    source = document(load(args.data))
    if args.source:
        args.source.write_text(source, encoding="utf-8")
    # Fonts from fonts/ only (the system's and none downloaded); the source is in memory.
    pdf = typst.compile(source.encode("utf-8"), root=str(ROOT),
                        font_paths=[str(ROOT / "fonts")], ignore_system_fonts=True)
    args.out.write_bytes(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
