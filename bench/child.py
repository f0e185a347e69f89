"""Run one command and report its wall time and peak memory, as one JSON line on stdout.

    python bench/child.py -- COMMAND ARG...

Each measurement runs in its own wrapper process, so RUSAGE_CHILDREN holds exactly one
child: the command. The command's own output goes to bench logs (see run.py), not here.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    if argv[:1] == ["--"]:
        argv = argv[1:]
    log = sys.stderr
    start = time.perf_counter()
    rc = subprocess.run(argv, stdout=log, stderr=log).returncode
    wall = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KB on Linux
    print(json.dumps({"wall": wall, "rss_mb": peak_kb / 1024, "rc": rc}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
