"""reportlab's private names for fonts, in one place (as :mod:`.rlprivate` keeps the rest):
tests/test_rlprivate.py and tests/test_faces.py fail, naming the name, when a reportlab
release changes one.

Used:

- ``TTFont.addObjects``, the font's per-document ``state`` (its ``subsets``), ``SUBSETN``
  and ``PDFDocument.idToObject`` (:class:`UnicodeTTFont`, the font class printprog
  registers its fonts with): reportlab's ``ttfonts.makeToUnicodeCMap`` writes a character
  past U+FFFF as five or six hex digits (``<1F9EE>``), which no reader takes, so copying an
  emoji out of a PDF gave a wrong character; printprog's fonts replace that CMap with
  :func:`to_unicode_cmap`'s. reportlab itself is left as it is (importing printprog once
  replaced ``makeToUnicodeCMap`` for the whole process: every other user of reportlab in it
  got printprog's CMaps).
- ``TTFont.__init__``'s attributes (:meth:`UnicodeTTFont.of_face`, a font over a face read
  from the tables draw/faces.py ships) and ``TTFontFace``'s, the file's bytes ``_ttf_data`` and
  scale ``_pdfScale`` among them (:func:`face_state`, :func:`face_from`: draw/faces.py saves
  and restores them).
"""

from __future__ import annotations

from fnmatch import fnmatch
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase import ttfonts

#: A face's attributes not saved: its file's bytes and name, and its scale function (made
#: again from ``unitsPerEm``, as the parse makes it).
_NOT_SAVED = frozenset({"_ttf_data", "filename", "_pdfScale"})


def face_state(face: ttfonts.TTFontFace) -> dict[str, Any]:
    """What reportlab's parse set on ``face``, but its file's bytes, name and scale."""
    return {name: value for name, value in vars(face).items() if name not in _NOT_SAVED}


def face_from(state: dict[str, Any], data: bytes, filename: str) -> ttfonts.TTFontFace:
    """The face :func:`face_state` gave ``state`` of, read from the file ``filename`` whose
    bytes are ``data``, without parsing them again."""
    face = ttfonts.TTFontFace.__new__(ttfonts.TTFontFace)
    face.__dict__.update(state)
    face.filename, face._ttf_data = filename, data
    per_em = face.unitsPerEm
    face._pdfScale = (lambda x: x) if per_em == 1000 else (lambda x: x * (1000 / per_em))
    return face


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap for a font subset (``ttfonts.makeToUnicodeCMap``), with
    each character written as UTF-16BE, a surrogate pair past U+FFFF, as the PDF reference
    asks."""
    def utf16(code: int) -> str:
        return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()

    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", f"<< /Registry ({fontname})", f"/Ordering ({fontname})",
        "/Supplement 0", ">> def", f"/CMapName /{fontname} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{utf16(v)}>" for i, v in enumerate(subset)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"])


class UnicodeTTFont(ttfonts.TTFont):
    """reportlab's TrueType font whose subsets carry :func:`to_unicode_cmap`'s ToUnicode
    CMaps (UTF-16 past U+FFFF). Only the fonts registered with this class are affected."""

    @classmethod
    def of_face(cls, name: str, face: ttfonts.TTFontFace) -> UnicodeTTFont:
        """The font ``name`` over a face already read (draw/faces.py): what
        ``TTFont.__init__`` sets (tests/test_faces.py compares them), without its parse."""
        from weakref import WeakKeyDictionary

        font = cls.__new__(cls)
        font.fontName, font.face = name, face
        font.encoding = ttfonts.TTEncoding()
        font.state = WeakKeyDictionary()
        font._asciiReadable = rl_config.ttfAsciiReadable
        font.shapable = not any(fnmatch(name, glob) for glob in ttfonts.unShapedFontGlob)
        return font

    def addObjects(self, doc) -> None:
        try:  # what this document used of the font; gone once reportlab has written it
            subsets = [list(subset) for subset in self.state[doc].subsets]
        except KeyError:
            subsets = []
        super().addObjects(doc)
        for n, subset in enumerate(subsets):
            # The subset's name as TTFont.addObjects makes it, and the CMap stream it
            # registered under that name; written out only when the document is saved.
            base = b"".join((ttfonts.SUBSETN(n), b"+", self.face.name,
                             self.face.subfontNameX)).decode("pdfdoc")
            cmap = doc.idToObject.get("toUnicodeCMap:" + base)
            if cmap is not None:
                cmap.content = to_unicode_cmap(base, subset)
