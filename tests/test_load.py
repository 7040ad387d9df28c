"""Loading and validation: every rule, table-driven, with the exact message people will read."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from generator import ROOT
from generator.load import DataError, load_dataset, load_or_raise

GOOD = Path(__file__).parent / "fixtures" / "good-data"
ROOT_DATA = ROOT / "data"


def _copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(GOOD, data)
    return data


def _edit(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell; row is the spreadsheet row (header = 1)."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[row - 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def test_shipped_data_is_valid():
    dataset, problems = load_dataset(ROOT_DATA)
    assert [str(p) for p in problems if p.severity == "error"] == []
    assert len(dataset.hospitals) == 20
    assert all(h.source.as_of and h.source.text for h in dataset.hospitals)


def test_good_fixture_builds_models(tmp_path):
    dataset = load_or_raise(_copy(tmp_path))
    assert [h.id for h in dataset.hospitals] == ["syn-1", "syn-2", "syn-3"]
    assert dataset.hospitals[0].services == ("住院", "普通门诊")
    branch = next(o for o in dataset.offices if o.id == "branch-a")
    assert [c.id for c in branch.children] == ["station-a"]
    assert branch.phones[0].e164 == "+8675582978745"
    assert branch.phones[0].display == "0755-8297 8745"


CASES = [
    # (file, row, column, new value, expected message after "<file>:")
    ("hospitals", 2, "level", "4级", '2: column "level": "4级" is not one of 三级, 二级, 一级, 未定级'),
    ("hospitals", 3, "id", "syn-1", '3: column "id": "syn-1" is a duplicate id (first used in row 2)'),
    ("hospitals", 2, "id", "Syn_1", '2: column "id": "Syn_1" is not a valid id (lowercase letters, digits and single hyphens, e.g. sd-jining-01)'),
    ("hospitals", 2, "name", "", '2: column "name": "" is required but empty'),
    ("hospitals", 2, "phone", "0537-290300", '2: column "phone": "0537-290300" is not a valid Chinese phone number (area code + number, e.g. 0755-82978745)'),
    ("hospitals", 2, "province_code", "990000", '2: column "province_code": "990000" is not a known GB/T 2260 region code (6 digits)'),
    ("hospitals", 2, "province_code", "370800", '2: column "province_code": "370800" is 济宁市, not a province'),
    ("hospitals", 2, "city_code", "440300", '2: column "city_code": "440300" is 深圳市, which is not in province 370000 (山东省)'),
    ("hospitals", 2, "district_code", "440304", '2: column "district_code": "440304" is 福田区, which is not in city 370800 (济宁市)'),
    ("hospitals", 2, "services", "住院;急诊", '2: column "services": "急诊" is not one of 住院, 普通门诊, 门诊慢特病 (separate several with ;)'),
    ("hospitals", 2, "as_of", "2024/01/01", '2: column "as_of": "2024/01/01" is not a date in the form YYYY-MM-DD'),
    ("hospitals", 2, "as_of", "2999-01-01", '2: column "as_of": "2999-01-01" is in the future'),
    ("hospitals", 2, "source", "", '2: column "source": "" is required but empty'),
    ("offices", 4, "parent_id", "nope", '4: column "parent_id": "nope" names no office in this file'),
    ("offices", 4, "parent_id", "", '4: column "parent_id": "" is empty, but a station (管理站) must name the branch (分局) it belongs to'),
    ("offices", 4, "parent_id", "hotline", '4: column "parent_id": "hotline" names an office that is not a branch (分局)'),
    ("offices", 3, "faxes", "0755-829787", '3: column "faxes": "0755-829787" is not a valid Chinese phone number (area code + number, e.g. 0755-82978745)'),
    ("offices", 3, "kind", "分局", '3: column "kind": "分局" is not one of hotline, branch, station, other'),
    ("offices", 3, "accepts", "邮寄", '3: column "accepts": "邮寄" is not one of 窗口, 电话, 传真 (separate several with ;)'),
    ("offices", 4, "faxes", "", '4: column "phones": "" is empty and so is faxes: an office needs at least one number'),
    ("documents", 2, "summary_file", "documents/missing.md", '2: column "summary_file": "documents/missing.md" names a file that does not exist in {data}'),
    ("documents", 2, "region_code", "12345", '2: column "region_code": "12345" is not a known GB/T 2260 region code (6 digits)'),
]


@pytest.mark.parametrize("file,row,column,value,expected", CASES, ids=[f"{c[0]}-{c[2]}-{c[3] or 'empty'}" for c in CASES])
def test_each_rule_reports_file_row_column_value(tmp_path, file, row, column, value, expected):
    data = _copy(tmp_path)
    _edit(data / f"{file}.csv", row, column, value)
    dataset, problems = load_dataset(data)
    assert dataset is None
    messages = [str(p) for p in problems if p.severity == "error"]
    assert f"{data / file}.csv:{expected.format(data=data)}" in messages


def test_all_errors_are_reported_at_once(tmp_path):
    data = _copy(tmp_path)
    _edit(data / "hospitals.csv", 2, "level", "4级")
    _edit(data / "hospitals.csv", 3, "phone", "12")
    _edit(data / "offices.csv", 4, "parent_id", "nope")
    with pytest.raises(DataError) as raised:
        load_or_raise(data)
    assert len([p for p in raised.value.problems if p.severity == "error"]) == 3


def test_unexpected_and_missing_columns(tmp_path):
    data = _copy(tmp_path)
    path = data / "hospitals.csv"
    text = path.read_text(encoding="utf-8").replace("services,", "service,", 1)  # a required column
    path.write_text(text, encoding="utf-8")
    _, problems = load_dataset(data)
    messages = [str(p) for p in problems]
    assert f'{path}:1: column "service": is not an expected column (expected: id, name, province_code, city_code, district_code, level, services, address, phone, code, kind, lat, lng, source, as_of)' in messages
    assert f'{path}:1: column "services": is missing from the header' in messages


def test_duplicate_number_is_a_warning_not_an_error(tmp_path):
    data = _copy(tmp_path)
    _edit(data / "offices.csv", 4, "faxes", "0755-82978719")  # the branch's fax
    dataset, problems = load_dataset(data)
    assert dataset is not None
    assert [str(p) for p in problems] == [
        f'{data / "offices.csv"}:4: column "faxes": warning: "0755-8297 8719" is also the number of branch-a (row 3)'
    ]


def test_missing_file_and_missing_folder(tmp_path):
    data = _copy(tmp_path)
    (data / "documents.csv").unlink()
    _, problems = load_dataset(data)
    assert [str(p) for p in problems] == [f"{data / 'documents.csv'}: is missing (or provide an .xlsx file of that name)"]
    _, problems = load_dataset(tmp_path / "nowhere")
    assert [str(p) for p in problems] == [f"{tmp_path / 'nowhere'}: is not a folder"]
