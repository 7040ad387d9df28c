"""python -m generator import hospitals: both shapes of the national list, every error, merge rules."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from generator.importer import _level, import_hospitals, parse_services
from generator.load import load_dataset, load_or_raise

GOOD = Path(__file__).parent / "fixtures" / "good-data"
SOURCE = "SYNTHETIC 国家医保服务平台定点医疗机构查询（测试）"
AS_OF = "2024-05-01"

# The lookup's own field names (../shared/facts/national-platform-fields.md), regnCode as the query's province.
NATIONAL_HEADER = ["medinsCode", "medinsName", "medinsTypeName", "medinsLvName", "addr", "regnCode", "lat", "lnt", "uscc"]
NATIONAL_ROWS = [
    ["H37081100001", "测试任城医院", "综合医院", "三级甲等", "济宁市任城区测试路1号", "370000", "35.41", "116.59", "12370000000000000X"],
    ["H11010100002", "测试东城医院", "专科医院", "二级乙等", "北京市东城区测试街2号", "110101", "", "", ""],
    ["H44030400003", "测试福田诊所", "诊所", "未定级", "", "440000", "", "", ""],
]
# Chinese headings with names instead of codes, and the open-data lists' service flags.
CHINESE_HEADER = ["唯一编号", "医疗机构名称", "医疗机构类型", "医疗机构等级", "详细地址", "省份", "城市", "区县", "开通住院", "开通普通门诊", "开通门诊慢特病"]
CHINESE_ROWS = [
    ["A1001", "测试兖州医院", "中医医院", "三甲", "", "山东省", "济宁市", "兖州区", "是", "是", "否"],
    ["A1002", "测试仙桃医院", "综合医院", "一级", "", "湖北", "", "仙桃市", "是", "否", "是"],
]
EXPECTED = {
    "national": {
        "h37081100001": {"code": "H37081100001", "province_code": "370000", "city_code": "370800", "district_code": "370811", "level": "三级", "kind": "综合医院", "lat": "35.41", "lng": "116.59", "services": "住院"},
        "h11010100002": {"province_code": "110000", "city_code": "110100", "district_code": "110101", "level": "二级", "services": "住院"},
        "h44030400003": {"province_code": "440000", "city_code": "440300", "district_code": "440304", "level": "未定级", "address": ""},
    },
    "chinese": {
        "a1001": {"code": "A1001", "province_code": "370000", "city_code": "370800", "district_code": "370812", "level": "三级", "kind": "中医医院", "services": "住院;普通门诊"},
        "a1002": {"province_code": "420000", "city_code": "429000", "district_code": "429004", "level": "一级", "services": "住院;门诊慢特病"},
    },
}


def _write(path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8") -> Path:
    """A CSV (any encoding) or an XLSX, chosen by the file's suffix."""
    if path.suffix == ".xlsx":
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        book.save(path)
    else:
        with path.open("w", encoding=encoding, newline="") as f:
            csv.writer(f).writerows([header, *rows])
    return path


def _data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(GOOD, data)
    return data


def _rows(data: Path) -> dict[str, dict[str, str]]:
    with (data / "hospitals.csv").open(encoding="utf-8", newline="") as f:
        return {row["id"]: row for row in csv.DictReader(f)}


def _run(files, data, **options):
    return import_hospitals([Path(f) for f in files], options.pop("source", SOURCE), options.pop("as_of", AS_OF), data, **options)


@pytest.mark.parametrize(
    ("shape", "file_name", "encoding", "services"),
    [
        ("national", "list.xlsx", None, ("住院",)),
        ("national", "list.csv", "gb18030", ("住院",)),
        ("national", "list.csv", "utf-8-sig", ("住院",)),
        ("chinese", "list.csv", "gb18030", None),
        ("chinese", "list.csv", "utf-8-sig", None),
        ("chinese", "list.xlsx", None, None),
    ],
)
def test_both_shapes_import_and_validate(tmp_path, shape, file_name, encoding, services):
    data = _data(tmp_path)
    header, rows = (NATIONAL_HEADER, NATIONAL_ROWS) if shape == "national" else (CHINESE_HEADER, CHINESE_ROWS)
    source = _write(tmp_path / file_name, header, rows, encoding or "utf-8")

    result = _run([source], data, services=services)

    assert [str(p) for p in result.problems] == []
    assert (result.added, result.changed, result.unchanged, result.removed) == (len(rows), 0, 0, 0)
    written = _rows(data)
    for row_id, expected in EXPECTED[shape].items():
        assert {k: written[row_id][k] for k in expected} == expected
        assert (written[row_id]["source"], written[row_id]["as_of"]) == (SOURCE, AS_OF)
    assert {"syn-1", "syn-2", "syn-3"} <= set(written), "rows from other sources stay"
    dataset = load_or_raise(data)  # what the import wrote passes the loader
    imported = {h.id: h for h in dataset.hospitals}
    first = next(iter(EXPECTED[shape]))
    assert imported[first].code == EXPECTED[shape][first]["code"]


def _bad_case(tmp_path: Path, header: list[str], rows: list[list[str]]) -> Path:
    return _write(tmp_path / "bad.csv", header, rows)


N = NATIONAL_HEADER
OK = NATIONAL_ROWS[1]


def _national(**cells: str) -> list[str]:
    row = dict(zip(N, OK))
    row.update(cells)
    return [row[name] for name in N]


@pytest.mark.parametrize(
    ("header", "rows", "services", "expected"),
    [
        (N, [_national(medinsName="")], ("住院",), 'bad.csv:2: column "medinsName": "" is required but empty'),
        (N, [_national(medinsLvName="4级")], ("住院",), 'bad.csv:2: column "medinsLvName": "4级" is not a grade (三级, 三级甲等, 三甲, 二级, 一级, 未定级 …)'),
        (N, [OK, _national(medinsName="另一家")], ("住院",), 'bad.csv:3: column "medinsCode": "H11010100002" is a duplicate code (first used in row 2)'),
        (N, [_national(medinsCode="h11010100002", medinsName="另一家"), OK], ("住院",), 'bad.csv:3: column "medinsCode": "H11010100002" is a duplicate code (first used in row 2)'),
        (N, [_national(regnCode="999999")], ("住院",), 'bad.csv:2: column "regnCode": "999999" is not a known GB/T 2260 region code (6 digits)'),
        (N, [_national(medinsCode="H99999900001", regnCode="")], ("住院",), 'bad.csv:2: column "medinsCode": "H99999900001" gives no region: no region code (regnCode, 地区编码), no code with region digits, no 省份/城市/区县 names'),
        (N, [_national(medinsCode="H99999900001", regnCode="370000")], ("住院",), 'bad.csv:2: column "regnCode": "370000" is only a province; a hospital needs its city (a city or district region code, or 城市/区县 names)'),
        (N, [_national(medinsCode="")], ("住院",), 'bad.csv:2: column "medinsCode": "" is required but empty'),
        (N, [_national(medinsCode="H 1101")], ("住院",), 'bad.csv:2: column "medinsCode": "H 1101" is not a code of letters and digits (it becomes the row\'s id)'),
        (N, [_national(lat="91")], ("住院",), 'bad.csv:2: column "lat": "91" is not a latitude in degrees from -90 to 90'),
        (N, [_national(lnt="東經116")], ("住院",), 'bad.csv:2: column "lnt": "東經116" is not a longitude in degrees from -180 to 180'),
        (N, [OK], None, "bad.csv:1: has no service columns (开通住院, 开通普通门诊, 开通门诊慢特病); say what these hospitals settle with --services, e.g. --services 住院"),
        (["medinsName", "regnCode"], [["测试", "110101"]], ("住院",), "bad.csv:1: has no column for the institution code (机构编码) (expected one of: medinsCode, 机构编码, 医疗机构代码, 医疗机构编码, 唯一编号)"),
        (CHINESE_HEADER, [["A1", "测试", "", "二级", "", "山东省", "济宁市", "火星区", "是", "否", "否"]], None, 'bad.csv:2: column "区县": "火星区" is not a district or county of 济宁市 in GB/T 2260'),
        (CHINESE_HEADER, [["A1", "测试", "", "二级", "", "山东", "深圳市", "", "是", "否", "否"]], None, 'bad.csv:2: column "城市": "深圳市" is not a city of 山东省 in GB/T 2260'),
        (CHINESE_HEADER, [["A1", "测试", "", "二级", "", "火星省", "", "", "是", "否", "否"]], None, 'bad.csv:2: column "省份": "火星省" is not a province in GB/T 2260'),
        (CHINESE_HEADER, [["A1", "测试", "", "二级", "", "", "", "朝阳区", "是", "否", "否"]], None, 'bad.csv:2: column "区县": "朝阳区" names more than one district or county; add 省份 and 城市'),
        (CHINESE_HEADER, [["A1", "测试", "", "二级", "", "山东省", "济宁市", "", "可以", "否", "否"]], None, 'bad.csv:2: column "开通住院": "可以" is not 是 or 否'),
        (CHINESE_HEADER, [["A1", "测试", "", "二级", "", "山东省", "济宁市", "", "否", "否", "否"]], None, 'bad.csv:2: column "开通住院": "否" and the other service columns say 否: the row settles nothing (开通住院, 开通普通门诊, 开通门诊慢特病)'),
    ],
)
def test_each_error_is_reported_and_nothing_is_written(tmp_path, monkeypatch, header, rows, services, expected):
    monkeypatch.chdir(tmp_path)  # messages name files relative to the working folder
    data = _data(tmp_path)
    before = (data / "hospitals.csv").read_bytes()

    result = _run([_bad_case(tmp_path, header, rows)], data, services=services)

    assert [str(p) for p in result.problems] == [expected]
    assert not result.written and (data / "hospitals.csv").read_bytes() == before


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("as_of", "2024/05/01", '--as-of: "2024/05/01" is not a date in the form YYYY-MM-DD'),
        ("as_of", "2999-01-01", '--as-of: "2999-01-01" is in the future'),
        ("source", " ", '--source: " " is required: where the list was published (title, publisher, date)'),
    ],
)
def test_bad_options_are_errors(tmp_path, option, value, expected):
    data = _data(tmp_path)
    result = _run([_write(tmp_path / "list.csv", N, [OK])], data, services=("住院",), **{option: value})
    assert [str(p) for p in result.problems] == [expected]
    assert not result.written


def test_synthetic_source_never_goes_into_the_real_data_folder(tmp_path, monkeypatch):
    real = _data(tmp_path)  # stands in for data/, so a failing test cannot touch the real file
    monkeypatch.setattr("generator.importer.REAL_DATA_DIR", real)
    monkeypatch.setattr("generator.load.REAL_DATA_DIR", real)
    before = (real / "hospitals.csv").read_bytes()
    result = _run([_write(tmp_path / "list.csv", N, [OK])], real, services=("住院",))
    assert [p.rule for p in result.problems] == ["is synthetic test data; synthetic rows must never be in the real data folder"]
    assert (real / "hospitals.csv").read_bytes() == before


def test_every_bad_row_is_listed_at_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = _data(tmp_path)
    rows = [OK, _national(medinsCode="H11010100009", medinsName=""), _national(medinsCode="H11010100010", medinsLvName="特级", lat="-95")]
    result = _run([_bad_case(tmp_path, N, rows)], data, services=("住院",))
    assert [(p.row, p.column) for p in result.problems] == [(3, "medinsName"), (4, "medinsLvName"), (4, "lat")]


def test_skip_bad_writes_the_good_rows_and_lists_the_others(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = _data(tmp_path)
    rows = [OK, _national(medinsCode="H11010100009", medinsName=""), NATIONAL_ROWS[0]]

    result = _run([_bad_case(tmp_path, N, rows)], data, services=("住院",), skip_bad=True)

    assert result.problems == [] and result.written
    assert [str(p) for p in result.skipped] == ['bad.csv:3: column "medinsName": "" is required but empty']
    assert {"h11010100002", "h37081100001"} <= set(_rows(data)) and "h11010100009" not in _rows(data)
    assert result.added == 2


def test_import_again_changes_no_byte(tmp_path):
    data = _data(tmp_path)
    source = _write(tmp_path / "list.xlsx", N, NATIONAL_ROWS)
    assert _run([source], data, services=("住院",)).written
    after_first = (data / "hospitals.csv").read_bytes()

    again = _run([source], data, services=("住院",))

    assert not again.written and (data / "hospitals.csv").read_bytes() == after_first
    assert not [p.name for p in data.iterdir() if p.name.startswith(".")], "no temporary file is left"
    assert (again.added, again.changed, again.unchanged, again.removed) == (0, 0, len(NATIONAL_ROWS), 0)


def test_merge_by_code_keeps_other_sources_and_updates_in_place(tmp_path):
    data = _data(tmp_path)
    _run([_write(tmp_path / "first.csv", N, NATIONAL_ROWS[:2])], data, services=("住院",))
    order_before = list(_rows(data))
    renamed = _national(medinsName="测试东城医院（新址）", addr="北京市东城区新街1号")

    result = _run([_write(tmp_path / "second.csv", N, [renamed, NATIONAL_ROWS[2]])], data, services=("住院",), source="SYNTHETIC 另一份名单")

    assert (result.added, result.changed, result.unchanged, result.removed) == (1, 1, 0, 0)
    rows = _rows(data)
    assert list(rows)[: len(order_before)] == order_before, "existing rows keep their place"
    assert rows["h11010100002"]["name"] == "测试东城医院（新址）" and rows["h11010100002"]["source"] == "SYNTHETIC 另一份名单"
    assert rows["h37081100001"]["source"] == SOURCE, "a row the second list lacks stays"
    assert rows["syn-1"]["name"] == "<script>alert(1)</script>测试医院"


def test_replace_removes_rows_of_the_same_source_only(tmp_path):
    data = _data(tmp_path)
    _run([_write(tmp_path / "first.csv", N, NATIONAL_ROWS)], data, services=("住院",))

    result = _run([_write(tmp_path / "second.csv", N, NATIONAL_ROWS[:1])], data, services=("住院",), replace=True)

    assert (result.added, result.changed, result.unchanged, result.removed) == (0, 0, 1, 2)
    assert set(_rows(data)) == {"syn-1", "syn-2", "syn-3", "h37081100001"}


def test_without_replace_rows_the_list_dropped_stay(tmp_path):
    data = _data(tmp_path)
    _run([_write(tmp_path / "first.csv", N, NATIONAL_ROWS)], data, services=("住院",))
    result = _run([_write(tmp_path / "second.csv", N, NATIONAL_ROWS[:1])], data, services=("住院",))
    assert result.removed == 0 and {"h11010100002", "h44030400003"} <= set(_rows(data))


def test_a_code_whose_id_a_hand_made_row_uses_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = _data(tmp_path)
    result = _run([_bad_case(tmp_path, N, [_national(medinsCode="SYN-2")])], data, services=("住院",))
    assert [str(p) for p in result.problems] == [
        'bad.csv:2: column "medinsCode": "SYN-2" gives the id syn-2, which data/hospitals.csv row 3 uses for a row without this code'
    ]


def test_several_files_in_one_import(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = _data(tmp_path)
    one = _write(tmp_path / "one.csv", N, NATIONAL_ROWS[:2])
    two = _write(tmp_path / "two.xlsx", N, [NATIONAL_ROWS[1]])
    result = _run([one, two], data, services=("住院",))
    assert [str(p) for p in result.problems] == ['two.xlsx:2: column "medinsCode": "H11010100002" is a duplicate code (first used in one.csv:3)']


@pytest.mark.parametrize(
    ("grade", "level"),
    [("三级甲等", "三级"), ("三甲", "三级"), ("三级乙等", "三级"), ("三级", "三级"), ("二级乙等", "二级"), ("二甲", "二级"),
     ("一级", "一级"), ("一级合格", "一级"), ("未定级", "未定级"), ("", "未定级"), ("4级", None), ("三", None), ("甲等", None), ("四级", None)],
)
def test_grades_map_onto_our_levels(grade, level):
    assert _level(grade) == level


@pytest.mark.parametrize(
    ("text", "services"),
    [("住院", ("住院",)), ("普通门诊;住院", ("住院", "普通门诊")), ("住院,门诊慢特病", ("住院", "门诊慢特病")), ("门诊", None), ("", None)],
)
def test_services_option(text, services):
    if services is None:
        with pytest.raises(ValueError):
            parse_services(text)
    else:
        assert parse_services(text) == services


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_cli_prints_counts_and_every_problem(tmp_path):
    data = _data(tmp_path)
    good = _write(tmp_path / "good.csv", N, NATIONAL_ROWS, "gb18030")
    base = ["import", "hospitals", "--source", SOURCE, "--as-of", AS_OF, "--data", str(data), "--services", "住院"]

    result = _cli(*base, str(good), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "data/hospitals.csv: 3 added, 0 changed, 0 unchanged, 0 removed"
    assert "file unchanged" in _cli(*base, str(good), cwd=tmp_path).stdout

    bad = _write(tmp_path / "bad.csv", N, [_national(medinsName=""), _national(medinsCode="H11010100005", medinsLvName="x")])
    result = _cli(*base, str(bad), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        'bad.csv:2: column "medinsName": "" is required but empty',
        'bad.csv:3: column "medinsLvName": "x" is not a grade (三级, 三级甲等, 三甲, 二级, 一级, 未定级 …)',
        "2 error(s); nothing was written (--skip-bad writes the good rows and lists the others)",
    ]
    assert _cli(*base[:-1], "门诊", str(good), cwd=tmp_path).returncode == 2


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("lat", "90.5", 'column "lat": "90.5" is not a latitude in degrees from -90 to 90'),
        ("lat", "北纬35", 'column "lat": "北纬35" is not a latitude in degrees from -90 to 90'),
        ("lng", "-181", 'column "lng": "-181" is not a longitude in degrees from -180 to 180'),
        ("code", "H37081100001", 'column "code": "H37081100001" is a duplicate code (first used in row 2)'),
    ],
)
def test_loader_checks_the_columns_the_import_adds(tmp_path, column, value, expected):
    """A hand-edited hospitals.csv with code, kind, lat and lng is held to the same rules."""
    data = _data(tmp_path)
    rows = list(_rows(data).values())
    for row in rows:
        row.update(code="", kind="", lat="", lng="")
    rows[0]["code"] = "H37081100001"
    rows[1][column] = value
    with (data / "hospitals.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    dataset, problems = load_dataset(data)
    assert dataset is None
    assert [str(p) for p in problems if p.severity == "error"] == [f"{data / 'hospitals.csv'}:3: {expected}"]


def test_a_file_without_the_new_columns_still_loads(tmp_path):
    dataset = load_or_raise(_data(tmp_path))
    assert {(h.code, h.kind, h.lat, h.lng) for h in dataset.hospitals} == {("", "", "", "")}
