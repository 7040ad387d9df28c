"""Where a build's time goes: wall time per phase, printed as one line at the end of every build.

Phases of our own code are timed with `phase(name)` around the call (hooks.py). Work that MkDocs
and Material do inside their own events is timed from outside: Markdown is the span from the last
`on_page_markdown` handler to the first `on_page_content` handler of each page, and Material's
search index is every event handler of its search plugin. What no phase names (MkDocs' templates,
writing files, copying assets) is the rest of the build's wall time.
"""

from __future__ import annotations

import functools
import time
from collections import defaultdict
from contextlib import contextmanager

# Wall time and CPU time of this process per phase: on a shared machine the wall time of a build
# moves by a factor of ten with the load; its CPU time barely moves, so it says where work goes.
_totals: dict[str, float] = defaultdict(float)
_cpu: dict[str, float] = defaultdict(float)
_open: dict[str, tuple[float, float]] = {}
_started: list[tuple[float, float]] = []


def reset() -> None:
    """Start a new build's account (mkdocs serve builds many times in one process)."""
    _totals.clear()
    _cpu.clear()
    _open.clear()
    _started[:] = [(time.perf_counter(), time.process_time())]


@contextmanager
def phase(name: str):
    """Add the wall time of the block to the phase."""
    start(name)
    try:
        yield
    finally:
        stop(name)


def start(name: str) -> None:
    """Start timing a phase that stop(name) ends (for a span that is not one block)."""
    _open[name] = (time.perf_counter(), time.process_time())


def stop(name: str) -> None:
    """End the phase start(name) began; nothing happens when it was not started."""
    if name in _open:
        wall, cpu = _open.pop(name)
        _totals[name] += time.perf_counter() - wall
        _cpu[name] += time.process_time() - cpu


def watch(config, search_plugin: str = "material/search") -> None:
    """Time Markdown and Material's search index inside MkDocs' own events (call from on_config)."""
    events = config.plugins.events
    # Last of page_markdown, first of page_content: the span between is Markdown -> HTML.
    events["page_markdown"].append(lambda markdown, **_: (start("Markdown"), markdown)[1])
    events["page_content"].insert(0, lambda html, **_: (stop("Markdown"), html)[1])
    plugin = config.plugins.get(search_plugin)
    if plugin is None:
        return
    for handlers in events.values():
        for i, handler in enumerate(handlers):
            if getattr(handler, "__self__", None) is plugin:
                handlers[i] = _timed("Material search index", handler)


def _timed(name: str, handler):
    @functools.wraps(handler)
    def run(*args, **kwargs):
        with phase(name):
            return handler(*args, **kwargs)

    return run


def summary() -> str:
    """Two lines, `build phases: load 3.1s, ..., rest 9.0s, total 52.0s`, then the same in CPU time."""
    now = (time.perf_counter(), time.process_time())
    lines = []
    for label, totals, index in (("build phases", _totals, 0), ("build phases, CPU time", _cpu, 1)):
        total = now[index] - _started[0][index] if _started else sum(totals.values())
        parts = [f"{name} {seconds:.1f}s" for name, seconds in totals.items()]
        parts.append(f"rest {max(0.0, total - sum(totals.values())):.1f}s")
        parts.append(f"total {total:.1f}s")
        lines.append(f"{label}: " + ", ".join(parts))
    return "\n".join(lines)
