"""Command line: parse arguments, call the library, turn errors into one line and an exit code.

Exit codes: 0 done (warnings may be printed), 1 a problem with the input or output (one line
each, no traceback), 2 a wrong command line (argparse's own). Heavy modules are imported
inside the commands so ``printprog --help`` starts fast.
"""

from __future__ import annotations

import sys

from ..core import stops
from . import startup

# First of all, before the imports below take their tenth of a second: a Ctrl-C from here
# on is one "interrupted" line and exit 1, not a traceback from the middle of an import.
stops.early(sys.orig_argv)
startup.defer(sys.orig_argv)  # before reportlab is imported below, or it compiles them

import argparse
import logging
from importlib import import_module
from pathlib import Path

from .. import __version__, products
from ..core.console import error, guard_stdout, printable, warning
from ..core.errors import DataError, PrintprogError, UsageError
from ..importers import FORMATS
from .common import add_data, add_import_options, import_options, load_conference, print_warnings
from .product import negative_flags, negative_values
from .product import register as register_product
from .registry import MODULES


def cmd_check(args: argparse.Namespace) -> int:
    from ..qa.checks import warnings

    conf = load_conference(args, audit=False)  # warnings() below includes the glyph audit
    found = warnings(conf)
    print_warnings(found, args.verbose)
    days = conf.days
    print(f"{conf.name}: {len(conf.sessions)} sessions, {len(conf.speakers)} speakers, "
          f"{len(conf.rooms)} rooms, {len(days)} days; {len(found)} warnings")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from ..core.when import LOCAL
    from ..exporters.yaml_folder import check_target, stated_zone, write_folder
    from ..importers import importer

    if not args.file.is_file():
        raise PrintprogError(f"{args.file}: no such file; pass the exported schedule file")
    check_target(args.out, args.force)  # before parsing: a refusal needs no warnings
    conf = importer(args.format)(args.file, import_options(args))
    notes = (f"Imported by printprog from {args.file.name} ({args.format}).\n"
             "Correct anything the source got wrong here; see docs/data-format.md.")
    if stated_zone(conf) == LOCAL:
        notes += ("\nThe file stated no time zone: 'timezone: local' prints the times as "
                  "written, naming no zone.\nSet the real zone below (e.g. Europe/Berlin), or "
                  "pass --timezone ZONE when you print.")
    elif conf.timezone_guessed:
        notes += (f"\nThe file stated no time zone: timezone {conf.timezone} fits its times' "
                  "UTC offsets and is a guess; set the real zone in conference.yaml.")
    write_folder(conf, args.out, notes=notes, force=args.force)
    print(f"wrote {args.out}: {len(conf.sessions)} sessions, {len(conf.speakers)} speakers, "
          f"{len(conf.rooms)} rooms")
    return 0


class _Parser(argparse.ArgumentParser):
    """argparse's parser whose own error messages ("invalid choice: 'X'") escape the argument
    values they quote, as every other message does (:func:`printable`); its subcommands'
    parsers are of this class too (add_subparsers' default)."""

    def error(self, message: str):  # type: ignore[override]
        super().error(printable(message))


def commands() -> list[str]:
    """Every subcommand's name, in the order --help lists them."""
    return ["check", "import", *products.names(), *MODULES]


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``only``, one subcommand's alone (what a run of that
    command needs: declaring every product's options took a twentieth of a badge's run)."""
    parser = _Parser(
        prog="printprog",
        description="Turn a conference schedule into print-ready PDFs.")
    parser.add_argument("--version", action="version", version=f"printprog {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    if only in (None, "check"):
        p = sub.add_parser("check", help="load the schedule and report problems")
        add_data(p)
        p.set_defaults(func=cmd_check)

    if only in (None, "import"):
        p = sub.add_parser("import", help="convert an exported schedule into a YAML data "
                           "folder")
        p.add_argument("format", choices=list(FORMATS), help="format of FILE")
        p.add_argument("file", type=Path, metavar="FILE")
        p.add_argument("--out", type=Path, required=True, metavar="DIR",
                       help="data folder to write, e.g. data/myevent")
        p.add_argument("--force", action="store_true", help="overwrite an existing folder")
        add_import_options(p)
        p.set_defaults(func=cmd_import)

    for name in products.names():  # one subcommand each, from its declaration
        if only in (None, name):
            register_product(sub, products.get(name))
    for name in MODULES:
        if only in (None, name):
            import_module(f"printprog.cli.{name}").register(sub)
    return parser


class _WarningHandler(logging.Handler):
    """Library warnings (importers log what they skipped or assumed) as 'warning:' lines,
    written to the stderr of the moment (tests capture it)."""

    def emit(self, record: logging.LogRecord) -> None:
        warning(record.getMessage())


def main(argv: list[str] | None = None) -> int:
    guard_stdout()  # a full or closed stdout is one error line, not a traceback at exit
    argv = sys.argv[1:] if argv is None else argv
    # A command named first is all the parser needs; anything else (--help, a typo) gets
    # the whole parser, which lists every command.
    command = argv[0] if argv and argv[0] in commands() else None
    parser = build_parser(command)
    declared = (products.all_products() if command is None else
                [products.get(command)] if command in products.names() else [])
    args = parser.parse_args(negative_values(argv, negative_flags(declared)))
    log = logging.getLogger("printprog")
    if not any(isinstance(h, _WarningHandler) for h in log.handlers):
        log.addHandler(_WarningHandler(logging.WARNING))
        log.propagate = False
    from ..pdf.atomic import transaction

    try:
        with stops.handled(), transaction():  # every file renamed at once, when all is done
            code = args.func(args)
        sys.stdout.flush()  # fails here, inside the try, when stdout is full or closed
        return code
    except DataError as exc:
        for line in exc.lines():
            error(line)
        return 1
    except UsageError as exc:
        error(exc)
        return 2
    except PrintprogError as exc:
        error(exc)
        return 1
    except KeyboardInterrupt:
        error("interrupted")
        return 1

