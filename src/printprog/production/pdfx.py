"""PDF/X-4 (ISO 15930-7) for ``--pdfx``: what print production adds to a finished, CMYK PDF so
a print shop's preflight takes it as PDF/X-4.

:func:`make_pdfx` (run by :func:`printprog.production.rewrite.rewrite` after the CMYK
clean-up, on every page already boxed by the page plan, so every page has a TrimBox):

- an output intent: ``/OutputIntents [<< /S /GTS_PDFX /OutputConditionIdentifier (FOGRA39)
  /RegistryName (http://www.color.org) /DestOutputProfile <the ICC stream> ... >>]``, the
  profile :data:`PROFILE` (templates/icc/README.md says where it comes from and its
  licence);
- the document information: ``/GTS_PDFXVersion (PDF/X-4)``, ``/Trapped /False``, a
  ``/Title`` (the product's, else "printprog"), the dates reportlab wrote (fixed by
  SOURCE_DATE_EPOCH or reportlab's invariant date);
- XMP metadata saying the same (dc:title, xmp:CreateDate/ModifyDate/MetadataDate,
  pdf:Producer, pdf:Trapped, pdfxid:GTS_PDFXVersion and the older pdfx:GTS_PDFXVersion,
  xmpMM:DocumentID/InstanceID/VersionID/RenditionClass). Its ids are derived from the
  pages' content, so the same input gives the same bytes;
- nothing PDF/X-4 forbids: link annotations (inside the BleedBox only PrinterMark and
  TrapNet annotations are allowed) and the embedded schedule (no EmbeddedFiles in PDF/X)
  are left out, so a ``--pdfx`` file cannot be given back to ``changes --since``; no
  JavaScript, actions or encryption (printprog writes none); fonts are embedded already;
- PDF version 1.6 (:data:`PDF_VERSION`, the version PDF/X-4 is based on) when saved.

Colour is the caller's part: ``--pdfx`` implies ``--colour cmyk``
(:class:`printprog.production.spec.Production`), so no DeviceRGB is left.
"""

from __future__ import annotations

import hashlib
import re
import uuid
import zlib
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from ..core.resources import templates_dir

if TYPE_CHECKING:
    import pikepdf

PDFX_VERSION = "PDF/X-4"
#: The PDF version PDF/X-4 is based on; files are saved as at least this.
PDF_VERSION = "1.6"
#: The bundled CMYK output profile (templates/icc/).
PROFILE = "printprog-FOGRA39.icc"
OUTPUT_CONDITION_ID = "FOGRA39"
OUTPUT_CONDITION = "Offset printing on coated paper, ISO 12647-2:2004/Amd 1 (FOGRA39)"
REGISTRY = "http://www.color.org"
#: The only annotations PDF/X allows inside the BleedBox.
ALLOWED_ANNOTATIONS = ("/PrinterMark", "/TrapNet")
#: reportlab's date for an invariant document, used when a file has none.
_NO_DATE = "D:20000101000000+00'00'"


def profile() -> bytes:
    """The bundled output profile's bytes."""
    return (templates_dir() / "icc" / PROFILE).read_bytes()


def make_pdfx(pdf: pikepdf.Pdf) -> None:
    """Make ``pdf`` (boxed, CMYK, in memory) a PDF/X-4 document, in place."""
    import pikepdf

    for page in pdf.pages:
        annots = page.obj.get("/Annots")
        if annots is not None:
            kept = [a for a in annots if a.get("/Subtype") in ALLOWED_ANNOTATIONS]
            if kept:
                page.obj.Annots = pikepdf.Array(kept)
            else:
                del page.obj["/Annots"]
    names = pdf.Root.get("/Names")
    if names is not None and "/EmbeddedFiles" in names:
        del names["/EmbeddedFiles"]
    if "/AF" in pdf.Root:
        del pdf.Root["/AF"]
    info = pdf.docinfo
    for key in ("/CreationDate", "/ModDate"):
        if not str(info.get(key, "")).startswith("D:"):
            info[key] = pikepdf.String(_NO_DATE)
    if not str(info.get("/Title", "")).strip():
        info.Title = pikepdf.String("printprog")
    info.Trapped = pikepdf.Name("/False")  # printprog traps nothing; the shop may
    info.GTS_PDFXVersion = pikepdf.String(PDFX_VERSION)
    icc = pdf.make_stream(zlib.compress(profile(), 9), Filter=pikepdf.Name.FlateDecode, N=4)
    pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
        OutputConditionIdentifier=pikepdf.String(OUTPUT_CONDITION_ID),
        OutputCondition=pikepdf.String(OUTPUT_CONDITION),
        Info=pikepdf.String(OUTPUT_CONDITION), RegistryName=pikepdf.String(REGISTRY),
        DestOutputProfile=icc)])
    # Uncompressed, as XMP is meant to be found by tools that scan the file for packets.
    pdf.Root.Metadata = pdf.make_stream(xmp(pdf), Type=pikepdf.Name.Metadata,
                                        Subtype=pikepdf.Name.XML)


def xmp_date(pdf_date: str) -> str:
    """A PDF date (``D:20231114221320+00'00'``) as XMP's (``2023-11-14T22:13:20+00:00``)."""
    m = re.match(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([+\-Z])?(\d{2})?'?(\d{2})?",
                 pdf_date)
    if m is None:
        return xmp_date(_NO_DATE)
    year, month, day, hour, minute, second, sign, oh, om = m.groups()
    text = (f"{year}-{month or '01'}-{day or '01'}T{hour or '00'}:{minute or '00'}:"
            f"{second or '00'}")
    if sign in (None, "Z"):
        return text + "Z"
    return f"{text}{sign}{oh or '00'}:{om or '00'}"


def _document_id(pdf: pikepdf.Pdf) -> str:
    """An id made from the pages' content and the document information: the same document,
    the same id, and the same bytes."""
    import pikepdf

    digest = hashlib.sha256()
    for page in pdf.pages:
        contents = page.obj.get("/Contents")
        streams = contents if isinstance(contents, pikepdf.Array) else [contents]
        for stream in streams:
            if isinstance(stream, pikepdf.Stream):
                digest.update(stream.read_raw_bytes())
    for key in ("/Title", "/CreationDate", "/PrintprogReport"):
        digest.update(str(pdf.docinfo.get(key, "")).encode("utf-8", "replace"))
    return f"uuid:{uuid.UUID(bytes=digest.digest()[:16], version=4)}"


def xmp(pdf: pikepdf.Pdf) -> bytes:
    """The XMP packet of a PDF/X-4 document, from its document information."""
    info = pdf.docinfo

    def text(key: str, default: str = "") -> str:
        return escape(str(info.get(key, default)))

    created = xmp_date(str(info.get("/CreationDate", _NO_DATE)))
    modified = xmp_date(str(info.get("/ModDate", _NO_DATE)))
    ident = _document_id(pdf)
    author = f"<dc:creator><rdf:Seq><rdf:li>{text('/Author')}</rdf:li></rdf:Seq></dc:creator>" \
        if str(info.get("/Author", "")) else ""
    body = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{text('/Title')}</rdf:li></rdf:Alt></dc:title>
   {author}
   <xmp:CreateDate>{created}</xmp:CreateDate>
   <xmp:ModifyDate>{modified}</xmp:ModifyDate>
   <xmp:MetadataDate>{modified}</xmp:MetadataDate>
   <xmp:CreatorTool>{text('/Creator', 'printprog')}</xmp:CreatorTool>
   <pdf:Producer>{text('/Producer', 'printprog')}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <xmpMM:DocumentID>{ident}</xmpMM:DocumentID>
   <xmpMM:InstanceID>{ident}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   <pdfxid:GTS_PDFXVersion>{PDFX_VERSION}</pdfxid:GTS_PDFXVersion>
   <pdfx:GTS_PDFXVersion>{PDFX_VERSION}</pdfx:GTS_PDFXVersion>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return body.encode("utf-8")
