"""Conference → the native YAML data folder (what `printprog import` writes for hand editing)."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path
from typing import Any

import yaml

from ..core import stops
from ..core.errors import PrintprogError
from ..core.safeyaml import RESOLVERS
from ..core.when import LOCAL
from ..schedule.model import Conference, Session


class _Block(str):
    """Text written as a YAML literal block (paragraphs stay readable)."""


class _Dumper(yaml.SafeDumper):
    pass


# Resolve like the strict loader, so 09:15 and 2013-10-21 are written without quotes.
_Dumper.yaml_implicit_resolvers = RESOLVERS
_Dumper.add_representer(
    _Block, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style="|")
)


def _dump(data: Any, header: str = "") -> str:
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)
    lines = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return lines + body


def _text(paras: tuple[str, ...]) -> str | _Block:
    return _Block("\n\n".join(paras) + "\n") if len(paras) > 1 else (paras[0] if paras else "")


def _session(conf: Conference, s: Session) -> dict[str, Any]:
    def clock(t) -> str:
        # A time past midnight of the conference day (a 01:00 party) is written "01:00 +1".
        return f"{t:%H:%M}" + (" +1" if t.date() > s.conference_day else "")

    out: dict[str, Any] = {"id": s.id, "start": clock(s.start), "end": clock(s.end)}
    out["kind"] = s.kind.value
    out["room"] = s.room
    out["title"] = s.title
    if s.speakers:
        out["speakers"] = list(s.speakers)
    if s.moderators:
        out["moderators"] = list(s.moderators)
    if s.track:
        out["track"] = s.track
    if s.url:
        out["url"] = s.url
    if s.abstract:
        out["abstract"] = _text(s.abstract)
    return out


def stated_zone(conf: Conference) -> str:
    """The ``timezone`` a data folder states for ``conf``: ``local`` for times whose zone
    was guessed from nothing (printed as written; loading the folder then says "All times
    are local", never "(UTC)" as if the file had stated it). A zone guessed from the UTC
    offsets the times carried stays named: it keeps those instants exact."""
    return LOCAL if conf.timezone_guessed and conf.timezone == "UTC" else conf.timezone


def data(conf: Conference) -> dict[str, Any]:
    """The four parts of a data folder (conference, rooms, speakers, sessions) as plain
    data: written as files by :func:`render`, as one document into every PDF (source.py)."""
    meta: dict[str, Any] = {k: v for k, v in {
        "name": conf.name, "short_name": conf.short_name,
        "start": conf.start_date.isoformat(), "end": conf.end_date.isoformat(),
        "timezone": stated_zone(conf),
        "city": conf.city, "venue": conf.venue,
        "website": conf.website, "session_url": conf.session_url, "room_url": conf.room_url,
        "day_url": conf.day_url, "speaker_url": conf.speaker_url, "wifi": conf.wifi,
        "venue_address": conf.venue_address, "conduct_contact": conf.conduct_contact,
        "emergency": conf.emergency,
        "grid_rooms": list(conf.grid_rooms),
        "logo": _photo(conf, conf.logo) if conf.logo else "",
    }.items() if v}
    if conf.also_today != "auto":
        meta["also_today"] = conf.also_today
    rooms = []
    for r in conf.rooms:
        room: dict[str, Any] = {"id": r.id, "name": r.name}
        if r.address:
            room["address"] = r.address
        if r.colour:
            room["colour"] = r.colour
        rooms.append(room)
    speakers = []
    for sp in conf.speakers:
        entry: dict[str, Any] = {"id": sp.id, "name": sp.name}
        for key in ("job_title", "organisation"):
            if getattr(sp, key):
                entry[key] = getattr(sp, key)
        if sp.photo:
            entry["photo"] = _photo(conf, sp.photo)
        if sp.bio:
            entry["bio"] = _text(sp.bio)
        if sp.bio_truncated:
            entry["bio_truncated"] = True
        speakers.append(entry)
    sessions: dict[str, list] = {}
    for s in conf.sessions:
        sessions.setdefault(s.conference_day.isoformat(), []).append(_session(conf, s))
    return {"conference": meta, "rooms": rooms, "speakers": speakers, "sessions": sessions}


def _photo(conf: Conference, photo: Path) -> str:
    """A photo's path as the data folder writes it: relative to the folder it came from."""
    if conf.source is not None and photo.is_relative_to(conf.source):
        photo = photo.relative_to(conf.source)
    return photo.as_posix()


def render(conf: Conference, notes: str = "") -> dict[str, str]:
    """File name → text of each YAML file for ``conf``."""
    parts = data(conf)
    return {
        "conference.yaml": _dump(parts["conference"], notes),
        "rooms.yaml": _dump(parts["rooms"],
                            "Rooms in display order; an address marks an off-site venue."),
        "speakers.yaml": _dump(parts["speakers"], "Speakers and moderators, referred to by id."),
        "sessions.yaml": _dump(parts["sessions"], "Sessions by conference day; times are local."),
    }


def check_target(folder: Path, force: bool) -> None:
    """Refuse to overwrite a data folder the organiser may have corrected by hand, and a
    target that cannot become a folder (a symbolic link, a file, a path under a file, a
    name the file system refuses, a read-only place)."""
    try:
        _check_target(folder, force)
    except OSError as exc:  # a name too long for the file system, a loop of links
        raise PrintprogError(f"{folder}: cannot write: {exc.strerror}; choose another --out"
                             ) from None


def _check_target(folder: Path, force: bool) -> None:
    if folder.is_symlink():  # as the product commands: never write through a link
        raise PrintprogError(f"{folder}: is a symbolic link and is left alone; choose "
                             "another --out")
    if folder.exists():
        if not folder.is_dir():
            raise PrintprogError(f"{folder}: exists and is not a folder; choose another --out")
        if any(folder.iterdir()) and not force:
            raise PrintprogError(f"{folder}: folder exists and is not empty; "
                                 "pass --force to overwrite it or choose another --out")
    existing = next(p for p in (folder, *folder.parents) if p.exists() or p.is_symlink())
    if not existing.is_dir():
        raise PrintprogError(f"{existing}: is a file, not a folder; choose another --out")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise PrintprogError(f"{existing}: cannot write here (permission denied); "
                             "choose another --out")
    if len(os.fsencode(folder.name)) > NAME_MAX:  # said before the import, not after it
        raise PrintprogError(f"{folder}: cannot write: File name too long (at most "
                             f"{NAME_MAX} bytes); choose another --out")


#: The longest file name most file systems take (bytes).
NAME_MAX = 255


def write_folder(conf: Conference, folder: Path, notes: str = "", force: bool = False) -> None:
    """Write the data folder as one step: never overwrite an existing one unless ``force``.

    The whole folder is written to a hidden sibling first (with what else the old folder
    holds, such as photos, hard-linked or copied over), then renamed into place; the old
    folder is moved aside only for that rename, and put back if it fails. So a failed or
    interrupted import leaves the old folder as it was, never a mix of old and new files."""
    check_target(folder, force)
    files = render(conf, notes)
    stem = os.fsencode(folder.name)[:100].decode(errors="ignore")
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        with stops.held():  # the folder and the name that removes it, made together
            staging = Path(tempfile.mkdtemp(prefix=f".{stem}-", suffix=".tmp",
                                            dir=folder.parent))
    except OSError as exc:  # what check_target cannot see: a full or read-only disk
        raise PrintprogError(f"{folder}: cannot write: {exc.strerror}") from None
    aside: Path | None = None
    try:
        if folder.is_dir():
            _carry_over(folder, staging, set(files))
            os.chmod(staging, stat.S_IMODE(os.stat(folder).st_mode))
        else:
            os.chmod(staging, 0o777 & ~_umask())
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
        stops.check()  # a signal a library swallowed: nothing replaced
        with stops.held():  # the two renames are not cut in two by a signal
            if folder.exists():
                aside = Path(tempfile.mkdtemp(prefix=f".{stem}-old-", suffix=".tmp",
                                              dir=folder.parent))
                os.rename(folder, aside / "old")
            try:
                os.rename(staging, folder)
            except OSError:
                if aside is not None:
                    os.rename(aside / "old", folder)
                    shutil.rmtree(aside, ignore_errors=True)
                    aside = None
                raise
    except OSError as exc:
        raise PrintprogError(f"{folder}: cannot write: {exc.strerror}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if aside is not None:
            shutil.rmtree(aside, ignore_errors=True)


def _carry_over(old: Path, new: Path, written: set[str]) -> None:
    """What ``old`` holds besides the files an import writes (photos, notes), into ``new``:
    hard-linked where the file system allows, else copied; links stay links."""
    for entry in old.iterdir():
        if entry.name in written:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, new / entry.name, symlinks=True, copy_function=_link)
        elif entry.is_symlink():
            os.symlink(os.readlink(entry), new / entry.name)
        else:
            _link(entry, new / entry.name)


def _link(src, dst) -> None:
    try:
        os.link(src, dst, follow_symlinks=False)
    except OSError:
        shutil.copy2(src, dst, follow_symlinks=False)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
