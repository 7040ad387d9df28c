"""build_search_files: a dataset's hospitals -> every search file, in the steps FORMAT.md describes."""

from __future__ import annotations

import hashlib
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from .. import regions
from ..models import LEVEL_UNSTATED, LEVELS, SERVICES, Dataset, Hospital
from .cells import DETAIL_ROWS, Cell, cell_districts, cell_json, detail_blocks, make_cells, split_place_prefix
from .keys import by_first_two_letters, chunked, keys_of, to_json
from .pinyin import initial_triples, name_initials, place_pinyin, readings, syllable_pairs
from .text import HAN, normalize, short_place_name, t2s_map

DATA_DIR = "hospitals/data"  # site folder of the search files
FORMAT_VERSION = 2  # manifest "version"; FORMAT.md says what each version holds (tests/test_search_format.py)
MANIFEST_LEVELS = (*LEVELS, LEVEL_UNSTATED)  # cells' level digits index this; an empty level is the last


@dataclass(frozen=True)
class SearchFiles:
    """The search data of one build: site path -> bytes, and the manifest's site path."""

    files: dict[str, bytes]
    manifest: str  # e.g. hospitals/data/3f2a9c01d4/manifest.json
    folder: str


@dataclass(frozen=True)
class Vocabulary:
    """What the text steps need, for the characters that occur: t2s map, normalised names, readings."""

    t2s: dict[str, str]
    normalized: dict[str, str]  # hospital id -> normalised name
    pinyin: dict[str, list[str]]  # character -> readings

    @classmethod
    def of(cls, hospitals: tuple[Hospital, ...], place_names: list[str]) -> Vocabulary:
        name_chars = set()
        for h in hospitals:
            name_chars.update(unicodedata.normalize("NFKC", h.name).lower())
        for name in place_names:
            name_chars.update(name)
        t2s = t2s_map(name_chars)
        normalized = {h.id: normalize(h.name, t2s) for h in hospitals}
        all_chars = {ch for name in normalized.values() for ch in name} | {ch for name in place_names for ch in normalize(name, t2s)}
        pinyin_map = readings(all_chars, place_names)
        for ch in all_chars:  # letters and digits in names read as themselves
            if ch not in pinyin_map and not HAN.match(ch):
                pinyin_map[ch] = [ch]
        return cls(t2s, normalized, pinyin_map)


class IndexKeys:
    """Keys -> the cells that have them: name index, pinyin index and name starts."""

    def __init__(self, vocabulary: Vocabulary):
        self.vocabulary = vocabulary
        self.names: dict[str, set[int]] = defaultdict(set)  # 济, 济宁
        self.pinyin: dict[str, set[int]] = defaultdict(set)  # "ji ning" and "jns"
        self.starts: dict[str, set[int]] = defaultdict(set)  # "jnsdyrmyy" -> cells with 济宁市第一人民医院
        self._place_pinyin = lru_cache(maxsize=None)(lambda code: place_pinyin(regions.name(code), vocabulary.t2s))

    def add_cell(self, number: int, cell: Cell, districts: list[list], split: list[tuple[str, str]]) -> None:
        v = self.vocabulary
        # A query term may name the place rather than the hospital (济宁 人民医院), so the cell's
        # region names are indexed with its hospital names.
        city = regions.get(cell.city_code)
        places = [regions.name(city.parent) if city and city.parent else "", regions.name(cell.city_code)]
        for text in [v.normalized[h.id] for h in cell.hospitals] + [normalize(p, v.t2s) for p in places + [d[1] for d in districts]]:
            for key in keys_of(text):
                self.names[key].add(number)
            for key in syllable_pairs(text, v.pinyin) | initial_triples(text, v.pinyin):
                self.pinyin[key].add(number)
        for h, (marker, rest) in zip(cell.hospitals, split):
            for key in self._start_keys(h, marker, rest):
                if len(key) >= 3:
                    self.starts[key].add(number)

    def _start_keys(self, h: Hospital, marker: str, rest: str) -> set[str]:
        """What a name starts with, as typed initials: searched first without a province."""
        name, pinyin_map = self.vocabulary.normalized[h.id], self.vocabulary.pinyin
        if marker == "0":
            return {name_initials(name, pinyin_map)}
        code = h.district_code if marker in "13" else h.city_code
        syllables = self._place_pinyin(code).split()
        prefix = len(h.name) - len(rest)  # the name may start with the short form (北京 of 北京市)
        keys = {name_initials(name, pinyin_map, " ".join(syllables[:prefix]))}
        short = len(short_place_name(regions.name(code)))
        if short < prefix:  # people drop 县, 区, 市: 金乡人民医院 is typed for 金乡县人民医院
            keys.add(name_initials(name[:short] + name[prefix:], pinyin_map, " ".join(syllables[:short])))
        return keys


def _region_table(hospitals) -> tuple[list[list], dict[str, int]]:
    """[code, name, parent index or -1, hospitals] for each province and city with hospitals (pinyin added later)."""
    counts: dict[str, int] = defaultdict(int)
    for h in hospitals:
        counts[h.province_code] += 1
        counts[h.city_code] += 1
    codes = sorted(counts)
    index = {code: i for i, code in enumerate(codes)}
    table = []
    for code in codes:
        region = regions.get(code)
        parent = index[region.parent] if region and region.level == "city" and region.parent in index else -1
        table.append([code, regions.name(code), parent, counts[code]])
    return table, index


def build_search_files(dataset: Dataset) -> SearchFiles:
    """Every search file for the dataset's hospitals, deterministic for the same data."""
    hospitals = dataset.hospitals
    # => 1 Regions, cells, and the text of every name and place name (t2s, normalised, readings).
    region_rows, region_index = _region_table(hospitals)
    cells = make_cells(hospitals)
    place_names = sorted({row[1] for row in region_rows} | {regions.name(h.district_code) for h in hospitals if h.district_code})
    vocabulary = Vocabulary.of(hospitals, place_names)

    # => 2 Cell files, and the keys of each cell's names and places.
    files: dict[str, bytes] = {}
    keys = IndexKeys(vocabulary)
    cell_rows, ordered = [], []
    for number, cell in enumerate(cells):
        districts = cell_districts(cell, vocabulary.t2s)
        split = [split_place_prefix(h) for h in cell.hospitals]
        keys.add_cell(number, cell, districts, split)
        files[f"cells/{number}.json"] = to_json(cell_json(cell, districts, split, MANIFEST_LEVELS))
        cell_rows.append([region_index[cell.city_code], len(cell.hospitals)])  # rows in order: offsets add up
        ordered.extend(cell.hospitals)

    # => 3 Detail blocks in row order.
    files.update({path: to_json(block) for path, block in detail_blocks(ordered).items()})

    # => 4 Index, pinyin and starts files; readings.
    total = len(cells)
    chunks, index_files = chunked(keys.names, total, "index")
    pinyin_chunks, pinyin_files = chunked(keys.pinyin, total, "pinyin")
    start_files = by_first_two_letters(keys.starts, total, "starts")
    files.update(index_files)
    files.update(pinyin_files)
    files.update(start_files)
    files["readings.json"] = to_json({ch: " ".join(rs) for ch, rs in sorted(vocabulary.pinyin.items())})

    # => 5 The manifest, and the folder named by the content.
    for row in region_rows:
        row.append(place_pinyin(row[1], vocabulary.t2s))
    files["manifest.json"] = to_json({
        "cells": cell_rows,
        "chunks": chunks,
        "pinyinChunks": pinyin_chunks,
        "detailRows": DETAIL_ROWS,
        "levels": list(MANIFEST_LEVELS),
        "regions": region_rows,
        "rows": len(ordered),
        "services": list(SERVICES),
        "starts": " ".join(sorted(path[len("starts/") : -len(".json")] for path in start_files)),
        "t2s": "".join(f"{t}{s}" for t, s in sorted(vocabulary.t2s.items())),
        "version": FORMAT_VERSION,
    })
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + files[path] + b"\0")
    folder = f"{DATA_DIR}/{digest.hexdigest()[:12]}"
    return SearchFiles({f"{folder}/{path}": data for path, data in files.items()}, f"{folder}/manifest.json", folder)
