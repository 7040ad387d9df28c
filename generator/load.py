"""Load and validate the data folder into models, collecting every problem before giving up."""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from . import ROOT, regions
from .models import Dataset, Document, Hospital, Office, Source
from .phones import Phone, parse_phone
from .policies import build_presets
from .read import RawTable, ReadError, find_table_file, read_table, read_text
from .schema import DOCUMENTS, HOSPITALS, LIST_SEPARATOR, OFFICES, POLICIES, Column, Table

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# How an error message names a region level (messages are in English, like every data error).
_REGION_LEVEL_NAMES = {"province": "a province", "city": "a prefecture-level city", "district": "a district or county"}
# The published data folder: synthetic rows (python -m generator synth) must never be built from it.
REAL_DATA_DIR = ROOT / "data"
# Cells that may hold line breaks (Alt+Enter in Excel); every other cell is one line.
_MULTILINE_COLUMNS = {"address", "hours", "note"}
# Letters and signs that print as nothing (Hangul fillers, braille blank, combining grapheme joiner):
# a name made of them looks empty. Controls, format characters (zero-width, bidi overrides as in
# Trojan Source, CVE-2021-42574) and line/paragraph separators are found by category.
_BLANK_LOOKING = frozenset("\u034f\u115f\u1160\u3164\uffa0\u2800")
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
# pymdownx.snippets (mkdocs.yml) would paste another file into a summary: a way out of the data folder.
_SNIPPET_MARKER = "--8<--"


def visible(text: str) -> str:
    """text with every character that does not print shown as an escape (\\u202e), for messages."""
    return "".join(ch if (ch.isprintable() and ch not in _BLANK_LOOKING) or ch == " " else _escaped(ch) for ch in text)


def _escaped(ch: str) -> str:
    return f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, addressed to the person who edits the file."""

    file: str
    row: int | None  # spreadsheet row (header = 1); None for the file as a whole
    column: str | None
    value: str | None
    rule: str
    severity: str = "error"  # or "warning": reported, does not stop the build

    def __str__(self) -> str:
        parts = [f"{self.file}:{self.row}" if self.row is not None else self.file]
        if self.column:
            parts.append(f'column "{self.column}"')
        value = f'"{visible(self.value)}" ' if self.value is not None else ""  # a \u202e stays readable
        parts.append(("warning: " if self.severity == "warning" else "") + value + self.rule)
        return ": ".join(parts)


class DataError(Exception):
    """The data folder has errors; `problems` lists all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(f"{len(errors)} data error(s)")


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, file: str, row: int | None, column: str | None, value: str | None, rule: str, severity: str = "error") -> None:
        self.problems.append(Problem(file, row, column, value, rule, severity))


def _display_path(path: Path) -> str:
    """Relative to the working folder when inside it (data/hospitals.csv), else absolute."""
    resolved = Path(path).resolve()
    try:
        return str(resolved.relative_to(Path.cwd()))
    except ValueError:
        return str(resolved)


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.replace("；", LIST_SEPARATOR).split(LIST_SEPARATOR)]


def _check_cell(col: Column, value: str, file: str, row: int, data_dir: Path, out: _Collector) -> None:
    """Rules that need only the cell itself."""
    if value == "":
        if col.required:
            out.add(file, row, col.name, value, "is required but empty")
        return
    hidden = _hidden_character(value, multiline=col.name in _MULTILINE_COLUMNS)
    if hidden is not None:
        name = unicodedata.name(hidden, "control character")
        out.add(file, row, col.name, value, f"contains an invisible or control character (U+{ord(hidden):04X} {name}); delete it")
        return
    kind = col.kind
    if kind == "id" and not _ID.match(value):
        out.add(file, row, col.name, value, "is not a valid id (lowercase letters, digits and single hyphens, e.g. sd-jining-01)")
    elif kind == "enum" and value not in col.choices:
        out.add(file, row, col.name, value, f"is not one of {', '.join(col.choices)}")
    elif kind == "enum_list":
        for part in _split(value):
            if part not in col.choices:
                out.add(file, row, col.name, part or value, f"is not one of {', '.join(col.choices)} (separate several with ;)")
    elif kind == "region":
        _check_region_code(col, value, file, row, out)
    elif kind == "phone":
        if parse_phone(value) is None:
            out.add(file, row, col.name, value, "is not a valid Chinese phone number (area code + number, e.g. 0755-82978745)")
    elif kind == "phone_list":
        for part in _split(value):
            if parse_phone(part) is None:
                out.add(file, row, col.name, part, "is not a valid Chinese phone number (area code + number, e.g. 0755-82978745)")
    elif kind == "date":
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value, re.ASCII):  # fromisoformat also takes 20180621, 2018-W25-4
                raise ValueError(value)
            day = dt.date.fromisoformat(value)
        except ValueError:
            out.add(file, row, col.name, value, "is not a date in the form YYYY-MM-DD")
        else:
            if day > dt.date.today():
                out.add(file, row, col.name, value, "is in the future")
    elif kind == "number" and not re.fullmatch(r"\d+(\.\d{1,4})?", value):
        out.add(file, row, col.name, value, "is not a non-negative number (digits, at most 4 decimals, no commas)")
    elif kind in _DEGREE_RANGE and not _in_range(value, _DEGREE_RANGE[kind]):
        low, high = _DEGREE_RANGE[kind]
        out.add(file, row, col.name, value, f"is not a {kind} in degrees from {low} to {high}")
    elif kind == "file":
        _check_file(col, value, file, row, data_dir, out)


def _hidden_character(value: str, multiline: bool) -> str | None:
    """The first character of value that does not print (a line break is fine in a multi-line cell)."""
    for ch in value:
        if multiline and ch in "\r\n":
            continue
        if ch in _BLANK_LOOKING or unicodedata.category(ch) in _HIDDEN_CATEGORIES:
            return ch
    return None


def _is_absolute(value: str) -> bool:
    """/etc/passwd, \\\\server\\share or C:\\x: absolute on some system, so never a path inside the data folder."""
    return bool(re.match(r"^([A-Za-z]:|[/\\])", value))


def summary_path(data_dir: Path, value: str) -> Path | None:
    """The file a summary_file cell names, resolved; None when it is absolute or lies outside data_dir."""
    if _is_absolute(value):
        return None
    root = Path(data_dir).resolve()
    target = (root / value).resolve()  # follows symlinks: one that points outside is outside
    return target if target.is_relative_to(root) else None


def _check_file(col: Column, value: str, file: str, row: int, data_dir: Path, out: _Collector) -> None:
    """A summary file: inside the data folder, readable as the CSVs are, and pulling in no other file."""
    if _is_absolute(value):
        out.add(file, row, col.name, value, "is an absolute path; give the path inside the data folder, e.g. documents/x.md")
        return
    target = summary_path(data_dir, value)
    if target is None:
        out.add(file, row, col.name, value, f"points outside the data folder {_display_path(data_dir)}; a summary must be inside it")
    elif not target.is_file():
        out.add(file, row, col.name, value, f"names a file that does not exist in {_display_path(data_dir)}")
    else:
        try:
            text = read_text(target)
        except ReadError as exc:
            out.add(file, row, col.name, value, f"cannot be read: {exc}")
            return
        if _SNIPPET_MARKER in text:
            out.add(file, row, col.name, value, f"includes another file ({_SNIPPET_MARKER}), which a summary may not do")


_DEGREE_RANGE = {"latitude": (-90, 90), "longitude": (-180, 180)}


def _in_range(value: str, bounds: tuple[int, int]) -> bool:
    if not re.fullmatch(r"-?\d{1,3}(\.\d+)?", value):
        return False
    return bounds[0] <= float(value) <= bounds[1]


def _check_region_code(col: Column, value: str, file: str, row: int, out: _Collector) -> None:
    region = regions.get(value) if re.fullmatch(r"\d{6}", value) else None
    if region is None:
        out.add(file, row, col.name, value, "is not a known GB/T 2260 region code (6 digits)")
    elif col.region_level != "any" and region.level != col.region_level:
        out.add(file, row, col.name, value, f"is {region.name}, not {_REGION_LEVEL_NAMES[col.region_level]}")


def _check_table(table: Table, raw: RawTable, data_dir: Path, out: _Collector) -> list[tuple[int, dict[str, str]]]:
    """Column-set and cell rules; returns the rows that may be built into models."""
    file = _display_path(raw.path)
    expected = [c.name for c in table.columns]
    for name in raw.header:
        if name not in expected:
            out.add(file, 1, name, None, f"is not an expected column (expected: {', '.join(expected)})")
    missing = [c for c in table.columns if c.name not in raw.header]
    for col in missing:
        if col.required:  # an optional column may be left out: its cells are empty
            out.add(file, 1, col.name, None, "is missing from the header")
    if any(c.required for c in missing):
        return []
    if missing:
        raw = RawTable(raw.path, raw.header, [(row, {**{c.name: "" for c in missing}, **cells}) for row, cells in raw.rows])
    seen_ids: dict[str, int] = {}
    real = data_dir.resolve() == REAL_DATA_DIR.resolve()
    for row, cells in raw.rows:
        for col in table.columns:
            _check_cell(col, cells.get(col.name, ""), file, row, data_dir, out)
        if real and cells.get("source", "").startswith("SYNTHETIC"):
            out.add(file, row, "source", cells["source"], "is synthetic test data; synthetic rows must never be in the real data folder")
        row_id = cells.get("id", "")
        if row_id in seen_ids:
            out.add(file, row, "id", row_id, f"is a duplicate id (first used in row {seen_ids[row_id]})")
        elif row_id:
            seen_ids[row_id] = row
    return raw.rows


def _source(cells: dict[str, str]) -> Source:
    return Source(cells["source"], cells["as_of"])


def _phones(value: str) -> tuple[Phone, ...]:
    return tuple(p for p in (parse_phone(v) for v in _split(value) if v) if p is not None)


def _hospitals(rows, file: str, out: _Collector) -> list[Hospital]:
    result = []
    codes: dict[str, int] = {}
    for row, c in rows:
        code = c.get("code", "")
        if code and code.lower() in codes:
            out.add(file, row, "code", code, f"is a duplicate code (first used in row {codes[code.lower()]})")
        elif code:
            codes[code.lower()] = row
        city, district = regions.get(c["city_code"]), regions.get(c["district_code"])
        if city and city.level == "city" and city.parent != c["province_code"]:
            out.add(file, row, "city_code", c["city_code"], f"is {city.name}, which is not in province {c['province_code']} ({regions.name(c['province_code'])})")
        if district and district.level == "district" and district.parent != c["city_code"]:
            out.add(file, row, "district_code", c["district_code"], f"is {district.name}, which is not in city {c['city_code']} ({regions.name(c['city_code'])})")
        result.append(
            Hospital(
                id=c["id"], name=c["name"], province_code=c["province_code"], city_code=c["city_code"],
                district_code=c["district_code"], level=c.get("level", ""),  # optional: may be missing from the header
                services=tuple(s for s in _split(c["services"]) if s), address=c["address"],
                phone=parse_phone(c["phone"]) if c["phone"] else None, source=_source(c),
                code=code, kind=c.get("kind", ""), lat=c.get("lat", ""), lng=c.get("lng", ""),
            )
        )
    return result


def _offices(rows, file: str, out: _Collector) -> list[Office]:
    by_id = {c["id"]: (row, c) for row, c in rows}
    flat: dict[str, Office] = {}
    for row, c in rows:
        parent = c["parent_id"]
        if c["kind"] == "station" and not parent:
            out.add(file, row, "parent_id", parent, "is empty, but a station (管理站) must name the branch (分局) it belongs to")
        if parent and c["kind"] in ("hotline", "branch", "other"):
            # Only stations hang under a branch; a branch under a branch would vanish from the directory.
            out.add(file, row, "parent_id", parent, f"is set, but only a station (管理站) belongs to a branch; this row is a {c['kind']}")
        elif parent:
            if parent not in by_id:
                out.add(file, row, "parent_id", parent, "names no office in this file")
            elif by_id[parent][1]["kind"] != "branch":
                out.add(file, row, "parent_id", parent, "names an office that is not a branch (分局)")
        if not c["phones"] and not c["faxes"]:
            out.add(file, row, "phones", c["phones"], "is empty and so is faxes: an office needs at least one number")
        flat[c["id"]] = Office(
            id=c["id"], name=c["name"], kind=c["kind"], parent_id=parent, region_code=c["region_code"],
            phones=_phones(c["phones"]), faxes=_phones(c["faxes"]), address=c["address"], hours=c["hours"],
            accepts=tuple(a for a in _split(c["accepts"]) if a), note=c["note"], source=_source(c),
        )
    _warn_shared_numbers(rows, file, out)
    children: dict[str, list[Office]] = defaultdict(list)
    for office in flat.values():
        if office.parent_id in flat:
            children[office.parent_id].append(office)
    return [
        Office(**{**o.__dict__, "children": tuple(children.get(o.id, ()))})
        for o in flat.values()
        if o.parent_id not in flat
    ]


def _warn_shared_numbers(rows, file: str, out: _Collector) -> None:
    """The same number on two offices is usually a copy-paste slip, but can be real (shared line)."""
    first: dict[str, tuple[str, int]] = {}
    for row, c in rows:
        for column in ("phones", "faxes"):
            for phone in _phones(c[column]):
                if phone.digits in first and first[phone.digits][0] != c["id"]:
                    other, other_row = first[phone.digits]
                    out.add(file, row, column, phone.display, f"is also the number of {other} (row {other_row})", "warning")
                else:
                    first.setdefault(phone.digits, (c["id"], row))


def _documents(rows) -> list[Document]:
    return [
        Document(
            id=c["id"], number=c["number"], title=c["title"], issuer=c["issuer"], date=c["date"],
            region_code=c["region_code"], summary_file=c["summary_file"], source=_source(c),
        )
        for _, c in rows
    ]


def load_dataset(data_dir: str | os.PathLike) -> tuple[Dataset | None, list[Problem]]:
    """Read and validate every table; returns the dataset (None on errors) and all problems found."""
    data_dir = Path(data_dir)
    out = _Collector()
    checked: dict[str, tuple[str, list]] = {}
    if not data_dir.is_dir():
        out.add(_display_path(data_dir), None, None, None, "is not a folder")
        return None, out.problems
    for table in (HOSPITALS, OFFICES, DOCUMENTS):
        path = find_table_file(data_dir, table.name)
        if path is None:
            out.add(_display_path(data_dir / f"{table.name}.csv"), None, None, None, "is missing (or provide an .xlsx file of that name)")
            continue
        try:
            raw = read_table(path)
        except ReadError as exc:
            out.add(_display_path(path), None, None, None, f"cannot be read: {exc}")
            continue
        checked[table.name] = (_display_path(path), _check_table(table, raw, data_dir, out))
    policies_path = find_table_file(data_dir, POLICIES.name)  # optional: without it the estimator has no presets
    if policies_path is not None:
        try:
            checked[POLICIES.name] = (_display_path(policies_path), _check_table(POLICIES, read_table(policies_path), data_dir, out))
        except ReadError as exc:
            out.add(_display_path(policies_path), None, None, None, f"cannot be read: {exc}")
    hospitals = _hospitals(checked["hospitals"][1], checked["hospitals"][0], out) if "hospitals" in checked else []
    offices = _offices(checked["offices"][1], checked["offices"][0], out) if "offices" in checked else []
    documents = _documents(checked["documents"][1]) if "documents" in checked else []
    policies = build_presets(checked["policies"][1], checked["policies"][0], out.add) if "policies" in checked else []
    if any(p.severity == "error" for p in out.problems):
        return None, out.problems
    return Dataset(tuple(hospitals), tuple(offices), tuple(documents), str(data_dir), tuple(policies)), out.problems


def load_or_raise(data_dir: str | os.PathLike) -> Dataset:
    """The validated dataset, or DataError with every problem."""
    dataset, problems = load_dataset(data_dir)
    if dataset is None:
        raise DataError(problems)
    return dataset
