"""Models -> Markdown pages (with HTML blocks for data), rendered from templates/.

Data goes into HTML blocks through Jinja's autoescaping, never into Markdown syntax, so a name
with `<`, `*` or `[` shows as text and cannot inject markup.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass

import jinja2

from . import regions
from .models import LEVELS, OFFICE_KINDS, Dataset, Document, Hospital
from .open_data import download_path
from .offices import render_office_pages
from .schema import schema_markdown
from .search_index import build_search_files
from .summaries import read_summary


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
# Hospital lists go into the pages after Markdown (fill_hospital_lists): Python-Markdown's HTML
# parser took ~2 of the 3 minutes of a 150,000-hospital build. The marker is an HTML comment, so
# a page that is never filled still shows nothing wrong.
_LIST_MARKER = "<!-- app-hospital-list {code} -->"


def hospital_list_marker(city_code: str) -> str:
    """The placeholder a page carries where a city's hospital list goes."""
    return jinja2.utils.markupsafe.Markup(_LIST_MARKER.format(code=int(city_code)))


def render_hospital_lists(dataset: Dataset) -> dict[str, str]:
    """City code -> the HTML list of its hospitals (autoescaped), for fill_hospital_lists."""
    template = _environment().get_template("_hospital_list.html.j2")
    return {
        city: template.render(hospitals=hospitals)
        for cities in group_by_city(dataset.hospitals).values()
        for city, hospitals in cities.items()
    }


def fill_hospital_lists(html: str, lists: dict[str, str]) -> str:
    """Replace each list marker in a built page by that city's list."""
    if "app-hospital-list" not in html:
        return html
    return re.sub(r"<!-- app-hospital-list (\d{6}) -->", lambda m: lists.get(m.group(1), ""), html)


# Big blocks of raw HTML (the office pages) also skip Markdown, which would pass them through
# unchanged after a slow parse (9 of 60 s at 3,000 offices). Templates mark such a block; the hook
# moves it out before Markdown and puts it back in on_page_content, before search indexes the page.
HTML_BLOCK_BEGIN = "<!-- app-html-begin -->"
HTML_BLOCK_END = "<!-- app-html-end -->"
_HTML_BLOCK = re.compile(re.escape(HTML_BLOCK_BEGIN) + r"\n?(.*?)" + re.escape(HTML_BLOCK_END), re.S)


def split_html_blocks(markdown: str, blocks: dict[str, str]) -> str:
    """Move each marked block of raw HTML out of a page's Markdown into `blocks`; a marker stays."""

    def take(match: re.Match) -> str:
        key = str(len(blocks))
        blocks[key] = match.group(1)
        return f"\n\n<!-- app-html {key} -->\n\n"  # a block of its own, whatever surrounds it

    return _HTML_BLOCK.sub(take, markdown)


def fill_html_blocks(html: str, blocks: dict[str, str]) -> str:
    """Put the blocks split_html_blocks took back in, after Markdown."""
    if "<!-- app-html " not in html:
        return html
    return re.sub(r"<!-- app-html (\d+) -->", lambda m: blocks.get(m.group(1), ""), html)


def render_pages(dataset: Dataset, hospital_data: str | None = None) -> dict[str, str]:
    """Every generated page: docs-relative path -> Markdown.

    hospital_data: site path of the search manifest (search_index.build_search_files), which the
    lookup page loads; built here when not given.
    """
    env = _environment()
    env.globals["hospital_list"] = hospital_list_marker
    pages: dict[str, str] = {}
    tree = group_by_city(dataset.hospitals)
    provinces = []
    for pcode in sorted(tree):
        cities = [CityGroup(c, regions.name(c), tuple(h)) for c, h in sorted(tree[pcode].items())]
        total = sum(len(c.hospitals) for c in cities)
        provinces.append({"code": pcode, "name": regions.name(pcode), "cities": cities, "count": total})
        pages[f"hospitals/{pcode}/index.md"] = env.get_template("province.md.j2").render(
            code=pcode, name=regions.name(pcode), cities=cities, count=total,
            full_list=total <= PROVINCE_PAGE_FULL_LIST_MAX, csv=posixpath.relpath(download_path(pcode), f"hospitals/{pcode}"),
        )
        for city in cities:
            pages[f"hospitals/{pcode}/{city.code}/index.md"] = env.get_template("city.md.j2").render(
                province_code=pcode, province_name=regions.name(pcode), city=city,
            )
    if hospital_data is None:
        hospital_data = build_search_files(dataset).manifest
    pages["hospitals/index.md"] = env.get_template("hospitals.md.j2").render(
        provinces=provinces, count=len(dataset.hospitals),
        hospital_data=posixpath.relpath(hospital_data, "hospitals"), download=download_path,
    )
    pages.update(render_office_pages(env, dataset))  # /offices/ and one page per region
    pages["documents/index.md"] = env.get_template("documents.md.j2").render(documents=_by_date(dataset.documents))
    for document in dataset.documents:
        summary = read_summary(dataset.data_dir, document.summary_file)  # UTF-8 or GB18030, inside data/
        pages[f"documents/{document.id}.md"] = env.get_template("document.md.j2").render(doc=document, summary=summary)
    pages["about/data.md"] = env.get_template("data.md.j2").render(
        schema=schema_markdown(), hospitals=len(dataset.hospitals), offices=len(dataset.all_offices()),
        documents=len(dataset.documents),
    )
    return pages


def _by_date(documents: tuple[Document, ...]) -> list[Document]:
    return sorted(documents, key=lambda d: (d.date or "0000", d.id), reverse=True)
