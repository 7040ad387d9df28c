"""Cells and detail blocks: the rows of one city, loaded as a unit, and the rows' addresses and phones (FORMAT.md, "Cells" and "Detail blocks")."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .. import regions
from ..models import SERVICES, Hospital, hospital_order
from .pinyin import place_pinyin
from .text import short_place_name

CELL_MAX_ROWS = 1500  # a city with more rows is split along district lines
DETAIL_ROWS = 32  # rows per detail block (addresses, phones, ids)


@dataclass(frozen=True)
class Cell:
    """A run of rows in one city loaded as a unit."""

    city_code: str
    hospitals: tuple[Hospital, ...]


def make_cells(hospitals: tuple[Hospital, ...] | list[Hospital]) -> list[Cell]:
    """Rows grouped by city in display order; cities above CELL_MAX_ROWS split at district boundaries."""
    by_city: dict[str, list[Hospital]] = defaultdict(list)
    for hospital in sorted(hospitals, key=hospital_order):
        by_city[hospital.city_code].append(hospital)
    cells: list[Cell] = []
    for city_code in sorted(by_city):
        current: list[Hospital] = []
        for _district, group in _groupby_district(by_city[city_code]):
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


def cell_districts(cell: Cell, t2s: dict[str, str]) -> list[list]:
    """[code, name, hospitals, pinyin] of each district in a cell, in row order."""
    counts: dict[str, int] = {}
    for h in cell.hospitals:
        if h.district_code:
            counts[h.district_code] = counts.get(h.district_code, 0) + 1
    return [[code, regions.name(code), n, place_pinyin(regions.name(code), t2s)] for code, n in counts.items()]


def district_runs(cell: Cell, districts: list[list]) -> list[int]:
    """[district, rows, district, rows, ...]: each row's district (index into districts, -1 none) as runs."""
    local = {d[0]: i for i, d in enumerate(districts)}
    runs: list[int] = []
    for h in cell.hospitals:
        district = local[h.district_code] if h.district_code else -1
        if runs and runs[-2] == district:
            runs[-1] += 1
        else:
            runs += [district, 1]
    return runs


def cell_json(cell: Cell, districts: list[list], split: list[tuple[str, str]], levels: tuple[str, ...]) -> dict:
    """cells/<n>.json. `levels` is the manifest's list: a row's digit is its index, an empty level the last one."""
    unstated = len(levels) - 1
    return {
        "districts": districts,
        "levels": "".join(str(levels.index(h.level) if h.level else unstated) for h in cell.hospitals),
        "names": [rest for _, rest in split],
        "places": "".join(marker for marker, _ in split),
        "runs": district_runs(cell, districts),
        "services": "".join(str(sum(1 << SERVICES.index(s) for s in h.services if s in SERVICES)) for h in cell.hospitals),
    }


def detail_blocks(ordered: list[Hospital]) -> dict[str, dict]:
    """details/<n>.json: id, address and phone of DETAIL_ROWS consecutive rows, fetched only for rows shown."""
    blocks = {}
    for block in range(0, len(ordered), DETAIL_ROWS):
        rows = ordered[block : block + DETAIL_ROWS]
        blocks[f"details/{block // DETAIL_ROWS}.json"] = {
            "addresses": [h.address for h in rows],
            "ids": [h.id for h in rows],
            "phones": [[h.phone.display, h.phone.tel] if h.phone else "" for h in rows],
        }
    return blocks
