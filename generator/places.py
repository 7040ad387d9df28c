"""Places for the journey page (能直接结算吗？): every province and prefecture-level city, one JSON file.

The page (overrides/assets/javascripts/journey.js with lib/journey.mjs) offers places by name,
pinyin or traditional characters and answers from what the site lists per city: whether the
office directory has a page for it, how many listed hospitals settle each kind of care, and the
date of that list. One file of about 370 places is small enough to load at once; its name
carries a hash of its content, so a cached copy of an older dataset is never read.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict

from . import regions
from .models import SERVICES, Dataset
from .offices import city_of, office_regions
from .policies import MAX_REDUCTION_POINTS
from .search_index import normalize, place_pinyin, t2s_map

DATA_DIR = "assets/data/places"  # site folder of the hashed file
MAX_CITY_OFFICES = 3  # phones of a city's own offices shown on the printable card


def _label(region: regions.Region, cities_of: dict[str, list[str]]) -> str:
    """A city's name as people read it: counties directly under a province have the province's name."""
    province = regions.get(region.parent or "")
    # 重庆市 has 500100 (its districts) and 500200 (its counties); both carry the province's name.
    if province and region.name == province.name and not region.code.endswith("0100") and len(cities_of[province.code]) > 1:
        return f"{region.name}直辖县级行政区"
    return region.name


def build_places(dataset: Dataset) -> dict:
    """The journey page's place table, hotlines and list dates (plain JSON-ready values)."""
    table = regions.table()
    cities_of: dict[str, list[str]] = defaultdict(list)
    for region in table.values():
        if region.level == "city":
            cities_of[region.parent].append(region.code)

    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    as_of: dict[str, str] = {}
    for hospital in dataset.hospitals:
        for service in hospital.services:
            counts[hospital.city_code][service] += 1
        as_of[hospital.city_code] = max(as_of.get(hospital.city_code, ""), hospital.source.as_of)

    office_pages = {region.code for region in office_regions(dataset.offices)}
    city_offices: dict[str, list[dict]] = defaultdict(list)
    hotlines = []
    for office in dataset.all_offices():
        if office.region_code == regions.NATIONAL and office.phones:
            hotlines.append(_contact(office))
        elif office.region_code == city_of(office.region_code) and office.phones and not office.parent_id:
            # Offices for the whole city or province (not one district): the numbers the card prints.
            if len(city_offices[office.region_code]) < MAX_CITY_OFFICES:
                city_offices[office.region_code].append(_contact(office))
    presets = {}
    for preset in dataset.policies:
        presets.setdefault(preset.region_code, preset.group)

    places = []
    for code in sorted(table):
        region = table[code]
        if region.level not in ("province", "city") or (region.level == "province" and not cities_of[code]):
            continue  # 香港, 澳门, 台湾 have no cities in the table and no cross-province settlement here
        name = _label(region, cities_of) if region.level == "city" else region.name
        place: dict = {"code": code, "name": name}
        if region.level == "city":
            place["province"] = region.parent
            place["hospitals"] = {s: counts[code][s] for s in SERVICES if counts[code][s]}
            if code in as_of:
                place["asOf"] = as_of[code]
        else:
            place["cities"] = len(cities_of[code])
        if code in office_pages:
            place["offices"] = True
        if city_offices.get(code):
            place["contacts"] = city_offices[code]
        if code in presets:
            place["preset"] = presets[code]
        places.append(place)

    chars = {ch for place in places for ch in normalize(place["name"], {})}
    t2s = t2s_map(chars)
    for place in places:
        place["pinyin"] = place_pinyin(place["name"], t2s)
    return {
        "asOf": max(as_of.values(), default=""),
        "hotlines": hotlines,
        "maxReductionPoints": MAX_REDUCTION_POINTS,  # the cut's ceilings, declared once (policies.py)
        "places": places,
        "services": list(SERVICES),
        "t2s": "".join(f"{t}{s}" for t, s in sorted(t2s.items())),
        "version": 1,
    }


def _contact(office) -> dict:
    return {
        "name": office.name,
        "phones": [[phone.display, phone.tel] for phone in office.phones],
        "source": office.source.text,
        "asOf": office.source.as_of,
    }


def places_file(dataset: Dataset) -> tuple[str, bytes]:
    """(site path, bytes) of the places file; the name holds a hash of the content."""
    data = json.dumps(build_places(dataset), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    return f"{DATA_DIR}/{hashlib.sha256(data).hexdigest()[:12]}.json", data
