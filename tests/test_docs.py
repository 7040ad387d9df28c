"""Docs coverage: the README documents every data column and every CLI command."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from generator import ROOT
from generator.__main__ import build_parser
from generator.schema import TABLES, schema_markdown

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("table", TABLES, ids=[t.name for t in TABLES])
def test_every_column_is_documented(table):
    for column in table.columns:
        assert column.meaning, f"{table.name}.{column.name} has no description"
        assert f"| `{column.name}` |" in README and column.meaning in README, f"README lacks {table.name}.{column.name}"


def test_readme_schema_is_current():
    assert schema_markdown().strip() in README, "run `python -m generator schema` and paste it into the README"


def _cli_commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return list(sub.choices)


def test_every_cli_command_is_in_readme():
    commands = _cli_commands()
    assert {"check", "build", "estimate"} <= set(commands)
    for command in commands:
        assert re.search(rf"python -m generator {command}\b", README), f"README lacks `python -m generator {command}`"


def test_readme_has_the_two_commands_and_ci_runs_the_test_one():
    assert "./dev serve" in README and "./dev test" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "exec ./dev test" in ci


def _layout_section() -> str:
    start = README.index("## Layout\n")
    return README[start:README.index("\n## ", start + 1)]


@pytest.mark.parametrize(
    "module",
    sorted(p.relative_to(ROOT / "generator").as_posix() for p in (ROOT / "generator").rglob("*.py") if p.name != "__init__.py"),
)
def test_readme_layout_lists_every_module(module):
    assert re.search(rf"^\s+{re.escape(Path(module).name)}\s", _layout_section(), re.M), f"README's Layout section lacks generator/{module}"


@pytest.mark.parametrize(
    "page",
    sorted(p.relative_to(ROOT).as_posix() for p in [*(ROOT / "docs").rglob("*.md"), *(ROOT / "generator" / "templates").glob("*.md.j2")]),
)
def test_no_script_in_markdown_pages(page):
    # Tools load their adapter from the page template (overrides/tool.html), never from the Markdown.
    assert "<script" not in (ROOT / page).read_text(encoding="utf-8"), f"{page}: a <script> tag; use front matter `tool:` instead"


@pytest.mark.parametrize("page", sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").rglob("*.md")))
def test_no_tool_markup_in_written_pages(page):
    # A form is a tool's markup: it lives in overrides/partials/tools/<name>.html (issue 11).
    assert "<form" not in (ROOT / page).read_text(encoding="utf-8"), f"{page}: a <form>; move it to partials/tools/"
