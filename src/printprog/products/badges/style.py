"""The theme's ``badges`` section resolved once for drawing: lengths, role colours, and
the colours layouts name, with the promise that a role band's text keeps a contrast of at
least 4.5:1 with every role colour (else a one-line error naming the role).

Colours may be '#rrggbb', 'cmyk(c, m, y, k)' or [c, m, y, k] in percent, as anywhere in a
theme; they come out in the theme's colour mode, and contrast is judged on their screen form.
"""

from __future__ import annotations

from dataclasses import field

from reportlab.lib.colors import Color

from ...core.errors import PrintprogError
from ...core.records import Record, record
from ...core.units import mm
from ...theme.loader import Theme

MIN_CONTRAST = 4.5


@record
class Style(Record):
    """The theme's ``badges`` section, resolved once."""

    theme: Theme
    safe: float
    module_min: float
    side_min: float
    marks: dict[str, float]
    #: mm a colour band keeps from a cut line shared with a neighbour (no gutter between).
    band_inset: float = 0.0
    #: mm a colour band on a badge's trim runs past it where the sheet has room (gutters).
    band_bleed: float = 0.0
    roles: dict[str, Color] = field(default_factory=dict)
    named: dict[str, Color] = field(default_factory=dict)

    @classmethod
    def from_theme(cls, theme: Theme) -> Style:
        sec = theme.sections.badges
        cm = sec.cut_marks
        marks = {"length": cm.length, "offset": cm.offset, "shortest": cm.shortest,
                 "line": cm.line}
        style = cls(theme, sec.safe, sec.qr_module_min, sec.qr_side_min, marks,
                    sec.band_inset, sec.band_bleed)
        roles = sec.roles
        style.roles = {str(k).upper(): theme.colour(_literal(v)) for k, v in roles.items()}
        if "ATTENDEE" not in style.roles:
            raise PrintprogError(f"theme '{theme.name}': badges.roles needs ATTENDEE, the colour "
                                 "for any role without its own")
        # Contrast is judged on screen colours, whatever mode the PDF is written in.
        rgb = cls(theme.with_colour_mode("rgb"), 0, 0, 0, {})
        text = rgb.colour("band_text")
        for role, value in roles.items():
            ratio = contrast(rgb.theme.colour(_literal(value)), text)
            if ratio < MIN_CONTRAST:
                raise PrintprogError(
                    f"theme '{theme.name}': badges.roles.{role} gives {ratio:.1f}:1 with "
                    f"badges.colours.band_text; the band text needs {MIN_CONTRAST}:1, "
                    "use a darker colour")
        return style

    def colour(self, name: str, role: str = "ATTENDEE") -> Color:
        """A badges.colours name, else a theme colour name; ``role``: the role's colour."""
        if name == "role":  # roles the theme does not list get the ATTENDEE colour
            return self.roles.get(role.upper(), self.roles["ATTENDEE"])
        if name not in self.named:  # parsed once: thousands of badges ask for the same few
            own = self.theme.data.get("badges", {}).get("colours", {})
            self.named[name] = self.theme.colour(_literal(own[name]) if name in own else name)
        return self.named[name]

    def draw_marks(self, canvas, marks: list, page_h: float) -> None:
        """Cut marks (sheet lines in mm, y from the top) in the theme's cut colour."""
        if not marks:
            return
        canvas.saveState()
        canvas.setStrokeColor(self.colour("cut"))
        canvas.setLineWidth(mm(self.marks["line"]))
        for m in marks:
            canvas.line(mm(m.x0), mm(page_h - m.y0), mm(m.x1), mm(page_h - m.y1))
        canvas.restoreState()


def _literal(value) -> str:
    """A colour value from the theme's badges section as text theme.colour reads: '#rrggbb'
    and 'cmyk(...)' as they are, [c, m, y, k] in percent as 'cmyk(c, m, y, k)'."""
    if isinstance(value, (list, tuple)):
        return f"cmyk({', '.join(str(v) for v in value)})"
    return str(value)


def _luminance(c: Color) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.red) + 0.7152 * channel(c.green) + 0.0722 * channel(c.blue)


def contrast(a: Color, b: Color) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
