"""Errors a user can act on. The CLI prints ``str(error)`` as one line and exits 1."""

from __future__ import annotations

from pathlib import Path

from .records import Record, record


class PrintprogError(Exception):
    """An error the user can fix; its text is one line that says where and what to do."""


class UsageError(PrintprogError):
    """A command-line value that cannot work (found only once the input is open, e.g. pages
    the PDF does not have): printed as one line like other errors, exit 2 like argparse's."""


@record
class Problem(Record):
    """One located problem in an input file."""

    message: str
    file: Path | str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    path: str = ""  # key path, e.g. sessions[3].room
    hint: str = ""

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = str(self.file)
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        text = f"{where}{self.path + ': ' if self.path else ''}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return " ".join(text.split())  # one line, whatever the data held


#: Problems printed of one DataError: a broken file can hold millions (every line of an
#: 8-million-line list wrong), and the first ones are what the user fixes first.
MAX_REPORTED = 20


class DataError(PrintprogError):
    """One or more problems found while reading input; each is printed on its own line,
    up to :data:`MAX_REPORTED`, then one line counting the rest."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__(str(self.problems[0]))

    def lines(self) -> list[str]:
        shown = [str(p) for p in self.problems[:MAX_REPORTED]]
        rest = len(self.problems) - len(shown)
        if rest > 0:
            shown.append(f"and {rest:,} more problems not shown; fix these first, then run "
                         "again")
        return shown
