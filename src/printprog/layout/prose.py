"""Whole sentences of a text: what a printed bio is cut to, never mid-sentence.

A bio may be capped at a number of sentences (a theme's choice), and some sources cut bios
short themselves (Sched's "Read More": the model's ``bio_truncated``). Either way what is
printed ends at the end of a sentence: the unfinished one is left out, never closed with an
ellipsis. Sentences end at ``.``, ``!`` or ``?`` (a closing quote or bracket may follow)
before white space and a capital, a digit or an opening quote.
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'\u201d\u2019)]))\s+"
                           r"(?=[\"'\u201c\u2018(]?[A-Z0-9\u00c0-\u024f])")
_ENDS = re.compile(r"[.!?][\"'\u201d\u2019)]?\s*$")


def sentences(paragraph: str) -> list[str]:
    """The sentences of ``paragraph``, stripped, in order."""
    return [s.strip() for s in _SENTENCE_END.split(paragraph) if s.strip()]


def whole_sentences(paragraphs: tuple[str, ...], cut_short: bool = False,
                    cap: int = 0) -> tuple[str, ...]:
    """``paragraphs`` ending at a sentence's end: without the last, unfinished sentence
    when the text was ``cut_short`` (and it does not end like a sentence), and at most
    ``cap`` sentences when ``cap`` is not 0. Paragraphs are kept as they are, but for the
    one cut; those left empty are dropped."""
    paras = [sentences(p) for p in paragraphs]
    if cut_short:
        while paras and not paras[-1]:
            paras.pop()
        if paras and not _ENDS.search(paras[-1][-1]):
            paras[-1].pop()
    out: list[str] = []
    left = cap or -1
    for para in paras:
        if left == 0:
            break
        kept = para if left < 0 else para[:left]
        if left > 0:
            left -= len(kept)
        if kept:
            out.append(" ".join(kept))
    return tuple(out)
