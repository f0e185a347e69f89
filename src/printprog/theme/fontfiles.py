"""Font files a theme names (a path ending in .ttf or .otf): confined to the theme's folder,
capped in size, and registered as a family of their own; a bundled face's name is used as
it is (:func:`resolve_font`).
"""

from __future__ import annotations

from pathlib import Path

from ..core.inputs import Unconfined, confined
from ..core.resources import fonts_dir
from ..draw import fonts

#: The largest font file a theme may name (the bundled CJK fallback is 4 MB).
MAX_FONT_BYTES = 32 * 2**20


def font_file(value: str, base: Path) -> Path | None:
    """The TrueType file a font value names (a path ending in .ttf), relative to the theme's
    folder; None for a bundled name."""
    if not value.lower().endswith((".ttf", ".otf")):
        return None
    path = Path(value)
    return path if path.is_absolute() else base / path


def _confined(value: str, path: Path, base: Path) -> Path:
    """The real path of font file ``path``, a regular file in the theme's folder ``base``
    (or among the bundled fonts): a theme handed on with a data folder cannot make a run
    read, and embed, files from elsewhere. Raises ValueError with what is wrong."""
    where = f"the theme's folder {base}"
    try:
        return confined(path, [base, fonts_dir()])
    except Unconfined as exc:
        raise ValueError({
            "outside": f"font file '{value}' is outside {where}; put the font file next to "
                       "the theme (or in a folder under it) and name it from there",
            "link": f"font file '{value}' is a link to a file outside {where}; copy the font "
                    "file there instead",
            "special": f"font file {path} is not a regular file",
        }.get(exc.reason, f"font file {path} not found")) from None


def resolve_font(value: str, base: Path) -> str:
    """The registered name of the font ``value`` names: a bundled face as it is, a real
    TrueType file (confined to the theme's folder ``base``) under its real path, registered
    as a family of its own (bold and italic are itself) so it is embedded like the others.
    Raises ValueError saying what is wrong."""
    if value in fonts.MAIN:
        return value
    path = font_file(value, base)
    if path is None:
        raise ValueError(f"unknown font '{value}'; use {', '.join(fonts.MAIN)} or a path to a "
                         ".ttf file (every font is embedded: PDF base fonts such as Helvetica "
                         "are not)")
    real = _confined(value, path, base)
    try:
        if real.stat().st_size > MAX_FONT_BYTES:
            raise ValueError(f"font file {path} is over {MAX_FONT_BYTES // 2**20} MB")
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFError

        from ..draw.rlfonts import UnicodeTTFont as TTFont  # printprog's ToUnicode CMaps

        name = str(real)
        pdfmetrics.registerFont(TTFont(name, name))
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name,
                                      boldItalic=name)
    except (OSError, TTFError) as exc:
        raise ValueError(f"font file {path} is not a TrueType font that can be embedded "
                         f"({exc})") from None
    return name
