"""The schedule a PDF was made from, written for embedding (the reading side, and the
attachment itself, are :mod:`printprog.pdf.embedded`): the data folder's four files as the
top-level keys ``conference``, ``rooms``, ``speakers`` and ``sessions``, plus ``printprog``
(the version that wrote it) and, for the booklet, ``pages``. Nothing in it depends on the time
of the run, so rebuilds stay byte-identical.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .. import __version__

if TYPE_CHECKING:
    from ..schedule.model import Conference
    from ..schedule.scope import Scope

_HEADER = ("The schedule this PDF was printed from, written by printprog.\n"
           "Read it back with: printprog check --data THIS.pdf")


def document(conf: Conference, pages: Mapping[str, int] | None = None,
             scope: Scope | None = None) -> bytes:
    """The source document of ``conf``; ``pages`` maps session ids to booklet pages; with
    ``scope``, only the part a per-room file prints (:mod:`printprog.schedule.scope`), marked so.

    Written in YAML's flow style, which is JSON: the same data as export_yaml's block style
    (and read by the same strict reader), in a tenth of the time, which every run pays
    (0.08 s instead of 0.6 s with libyaml's emitter, 6 s with PyYAML's, for 1,000 talks)."""
    from ..schedule.scope import marker, narrow

    doc: dict[str, Any] = {"printprog": {"version": __version__}}
    if scope is None:
        doc.update(_data(conf))
    else:
        doc["scope"] = marker(conf, scope)
        doc.update(narrow(_data(conf), scope))
    if pages:
        doc["pages"] = {sid: pages[sid] for sid in sorted(pages)}
    header = "".join(f"# {line}\n" for line in _HEADER.splitlines())
    import json  # here: a badge run without an event writes no schedule

    return (header + json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


@functools.lru_cache(maxsize=1)
def _data(conf: Conference) -> dict[str, Any]:
    """export_yaml's data of ``conf``, made once for all the files of a run (signage writes
    one per room, each cut from it). Conference hashes by identity; nothing changes it."""
    from .yaml_folder import data

    return data(conf)


