"""Print production on a finished PDF, one implementation for every product: page boxes,
bleed, crop and fold marks, CMYK clean-up, and the run's report embedded for a later preflight.

The contract with the products: a page is drawn at its trim size (MediaBox = the paper, origin
at the trim's bottom-left), and every background or band that touches the trim edge is drawn
oversized, to :func:`bleed_rect`, so the bleed has something to reveal. :func:`apply` then, per
page, writes the page's plan (:func:`printprog.production.plan.page_plan`, which the
streamed writer writes too):

- MediaBox and CropBox = the trim plus the bleed, plus room for the marks when there are
  marks, with its origin at (0, 0): the drawing is moved by one ``cm`` so the trim's corner
  lands at (reach, reach). A negative origin would be legal PDF, but text extractors and
  some RIPs misread it (pdfplumber's top/bottom are off by the origin), so the links' and
  bookmarks' coordinates are moved with the drawing instead;
- TrimBox = the page as drawn; BleedBox = trim + bleed on every side;
- the drawing is clipped to the BleedBox, so the oversized backgrounds stop there;
- crop marks (and fold marks) go in a content stream of their own, 0.25 pt lines in
  registration colour, starting ``bleed + MARK_GAP_MM`` from the trim: never on the page,
  never in the bleed.

:func:`rewrite` does it to a file atomically (:func:`printprog.pdf.atomic.atomic_output`; inside a
run's transaction it reads and replaces the staged file, never the old one) and
deterministically: the same input gives the same bytes.

pikepdf is imported inside the functions that use it: the CLI reads :data:`MAX_BLEED_MM` while
building its parser, and ``printprog --help`` should not pay for loading qpdf.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import PrintprogError
from ..pdf.atomic import atomic_output, latest
from . import marks as cropmarks
from .marks import Box
from .plan import TAIL, page_plan
from .spec import Production

if TYPE_CHECKING:
    import pikepdf

#: Document-info key holding the run's report as JSON.
REPORT_KEY = "/PrintprogReport"
#: An embedded report longer than this is not read (10,000 badges' report is under 1 MB).
MAX_REPORT_CHARS = 16 * 2**20


def trim_of(page: pikepdf.Page) -> Box:
    """The page's trim: its TrimBox, else its CropBox, else its MediaBox."""
    return tuple(float(v) for v in page.trimbox)  # type: ignore[return-value]


def apply(pdf: pikepdf.Pdf, production: Production) -> None:
    """Set the boxes, clip to the bleed and add the marks on every page of ``pdf`` (in place),
    as :func:`printprog.production.plan.page_plan` plans them. Meant for pages fresh from a
    product: each page's MediaBox is taken as its trim."""
    import pikepdf

    registration = cropmarks.registration(pdf) if production.crop_marks else None
    shifts: dict[tuple[int, int], tuple[float, float]] = {}
    for page in pdf.pages:
        plan = page_plan(tuple(float(v) for v in page.mediabox), production)  # type: ignore[arg-type]
        head = plan.head()
        if head is not None:
            shifts[page.obj.objgen] = plan.shift
            page.contents_add(pikepdf.Stream(pdf, head), prepend=True)
            page.contents_add(pikepdf.Stream(pdf, TAIL))
            for annot in page.obj.get("/Annots", []):
                cropmarks.shift(annot.Rect, "xyxy", plan.shift)
                if "/QuadPoints" in annot:
                    cropmarks.shift(annot.QuadPoints, "xy" * len(annot.QuadPoints), plan.shift)
        page.obj.MediaBox = pikepdf.Array(plan.media)
        page.obj.CropBox = pikepdf.Array(plan.crop)
        page.obj.BleedBox = pikepdf.Array(plan.bleed)
        page.obj.TrimBox = pikepdf.Array(plan.trim)
        marks = plan.marks_stream()
        if registration is not None and marks is not None:
            page.add_resource(registration, pikepdf.Name.ColorSpace,
                              pikepdf.Name(cropmarks.REGISTRATION))
            page.contents_add(pikepdf.Stream(pdf, marks))
    if shifts:
        _shift_destinations(pdf, shifts)


def _destinations(pdf: pikepdf.Pdf) -> Iterator[Any]:
    """Every destination the document holds: in the outline, in link annotations, and in the
    /Dests dictionary and name tree (named ones resolve to these)."""
    import pikepdf

    def of(item: Any) -> Iterator[Any]:
        if "/Dest" in item:
            yield item.Dest
        action = item.get("/A")  # one two links or bookmarks share is moved once
        if action is not None and "/D" in action and action.objgen not in seen:
            seen.add(action.objgen if action.is_indirect else None)
            yield action.D

    outline = pdf.Root.get("/Outlines")
    todo = [outline.get("/First")] if outline is not None else []
    seen: set[Any] = set()  # a broken outline may link back to itself
    while todo:
        item = todo.pop()
        if item is not None and item.objgen not in seen:
            seen.add(item.objgen)
            yield from of(item)
            todo += [item.get("/Next"), item.get("/First")]
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", []):
            yield from of(annot)
    values = list(pdf.Root.get("/Dests", {}).values())
    if "/Dests" in pdf.Root.get("/Names", {}):
        values += [v for _, v in pikepdf.NameTree(pdf.Root.Names.Dests).items()]
    for value in values:
        yield value.get("/D") if isinstance(value, pikepdf.Dictionary) else value


def _shift_destinations(pdf: pikepdf.Pdf, shifts: dict[tuple[int, int], tuple[float, float]]
                        ) -> None:
    """Move explicit destinations (bookmarks, links) with the drawing of the page they name,
    each once even when several places share it."""
    import pikepdf

    done: set[tuple[int, int]] = set()
    for dest in _destinations(pdf):
        if not isinstance(dest, pikepdf.Array) or len(dest) < 2 or \
                not isinstance(dest[0], pikepdf.Dictionary):
            continue  # a named destination: moved where its name is defined
        shift = shifts.get(dest[0].objgen)
        if shift is None or (dest.is_indirect and dest.objgen in done):
            continue
        if dest.is_indirect:
            done.add(dest.objgen)
        cropmarks.shift(dest, cropmarks.DEST_AXES.get(str(dest[1]), ""), shift)


# -- CMYK ---------------------------------------------------------------------------------


def _streams(pdf: pikepdf.Pdf) -> Iterator[tuple[pikepdf.Object, pikepdf.Object]]:
    """(owner, resources) of every content stream: pages, then the form XObjects they use,
    each once. The owner is a page dictionary or a form XObject stream."""
    seen: set[tuple[int, int]] = set()
    todo = [(page.obj, page.obj.get("/Resources")) for page in pdf.pages]
    while todo:
        owner, resources = todo.pop(0)
        yield owner, resources
        for xobject in (resources or {}).get("/XObject", {}).values():
            key = xobject.objgen
            if xobject.get("/Subtype") == "/Form" and key not in seen:
                seen.add(key)
                todo.append((xobject, xobject.get("/Resources", resources)))


def _rgb_to_cmyk(values: Sequence[Any]) -> list[float]:
    from reportlab.lib.colors import Color

    from ..theme.loader import to_cmyk

    c = to_cmyk(Color(*(float(v) for v in values)))
    return [c.cyan, c.magenta, c.yellow, c.black]


_RGB_OPS = {"rg": "k", "RG": "K"}


def _cmyk_instructions(instructions: list) -> tuple[list, int]:
    """The instructions with DeviceRGB colour operators turned into DeviceCMYK ones."""
    import pikepdf

    out, changed = [], 0
    rgb_space = {"fill": False, "stroke": False}  # after '/DeviceRGB cs', 'sc' takes RGB
    for inst in instructions:
        if isinstance(inst, pikepdf.ContentStreamInlineImage):
            out.append(inst)
            continue
        operands, op = list(inst.operands), str(inst.operator)
        side = "stroke" if op.isupper() else "fill"
        if op in _RGB_OPS and len(operands) == 3:
            inst = pikepdf.ContentStreamInstruction(_rgb_to_cmyk(operands),
                                                    pikepdf.Operator(_RGB_OPS[op]))
            changed += 1
        elif op in ("cs", "CS"):
            rgb_space[side] = operands == [pikepdf.Name.DeviceRGB]
            if rgb_space[side]:
                inst = pikepdf.ContentStreamInstruction([pikepdf.Name.DeviceCMYK], inst.operator)
                changed += 1
        elif op.lower() in ("sc", "scn") and rgb_space[side] and len(operands) == 3:
            inst = pikepdf.ContentStreamInstruction(_rgb_to_cmyk(operands), inst.operator)
            changed += 1
        out.append(inst)
    return out, changed


def _cmyk_image(image: pikepdf.Object) -> None:
    """An RGB image XObject re-encoded as CMYK, losslessly (Flate: no second JPEG generation,
    and no doubt about the inverted CMYK JPEGs some writers make)."""
    import pikepdf

    pixels = pikepdf.PdfImage(image).as_pil_image().convert("CMYK")
    image.write(zlib.compress(pixels.tobytes(), 9), filter=pikepdf.Name.FlateDecode)
    for key in ("/DecodeParms", "/Decode"):
        if key in image:
            del image[key]
    image.ColorSpace = pikepdf.Name.DeviceCMYK
    image.BitsPerComponent = 8


#: The most one content stream (a page's, or a form's) may decode to for the CMYK clean-up,
#: which holds its every operator as a Python object (about 90 times the stream's bytes):
#: a busy poster page is about 1 MB (90 MB parsed); 1 GB took 2 GB, then MemoryError.
MAX_CMYK_STREAM_BYTES = 4 * 2**20


def _decoded_size(owner: pikepdf.Object, limit: int) -> int:
    """How many bytes the content of ``owner`` (a page: its streams together; a form)
    decodes to, counted up to just past ``limit`` without holding them all: Flate is
    inflated a piece at a time, and an unfiltered stream's size is its length."""
    import pikepdf

    contents = owner if isinstance(owner, pikepdf.Stream) else owner.get("/Contents")
    streams = contents if isinstance(contents, pikepdf.Array) else [contents]
    total = 0
    for stream in streams:
        if not isinstance(stream, pikepdf.Stream):
            continue
        filters = stream.get("/Filter")
        names = ([str(f) for f in filters] if isinstance(filters, pikepdf.Array) else
                 [] if filters is None else [str(filters)])
        if not names:
            total += int(stream.get("/Length", 0))
        elif names == ["/FlateDecode"]:
            inflate, data = zlib.decompressobj(), stream.read_raw_bytes()
            while data and total <= limit:
                try:
                    total += len(inflate.decompress(data, 2**20))
                except zlib.error:
                    break  # damaged: qpdf says so when it parses the stream
                data = inflate.unconsumed_tail
        else:  # filters printprog never writes: qpdf decodes them
            total += len(stream.read_bytes())
        if total > limit:
            break
    return total


def convert_to_cmyk(pdf: pikepdf.Pdf, limit: int = MAX_CMYK_STREAM_BYTES) -> int:
    """Turn every DeviceRGB colour left in ``pdf`` into CMYK (in place), by the theme's rule
    (:func:`printprog.theme.loader.to_cmyk`): operators in page and form content streams, and RGB
    images. Products draw with CMYK theme colours already; this catches what the drawing
    library sets on its own (a platypus Table's default text colour, for one). Returns the
    number of colours and images converted. A content stream that decodes to more than
    ``limit`` bytes (:data:`MAX_CMYK_STREAM_BYTES`) is a one-line error, not MemoryError."""
    import pikepdf

    changed = 0
    for owner, resources in _streams(pdf):
        if _decoded_size(owner, limit) > limit:
            what = "a form's" if isinstance(owner, pikepdf.Stream) else "a page's"
            raise PrintprogError(f"{what} content stream decodes to more than "
                                 f"{limit / 2**20:g} MB, the most the CMYK conversion takes "
                                 "(MAX_CMYK_STREAM_BYTES); make it without --colour cmyk "
                                 "(or --pdfx), or split the page")
        instructions = pikepdf.parse_content_stream(owner)
        new, count = _cmyk_instructions(instructions)
        if count:
            data = pikepdf.unparse_content_stream(new)
            if isinstance(owner, pikepdf.Stream):
                owner.write(zlib.compress(data), filter=pikepdf.Name.FlateDecode)
            else:
                owner.Contents = flate(pdf, data)
            changed += count
        for xobject in (resources or {}).get("/XObject", {}).values():
            if xobject.get("/Subtype") == "/Image" and xobject.get("/ColorSpace") == "/DeviceRGB":
                _cmyk_image(xobject)
                changed += 1
    return changed


# -- the embedded report and the file ---------------------------------------------------------


def embed_report(pdf: pikepdf.Pdf, data: dict[str, Any]) -> None:
    """Keep ``data`` (the run's report, as JSON) in the document info for preflight."""
    import pikepdf

    pdf.docinfo[pikepdf.Name(REPORT_KEY)] = _report_string(data)


def _report_string(data: dict[str, Any]) -> pikepdf.String:
    import pikepdf

    return pikepdf.String(report_json(data))


def report_json(data: dict[str, Any]) -> str:
    """The report as the document information keeps it: compact, sorted, ASCII JSON."""
    return json.dumps(data, sort_keys=True, ensure_ascii=True, separators=(",", ":"))


def embedded_report(pdf: pikepdf.Pdf) -> dict[str, Any] | None:
    """The report :func:`embed_report` stored, or None (a PDF printprog did not finish)."""
    value = pdf.docinfo.get(REPORT_KEY) if pdf.trailer.get("/Info") is not None else None
    if value is None:
        return None
    try:
        text = str(value)
        # Anyone's PDF: nested 100,000 deep the JSON parser recurses out of its stack.
        data = json.loads(text) if len(text) <= MAX_REPORT_CHARS else None
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def save_options(pdfx: bool = False) -> dict[str, Any]:
    """How every PDF printprog rewrites is saved. Streams stay as they came: reportlab has
    compressed them already, and qpdf, asked to compress, would decode and compress them
    all again (it does not count reportlab's one-element /Filter array as compressed):
    2.3 s of a 10,000-badge run, against 0.05 s. What printprog adds itself is small (a
    ``cm``, crop marks) or compressed where it is made (CMYK content, :func:`flate`)."""
    import pikepdf

    options = {"deterministic_id": True, "compress_streams": False,
               "stream_decode_level": pikepdf.StreamDecodeLevel.none}
    if pdfx:  # PDF/X-4 is a PDF 1.6 profile
        from .pdfx import PDF_VERSION

        options["min_version"] = PDF_VERSION
    return options


def flate(pdf: pikepdf.Pdf, data: bytes) -> pikepdf.Stream:
    """A new content stream, compressed."""
    import pikepdf

    return pikepdf.Stream(pdf, zlib.compress(data), Filter=pikepdf.Name.FlateDecode)


def save(pdf: pikepdf.Pdf, target: Path, pdfx: bool = False) -> None:
    """Write ``pdf`` over ``target`` atomically; the same document always gives the same bytes."""
    # Into the open temporary file, not by its name: given an existing file's name, pikepdf
    # makes a temporary of its own beside it, which a stop signal landing just after
    # tempfile's os.open (before pikepdf holds the name) left in the output folder.
    with atomic_output(target) as tmp, tmp.open("wb") as stream:
        pdf.save(stream, **save_options(pdfx))


#: Pages from which print production without CMYK streams (restream): a pikepdf rewrite
#: holds every object (380 MB for 25,000 pages, 431 MB with bleed and marks). Shorter files
#: keep the in-memory rewrite every product's tests and bytes were made with.
STREAM_PAGES = 2000


def rewrite(path: Path, production: Production, report: dict[str, Any] | None = None,
            source: bytes | None = None, cmyk_limit: int = MAX_CMYK_STREAM_BYTES) -> None:
    """Apply ``production`` (and the CMYK clean-up when asked, each content stream up to
    ``cmyk_limit`` bytes; PDF/X-4 with ``production.pdfx``) to the PDF at ``path`` and embed
    ``report`` and the ``source`` document (:mod:`printprog.pdf.embedded`; not in a PDF/X
    file, which may embed no file); the file is replaced only when the new one is
    complete."""
    import pikepdf

    from . import stream as restream

    try:
        if not production.cmyk and not production.pdfx and \
                restream.pages(latest(path)) >= STREAM_PAGES:
            info = {REPORT_KEY: _report_string(report)} if report is not None else {}
            if restream.rewrite_file(path, info, source, production):
                return
        pdf = pikepdf.open(latest(path))
    except (OSError, pikepdf.PdfError) as exc:
        raise PrintprogError(f"{path}: cannot read the PDF for print production: {exc}") from None
    with pdf:
        apply(pdf, production)
        if production.cmyk:
            try:
                convert_to_cmyk(pdf, cmyk_limit)
            except PrintprogError as exc:
                raise PrintprogError(f"{path}: {exc}") from None
        if report is not None:
            embed_report(pdf, report)
        if source is not None and not production.pdfx:
            from ..pdf.embedded import attach

            attach(pdf, source)
        if production.pdfx:
            from .pdfx import make_pdfx

            make_pdfx(pdf)
        save(pdf, path, production.pdfx)
