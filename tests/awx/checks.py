"""PASS / FAIL lines for the AWX and execution-environment tests (tests/awx/awx_job.py, tests/ee/ee_check.py)."""
from __future__ import annotations

import sys


class Checks:
    """Collects PASS / FAIL lines."""

    def __init__(self, label):
        self.label = label
        self.failed = 0

    def check(self, ok, what, detail=''):
        line = '%s  %s: %s' % ('PASS' if ok else 'FAIL', self.label, what)
        if not ok and detail:
            line += '\n      ' + str(detail).replace('\n', '\n      ')
        print(line, flush=True)
        if not ok:
            self.failed += 1
        return ok

    def exit(self):
        sys.exit(1 if self.failed else 0)
