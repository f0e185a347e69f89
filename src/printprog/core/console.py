"""The one place printprog writes its messages: ``error:`` and ``warning:`` lines on stderr.

Messages quote the data ("Start '10:00…' is not a time"), and data is untrusted: an ESC or
BEL in a speaker id would otherwise reach the terminal, where it can retitle the window,
clear the screen or hide the lines around it. Every message goes through :func:`printable`
here, so no caller has to remember to escape what it quotes; standard output ("wrote PATH",
where the path is the command line's) goes through :func:`printable_lines` once the CLI has
called :func:`guard_stdout`.
"""

from __future__ import annotations

import os
import re
import sys

from .errors import PrintprogError

#: C0 and C1 controls (tab and newline too: a message is one line), DEL, bidi overrides and
#: isolates, line and paragraph separators: what a terminal acts on or reorders.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control character written as a visible escape (ESC -> \\x1b)."""
    return _CONTROLS.sub(_escape, text)


#: What :func:`printable` escapes but line breaks and tabs: standard output is many lines.
_OUT_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e"
                           "\u2066-\u2069]")


def printable_lines(text: str) -> str:
    """``text`` with every control character but newline and tab written as an escape."""
    return _OUT_CONTROLS.sub(_escape, text)


def say(level: str, message: object) -> None:
    """Print one ``level: message`` line on stderr (the stderr of the moment: tests swap it)."""
    print(f"{level}: {printable(str(message))}", file=sys.stderr)


def error(message: object) -> None:
    say("error", message)


def warning(message: object) -> None:
    say("warning", message)


class StdoutError(PrintprogError):
    """Standard output cannot be written (a full disk, a pipe closed by ``head``)."""


class _GuardedStdout:
    """sys.stdout with control characters escaped (:func:`printable_lines`), whose write and
    flush failures become :class:`StdoutError` once, then
    go to /dev/null: the interpreter's flush at exit must not print a traceback of its own."""

    def __init__(self, stream) -> None:
        self._stream = stream
        self._failed = False

    def _guard(self, call, *args):
        if self._failed:
            return None
        try:
            return call(*args)
        except (OSError, ValueError) as exc:  # ValueError: stdout was closed
            self._failed = True
            self._silence()
            reason = getattr(exc, "strerror", None) or str(exc)
            raise StdoutError(f"cannot write to standard output: {reason}") from None

    def _silence(self) -> None:
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, self._stream.fileno())
            os.close(null)
        except (OSError, ValueError):
            pass

    def write(self, text: str) -> int:
        # Paths from the command line ("wrote PATH") and names from the data reach stdout
        # too: escaped here, once, as :func:`say` escapes stderr.
        self._guard(self._stream.write, printable_lines(text))
        return len(text)

    def flush(self) -> None:
        self._guard(self._stream.flush)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def guard_stdout() -> None:
    """Route sys.stdout through :class:`_GuardedStdout` (once; the CLI calls it first)."""
    if sys.stdout is None:  # started with stdout closed (>&-): as if sent to /dev/null
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives until exit
    if not isinstance(sys.stdout, _GuardedStdout):
        sys.stdout = _GuardedStdout(sys.stdout)
