"""Themes as data (templates/NAME.yaml): the typed schema and its loader.

``from printprog.theme import Theme, load_theme`` is the public face; the loader and the
schema live in :mod:`.loader` and :mod:`.schema`.
"""

from .loader import TextStyle, Theme, load_theme, parse_colour

__all__ = ["TextStyle", "Theme", "load_theme", "parse_colour"]
