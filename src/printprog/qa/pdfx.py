"""Whether a PDF meets PDF/X-4 (ISO 15930-7), and each reason it does not, for ``printprog
preflight``.

What is checked, from the file's structure (what printprog's ``--pdfx`` writes, and what a
print shop's preflight asks of anyone's PDF/X-4):

- PDF version 1.6 or later, not encrypted, an /ID in the trailer;
- exactly one output intent with ``/S /GTS_PDFX``, with an /OutputConditionIdentifier and
  an embedded /DestOutputProfile that is an ICC output (``prtr``) profile for CMYK or grey
  whose /N matches;
- the document information: /GTS_PDFXVersion starting "PDF/X-4", a /Title, /CreationDate,
  /ModDate, and /Trapped /True or /False;
- XMP metadata (the catalogue's /Metadata) with pdfxid:GTS_PDFXVersion (or pdfx:), dc:title,
  xmp:CreateDate, xmp:ModifyDate, pdf:Trapped, xmpMM:DocumentID, xmpMM:VersionID and
  xmpMM:RenditionClass;
- a TrimBox (or ArtBox) on every page, inside the BleedBox and the MediaBox;
- no annotation other than PrinterMark or TrapNet on the page area (inside the BleedBox),
  no JavaScript, no additional actions (/AA), no embedded files;
- fonts embedded, and no DeviceRGB colour (a CMYK output intent takes CMYK, grey, spot or
  ICC-based colour), from the scan preflight already made.

The file may be anyone's: the profile is read through :mod:`printprog.qa.pdfinput`'s capped
decoder and the XMP only when small and without a DTD (no entity expansion).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

from .pdfinput import ContentTooLarge, decoded

if TYPE_CHECKING:
    from collections.abc import Mapping

    import pikepdf

#: XMP larger than this is not parsed (printprog's is 2 KB).
MAX_XMP_BYTES = 2**20

_NS = {"dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/",
       "pdf": "http://ns.adobe.com/pdf/1.3/", "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
       "pdfx": "http://ns.adobe.com/pdfx/1.3/", "pdfxid": "http://www.npes.org/pdfx/ns/id/"}
#: What the XMP must hold, by prefixed name.
XMP_REQUIRED = ("dc:title", "xmp:CreateDate", "xmp:ModifyDate", "pdf:Trapped",
                "xmpMM:DocumentID", "xmpMM:VersionID", "xmpMM:RenditionClass")


def _pages(numbers: list[int]) -> str:
    shown = ", ".join(map(str, numbers[:5]))
    return shown + (f" and {len(numbers) - 5} more" if len(numbers) > 5 else "")


def problems(pdf: pikepdf.Pdf, fonts: Mapping[str, bool], spaces: Mapping[str, int]
             ) -> list[str]:
    """Every reason ``pdf`` is not PDF/X-4, each naming the key or the thing missing;
    [] when it is. ``fonts`` (name -> embedded) and ``spaces`` (colour space -> uses) are
    what preflight's scan of the content found."""
    out: list[str] = []
    version = tuple(int(p) for p in str(pdf.pdf_version).split(".")[:2] if p.isdigit())
    if version < (1, 6):
        out.append(f"PDF version {pdf.pdf_version}: PDF/X-4 needs 1.6 or later")
    if pdf.is_encrypted:
        out.append("encrypted: PDF/X allows no encryption")
    if "/ID" not in pdf.trailer:
        out.append("no /ID in the trailer")
    out += _intent(pdf)
    out += _info(pdf)
    out += _xmp(pdf)
    out += _page_rules(pdf)
    names = pdf.Root.get("/Names", {})
    for key, why in (("/JavaScript", "JavaScript"), ("/EmbeddedFiles", "embedded files")):
        if key in names:
            out.append(f"/Names {key}: PDF/X allows no {why}")
    if "/AA" in pdf.Root:
        out.append("/AA in the catalogue: PDF/X allows no additional actions")
    bad_fonts = sorted(n for n, embedded in fonts.items() if not embedded)
    if bad_fonts:
        out.append(f"fonts not embedded: {', '.join(bad_fonts[:5])}")
    rgb = spaces.get("DeviceRGB", 0)
    if rgb:
        out.append(f"DeviceRGB colour ({rgb} operators or images): with a CMYK output intent "
                   "only CMYK, grey, spot or ICC-based colour")
    return out


def _intent(pdf: pikepdf.Pdf) -> list[str]:
    import pikepdf

    intents = pdf.Root.get("/OutputIntents")
    pdfx = [i for i in (intents if isinstance(intents, pikepdf.Array) else [])
            if isinstance(i, pikepdf.Dictionary) and i.get("/S") == "/GTS_PDFX"]
    if len(pdfx) != 1:
        return ["no output intent of subtype GTS_PDFX (/OutputIntents with /S /GTS_PDFX)"
                if not pdfx else f"{len(pdfx)} GTS_PDFX output intents: PDF/X allows one"]
    intent, out = pdfx[0], []
    if not str(intent.get("/OutputConditionIdentifier", "")).strip():
        out.append("the output intent has no /OutputConditionIdentifier")
    profile = intent.get("/DestOutputProfile")
    if not isinstance(profile, pikepdf.Stream):
        return [*out, "the output intent has no embedded ICC profile (/DestOutputProfile)"]
    try:
        header = decoded(profile)[:20]
    except (ContentTooLarge, pikepdf.PdfError):
        return [*out, "the output intent's ICC profile cannot be read"]
    kind, space = header[12:16], header[16:20]
    if kind != b"prtr":
        out.append(f"the output intent's ICC profile is not an output profile (class "
                   f"{kind.decode('latin-1')!r}, not 'prtr')")
    channels = {b"CMYK": 4, b"GRAY": 1}.get(space)
    if channels is None:
        out.append(f"the output intent's ICC profile is for {space.decode('latin-1')!r}, "
                   "not CMYK or grey")
    elif profile.get("/N") != channels:
        out.append(f"the output intent's ICC profile has /N {profile.get('/N')}, not "
                   f"{channels}")
    return out


def _info(pdf: pikepdf.Pdf) -> list[str]:
    info = pdf.trailer.get("/Info")
    info = info if info is not None else {}
    out = []
    version = str(info.get("/GTS_PDFXVersion", ""))
    if not version:
        out.append("no /GTS_PDFXVersion in the document information")
    elif not version.startswith("PDF/X-4"):
        out.append(f"/GTS_PDFXVersion is {version!r}, not PDF/X-4")
    for key in ("/Title", "/CreationDate", "/ModDate"):
        if not str(info.get(key, "")).strip():
            out.append(f"no {key} in the document information")
    if info.get("/Trapped") not in ("/True", "/False"):
        out.append("/Trapped is not /True or /False in the document information")
    return out


def xmp_properties(pdf: pikepdf.Pdf) -> dict[str, str] | None:
    """The XMP's top-level properties by prefixed name (``pdfxid:GTS_PDFXVersion``), as
    text; None when the file has no XMP that can be read."""
    import pikepdf

    stream = pdf.Root.get("/Metadata")
    if not isinstance(stream, pikepdf.Stream):
        return None
    try:
        data = decoded(stream)
    except (ContentTooLarge, pikepdf.PdfError):
        return None
    if len(data) > MAX_XMP_BYTES or b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return None
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return None
    prefix = {uri: p for p, uri in _NS.items()}
    found: dict[str, str] = {}

    def name(clark: str) -> str | None:
        uri, _, local = clark[1:].partition("}")
        return f"{prefix[uri]}:{local}" if clark.startswith("{") and uri in prefix else None

    for desc in root.iter("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}Description"):
        for key, value in desc.attrib.items():
            if (n := name(key)) is not None:
                found[n] = value
        for child in desc:
            if (n := name(child.tag)) is not None:
                found[n] = " ".join(t.strip() for t in child.itertext() if t.strip())
    return found


def _xmp(pdf: pikepdf.Pdf) -> list[str]:
    found = xmp_properties(pdf)
    if found is None:
        return ["no XMP metadata (/Metadata in the catalogue) that can be read"]
    out = []
    version = found.get("pdfxid:GTS_PDFXVersion") or found.get("pdfx:GTS_PDFXVersion")
    if not version:
        out.append("no pdfxid:GTS_PDFXVersion in the XMP metadata")
    elif not version.startswith("PDF/X-4"):
        out.append(f"the XMP's GTS_PDFXVersion is {version!r}, not PDF/X-4")
    out += [f"no {key} in the XMP metadata" for key in XMP_REQUIRED if not found.get(key)]
    return out


def _inside(inner: list[float], outer: list[float], slack: float = 0.01) -> bool:
    return (inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack
            and inner[2] <= outer[2] + slack and inner[3] <= outer[3] + slack)


def _box(page: Any, key: str) -> list[float] | None:
    value = page.get(key)
    return None if value is None else [float(v) for v in value]


def _page_rules(pdf: pikepdf.Pdf) -> list[str]:
    no_trim, outside, annotated, actions = [], [], [], []
    for number, page in enumerate(pdf.pages, 1):
        obj = page.obj
        media = [float(v) for v in page.mediabox]
        trim = _box(obj, "/TrimBox") or _box(obj, "/ArtBox")
        bleed = _box(obj, "/BleedBox") or trim or media
        if trim is None:
            no_trim.append(number)
        elif not (_inside(trim, bleed) and _inside(bleed, media)):
            outside.append(number)
        for annot in obj.get("/Annots", []):
            rect = [float(v) for v in annot.get("/Rect", [0, 0, 0, 0])]
            on_page = rect[0] < bleed[2] and rect[2] > bleed[0] and rect[1] < bleed[3] \
                and rect[3] > bleed[1]
            if on_page and annot.get("/Subtype") not in ("/PrinterMark", "/TrapNet"):
                annotated.append(number)
                break
        if "/AA" in obj:
            actions.append(number)
    out = []
    if no_trim:
        out.append(f"no /TrimBox (or /ArtBox) on pages {_pages(no_trim)}")
    if outside:
        out.append(f"TrimBox not inside the BleedBox and MediaBox on pages {_pages(outside)}")
    if annotated:
        out.append(f"annotations (links) on the page area on pages {_pages(annotated)}: "
                   "PDF/X allows only PrinterMark and TrapNet there")
    if actions:
        out.append(f"/AA (additional actions) on pages {_pages(actions)}")
    return out
