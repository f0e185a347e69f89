"""Run one command and report its wall time and peak memory, as one JSON line on stdout.

    python bench/child.py [--max-yaml-mb N] -- COMMAND ARG...

Each measurement runs in its own wrapper process, so RUSAGE_CHILDREN holds exactly one
child: the command. The command's own output goes to bench logs (see run.py), not here.

``--max-yaml-mb N`` runs ``printprog`` in-process from this wrapper's child with the YAML
loader's file limit raised to N MB (printprog.importers.safeyaml.MAX_BYTES is 4 MB; the
5,000-talk event's sessions.yaml is about 7 MB). Only the benchmark does this.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

_LIFTED = ("import sys; import printprog.importers.safeyaml as s; s.MAX_BYTES = {0} * 2**20; "
           "from printprog.cli import main; sys.exit(main(sys.argv[1:]))")


def main(argv: list[str]) -> int:
    max_yaml = None
    if argv[:1] == ["--max-yaml-mb"]:
        max_yaml, argv = int(argv[1]), argv[2:]
    if argv[:1] == ["--"]:
        argv = argv[1:]
    if max_yaml is not None:  # printprog ARGS... -> python -c SNIPPET ARGS...
        argv = [sys.executable, "-c", _LIFTED.format(max_yaml), *argv[1:]]
    log = sys.stderr
    start = time.perf_counter()
    rc = subprocess.run(argv, stdout=log, stderr=log).returncode
    wall = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KB on Linux
    print(json.dumps({"wall": wall, "rss_mb": peak_kb / 1024, "rc": rc}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
