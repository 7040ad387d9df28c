"""BENCHMARKS.md: replace one marked section with the numbers of the run just made.

Each benchmark owns a section between `<!-- <name>: begin -->` and `<!-- <name>: end -->`; the
text around the sections (history, reasons) is written by hand and left alone.
"""

from __future__ import annotations

import datetime
import re
import subprocess
from pathlib import Path


def _commit(folder: Path) -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=folder, capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else "unknown"


def record(page: Path, name: str, command: str, markdown: str) -> None:
    """Put `markdown` into `page`'s section `name` (added at the end when the page has none)."""
    begin, end = f"<!-- {name}: begin -->", f"<!-- {name}: end -->"
    stamp = f"_`{command}`, {datetime.date.today().isoformat()}, commit {_commit(page.resolve().parent)}_"
    block = f"{begin}\n{stamp}\n\n{markdown.strip()}\n{end}"
    text = page.read_text(encoding="utf-8") if page.exists() else "# Benchmarks\n"
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip("\n") + f"\n\n{block}\n"
    page.write_text(text, encoding="utf-8")
    print(f"recorded in {page}")
