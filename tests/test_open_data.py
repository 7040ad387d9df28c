"""CSV downloads: the validated list, whole and per province, in the data file's own format."""

from __future__ import annotations

import shutil

from generator.load import load_or_raise
from generator.open_data import download_path, render_downloads
from generator.schema import HOSPITALS
from tests.test_search_index import SEARCH_DATA


def test_downloads_are_the_whole_list_and_one_file_per_province():
    dataset = load_or_raise(SEARCH_DATA)
    files = render_downloads(dataset)
    provinces = sorted({h.province_code for h in dataset.hospitals})
    assert sorted(files) == sorted([download_path()] + [download_path(p) for p in provinces])
    header = ",".join(c.name for c in HOSPITALS.columns)
    for data in files.values():
        assert data.startswith("\ufeff".encode() + header.encode()), "BOM for Excel, then the schema's columns"
    lines = files[download_path()].decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + len(dataset.hospitals)
    assert render_downloads(dataset) == files, "deterministic"


def test_a_download_loads_back_into_the_same_hospitals(tmp_path):
    """The CSV is valid data: drop it into a data folder and it checks and loads to the same rows."""
    dataset = load_or_raise(SEARCH_DATA)
    folder = tmp_path / "data"
    shutil.copytree(SEARCH_DATA, folder)
    (folder / "hospitals.csv").write_bytes(render_downloads(dataset)[download_path()])
    again = load_or_raise(folder)
    assert sorted(again.hospitals, key=lambda h: h.id) == sorted(dataset.hospitals, key=lambda h: h.id)
