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
from .models import OFFICE_KINDS, Dataset, Document, Hospital, hospital_order
from .offices import render_office_pages
from .open_data import download_path
from .schema import schema_markdown
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


def group_by_city(hospitals: tuple[Hospital, ...] | list[Hospital]) -> dict[str, dict[str, list[Hospital]]]:
    """province code -> city code -> hospitals, each list in display order."""
    tree: dict[str, dict[str, list[Hospital]]] = defaultdict(lambda: defaultdict(list))
    for hospital in hospitals:
        tree[hospital.province_code][hospital.city_code].append(hospital)
    for cities in tree.values():
        for city_hospitals in cities.values():
            city_hospitals.sort(key=hospital_order)
    return tree


# Province pages list every hospital only while that stays readable; above this they link to cities.
PROVINCE_PAGE_FULL_LIST_MAX = 300


class RawHtml:
    """The registry of raw HTML blocks kept out of Markdown, each marked searchable or not.

    Python-Markdown's HTML parser passes raw HTML through unchanged after a slow parse: hospital
    lists took ~2 of the 3 minutes of a 150,000-hospital build, office pages 9 of 60 s at 3,000
    offices. Templates wrap such HTML in `{% call raw_html(searchable=...) %}`; the page's Markdown
    keeps an HTML comment in its place and the hook (hooks.py) puts the block back with fill():
    searchable blocks in on_page_content, before site search indexes the page, the others in
    on_post_page, after it. A page that is never filled shows nothing wrong.
    """

    _MARKER = re.compile(r"<!-- app-raw (\d+) -->")

    def __init__(self) -> None:
        self._blocks: list[tuple[str, bool]] = []

    def add(self, html: str, searchable: bool) -> str:
        """Keep a block; returns the marker that stands in the Markdown for it."""
        self._blocks.append((html, searchable))
        # A block of its own, whatever the template's whitespace control glued it to.
        return jinja2.utils.markupsafe.Markup(f"\n\n<!-- app-raw {len(self._blocks) - 1} -->\n\n")

    def fill(self, html: str, searchable: bool) -> str:
        """Put back the blocks whose flag is `searchable`; the other markers stay for the later event."""
        if "<!-- app-raw " not in html:
            return html

        def put(match: re.Match) -> str:
            block, flag = self._blocks[int(match.group(1))]
            return block if flag == searchable else match.group(0)

        return self._MARKER.sub(put, html)

    def jinja_call(self, searchable: bool, caller) -> str:
        """`{% call raw_html(searchable=True) %}<div>...</div>{% endcall %}` in a template."""
        return self.add(caller(), searchable)


def render_pages(dataset: Dataset, hospital_data: str, raw_html: RawHtml) -> dict[str, str]:
    """Every generated page: docs-relative path -> Markdown.

    hospital_data: site path of the search manifest (search_index.build_search_files), which the
    lookup page loads. raw_html: where the pages' raw HTML blocks go, for the hook to put back.
    """
    env = _environment()
    env.globals["raw_html"] = raw_html.jinja_call
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
    pages["hospitals/index.md"] = env.get_template("hospitals.md.j2").render(
        provinces=provinces, count=len(dataset.hospitals), as_of=sorted({h.source.as_of for h in dataset.hospitals}),
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
