"""Run one command and report its wall time, peak memory and CPU time, as one JSON line on
stdout.

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
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    # ru_maxrss is in KB on Linux; CPU is user + system over all the command's threads.
    print(json.dumps({"wall": wall, "rss_mb": usage.ru_maxrss / 1024,
                      "cpu": usage.ru_utime + usage.ru_stime, "rc": rc}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
