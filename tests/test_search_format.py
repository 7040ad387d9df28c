"""The search files against generator/search/FORMAT.md: fields, types, rules and the version.

check_files() reads the tables of FORMAT.md (file, field, type) and checks a built set of files
against them and against the rules the page states in prose; check_version() ties the tables to
the page's *Versions* table and the manifest's `version`. The planted-change cases make sure a
change to a cell or the manifest, or to the page, without a new version, is caught.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from pathlib import Path

import pytest

from generator import ROOT
from generator.load import load_or_raise
from generator.search import FORMAT_VERSION, build_search_files
from generator.search.keys import ALPHABET, chunk_of, decode_cells
from tests.test_search_index import SEARCH_DATA

FORMAT = ROOT / "generator" / "search" / "FORMAT.md"
JS_DATA = ROOT / "overrides" / "assets" / "javascripts" / "lib" / "hospital-search" / "data.mjs"


# ---------------------------------------------------------------------------------------------
# FORMAT.md's tables


def format_tables(text: str) -> list[tuple[str, str, str]]:
    """(file, field, type) of every row of the field and file tables, in page order.

    A table under a heading that names a file (`manifest.json`) lists that file's fields; a table
    whose first column is `file` lists whole files (field "*")."""
    rows, file, header = [], None, None
    for line in text.splitlines():
        if line.startswith("## "):
            named = re.search(r"`([^`]+\.json)`", line)
            file, header = (named.group(1) if named else None), None
        elif line.startswith("|") and header is None:
            header = [c.strip() for c in _cells(line)]
        elif line.startswith("|---"):
            continue
        elif line.startswith("|") and header and header[:2] in (["field", "type"], ["file", "type"]):
            first, kind = (c.strip() for c in _cells(line)[:2])
            name = first.strip("`")
            rows.append((name, "*", kind) if header[0] == "file" else (file, name, kind))
        elif not line.startswith("|"):
            header = None
    return rows


def _cells(line: str) -> list[str]:
    return [c.replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]


def fields_digest(text: str) -> str:
    lines = "\n".join(f"{f}|{n}|{t}" for f, n, t in format_tables(text))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()[:12]


def versions(text: str) -> list[tuple[int, str]]:
    section = text.split("## Versions", 1)[1]
    return [(int(m.group(1)), m.group(2).strip()) for m in re.finditer(r"^\| (\d+) \| ([^|]+) \|", section, re.M)]


# ---------------------------------------------------------------------------------------------
# Types: int, string, digits, cell list, "" ; T[] ; [T, T] ; (T) ; A | B ; {string: T}


def parse_type(text: str):
    tokens = re.findall(r'cell list|""|\[\]|[\[\](){}|,:]|\w+', text)
    pos = 0

    def peek():
        return tokens[pos] if pos < len(tokens) else None

    def take(expected=None):
        nonlocal pos
        token = tokens[pos]
        assert expected is None or token == expected, f"{text!r}: expected {expected} at {token}"
        pos += 1
        return token

    def union():
        options = [postfix()]
        while peek() == "|":
            take()
            options.append(postfix())
        return ("union", options) if len(options) > 1 else options[0]

    def postfix():
        node = atom()
        while peek() == "[]":
            take()
            node = ("list", node)
        return node

    def atom():
        token = take()
        if token == "(":
            node = union()
            take(")")
            return node
        if token == "[":
            items = [union()]
            while peek() == ",":
                take()
                items.append(union())
            take("]")
            return ("tuple", items)
        if token == "{":
            take("string")
            take(":")
            node = union()
            take("}")
            return ("map", node)
        assert token in ("int", "string", "digits", "cell list", '""'), f"{text!r}: unknown type {token}"
        return (token,)

    node = union()
    assert pos == len(tokens), f"{text!r}: left over {tokens[pos:]}"
    return node


def matches(value, node) -> bool:
    kind = node[0]
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "string":
        return isinstance(value, str)
    if kind == "digits":
        return isinstance(value, str) and all(ch in "0123456789" for ch in value)
    if kind == "cell list":
        return isinstance(value, str) and all(ch in ALPHABET for ch in value.removeprefix("!"))
    if kind == '""':
        return value == ""
    if kind == "list":
        return isinstance(value, list) and all(matches(v, node[1]) for v in value)
    if kind == "tuple":
        return isinstance(value, list) and len(value) == len(node[1]) and all(matches(v, t) for v, t in zip(value, node[1]))
    if kind == "map":
        return isinstance(value, dict) and all(matches(v, node[1]) for v in value.values())
    return any(matches(value, option) for option in node[1])


# ---------------------------------------------------------------------------------------------
# The check


def _pattern(file: str) -> re.Pattern:
    return re.compile("^" + re.escape(file).replace(re.escape("<n>"), r"\d+").replace(re.escape("<k>"), r"\d+").replace(re.escape("<ab>"), r"[a-z0-9]{2}") + "$")


def check_files(files: dict[str, object], text: str) -> list[str]:
    """Problems of parsed search files (path in the data folder -> JSON value) against FORMAT.md."""
    problems = []
    tables = format_tables(text)
    specs: dict[str, dict[str, object]] = {}
    for file, field, kind in tables:
        specs.setdefault(file, {})[field] = parse_type(kind)
    for path, value in sorted(files.items()):
        spec = next((fields for file, fields in specs.items() if _pattern(file).match(path)), None)
        if spec is None:
            problems.append(f"{path}: no table in FORMAT.md describes this file")
            continue
        if "*" in spec:
            if not matches(value, spec["*"]):
                problems.append(f"{path}: not of the type FORMAT.md gives")
            continue
        for field in sorted(set(value) - set(spec)):
            problems.append(f"{path}: field {field!r} is not in FORMAT.md")
        for field in sorted(set(spec) - set(value)):
            problems.append(f"{path}: field {field!r} of FORMAT.md is missing")
        for field in sorted(set(spec) & set(value)):
            if not matches(value[field], spec[field]):
                problems.append(f"{path}: field {field!r} is not of type {spec[field]}")
    return problems or _check_rules(files)


def _check_rules(files: dict[str, object]) -> list[str]:
    """What FORMAT.md states in prose: counts add up, digits are in range, keys are in their chunk."""
    problems = []
    m = files["manifest.json"]
    total = len(m["cells"])
    if sum(rows for _, rows in m["cells"]) != m["rows"]:
        problems.append("manifest.json: cells' rows do not add up to rows")
    for n in range(total):
        cell = files.get(f"cells/{n}.json")
        if cell is None:
            problems.append(f"cells/{n}.json is missing")
            continue
        count = m["cells"][n][1]
        for field in ("names", "places", "levels", "services"):
            if len(cell[field]) != count:
                problems.append(f"cells/{n}.json: {field} has {len(cell[field])} rows, the manifest says {count}")
        if any(ch not in "01234" for ch in cell["places"]):
            problems.append(f"cells/{n}.json: a place marker is not 0-4")
        if any(int(ch) >= len(m["levels"]) for ch in cell["levels"]):
            problems.append(f"cells/{n}.json: a level digit is past manifest levels")
        if any(int(ch) >= 1 << len(m["services"]) for ch in cell["services"]):
            problems.append(f"cells/{n}.json: a service digit has bits past manifest services")
        runs = cell["runs"]
        if sum(runs[1::2]) != count or any(d < -1 or d >= len(cell["districts"]) for d in runs[::2]):
            problems.append(f"cells/{n}.json: runs do not cover the rows with known districts")
    blocks = -(-m["rows"] // m["detailRows"])
    for n in range(blocks):
        block = files.get(f"details/{n}.json")
        if block is None or len(block["ids"]) != min(m["detailRows"], m["rows"] - n * m["detailRows"]):
            problems.append(f"details/{n}.json: missing or of the wrong length")
    for folder, chunks in (("index", m["chunks"]), ("pinyin", m["pinyinChunks"])):
        if chunks & (chunks - 1):
            problems.append(f"manifest.json: {folder} chunks {chunks} is not a power of two")
        for k in range(chunks):
            for key, cells in files.get(f"{folder}/{k}.json", {}).items():
                if chunk_of(key, chunks) != k:
                    problems.append(f"{folder}/{k}.json: key {key!r} belongs in chunk {chunk_of(key, chunks)}")
                if any(c >= total for c in decode_cells(cells, total)):
                    problems.append(f"{folder}/{k}.json: key {key!r} names a cell past the last")
    prefixes = sorted(p[len("starts/") : -len(".json")] for p in files if p.startswith("starts/"))
    if m["starts"] != " ".join(prefixes):
        problems.append("manifest.json: starts does not list the starts/ files")
    pairs = list(m["t2s"])
    if len(pairs) % 2:
        problems.append("manifest.json: t2s is not pairs of characters")
    return problems


def check_version(files: dict[str, object], text: str, js_version: int | None = None) -> list[str]:
    """The page's tables, its last version row, the manifest and the JS reader agree."""
    problems = []
    rows = versions(text)
    last_version, last_digest = rows[-1]
    if fields_digest(text) != last_digest:
        problems.append(f"FORMAT.md's tables changed (fields digest {fields_digest(text)}) but the last version row records {last_digest}: add a version")
    if files["manifest.json"]["version"] != last_version:
        problems.append(f"manifest version {files['manifest.json']['version']} is not FORMAT.md's {last_version}")
    if js_version is not None and js_version != last_version:
        problems.append(f"the JS reader expects version {js_version}, FORMAT.md says {last_version}")
    return problems


# ---------------------------------------------------------------------------------------------
# Tests


def _build(data_dir: Path) -> dict[str, object]:
    search = build_search_files(load_or_raise(data_dir))
    return {path[len(search.folder) + 1 :]: json.loads(data) for path, data in search.files.items()}


@pytest.fixture(scope="module")
def built():
    return _build(SEARCH_DATA)


@pytest.fixture(scope="module")
def text():
    return FORMAT.read_text(encoding="utf-8")


def _js_version() -> int:
    return int(re.search(r"export const FORMAT_VERSION = (\d+)", JS_DATA.read_text(encoding="utf-8")).group(1))


@pytest.mark.parametrize("data_dir", [SEARCH_DATA, ROOT / "data"], ids=["search fixture", "shipped data"])
def test_built_files_follow_the_format(data_dir, text):
    assert check_files(_build(data_dir), text) == []


def test_version_is_the_same_in_the_page_the_manifest_and_both_readers(built, text):
    assert check_version(built, text, _js_version()) == []
    assert FORMAT_VERSION == versions(text)[-1][0]


def test_every_table_type_parses(text):
    tables = format_tables(text)
    assert {f for f, _, _ in tables} >= {"manifest.json", "cells/<n>.json", "details/<n>.json", "index/<k>.json", "readings.json"}
    for _, _, kind in tables:
        parse_type(kind)


def _plant_cell_field(files, text):
    files["cells/0.json"]["extra"] = 1
    return files, text


def _plant_level_letter(files, text):
    files["cells/0.json"]["levels"] = "x" + files["cells/0.json"]["levels"][1:]
    return files, text


def _plant_level_past_list(files, text):
    files["cells/0.json"]["levels"] = "9" + files["cells/0.json"]["levels"][1:]
    return files, text


def _plant_place_marker(files, text):
    files["cells/0.json"]["places"] = "7" + files["cells/0.json"]["places"][1:]
    return files, text


def _plant_manifest_field_gone(files, text):
    del files["manifest.json"]["detailRows"]
    return files, text


def _plant_manifest_type(files, text):
    files["manifest.json"]["levels"] = "三级 二级"
    return files, text


def _plant_key_in_wrong_chunk(files, text):
    chunk = files["index/0.json"]
    key = next(iter(chunk))
    files["index/1.json"][key] = chunk.pop(key)
    return files, text


def _plant_documented_field_no_bump(files, text):
    # The writer and the page gain a field together, but nobody adds a version.
    for path in files:
        if path.startswith("cells/"):
            files[path]["extra"] = "1"
    text = text.replace("| `names` | string[] |", "| `extra` | digits | planted |\n| `names` | string[] |")
    return files, text


def _plant_version_row_no_manifest_bump(files, text):
    files, text = _plant_documented_field_no_bump(files, text)
    return files, text.rstrip("\n") + f"\n| {versions(text)[-1][0] + 1} | {fields_digest(text)} | planted |\n"


@pytest.mark.parametrize(
    "plant,check",
    [
        (_plant_cell_field, "files"),
        (_plant_level_letter, "files"),
        (_plant_level_past_list, "files"),
        (_plant_place_marker, "files"),
        (_plant_manifest_field_gone, "files"),
        (_plant_manifest_type, "files"),
        (_plant_key_in_wrong_chunk, "files"),
        (_plant_documented_field_no_bump, "version"),
        (_plant_version_row_no_manifest_bump, "version"),
    ],
    ids=lambda x: x.__name__.removeprefix("_plant_") if callable(x) else x,
)
def test_a_planted_change_without_a_version_bump_fails(built, text, plant, check):
    files, changed = plant(copy.deepcopy(built), text)
    assert (check_files(files, changed) if check == "files" else check_version(files, changed)) != []


def test_a_documented_and_versioned_change_passes(built, text):
    """The way to change the format: writer, page and version row together."""
    files, changed = _plant_version_row_no_manifest_bump(copy.deepcopy(built), text)
    files["manifest.json"]["version"] += 1
    assert check_files(files, changed) == []
    assert check_version(files, changed) == []
