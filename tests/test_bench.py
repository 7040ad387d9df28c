"""Smoke test of the benchmark script (tiny, without Pagefind): it runs end to end and prints its tables.

The benchmark prints numbers; it asserts none of them. Run the real one with ./dev bench.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from generator.devtools.record import record
from tests.conftest import ROOT


def test_bench_runs_end_to_end(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "generator", "bench", "--hospitals", "300", "--offices", "10", "--out", str(tmp_path),
         "--sessions", "1", "--queries", "6", "--no-pagefind", "--record", str(tmp_path / "BENCHMARKS.md")],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "## Hospital search, 300 hospitals" in done.stdout
    assert "## First visit and site size, 300 hospitals" in done.stdout
    assert "| first visit (page + service worker, gzip) |" in done.stdout and "issue 16 before" in done.stdout
    assert "| shard kind | files | raw | gzip |" in done.stdout
    numbers = json.loads((tmp_path / "bench.json").read_text(encoding="utf-8"))
    assert numbers["hospitals"] == 300 and numbers["build_peak_mb"] > 0
    later = numbers["later_queries"]
    assert set(later) == {"name", "pinyin", "traditional"} and all(e["count"] > 0 and e["max"] > 0 for e in later.values())
    assert "| later query, pinyin, no province" in done.stdout
    visits = {v["layout"]: v for v in numbers["first_visit"]}
    assert set(visits) == {"home", "hospital lookup", "office directory"} and all(v["kb"] > 0 for v in visits.values())
    assert numbers["footprint"]["bytes"] > 0 and numbers["build_cpu_seconds"] > 0
    for account in (numbers["build_phases"], numbers["build_phases_cpu"]):  # where the build's time went
        assert {"load", "search files", "Markdown", "Material search index", "繁體 mirror", "total"} <= set(account)
    first = numbers["scenarios"]["name, no province"]["ours"][0][0]
    assert first["bytes"] > 0 and first["requests"] > 0
    recorded = (tmp_path / "BENCHMARKS.md").read_text(encoding="utf-8")
    assert "<!-- bench: begin -->" in recorded and "## Hospital search, 300 hospitals" in recorded


@pytest.mark.parametrize("before, after", [
    # no page yet: a page with the section
    (None, "# Benchmarks\n\n<!-- perf: begin -->\nSTAMP\n\n| new |\n<!-- perf: end -->\n"),
    # a page without the section: added at the end, the rest kept
    ("# Benchmarks\n\nhistory\n", "# Benchmarks\n\nhistory\n\n<!-- perf: begin -->\nSTAMP\n\n| new |\n<!-- perf: end -->\n"),
    # the section replaced, the text around it and another section kept
    ("intro\n<!-- perf: begin -->\n| old |\n<!-- perf: end -->\nhistory\n<!-- bench: begin -->\nb\n<!-- bench: end -->\n",
     "intro\n<!-- perf: begin -->\nSTAMP\n\n| new |\n<!-- perf: end -->\nhistory\n<!-- bench: begin -->\nb\n<!-- bench: end -->\n"),
])
def test_record_rewrites_only_its_own_section(tmp_path, before, after):
    page = tmp_path / "BENCHMARKS.md"
    if before is not None:
        page.write_text(before, encoding="utf-8")
    record(page, "perf", "python -m generator perf", "| new |\n")
    text = page.read_text(encoding="utf-8")
    stamp = re.search(r"^_`python -m generator perf`, \d{4}-\d{2}-\d{2}, commit \S+_$", text, re.M)
    assert stamp and text.replace(stamp.group(0), "STAMP") == after
