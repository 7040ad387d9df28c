"""Hospital search data: compact, deterministic JSON files the lookup page loads on demand.

The browser's search core (overrides/assets/javascripts/lib/hospital-search.mjs) reads exactly
these files; the README's "Architecture: hospital search" section explains the design and the
measurements behind it. In short:

- Rows are grouped into *cells* (a prefecture-level city, split along district lines when large),
  sorted as the no-JS pages list them. A cell file holds what search needs: names, district runs,
  level and services. Addresses, phones and ids live in *detail blocks* of DETAIL_ROWS rows,
  fetched only for the rows shown.
- A name index maps every character and character bigram of the normalised names to the cells
  that contain it, hashed into INDEX_CHUNKS files, so a query without a province fetches a few
  KB of index and then only the cells that can match.
- readings.json: the readings (pypinyin, all heteronyms) of every character in a name or region
  name; pinyin/: syllable pairs and initial triples -> cells for pinyin queries; starts/: each
  name's initials as people type them (jxxrmyy) -> cells, one file per first two letters, so a
  pinyin query without a province looks first where a name begins the way it was typed.
- The manifest carries the region table and the traditional -> simplified map (OpenCC) for the
  characters that occur, so a traditional query is converted in the browser with a small map.

Everything is written with sort_keys and stable orders; file names carry no timestamps, and the
folder name is a hash of the content, so a rebuild of the same data gives the same bytes and a
changed dataset never mixes with cached files of the previous one.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from . import regions
from .models import LEVELS, SERVICES, Dataset, Hospital

DATA_DIR = "hospitals/data"  # site folder of the search files
CELL_MAX_ROWS = 1500  # a city with more rows is split along district lines
DETAIL_ROWS = 32  # rows per detail block (addresses, phones, ids)
INDEX_KEYS_PER_CHUNK = 160  # the name index is hashed into enough chunks for about this many keys each
INDEX_MAX_CHUNKS = 256
# Cell lists as text: each gap between cell numbers as base-32 digits, low digit first, digits
# other than the last taken from the upper half of the alphabet. "!" marks the complement (the
# cells that do NOT contain the key), used when that is shorter.
_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-"
_CJK_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0x20000, 0x2A6E0))
_START_KEY = re.compile(r"^[a-z0-9]*")
START_MAX_INITIALS = 12  # initials kept per name in starts/ (longer queries match by their start)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")


# ---------------------------------------------------------------------------------------------
# Text normalisation: the browser applies the same steps to queries and names.


def normalize(text: str, t2s: dict[str, str]) -> str:
    """NFKC (full-width -> half-width), lower case, traditional -> simplified, letters and digits only."""
    out = []
    for ch in unicodedata.normalize("NFKC", text).lower():
        ch = t2s.get(ch, ch)
        if ch.isalnum():
            out.append(ch)
    return "".join(out)


_PLACE_SUFFIX = re.compile(r"(特别行政区|自治区|自治州|自治县|地区|新区|林区|省|市|县|区|盟|旗)$")


def short_place_name(name: str) -> str:
    """济宁市 -> 济宁: the short form hospital names often use (shortPlaceName in the JS core)."""
    short = _PLACE_SUFFIX.sub("", name)
    return short if len(short) >= 2 else name


def split_place_prefix(hospital: Hospital) -> tuple[str, str]:
    """(marker, rest): a name that starts with its district's or city's name stores only the rest.

    Markers: 1 district name, 2 city name, 3 district short name, 4 city short name, 0 none.
    Most names start with their place (金乡县人民医院), and leaving it out makes cells ~20% smaller.
    """
    district = regions.name(hospital.district_code) if hospital.district_code else ""
    city = regions.name(hospital.city_code)
    places = (district, city, short_place_name(district) if district else "", short_place_name(city))
    for marker, place in enumerate(places, 1):
        if place and hospital.name.startswith(place) and len(place) < len(hospital.name):
            return str(marker), hospital.name[len(place) :]
    return "0", hospital.name


def keys_of(normalized: str) -> set[str]:
    """Index keys of a normalised name: every character and every pair of neighbours."""
    return set(normalized) | {normalized[i : i + 2] for i in range(len(normalized) - 1)}


def chunk_of(key: str, chunks: int) -> int:
    """FNV-1a over UTF-16 code units, the same in hospital-search.mjs (JS strings are UTF-16)."""
    h = 0x811C9DC5
    data = key.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | (data[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h % chunks


def encode_cells(cells: list[int], total: int) -> str:
    """A sorted list of cell numbers (out of `total`) as compact text (see _ALPHABET)."""
    if len(cells) * 2 > total:
        present = set(cells)
        return "!" + _encode_gaps([c for c in range(total) if c not in present])
    return _encode_gaps(cells)


def _encode_gaps(cells: list[int]) -> str:
    out, previous = [], -1
    for cell in cells:
        gap, previous = cell - previous - 1, cell
        while gap >= 32:
            out.append(_ALPHABET[32 + (gap & 31)])
            gap >>= 5
        out.append(_ALPHABET[gap])
    return "".join(out)


def decode_cells(text: str, total: int) -> list[int]:
    """Inverse of encode_cells (the JS core has the same function)."""
    if text.startswith("!"):
        absent = set(decode_cells(text[1:], total))
        return [c for c in range(total) if c not in absent]
    cells, previous, gap, shift = [], -1, 0, 0
    for ch in text:
        digit = _ALPHABET.index(ch)
        if digit >= 32:
            gap |= (digit - 32) << shift
            shift += 5
        else:
            gap |= digit << shift
            previous += gap + 1
            cells.append(previous)
            gap, shift = 0, 0
    return cells


# ---------------------------------------------------------------------------------------------
# Character maps built at build time (OpenCC, pypinyin) for the characters that occur.


@lru_cache(maxsize=1)
def _traditional_to_simplified_all() -> dict[str, str]:
    """Every CJK character OpenCC converts to a single simplified one (t2s, then hk2s, tw2s for variants)."""
    import opencc

    chars = [chr(c) for start, end in _CJK_RANGES for c in range(start, end)]
    joined = "\n".join(chars)
    result: dict[str, str] = {}
    for config in ("t2s", "hk2s", "tw2s"):
        converted = opencc.OpenCC(config).convert(joined).split("\n")
        for source, target in zip(chars, converted):
            if target != source and len(target) == 1 and source not in result:
                result[source] = target
    return result


def t2s_map(chars: set[str]) -> dict[str, str]:
    """Traditional -> simplified for the characters whose simplified form occurs in `chars`.

    A character that itself occurs in a name (乾 in 乾县) is never mapped, so it still finds itself.
    """
    return {t: s for t, s in _traditional_to_simplified_all().items() if s in chars and t not in chars}


def readings(chars: set[str], phrases: list[str]) -> dict[str, list[str]]:
    """Pinyin of each character, tone-less: every heteronym, plus readings only a phrase gives (乐亭 lao)."""
    from pypinyin import Style, lazy_pinyin, pinyin

    out: dict[str, list[str]] = {}
    for ch in sorted(chars):
        if _HAN.match(ch):
            found = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")
            values = [r for r in (found[0] if found else []) if r.isalpha()]
            out[ch] = list(dict.fromkeys(values))
    for phrase in phrases:  # place names are where phrase readings matter
        for ch, reading in zip(phrase, lazy_pinyin(phrase, style=Style.NORMAL, errors=lambda s: [None] * len(s))):
            if ch in out and reading and reading.isalpha() and reading not in out[ch]:
                out[ch].append(reading)
    return {ch: rs for ch, rs in out.items() if rs}


def place_pinyin(name: str, t2s: dict[str, str]) -> str:
    """Pinyin of a place name read as a phrase, one syllable per character, space-separated.

    Where the character's everyday reading differs it follows after "|": 六安 is "lu|liu an",
    since many people type liuan. Other heteronyms are left out (咸宁 is never "jianning").
    """
    from pypinyin import Style, lazy_pinyin

    text = normalize(name, t2s)
    found = lazy_pinyin(text, style=Style.NORMAL, errors=lambda s: list(s))
    if len(found) != len(text):  # pragma: no cover - pypinyin keeps one item per character
        found = list(text)
    plain = lazy_pinyin(list(text), style=Style.NORMAL, errors=lambda s: list(s))  # one character at a time
    out = []
    for phrase, alone in zip(found, plain if len(plain) == len(found) else found):
        out.append(phrase.lower() if phrase.lower() == alone.lower() else f"{phrase.lower()}|{alone.lower()}")
    return " ".join(out)


def syllables_of(normalized: str, pinyin_map: dict[str, list[str]]) -> list[list[str]]:
    """Readings per character; a letter or digit reads as itself."""
    return [pinyin_map.get(ch) or [ch] for ch in normalized]


def initial_triples(normalized: str, pinyin_map: dict[str, list[str]]) -> set[str]:
    """First letters of three neighbouring syllables (济宁市 -> jns), every reading combined."""
    firsts = [sorted({r[0] for r in rs}) for rs in syllables_of(normalized, pinyin_map)]
    return {a + b + c for x, y, z in zip(firsts, firsts[1:], firsts[2:]) for a in x for b in y for c in z}


def name_initials(normalized: str, pinyin_map: dict[str, list[str]], place: str = "") -> str:
    """The initials people type for a name, everyday readings only (金乡县人民医院 -> jxxrmyy):
    the place name it starts with read as a phrase (`place`, from place_pinyin), every other
    character by its first reading. Cut where a character has no Latin reading, and at
    START_MAX_INITIALS."""
    out = [syllable.split("|")[0][:1] for syllable in place.split()] if place else []
    out += [(pinyin_map.get(ch) or [ch])[0][:1] for ch in normalized[len(out):]]
    key = _START_KEY.match("".join(out[:START_MAX_INITIALS]))
    return key.group(0) if key else ""


def syllable_pairs(normalized: str, pinyin_map: dict[str, list[str]]) -> set[str]:
    """Pairs of whole neighbouring syllables (济宁 -> "ji ning"), every reading combined."""
    sylls = syllables_of(normalized, pinyin_map)
    return {f"{a} {b}" for x, y in zip(sylls, sylls[1:]) for a in x for b in y}


def _chunked(keys: dict[str, set[int]], total: int, folder: str) -> tuple[int, dict[str, bytes]]:
    """Hash keys -> cell lists into enough files of about INDEX_KEYS_PER_CHUNK keys each."""
    chunks = 1
    while chunks * INDEX_KEYS_PER_CHUNK < len(keys) and chunks < INDEX_MAX_CHUNKS:
        chunks *= 2
    grouped: list[dict[str, str]] = [{} for _ in range(chunks)]
    for key in sorted(keys):
        grouped[chunk_of(key, chunks)][key] = encode_cells(sorted(keys[key]), total)
    return chunks, {f"{folder}/{n}.json": _json(entries) for n, entries in enumerate(grouped)}


# ---------------------------------------------------------------------------------------------
# Building the files.


@dataclass(frozen=True)
class Cell:
    """A run of rows in one city loaded as a unit."""

    city_code: str
    hospitals: tuple[Hospital, ...]


@dataclass(frozen=True)
class SearchFiles:
    """The search data of one build: site path -> bytes, and the manifest's site path."""

    files: dict[str, bytes]
    manifest: str  # e.g. hospitals/data/3f2a9c01d4/manifest.json
    folder: str


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _row_order(hospital: Hospital) -> tuple:
    level = LEVELS.index(hospital.level) if hospital.level in LEVELS else len(LEVELS)
    return (hospital.city_code, hospital.district_code or "", level, hospital.name, hospital.id)


def make_cells(hospitals: tuple[Hospital, ...] | list[Hospital]) -> list[Cell]:
    """Rows grouped by city in display order; cities above CELL_MAX_ROWS split at district boundaries."""
    by_city: dict[str, list[Hospital]] = defaultdict(list)
    for hospital in sorted(hospitals, key=_row_order):
        by_city[hospital.city_code].append(hospital)
    cells: list[Cell] = []
    for city_code in sorted(by_city):
        current: list[Hospital] = []
        for district, group in _groupby_district(by_city[city_code]):
            if current and len(current) + len(group) > CELL_MAX_ROWS:
                cells.append(Cell(city_code, tuple(current)))
                current = []
            current.extend(group)
        cells.append(Cell(city_code, tuple(current)))
    return cells


def _groupby_district(rows: list[Hospital]):
    groups: dict[str, list[Hospital]] = {}
    for row in rows:
        groups.setdefault(row.district_code, []).append(row)
    return list(groups.items())


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


def _districts(cell: Cell, t2s: dict[str, str]) -> list[list]:
    """[code, name, hospitals, pinyin] of each district in a cell, in row order."""
    counts: dict[str, int] = {}
    for h in cell.hospitals:
        if h.district_code:
            counts[h.district_code] = counts.get(h.district_code, 0) + 1
    return [[code, regions.name(code), n, place_pinyin(regions.name(code), t2s)] for code, n in counts.items()]


def build_search_files(dataset: Dataset) -> SearchFiles:
    """Every search file for the dataset's hospitals, deterministic for the same data."""
    hospitals = dataset.hospitals
    region_rows, region_index = _region_table(hospitals)
    cells = make_cells(hospitals)
    place_names = sorted({row[1] for row in region_rows} | {regions.name(h.district_code) for h in hospitals if h.district_code})
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
        if ch not in pinyin_map and not _HAN.match(ch):
            pinyin_map[ch] = [ch]

    files: dict[str, bytes] = {}
    name_keys: dict[str, set[int]] = defaultdict(set)
    pinyin_keys: dict[str, set[int]] = defaultdict(set)  # "ji ning" and "jns"
    start_keys_cells: dict[str, set[int]] = defaultdict(set)  # "jnsdyrmyy" -> cells with 济宁市第一人民医院
    place_readings = lru_cache(maxsize=None)(lambda code: place_pinyin(regions.name(code), t2s))
    cell_rows = []
    ordered: list[Hospital] = []
    for number, cell in enumerate(cells):
        districts = _districts(cell, t2s)
        local = {d[0]: i for i, d in enumerate(districts)}
        runs: list[int] = []
        for h in cell.hospitals:
            district = local[h.district_code] if h.district_code else -1
            if runs and runs[-2] == district:
                runs[-1] += 1
            else:
                runs += [district, 1]
        # A query term may name the place rather than the hospital (济宁 人民医院), so the cell's
        # region names are indexed with its hospital names.
        city = regions.get(cell.city_code)
        places = [regions.name(city.parent) if city and city.parent else "", regions.name(cell.city_code)]
        for text in [normalized[h.id] for h in cell.hospitals] + [normalize(p, t2s) for p in places + [d[1] for d in districts]]:
            for key in keys_of(text):
                name_keys[key].add(number)
            for key in syllable_pairs(text, pinyin_map) | initial_triples(text, pinyin_map):
                pinyin_keys[key].add(number)
        split = [split_place_prefix(h) for h in cell.hospitals]
        # What a name starts with, as typed initials: searched first without a province.
        for h, (marker, rest) in zip(cell.hospitals, split):
            name = normalized[h.id]
            if marker == "0":
                keys = {name_initials(name, pinyin_map)}
            else:
                code = h.district_code if marker in "13" else h.city_code
                syllables = place_readings(code).split()
                prefix = len(h.name) - len(rest)  # the name may start with the short form (北京 of 北京市)
                keys = {name_initials(name, pinyin_map, " ".join(syllables[:prefix]))}
                short = len(short_place_name(regions.name(code)))
                if short < prefix:  # people drop 县, 区, 市: 金乡人民医院 is typed for 金乡县人民医院
                    keys.add(name_initials(name[:short] + name[prefix:], pinyin_map, " ".join(syllables[:short])))
            for key in keys:
                if len(key) >= 3:
                    start_keys_cells[key].add(number)
        files[f"cells/{number}.json"] = _json({
            "districts": districts,
            "levels": "".join(str(LEVELS.index(h.level)) for h in cell.hospitals),
            "names": [rest for _, rest in split],
            "places": "".join(marker for marker, _ in split),
            "runs": runs,
            "services": "".join(str(sum(1 << SERVICES.index(s) for s in h.services if s in SERVICES)) for h in cell.hospitals),
        })
        cell_rows.append([region_index[cell.city_code], len(cell.hospitals)])  # rows in order: offsets add up
        ordered.extend(cell.hospitals)

    for block in range(0, len(ordered), DETAIL_ROWS):
        rows = ordered[block : block + DETAIL_ROWS]
        files[f"details/{block // DETAIL_ROWS}.json"] = _json({
            "addresses": [h.address for h in rows],
            "ids": [h.id for h in rows],
            "phones": [[h.phone.display, h.phone.tel] if h.phone else "" for h in rows],
        })

    total = len(cells)
    chunks, index_files = _chunked(name_keys, total, "index")
    pinyin_chunks, pinyin_files = _chunked(pinyin_keys, total, "pinyin")
    files.update(index_files)
    files.update(pinyin_files)
    # One file per first two letters: an initials query (jxxrmyy) costs one small fetch (median
    # 1.4 KB, max 10 KB gzip at 150,000 rows); full pinyin a few, as its cuts differ in the second
    # letter (jin|x: jx, ji|n: jn).
    by_prefix: dict[str, dict[str, str]] = defaultdict(dict)
    for key in sorted(start_keys_cells):
        by_prefix[key[:2]][key] = encode_cells(sorted(start_keys_cells[key]), total)
    for prefix, entries in by_prefix.items():
        files[f"starts/{prefix}.json"] = _json(entries)
    files["readings.json"] = _json({ch: " ".join(rs) for ch, rs in sorted(pinyin_map.items())})
    for row in region_rows:
        row.append(place_pinyin(row[1], t2s))
    manifest = {
        "cells": cell_rows,
        "chunks": chunks,
        "pinyinChunks": pinyin_chunks,
        "detailRows": DETAIL_ROWS,
        "levels": list(LEVELS),
        "regions": region_rows,
        "rows": len(ordered),
        "services": list(SERVICES),
        "starts": " ".join(sorted(by_prefix)),
        "t2s": "".join(f"{t}{s}" for t, s in sorted(t2s.items())),
        "version": 1,
    }
    files["manifest.json"] = _json(manifest)
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + files[path] + b"\0")
    folder = f"{DATA_DIR}/{digest.hexdigest()[:12]}"
    return SearchFiles({f"{folder}/{path}": data for path, data in files.items()}, f"{folder}/manifest.json", folder)


def gzip_size(data: bytes) -> int:
    """Bytes on the wire when served gzip-compressed (level 6, as web servers do by default)."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))
