"""Reading a data folder's YAML values typed and located (:mod:`.yaml_dir` reads the
folder with them): each value wrong in type or form is recorded as a problem naming its file,
line, column and key path, and reading goes on, so one run lists them all.
"""

from __future__ import annotations

import re
from datetime import date, time
from pathlib import Path, PurePosixPath

from ..core.errors import Problem
from ..core.safeyaml import Marked
from ..core.text import MAX_LINE, MAX_TEXT, one_line, paragraphs
from ..core.when import date_problem

_TIME = re.compile(r"^(\d{1,2}):(\d{2})(\s*\+1)?$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_URL = re.compile(r"^https?://[^\s<>\"]+$")


class Fields:
    """Typed access to one YAML mapping, recording problems instead of raising."""

    def __init__(self, ctx: Problems, node: Marked, path: str):
        self.ctx, self.node, self.path, self.used = ctx, node, path, set()
        if not isinstance(node.value, dict):
            ctx.problem(node, path, "must be a mapping of 'key: value' lines")
            node = Marked({}, node.line, node.column)
        self.values: dict[str, Marked] = node.value

    def _get(self, key: str, required: bool) -> Marked | None:
        self.used.add(key)
        value = self.values.get(key)
        if value is None or value.value is None or value.value == "":
            if required:
                self.ctx.problem(value or self.node, self._p(key), "is required",
                                 f"add '{key}:'")
            return None
        return value

    def _p(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def text(self, key: str, required: bool = False, default: str = "") -> str:
        value = self._get(key, required)
        if value is None:
            return default
        if isinstance(value.value, (dict, list, bool)):
            self.ctx.problem(value, self._p(key), "must be text")
            return default
        text = one_line(as_written(value))
        if not text and required:  # nothing but zero-width or control characters
            self.ctx.problem(value, self._p(key), "has no visible characters",
                             f"write the {key.replace('_', ' ')}")
            return default
        if len(text) > MAX_LINE:
            self.ctx.problem(value, self._p(key), f"is {len(text):,} characters long; at most "
                             f"{MAX_LINE:,} fit", "shorten it; long text belongs in abstract")
            return default
        return text

    def paragraphs(self, key: str) -> tuple[str, ...]:
        value = self._get(key, False)
        if value is None:
            return ()
        if isinstance(value.value, (dict, list, bool)):
            self.ctx.problem(value, self._p(key), "must be text (use '|' for paragraphs)")
            return ()
        text = as_written(value)
        if len(text) > MAX_TEXT:
            self.ctx.problem(value, self._p(key), f"is {len(text):,} characters long; "
                             f"at most {MAX_TEXT:,} (20,000 long words) are printed",
                             "shorten it")
            return ()
        return paragraphs(text)

    def ident(self, key: str, required: bool = True) -> str:
        value = self._get(key, required)
        if value is None:
            return ""
        raw = as_written(value) if isinstance(value.value, (str, int, float)) else None
        if raw is None or not _ID.match(raw):
            self.ctx.problem(value, self._p(key), f"'{value.value}' is not a valid id",
                             "use letters, digits, '-', '_' or '.'")
            return ""
        return raw

    def ids(self, key: str) -> list[tuple[str, Marked]]:
        value = self._get(key, False)
        if value is None:
            return []
        items = value.value if isinstance(value.value, list) else [value]
        out = []
        for i, item in enumerate(items):
            if not isinstance(item.value, (str, int)) or isinstance(item.value, bool):
                self.ctx.problem(item, f"{self._p(key)}[{i}]", "must be an id")
                continue
            out.append((as_written(item), item))
        return out

    def integer(self, key: str, default: int = 0) -> int:
        value = self._get(key, False)
        if value is None:
            return default
        if not isinstance(value.value, int) or isinstance(value.value, bool):
            self.ctx.problem(value, self._p(key), f"'{value.value}' must be a whole number")
            return default
        return value.value

    def flag(self, key: str) -> bool:
        value = self._get(key, False)
        if value is None:
            return False
        if not isinstance(value.value, bool):
            self.ctx.problem(value, self._p(key), f"'{value.value}' must be true or false")
            return False
        return value.value

    def day(self, key: str, required: bool = True) -> date | None:
        value = self._get(key, required)
        return None if value is None else self.ctx.parse_date(value, self._p(key))

    def colour(self, key: str) -> str | None:
        value = self._get(key, False)
        if value is None:
            return None
        if not isinstance(value.value, str) or not _COLOUR.match(value.value):
            self.ctx.problem(value, self._p(key), f"'{value.value}' is not a colour",
                             "write it as \"#RRGGBB\" in quotes")
            return None
        return value.value.lower()

    def url(self, key: str) -> str:
        value = self.text(key)
        if value and not _URL.match(value):
            # No spaces, quotes or angle brackets either: a URL goes into QR codes and
            # link attributes, where they would end it early.
            self.ctx.problem(self.values[key], self._p(key), f"'{value}' is not an http(s) URL",
                             "start it with https:// and write spaces and quotes as %20 "
                             "and %22")
            return ""
        return value

    def photo(self, key: str, what: str = "photo", example: str = "photos/ada.jpg"
              ) -> Path | None:
        """The photo's path: relative, inside the data folder (checked again, against links
        and for its content, when it is used: see images.py). Also the logo's."""
        value = self.text(key)
        if not value:
            return None
        path = PurePosixPath(value.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or re.match(r"^[A-Za-z]:", value):
            self.ctx.problem(self.values[key], self._p(key),
                             f"'{value}' is not a path inside the data folder",
                             f"put the {what} in the data folder and write its path "
                             f"relative to it, e.g. {example}")
            return None
        return self.ctx.folder / value

    def done(self) -> None:
        for key, value in self.values.items():
            if key not in self.used:
                known = ", ".join(sorted(self.used))
                where = self.node.keys.get(key, value)
                self.ctx.problem(where, self._p(str(key)), "unknown key",
                                 f"known keys here: {known}")


def as_written(node: Marked) -> str:
    """A scalar as text: a number keeps the digits it was written with (a room "1.10", a
    title "007"), not those of the float or int YAML resolved it to."""
    if isinstance(node.value, (int, float)) and node.source is not None:
        return node.source
    return str(node.value)


class Problems:
    """The problems found so far, each at its file (the one being read: ``file``), line,
    column and key path; and the checks of dates and times every file makes."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.file: Path | str = folder
        self.problems: list[Problem] = []

    def problem(self, node: Marked | None, path: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(
            message, file=self.file, line=node.line if node else None,
            column=node.column if node else None, path=path, hint=hint))

    def parse_date(self, node: Marked, path: str) -> date | None:
        try:
            day = date.fromisoformat(str(node.value))
        except ValueError:
            self.problem(node, path, f"'{node.value}' is not a date", "write it as 2013-10-21")
            return None
        if why := date_problem(day):
            self.problem(node, path, why, "is the year right?")
            return None
        return day

    def parse_time(self, node: Marked | None, path: str) -> tuple[time, bool] | None:
        if node is None:
            return None
        match = _TIME.match(str(node.value)) if isinstance(node.value, str) else None
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            self.problem(node, path, f"'{node.value}' is not a time",
                         "write 24-hour HH:MM from 00:00 to 23:59, e.g. 09:15")
            return None
        return time(int(match[1]), int(match[2])), bool(match[3])
