"""Hardening round 3 (issue #27 items 2 and 3): ``import --out``.

- ``--out LINK --force`` wrote through a symbolic link into the folder it points to (product
  commands already refuse a link at ``--out``): now refused, the linked folder untouched.
- ``import`` renamed its four files one by one, so a failure after the first left a mix of
  old and new files (here: the old folder has a *folder* named ``sessions.yaml``, so the
  fourth rename failed after three had replaced their files). Now the whole folder is written
  beside the old one and renamed into place at once: the import succeeds with a complete
  folder, and what else the old folder held (photos) is carried over.
- A name longer than the file system allows (ENAMETOOLONG) printed a traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from printprog.exporters import yaml_folder

from .harness import Case, check_tree_untouched, module_batch, params, verify

CSV = "Room,Date,Start,Duration,Title\nMain,2030-05-06,10:00,00:45,A talk\n"
KEPT = "# the organiser's corrected file\n"
PHOTO = b"\xff\xd8\xff a photo the organiser added\n"


def _schedule(folder: Path) -> Path:
    path = folder / "schedule.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


OUT = "out-import-csv"  # the run's output folder (the harness's): everything is made in it


def _with_link(folder: Path) -> Path:
    real = folder / OUT / "real-event"
    real.mkdir(parents=True)
    (real / "conference.yaml").write_text(KEPT, encoding="utf-8")
    (folder / OUT / "link").symlink_to(real, target_is_directory=True)
    return _schedule(folder)


def _with_folder_in_the_way(folder: Path) -> Path:
    old = folder / OUT / "event"
    old.mkdir(parents=True)
    for name in ("conference.yaml", "rooms.yaml", "speakers.yaml"):
        (old / name).write_text(KEPT, encoding="utf-8")
    (old / "sessions.yaml").mkdir()  # the fourth rename of main's import failed here
    (old / "photos").mkdir()
    (old / "photos" / "ada.jpg").write_bytes(PHOTO)
    return _schedule(folder)


def _out(*parts: str, force: bool = True):
    return {"import-csv": lambda data, out: ["import", "csv", str(data), "--out",
                                             str(out.joinpath(*parts)),
                                             *(["--force"] if force else [])]}


def _link_untouched(run) -> None:
    folder = run.out
    assert (folder / "link").is_symlink()
    assert sorted(p.name for p in (folder / "real-event").iterdir()) == ["conference.yaml"]
    assert (folder / "real-event" / "conference.yaml").read_text() == KEPT


def _whole_new_folder(run) -> None:
    event = run.out / "event"
    assert sorted(p.name for p in event.iterdir()) == [
        "conference.yaml", "photos", "rooms.yaml", "sessions.yaml", "speakers.yaml"]
    for name in ("conference.yaml", "rooms.yaml", "speakers.yaml", "sessions.yaml"):
        assert (event / name).is_file() and (event / name).read_text() != KEPT, name
    assert "A talk" in (event / "sessions.yaml").read_text()
    assert (event / "photos" / "ada.jpg").read_bytes() == PHOTO
    assert [p.name for p in run.out.iterdir() if p.name.endswith(".tmp")] == []


LONG = "e" * 300

CASES: list[Case] = [
    Case("out-is-a-symlink", _with_link, products=("import-csv",), expect="error",
         argv=_out("link"), then={"import-csv": _link_untouched},
         errors=(r"link: is a symbolic link",)),
    Case("old-folder-in-the-way", _with_folder_in_the_way, products=("import-csv",),
         argv=_out("event"), then={"import-csv": _whole_new_folder}),
    Case("out-name-too-long", _schedule, products=("import-csv",), expect="error",
         argv=_out(LONG, force=False), errors=(r"File name too long",)),
    Case("out-under-a-name-too-long", _schedule, products=("import-csv",), expect="error",
         argv=_out(LONG, "event", force=False), errors=(r"File name too long",)),
]


@pytest.fixture(scope="module")
def batch(request, hostile_root):
    return module_batch(request, hostile_root, CASES)


@pytest.mark.parametrize("case, product", params(CASES))
def test_round3_import(batch, case: Case, product: str):
    verify(batch, case, product)


def test_import_fails_at_the_swap_old_folder_kept(tmp_path, monkeypatch):
    """The rename that puts the new folder in place fails: the old folder is put back,
    byte for byte, and nothing temporary is left beside it."""
    from printprog.importers import load

    source = _schedule(tmp_path)
    conf = load(source)
    event = tmp_path / "event"
    event.mkdir()
    for name in yaml_folder.render(conf):
        (event / name).write_text(KEPT, encoding="utf-8")
    real_rename = yaml_folder.os.rename

    def rename(src, dst):
        if Path(dst) == event and Path(src).name.endswith(".tmp"):  # the new folder
            raise OSError(28, "No space left on device")
        return real_rename(src, dst)

    monkeypatch.setattr(yaml_folder.os, "rename", rename)
    with pytest.raises(yaml_folder.PrintprogError, match="No space left on device"):
        yaml_folder.write_folder(conf, event, force=True)
    assert sorted(p.name for p in event.iterdir()) == sorted(yaml_folder.render(conf))
    assert all((event / n).read_text() == KEPT for n in yaml_folder.render(conf))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["event", "schedule.csv"]


def test_import_writes_a_folder_with_the_umask_mode(tmp_path):
    from printprog.importers import load

    conf = load(_schedule(tmp_path))
    yaml_folder.write_folder(conf, tmp_path / "new")
    mask = yaml_folder._umask()
    assert (tmp_path / "new").stat().st_mode & 0o777 == 0o777 & ~mask


def test_round3_import_touches_nothing_outside_output(batch):
    check_tree_untouched(batch)
