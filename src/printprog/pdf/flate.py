"""Deflate for the streams of every PDF printprog writes (pages, forms, font subsets).

zlib at its default level took 12 ms of the bundled booklet's 0.25 s and 15 % of a 10,000-badge
run (issue #28). ISA-L (python-isal, MIT, with Intel's BSD-licensed library in its wheels)
writes the same format 6-7x faster at its level 3: the bundled booklet's 557 KB of streams take
1.9 ms instead of 12 ms, and come out 9 % larger (166 KB against 152 KB). The output is plain
Flate, which every reader inflates; the same input gives the same bytes.

Where no isal wheel installs, zlib does the work (a valid file, slower and other bytes); the
bytes of a file then depend on which one made it, as they would on the zlib release.
"""

from __future__ import annotations

from collections.abc import Callable

#: ISA-L's compression level (0-3): 3 is its smallest output, still far faster than zlib's 6.
LEVEL = 3


def _compressor() -> Callable[[bytes], bytes]:
    try:
        from isal.isal_zlib import compress as isal_compress
    except ImportError:  # isal is a dependency; a platform without a wheel
        import zlib

        return zlib.compress
    return lambda data: isal_compress(data, LEVEL)


_compress: Callable[[bytes], bytes] | None = None


def compress(data: bytes) -> bytes:
    """``data`` deflated in a zlib stream (what a PDF's FlateDecode filter reads)."""
    global _compress
    if _compress is None:  # imported on first use: --help never needs it
        _compress = _compressor()
    return _compress(data)
