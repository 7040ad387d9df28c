"""Synthetic data for scale tests: valid in the real schema, marked, and refused in data/."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys

import pytest

from generator import load
from generator.devtools.synth import synth_hospitals, write_dataset
from generator.load import load_dataset
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synthetic")
    write_dataset(folder, hospitals=600, offices=40, seed=3)
    return folder


def test_synthetic_data_passes_every_check(synthetic):
    dataset, problems = load_dataset(synthetic)
    assert [str(p) for p in problems if p.severity == "error"] == []
    assert len(dataset.hospitals) == 600 and len(dataset.all_offices()) == 40
    assert all(h.source.synthetic for h in dataset.hospitals)
    assert len({h.province_code for h in dataset.hospitals}) >= 25, "spread over the country"
    assert len({(h.city_code, h.name) for h in dataset.hospitals}) == 600, "names are unique within a city"


def test_synthetic_data_is_deterministic():
    assert synth_hospitals(300, seed=5) == synth_hospitals(300, seed=5)
    assert synth_hospitals(300, seed=5) != synth_hospitals(300, seed=6)


def test_synthetic_rows_are_refused_in_the_real_data_folder(synthetic, tmp_path, monkeypatch):
    real = tmp_path / "data"
    shutil.copytree(synthetic, real)
    monkeypatch.setattr(load, "REAL_DATA_DIR", real)
    dataset, problems = load_dataset(real)
    assert dataset is None
    first = next(csv.DictReader((real / "hospitals.csv").open(encoding="utf-8")))
    expected = f'{real / "hospitals.csv"}:2: column "source": "{first["source"]}" is synthetic test data; synthetic rows must never be in the real data folder'
    assert expected in [str(p) for p in problems]


def test_the_shipped_data_has_no_synthetic_rows():
    dataset, problems = load_dataset(ROOT / "data")
    assert dataset is not None, [str(p) for p in problems]
    assert not any(h.source.synthetic for h in dataset.hospitals)


def test_synth_cli_writes_a_dataset_and_never_into_data(tmp_path):
    out = tmp_path / "syn"
    done = subprocess.run([sys.executable, "-m", "generator", "synth", "--hospitals", "50", "--offices", "5", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (out / "hospitals.csv").exists() and (out / "offices.csv").exists() and (out / "documents.csv").exists()
    refused = subprocess.run([sys.executable, "-m", "generator", "synth", "--hospitals", "5", "--out", str(ROOT / "data")],
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2
    assert "must never go into the real data folder" in refused.stderr
