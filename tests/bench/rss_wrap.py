"""Run a command and append the peak resident set size of its process tree to a file (tests/bench).

``python rss_wrap.py OUT_FILE COMMAND [ARG...]``: runs COMMAND (stdin, stdout and stderr passed
through), then appends ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` (KiB on Linux) to OUT_FILE
and exits with COMMAND's status. On Linux that figure is the peak RSS of the largest single process
among COMMAND and the descendants it waited for (not a sum). bench.py uses it twice: as the
module's interpreter (the figure is then the module process itself) and around a whole `ansible`
run (the largest of controller, worker and module processes).
"""
from __future__ import annotations

import resource
import subprocess
import sys


def main(argv):
    if len(argv) < 3:
        sys.stderr.write('usage: rss_wrap.py OUT_FILE COMMAND [ARG...]\n')
        return 2
    status = subprocess.call(argv[2:])
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(argv[1], 'a', encoding='utf-8') as handle:
        handle.write('%d\n' % peak_kib)
    return 128 - status if status < 0 else status  # killed by a signal: 128 + its number, as a shell says


if __name__ == '__main__':
    sys.exit(main(sys.argv))
