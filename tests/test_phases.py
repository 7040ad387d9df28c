"""The build's phase account (generator/phases.py): what the summary says, and what bench reads back.

That a real build prints it is checked by tests/test_bench.py (its build_phases).
"""

from __future__ import annotations

import re

import pytest

from generator import phases
from generator.devtools.bench import _phases


@pytest.mark.parametrize("blocks,expected", [
    (["load"], ["load"]),
    (["load", "search files", "load"], ["load", "search files"]),  # a phase entered twice adds up
    ([], []),
])
def test_summary_names_each_phase_once_then_the_rest_and_the_total(blocks, expected):
    phases.reset()
    for name in blocks:
        with phases.phase(name):
            sum(range(20_000))
    wall, cpu = phases.summary().splitlines()
    for line, prefix in ((wall, "build phases:"), (cpu, "build phases, CPU time:")):
        parsed = _phases(line, prefix)
        assert list(parsed) == expected + ["rest", "total"]
        assert parsed["total"] >= sum(v for k, v in parsed.items() if k != "total") - 0.15  # rounding to 0.1 s
        assert re.fullmatch(r"[^:]+: ([^,]+ \d+\.\d+s, )*rest \d+\.\d+s, total \d+\.\d+s", line)


def test_a_phase_that_fails_is_still_counted():
    phases.reset()
    with pytest.raises(ValueError):
        with phases.phase("mirror"):
            raise ValueError("conversion failed")
    assert "mirror" in _phases(phases.summary().splitlines()[0], "build phases:")

