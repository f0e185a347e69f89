"""Print production of a document not yet written: the canvas a product has just drawn,
finished in memory and written once.

:func:`printprog.production.rewrite.rewrite` reads a written PDF back with pikepdf and writes
it again. For a run without bleed, marks or CMYK that is all cost and no change to the
drawing: every page only gets its boxes (the page's own size: MediaBox, CropBox, BleedBox,
TrimBox), the document information the run's report, and the catalogue the embedded schedule.
:func:`finish` puts the same things into the reportlab document before its one save, which
spares importing pikepdf (a third of a one-badge run) and the second write (a tenth of a
1,000-talk booklet). Anything else (bleed, crop or fold marks, CMYK, PDF/X, a page turned by
``Rotate``, a catalogue that already names files) is left to the rewrite: :func:`finish`
says False and changes nothing.

The result holds what the rewrite gives (tests/production/test_direct.py reads both back
and compares boxes, report and embedded schedule), not the same bytes: the objects are
numbered as reportlab numbers them.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDate,
    PDFDictionary,
    PDFInfo,
    PDFName,
    PDFStream,
    PDFString,
)

from ..draw import rlprivate
from ..pdf.embedded import DESCRIPTION, FILENAME, SUBTYPE, packed
from ..pdf.writer import PrintCanvas
from .plan import page_plan
from .rewrite import REPORT_KEY, report_json
from .spec import Production


def finishes(production: Production) -> bool:
    """Whether :func:`finish` can give ``production`` (it changes no page's drawing)."""
    return not (production.reach or production.crop_marks or production.cmyk
                or production.pdfx)


def finish(canvas: Any, production: Production, report: dict[str, Any] | None,
           source: bytes | None) -> bool:
    """Give ``canvas``'s document the boxes of ``production``, the ``report`` and the
    ``source`` schedule, before it is saved; False (nothing changed) when only the rewrite
    can: see the module's docstring."""
    if not finishes(production):
        return False
    if not isinstance(canvas, PrintCanvas):  # a file joined from parts (pdf.joindrawn)
        canvas.finish(REPORT_KEY, report_json(report) if report is not None else None, source)
        return True
    doc = rlprivate.document(canvas)
    pages = doc.Pages.pages
    if any(p.Rotate not in (0, None) for p in pages) \
            or getattr(doc.Catalog, "Names", None) is not None \
            or type(doc.info) is not PDFInfo:
        return False
    if rlprivate.page_open(canvas):  # save() would make it the last page: made now, boxed
        canvas.showPage()
    for page in pages:
        plan = page_plan((0.0, 0.0, float(page.pagewidth), float(page.pageheight)), production)
        page.MediaBox = PDFArray(plan.media)
        page.CropBox = PDFArray(plan.crop)
        page.BleedBox = PDFArray(plan.bleed)
        page.TrimBox = PDFArray(plan.trim)
    if report is not None:
        doc.info.__class__ = _ReportInfo
        doc.info.report = report_json(report)
    if source is not None:
        _attach(doc, source)
    return True


class _ReportInfo(PDFInfo):
    """The document information reportlab writes, with the run's report under
    :data:`~printprog.production.rewrite.REPORT_KEY`."""

    report = ""

    def format(self, document):
        # reportlab's PDFInfo.format builds this dictionary in its body; no hook adds a key.
        date = PDFDate(ts=document._timeStamp, dateFormatter=self._dateFormatter)
        entries = {"Title": PDFString(self.title), "Author": PDFString(self.author),
                   "ModDate": date, "CreationDate": date,
                   "Producer": PDFString(self.producer), "Creator": PDFString(self.creator),
                   "Subject": PDFString(self.subject), "Keywords": PDFString(self.keywords),
                   "Trapped": PDFName(self.trapped),
                   REPORT_KEY.lstrip("/"): PDFString(self.report)}
        return PDFDictionary(entries).format(document)


def _attach(doc: Any, data: bytes) -> None:
    """The schedule as the document's source file (what :func:`printprog.pdf.embedded.attach`
    gives a written PDF)."""
    stream = PDFStream(PDFDictionary({"Type": PDFName("EmbeddedFile"),
                                      "Filter": PDFName("FlateDecode"),
                                      "Subtype": SUBTYPE,
                                      "Params": PDFDictionary({"Size": len(data)})}),
                       packed(data), filters=[])
    ref = doc.Reference(stream)
    spec = doc.Reference(PDFDictionary({
        "Type": PDFName("Filespec"), "F": PDFString(FILENAME), "UF": PDFString(FILENAME),
        "Desc": PDFString(DESCRIPTION), "AFRelationship": PDFName("Source"),
        "EF": PDFDictionary({"F": ref, "UF": ref})}))
    catalog = doc.Catalog
    catalog.Names = PDFDictionary({"EmbeddedFiles": PDFDictionary(
        {"Names": PDFArray([PDFString(FILENAME), spec])})})
    # The catalogue writes only the keys it lists; /AF (PDF 2.0, PDF/A-3) is not among them.
    catalog.__NoDefault__ = [*type(catalog).__NoDefault__, "AF"]
    catalog.AF = PDFArray([spec])

