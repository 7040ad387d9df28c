"""Import the national platform's lists of designated institutions into data/hospitals.csv.

People who reuse the 国家医保服务平台 lookup save its records as CSV or XLSX, with the lookup's
field names (medinsCode, medinsName …) or with Chinese headings (机构编码, 医疗机构名称 …). This
module maps either shape onto our schema, validates every row with the loader's own rules, merges
by the national code and writes the file atomically: all or nothing, unless --skip-bad.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import regions
from .load import REAL_DATA_DIR, Problem, _check_cell, _check_table, _Collector, _display_path, _hospitals
from .models import SERVICES
from .read import RawTable, ReadError, find_table_file, read_table
from .schema import HOSPITALS, LIST_SEPARATOR

# Our field -> the headings it goes by: the lookup's own field names first, then Chinese headings
# seen in saved files (../shared/facts/national-platform-fields.md).
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("medinsCode", "机构编码", "医疗机构代码", "医疗机构编码", "唯一编号"),
    "name": ("medinsName", "医疗机构名称", "机构名称"),
    "kind": ("medinsTypeName", "医疗机构类型", "机构类型"),
    "grade": ("medinsLvName", "医疗机构等级", "医院等级"),
    "address": ("addr", "详细地址", "地址"),
    "region": ("regnCode", "地区编码", "行政区划代码"),
    "province": ("省份", "省"),
    "city": ("城市", "地市"),
    "district": ("区县",),
    "lat": ("lat", "纬度"),
    "lng": ("lnt", "lng", "经度"),
}
# Flag columns of the provincial open-data lists, 是/否 each, and the service they open.
SERVICE_FLAGS = {"开通住院": "住院", "开通普通门诊": "普通门诊", "开通门诊慢特病": "门诊慢特病"}
_YES, _NO = ("是", "1", "Y", "y"), ("否", "0", "N", "n", "")
# 三级甲等, 三甲, 三级乙等, 二级, 一级合格 … -> 三级 / 二级 / 一级 (the grade without its 等).
_GRADE = re.compile(r"^([一二三])(?:级(?:特等|甲等|乙等|丙等|合格)?|[特甲乙丙]等?)$")
_CODE = re.compile(r"^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$")  # lower-cased, it must be a valid id
_NATIONAL_CODE_REGION = re.compile(r"^[A-Za-z](\d{6})\d")  # H + 6-digit region code + serial
_NAME_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "地区", "省", "市", "盟", "区", "县", "旗")


@dataclass
class ImportResult:
    """What an import did (or would have done): counts and every problem found."""

    problems: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)  # with --skip-bad: the rows left out
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    written: bool = False
    target: Path | None = None

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


@dataclass(frozen=True)
class _Mapping:
    """Which heading of one import file holds each of our fields."""

    columns: dict[str, str]  # our field -> the file's heading
    flags: dict[str, str]  # the file's flag heading -> service

    def heading(self, name: str) -> str:
        return self.columns.get(name, name)


def parse_services(text: str) -> tuple[str, ...]:
    """--services "住院;普通门诊" (or with commas) -> the services, each checked."""
    parts = [p.strip() for p in re.split(r"[;；,，、]", text) if p.strip()]
    unknown = [p for p in parts if p not in SERVICES]
    if not parts or unknown:
        raise ValueError(f'"{text}" is not a list of {", ".join(SERVICES)} (separate several with ;)')
    return tuple(s for s in SERVICES if s in parts)


def import_hospitals(
    files: list[Path], source: str, as_of: str, data_dir: Path, services: tuple[str, ...] | None = None,
    replace: bool = False, skip_bad: bool = False,
) -> ImportResult:
    """Read, map, validate and merge the files into data_dir/hospitals.csv; write only when all is well."""
    result = _Importer(source, as_of, data_dir, services, skip_bad).run(files, replace)
    return result


class _Importer:
    def __init__(self, source: str, as_of: str, data_dir: Path, services: tuple[str, ...] | None, skip_bad: bool):
        self.source, self.as_of, self.data_dir = source, as_of, Path(data_dir)
        self.services, self.skip_bad = services, skip_bad
        self.out = _Collector()
        self.skipped: list[Problem] = []

    def run(self, files: list[Path], replace: bool) -> ImportResult:
        result = ImportResult()
        self._check_arguments()
        target, existing = self._read_target()
        result.target = target
        imported: dict[str, tuple[str, int, str, dict[str, str]]] = {}  # id -> (file, row, code heading, our row)
        for path in files:
            self._import_file(Path(path), imported)
        if self._failed():
            return self._finish(result)
        merged = self._merge(target, existing, imported, replace, result)
        if self._failed():
            return self._finish(result)
        self._validate_merged(target, merged)
        if self._failed():
            return self._finish(result)
        content = _csv_text(merged)
        old = target.read_bytes() if target.exists() else None
        if old != content.encode("utf-8"):  # the same file imported again changes no byte
            _write_atomically(target, content)
            result.written = True
        return self._finish(result)

    def _finish(self, result: ImportResult) -> ImportResult:
        result.problems, result.skipped = self.out.problems, self.skipped
        return result

    def _failed(self) -> bool:
        return any(p.severity == "error" for p in self.out.problems)

    def _check_arguments(self) -> None:
        if not self.source.strip():
            self.out.add("--source", None, None, self.source, "is required: where the list was published (title, publisher, date)")
        for problem in _cell_problems("as_of", self.as_of):
            self.out.add("--as-of", None, None, self.as_of, problem.rule)
        if self.source.startswith("SYNTHETIC") and self.data_dir.resolve() == REAL_DATA_DIR.resolve():
            self.out.add("--source", None, None, self.source, "is synthetic test data; synthetic rows must never be in the real data folder")

    def _read_target(self) -> tuple[Path, list[tuple[int, dict[str, str]]]]:
        target = self.data_dir / "hospitals.csv"
        found = find_table_file(self.data_dir, "hospitals")
        if found is not None and found.suffix.lower() == ".xlsx":
            self.out.add(_display_path(found), None, None, None, "is XLSX; the import writes hospitals.csv: save the sheet as CSV first")
            return target, []
        if not self.data_dir.is_dir():
            self.out.add(_display_path(self.data_dir), None, None, None, "is not a folder")
            return target, []
        if found is None:
            return target, []
        try:
            raw = read_table(found)
        except ReadError as exc:
            self.out.add(_display_path(found), None, None, None, f"cannot be read: {exc}")
            return target, []
        return target, raw.rows

    # -- one file ----------------------------------------------------------------------------

    def _import_file(self, path: Path, imported: dict) -> None:
        file = _display_path(path)
        try:
            raw = read_table(path)
        except ReadError as exc:
            self.out.add(file, None, None, None, f"cannot be read: {exc}")
            return
        mapping = self._mapping(raw, file)
        if mapping is None:
            return
        for row, cells in raw.rows:
            bad = _Collector()
            ours = self._convert(cells, mapping, file, row, bad)
            if not bad.problems:
                row_id = ours["id"]
                if row_id in imported:
                    first_file, first_row = imported[row_id][:2]
                    where = f"row {first_row}" if first_file == file else f"{first_file}:{first_row}"
                    bad.add(file, row, mapping.heading("code"), ours["code"], f"is a duplicate code (first used in {where})")
                else:
                    imported[row_id] = (file, row, mapping.heading("code"), ours)
            self._report(bad.problems)

    def _report(self, problems: list[Problem]) -> None:
        if self.skip_bad:
            self.skipped.extend(problems)
        else:
            self.out.problems.extend(problems)

    def _mapping(self, raw: RawTable, file: str) -> _Mapping | None:
        by_key = {h.lower(): h for h in raw.header}
        columns = {}
        for name, aliases in FIELD_ALIASES.items():
            heading = next((by_key[a.lower()] for a in aliases if a.lower() in by_key), None)
            if heading is not None:
                columns[name] = heading
        flags = {h: SERVICE_FLAGS[h] for h in raw.header if h in SERVICE_FLAGS}
        usable = True
        for name in ("code", "name"):
            if name not in columns:
                self.out.add(file, 1, None, None, f"has no column for the {_FIELD_ZH[name]} (expected one of: {', '.join(FIELD_ALIASES[name])})")
                usable = False
        if not flags and self.services is None:
            self.out.add(file, 1, None, None, f"has no service columns ({', '.join(SERVICE_FLAGS)}); say what these hospitals settle with --services, e.g. --services 住院")
            usable = False
        return _Mapping(columns, flags) if usable else None

    def _convert(self, cells: dict[str, str], mapping: _Mapping, file: str, row: int, out: _Collector) -> dict[str, str]:
        """One import row -> one row of hospitals.csv; problems name the import file's headings."""
        get = lambda name: cells.get(mapping.columns[name], "") if name in mapping.columns else ""  # noqa: E731
        code = get("code")
        if code and not _CODE.match(code):
            out.add(file, row, mapping.heading("code"), code, "is not a code of letters and digits (it becomes the row's id)")
        level = _level(get("grade"))
        if level is None:
            out.add(file, row, mapping.heading("grade"), get("grade"), "is not a grade (三级, 三级甲等, 三甲, 二级, 一级, 未定级 …)")
        province, city, district = self._region(get, mapping, file, row, out)
        ours = {
            "id": code.lower(), "name": get("name"), "province_code": province, "city_code": city,
            "district_code": district, "level": level or "", "services": LIST_SEPARATOR.join(self._services(cells, mapping, file, row, out)),
            "address": get("address"), "phone": "", "code": code, "kind": get("kind"), "lat": get("lat"), "lng": get("lng"),
            "source": self.source, "as_of": self.as_of,
        }
        # The loader's own cell rules, reported against the import file's headings.
        heading = {"id": "code", "level": "grade"}
        for col in HOSPITALS.columns:
            if col.name in ("province_code", "city_code", "district_code", "services", "source", "as_of", "level"):
                continue  # checked above, in terms the import file uses
            if col.name == "id" and code:
                continue  # a non-empty code that passed _CODE is a valid id
            for problem in _cell_problems(col.name, ours[col.name], self.data_dir):
                field_name = heading.get(col.name, col.name)
                out.add(file, row, mapping.heading(field_name), cells.get(mapping.columns.get(field_name, ""), problem.value), problem.rule)
        return ours

    def _services(self, cells: dict[str, str], mapping: _Mapping, file: str, row: int, out: _Collector) -> list[str]:
        if not mapping.flags:
            return list(self.services or ())
        chosen, bad = [], False
        for heading, service in mapping.flags.items():
            value = cells.get(heading, "")
            if value in _YES:
                chosen.append(service)
            elif value not in _NO:
                out.add(file, row, heading, value, "is not 是 or 否")
                bad = True
        if not chosen and not bad:
            first = next(iter(mapping.flags))
            out.add(file, row, first, cells.get(first, ""), f"and the other service columns say 否: the row settles nothing ({', '.join(mapping.flags)})")
        return [s for s in SERVICES if s in chosen]

    def _region(self, get, mapping: _Mapping, file: str, row: int, out: _Collector) -> tuple[str, str, str]:
        """(province, city, district) codes: from the region code, else the code's digits, else names."""
        region_code = get("region")
        found = None
        if region_code:
            found = regions.get(region_code) if re.fullmatch(r"\d{6}", region_code) else None
            if found is None:
                out.add(file, row, mapping.heading("region"), region_code, "is not a known GB/T 2260 region code (6 digits)")
                return "", "", ""
        if found is None or found.level == "province":  # the lookup often stores the query's province
            digits = _NATIONAL_CODE_REGION.match(get("code"))
            from_code = regions.get(digits.group(1)) if digits else None
            if from_code is not None and from_code.level in ("city", "district") and (
                found is None or from_code.province_code == found.code
            ):
                found = from_code
        if found is None or found.level == "province":
            by_name = _region_from_names(get("province"), get("city"), get("district"), found)
            if isinstance(by_name, str):
                where = next((n for n in ("district", "city", "province") if get(n)), "region" if region_code else "code")
                out.add(file, row, mapping.heading(where), get(where), by_name)
                return "", "", ""
            found = by_name
        if found.level == "district":
            return found.province_code, found.parent or "", found.code
        return found.province_code, found.code, ""

    # -- merge and write ---------------------------------------------------------------------

    def _merge(self, target: Path, existing, imported: dict, replace: bool, result: ImportResult) -> list[dict[str, str]]:
        """Existing rows in place (updated by code), then new rows in file order."""
        header = [c.name for c in HOSPITALS.columns]
        by_code = {row_id: entry[3] for row_id, entry in imported.items()}
        taken: set[str] = set()
        merged: list[dict[str, str]] = []
        target_file = _display_path(target)
        for row, cells in existing:
            cells = {name: cells.get(name, "") for name in header}
            key = cells["code"].lower()
            if key and key in by_code:
                new = {**by_code[key], "id": cells["id"]}  # an id once published stays
                if new == cells:
                    result.unchanged += 1
                else:
                    result.changed += 1
                merged.append(new)
                taken.add(key)
            elif not key and cells["id"] in by_code:
                file, import_row, heading, ours = imported[cells["id"]]
                self._report([Problem(file, import_row, heading, ours["code"], f"gives the id {cells['id']}, which {target_file} row {row} uses for a row without this code")])
                taken.add(cells["id"])
                merged.append(cells)
            elif replace and cells["source"] == self.source and key:
                result.removed += 1  # --replace: the list no longer has it
            else:
                merged.append(cells)  # another source's row stays as it is
        for row_id, ours in by_code.items():
            if row_id not in taken:
                merged.append(ours)
                result.added += 1
        return merged

    def _validate_merged(self, target: Path, merged: list[dict[str, str]]) -> None:
        """The whole new file passes the loader's checks (cities inside provinces, unique ids …)."""
        raw = RawTable(target, [c.name for c in HOSPITALS.columns], [(i + 2, r) for i, r in enumerate(merged)])
        out = _Collector()
        _hospitals(_check_table(HOSPITALS, raw, self.data_dir, out), _display_path(target), out)
        self.out.problems.extend(p for p in out.problems if p.severity == "error")


_FIELD_ZH = {"code": "institution code (机构编码)", "name": "name (医疗机构名称)"}


def _cell_problems(column: str, value: str, data_dir: Path = Path(".")) -> list[Problem]:
    out = _Collector()
    _check_cell(HOSPITALS.column(column), value, "", 0, data_dir, out)
    return out.problems


def _level(grade: str) -> str | None:
    """Our level for a grade as lists print it; None when it is not a grade."""
    grade = grade.strip()
    if grade in ("", "未定级", "未评级", "无"):
        return "未定级"
    if grade in ("三级", "二级", "一级"):
        return grade
    match = _GRADE.match(grade)
    return f"{match.group(1)}级" if match else None


def _short(name: str) -> str:
    for suffix in _NAME_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@lru_cache(maxsize=1)
def _names() -> dict[tuple[str, str], list[regions.Region]]:
    """(level, name without 省/市/区/县 …) -> regions: names repeat (朝阳区 in 北京 and 长春)."""
    index: dict[tuple[str, str], list[regions.Region]] = {}
    for region in regions.table().values():
        index.setdefault((region.level, _short(region.name)), []).append(region)
    return index


def _inside(region: regions.Region, within: str) -> bool:
    code: str | None = region.code
    while code and code != within:
        parent = regions.get(code)
        code = parent.parent if parent else None
    return code == within


def _match(name: str, level: str, within: str | None) -> list[regions.Region]:
    """Regions of this level named `name` (济宁 or 济宁市), inside the region `within` when given."""
    candidates = [r for r in _names().get((level, _short(name)), []) if within is None or _inside(r, within)]
    exact = [r for r in candidates if r.name == name]
    return exact or candidates


def _region_from_names(province: str, city: str, district: str, known: regions.Region | None) -> regions.Region | str:
    """The most precise region the names give, or the reason they give none."""
    if not (province or city or district):
        if known is not None:
            return "is only a province; a hospital needs its city (a city or district region code, or 城市/区县 names)"
        return "gives no region: no region code (regnCode, 地区编码), no code with region digits, no 省份/城市/区县 names"
    scope = known.code if known is not None else None
    if province:
        found = _match(province, "province", None)
        if len(found) != 1 or (scope and found[0].code != scope):
            return "is not a province in GB/T 2260" if not found else f"is not in {regions.name(scope)}"
        scope = found[0].code
    if city:
        found = _match(city, "city", scope)
        if len(found) != 1:
            return f"is not a city of {regions.name(scope) if scope else 'China'} in GB/T 2260" if not found else "names more than one city; add 省份"
        scope = found[0].code
    if district:
        found = _match(district, "district", scope)
        if len(found) != 1:
            where = regions.name(scope) if scope else "China"
            return f"is not a district or county of {where} in GB/T 2260" if not found else "names more than one district or county; add 省份 and 城市"
        return found[0]
    if scope is None or regions.get(scope).level == "province":
        return "names only a province; a hospital needs its city (城市 or a city or district region code)"
    return regions.get(scope)


def _csv_text(rows: list[dict[str, str]]) -> str:
    """hospitals.csv as the data folder keeps it: UTF-8, LF, the schema's columns in order."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header = [c.name for c in HOSPITALS.columns]
    writer.writerow(header)
    writer.writerows([row.get(name, "") for name in header] for row in rows)
    return buffer.getvalue()


def _write_atomically(target: Path, content: str) -> None:
    """Write beside the target, then rename: a reader never sees half a file."""
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as f:
            f.write(content)
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o777)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
