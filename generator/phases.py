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

_totals: dict[str, float] = defaultdict(float)
_open: dict[str, float] = {}
_started: list[float] = []


def reset() -> None:
    """Start a new build's account (mkdocs serve builds many times in one process)."""
    _totals.clear()
    _open.clear()
    _started[:] = [time.perf_counter()]


@contextmanager
def phase(name: str):
    """Add the wall time of the block to the phase."""
    started = time.perf_counter()
    try:
        yield
    finally:
        _totals[name] += time.perf_counter() - started


def _begin(name: str) -> None:
    _open[name] = time.perf_counter()


def _end(name: str) -> None:
    if name in _open:
        _totals[name] += time.perf_counter() - _open.pop(name)


def watch(config, search_plugin: str = "material/search") -> None:
    """Time Markdown and Material's search index inside MkDocs' own events (call from on_config)."""
    events = config.plugins.events
    # Last of page_markdown, first of page_content: the span between is Markdown -> HTML.
    events["page_markdown"].append(lambda markdown, **_: (_begin("Markdown"), markdown)[1])
    events["page_content"].insert(0, lambda html, **_: (_end("Markdown"), html)[1])
    plugin = config.plugins.get(search_plugin)
    if plugin is None:
        return
    for name, handlers in events.items():
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
    """`build phases: load 3.1 s, ..., rest 9.0 s, total 52.0 s` (seconds of wall time)."""
    total = time.perf_counter() - _started[0] if _started else sum(_totals.values())
    parts = [f"{name} {seconds:.1f}s" for name, seconds in _totals.items()]
    parts.append(f"rest {max(0.0, total - sum(_totals.values())):.1f}s")
    parts.append(f"total {total:.1f}s")
    return "build phases: " + ", ".join(parts)
