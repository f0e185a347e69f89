"""Hardening round 3 (issue #27 items 3 and 9): a PDF as data.

- An encrypted PDF given to ``--data``, ``changes --since``, ``signage --changed-since`` or
  ``preflight`` printed a traceback (pikepdf's PasswordError is not a PdfError): now one line.
- Decisions (README, docs/data-format.md): a PDF's speaker photos are never looked for beside
  the PDF (a received file would choose which local images go into a file that is shared):
  left out with one warning, read from ``--photos DIR`` only; a source written by a newer
  major version of printprog is refused; two embedded sources in one PDF are an error.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from printprog.pdf import embedded

from .harness import Case, Event, check_tree_untouched, module_batch, params, verify

PHOTO_NAME = "photos/ada.jpg"


def _jpeg(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 300), colour).save(out, "JPEG")
    return out.getvalue()


def _booklet(folder: Path) -> Path:
    """A printprog booklet of the standard event, Ada with a photo: folder/booklet.pdf
    (its data folder is folder/data)."""
    event = Event()
    event.speaker("ada")["photo"] = PHOTO_NAME
    data = event.write(folder / "data")
    (data / "photos").mkdir()
    (data / "photos" / "ada.jpg").write_bytes(_jpeg("red"))
    pdf = folder / "booklet.pdf"
    subprocess.run([sys.executable, "-m", "printprog.cli", "booklet", "--data", str(data),
                    "--out", str(pdf)], check=True, capture_output=True, timeout=120)
    return pdf


def _encrypted(folder: Path) -> Path:
    plain = _booklet(folder)
    target = folder / "locked.pdf"
    with pikepdf.open(plain) as pdf:
        pdf.save(target, encryption=pikepdf.Encryption(owner="owner", user="secret"))
    return target


def _resourced(change) -> callable:
    def build(folder: Path) -> Path:
        plain = _booklet(folder)
        target = folder / "changed.pdf"
        with pikepdf.open(plain) as pdf:
            change(pdf, embedded.read(plain))
            pdf.save(target)
        return target
    return build


def _newer_major(pdf: pikepdf.Pdf, source: bytes) -> None:
    text = source.decode()
    assert '"version": "0.' in text
    embedded.attach(pdf, re.sub(r'"version": "0\.[0-9.]+"', '"version": "7.0.0"', text)
                    .encode())


def _two_sources(pdf: pikepdf.Pdf, source: bytes) -> None:
    tree = pdf.Root.Names.EmbeddedFiles
    first = tree.Names[1]
    other = pikepdf.Stream(pdf, source.replace(b"Hostile Conf", b"Other Conf"),
                           Type=pikepdf.Name.EmbeddedFile)
    second = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Filespec, F=pikepdf.String(embedded.FILENAME),
        UF=pikepdf.String(embedded.FILENAME), EF=pikepdf.Dictionary(F=other)))
    tree.Names = pikepdf.Array([pikepdf.String(embedded.FILENAME), first,
                                pikepdf.String(embedded.FILENAME), second])


def _received(folder: Path) -> Path:
    """A booklet someone sent, saved in Downloads beside the user's own photos/ada.jpg."""
    made = _booklet(folder / "sender")
    downloads = folder / "downloads"
    (downloads / "photos").mkdir(parents=True)
    (downloads / "photos" / "ada.jpg").write_bytes(_jpeg("blue"))  # the user's own picture
    shutil.copy(made, downloads / "booklet.pdf")
    shutil.rmtree(folder / "sender" / "data" / "photos")
    mine = folder / "chosen"
    (mine / "photos").mkdir(parents=True)
    (mine / "photos" / "ada.jpg").write_bytes(_jpeg("green"))
    return downloads / "booklet.pdf"


def _images(run) -> int:
    with pikepdf.open(run.out / "booklet.pdf") as pdf:
        return sum(len(page.get_images()) for page in pdf.pages)


def _no_photo(run) -> None:
    assert _images(run) == 0, run.describe()


def _photo_from_chosen_folder(run) -> None:
    assert _images(run) >= 1, run.describe()


def _data_folder(pdf: Path) -> str:
    return str(pdf.parent / "data")


LOCKED = r"encrypted with a password"
CASES: list[Case] = [
    Case("encrypted-as-data", _encrypted, products=("check", "booklet"), expect="error",
         errors=(LOCKED,)),
    Case("encrypted-since", _encrypted, products=("changes",), expect="error",
         argv={"changes": lambda pdf, out: ["changes", "--data", _data_folder(pdf), "--since",
                                            str(pdf), "--out", str(out / "changes.pdf")]},
         errors=(LOCKED,)),
    Case("encrypted-changed-since", _encrypted, products=("signage",), expect="error",
         argv={"signage": lambda pdf, out: [
             "signage", "--data", _data_folder(pdf), "--changed-since", str(pdf), "--out",
             str(out / "signage")]},
         errors=(LOCKED,)),
    Case("encrypted-preflight", _encrypted, products=("preflight",), expect="error",
         argv={"preflight": lambda pdf, out: ["preflight", str(pdf)]}, errors=(LOCKED,)),
    Case("newer-major-version", _resourced(_newer_major), products=("check",),
         expect="error", errors=(r"printprog\.version: written by printprog 7\.0\.0, a newer "
                                 r"major version",)),
    Case("two-sources", _resourced(_two_sources), products=("check",), expect="error",
         errors=(r"carries 2 embedded schedules",)),
    Case("photo-beside-a-received-pdf", _received, products=("booklet",),
         forbidden=("downloads/photos/ada.jpg",),
         warnings={"booklet": (r"names 1 speaker photo\(s\), which printprog does not look "
                               r"for beside a PDF: pass --photos DIR",)},
         then={"booklet": _no_photo}),
    Case("photo-from-photos-folder", _received, products=("booklet",),
         forbidden=("downloads/photos/ada.jpg",),
         extra={"booklet": lambda folder: ["--photos", str(folder / "chosen")]},
         then={"booklet": _photo_from_chosen_folder}),
]


@pytest.fixture(scope="module")
def batch(request, hostile_root):
    return module_batch(request, hostile_root, CASES)


@pytest.mark.parametrize("case, product", params(CASES))
def test_round3_pdfs(batch, case: Case, product: str):
    verify(batch, case, product)


def test_round3_pdfs_touches_nothing_outside_output(batch):
    check_tree_untouched(batch)
