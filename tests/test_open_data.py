"""Downloads: the validated list, per province as CSV and whole as a ZIP of one CSV, in the data file's own format."""

from __future__ import annotations

import shutil
import zipfile
from io import BytesIO

from generator.load import load_or_raise
from generator.open_data import WHOLE_LIST_CSV, download_path, render_downloads, whole_list_csv
from generator.schema import HOSPITALS
from tests.test_search_index import SEARCH_DATA


def test_downloads_are_the_whole_list_and_one_file_per_province():
    dataset = load_or_raise(SEARCH_DATA)
    files = render_downloads(dataset)
    provinces = sorted({h.province_code for h in dataset.hospitals})
    assert sorted(files) == sorted([download_path()] + [download_path(p) for p in provinces])
    assert download_path() == "hospitals/downloads/hospitals.zip"
    with zipfile.ZipFile(BytesIO(files[download_path()])) as archive:
        assert archive.namelist() == [WHOLE_LIST_CSV]
        assert archive.infolist()[0].compress_type == zipfile.ZIP_DEFLATED
        assert archive.testzip() is None
    header = ",".join(c.name for c in HOSPITALS.columns)
    csvs = {path: data for path, data in files.items() if path != download_path()}
    csvs["whole list"] = whole_list_csv(files[download_path()])
    for data in csvs.values():
        assert data.startswith("\ufeff".encode() + header.encode()), "BOM for Excel, then the schema's columns"
    lines = csvs["whole list"].decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + len(dataset.hospitals)
    by_province = sum(len(data.decode("utf-8-sig").splitlines()) - 1 for path, data in csvs.items() if path != "whole list")
    assert by_province == len(dataset.hospitals), "the province files hold every row once"
    assert render_downloads(dataset) == files, "deterministic"


def test_a_download_loads_back_into_the_same_hospitals(tmp_path):
    """The CSV is valid data: drop it into a data folder and it checks and loads to the same rows."""
    dataset = load_or_raise(SEARCH_DATA)
    folder = tmp_path / "data"
    shutil.copytree(SEARCH_DATA, folder)
    (folder / "hospitals.csv").write_bytes(whole_list_csv(render_downloads(dataset)[download_path()]))
    again = load_or_raise(folder)
    assert sorted(again.hospitals, key=lambda h: h.id) == sorted(dataset.hospitals, key=lambda h: h.id)
