"""Models -> Markdown pages (with HTML blocks for data), rendered from templates/.

Data goes into HTML blocks through Jinja's autoescaping, never into Markdown syntax, so a name
with `<`, `*` or `[` shows as text and cannot inject markup.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import jinja2

from . import regions
from .models import LEVELS, OFFICE_KINDS, Dataset, Document, Hospital
from .offices import render_office_pages
from .schema import schema_markdown


@dataclass(frozen=True)
class CityGroup:
    """The hospitals of one city, for a province or city page."""

    code: str
    name: str
    hospitals: tuple[Hospital, ...]


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    # JSON strings are valid YAML scalars: safe front matter whatever the text holds
    env.filters["yaml"] = lambda text: jinja2.utils.markupsafe.Markup(json.dumps(str(text), ensure_ascii=False))
    env.filters["region"] = regions.name
    env.globals.update(OFFICE_KINDS=OFFICE_KINDS)
    return env


def _sort_key(hospital: Hospital) -> tuple:
    level = LEVELS.index(hospital.level) if hospital.level in LEVELS else len(LEVELS)
    return (hospital.district_code or "", level, hospital.name, hospital.id)


def group_by_city(hospitals: tuple[Hospital, ...] | list[Hospital]) -> dict[str, dict[str, list[Hospital]]]:
    """province code -> city code -> hospitals, each list in display order."""
    tree: dict[str, dict[str, list[Hospital]]] = defaultdict(lambda: defaultdict(list))
    for hospital in hospitals:
        tree[hospital.province_code][hospital.city_code].append(hospital)
    for cities in tree.values():
        for city_hospitals in cities.values():
            city_hospitals.sort(key=_sort_key)
    return tree


# Province pages list every hospital only while that stays readable; above this they link to cities.
PROVINCE_PAGE_FULL_LIST_MAX = 300


def render_pages(dataset: Dataset) -> dict[str, str]:
    """Every generated page: docs-relative path -> Markdown."""
    env = _environment()
    pages: dict[str, str] = {}
    tree = group_by_city(dataset.hospitals)
    provinces = []
    for pcode in sorted(tree):
        cities = [CityGroup(c, regions.name(c), tuple(h)) for c, h in sorted(tree[pcode].items())]
        total = sum(len(c.hospitals) for c in cities)
        provinces.append({"code": pcode, "name": regions.name(pcode), "cities": cities, "count": total})
        pages[f"hospitals/{pcode}/index.md"] = env.get_template("province.md.j2").render(
            code=pcode, name=regions.name(pcode), cities=cities, count=total,
            full_list=total <= PROVINCE_PAGE_FULL_LIST_MAX,
        )
        for city in cities:
            pages[f"hospitals/{pcode}/{city.code}/index.md"] = env.get_template("city.md.j2").render(
                province_code=pcode, province_name=regions.name(pcode), city=city,
            )
    pages["hospitals/index.md"] = env.get_template("hospitals.md.j2").render(
        provinces=provinces, count=len(dataset.hospitals)
    )
    pages.update(render_office_pages(env, dataset))  # /offices/ and one page per region
    pages["documents/index.md"] = env.get_template("documents.md.j2").render(documents=_by_date(dataset.documents))
    for document in dataset.documents:
        summary = (Path(dataset.data_dir) / document.summary_file).read_text(encoding="utf-8")
        pages[f"documents/{document.id}.md"] = env.get_template("document.md.j2").render(doc=document, summary=summary)
    pages["about/data.md"] = env.get_template("data.md.j2").render(
        schema=schema_markdown(), hospitals=len(dataset.hospitals), offices=len(dataset.all_offices()),
        documents=len(dataset.documents),
    )
    return pages


def _by_date(documents: tuple[Document, ...]) -> list[Document]:
    return sorted(documents, key=lambda d: (d.date or "0000", d.id), reverse=True)
