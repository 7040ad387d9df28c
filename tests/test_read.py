"""Reading tables: CSV in UTF-8, UTF-8 with BOM and GB18030, and XLSX, with identical results."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from generator.load import load_or_raise
from generator.read import read_table

GOOD = Path(__file__).parent / "fixtures" / "good-data"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings_read_the_same(tmp_path, encoding):
    text = (GOOD / "hospitals.csv").read_text(encoding="utf-8")
    path = tmp_path / "hospitals.csv"
    path.write_bytes(text.encode(encoding))
    table = read_table(path)
    assert table.header[0] == "id"  # no BOM glued to the first column name
    assert table.rows[1][1]["name"] == "测试县人民医院"
    assert table.rows[0][0] == 2  # spreadsheet row numbers


def test_xlsx_keeps_leading_zeros_and_dates(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(GOOD, data)
    frame = pd.read_csv(data / "hospitals.csv", dtype=str, keep_default_na=False)
    frame["as_of"] = pd.to_datetime(frame["as_of"])  # Excel stores dates as dates
    frame.to_excel(data / "hospitals.xlsx", index=False)
    (data / "hospitals.csv").unlink()
    dataset = load_or_raise(data)
    assert dataset.hospitals[0].phone.e164 == "+865372903000"
    assert dataset.hospitals[0].source.as_of == "2024-01-01"


def test_blank_lines_are_not_rows(tmp_path):
    path = tmp_path / "hospitals.csv"
    path.write_text((GOOD / "hospitals.csv").read_text(encoding="utf-8") + "\n,,,,,,,,,,\n", encoding="utf-8")
    assert len(read_table(path).rows) == 3
