"""Guide pages' sources (依据): check every guide page's front matter and render its 依据 section.

A guide page says in its front matter what it rests on and when that was last checked:

    reviewed: 2026-12-02
    sources:
      - document: nhsa-2022-22            # an id of data/documents.csv
        articles: 经办规程第七条            # optional: the articles the page uses
        supports: 两类人员、六种情形         # optional: what the page takes from it
      - source: 深圳市康宁医院《……》（2018-08-27）   # a named outside source
        supports: 三个原则
      - nhsa-2022-22                        # short forms: an id, or a name
Pages are checked together before anything is rendered, so one build lists every problem; the
hook then appends the 依据 section and puts the date under the title, so neither can drift.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from generator import ROOT
from generator.read import ReadError, find_table_file, read_table

# The catalogue the guide is written against: docs/ and data/documents.csv ship together, while a
# build may read its listings from another folder (fixtures, synthetic data) with other documents.
SHIPPED_DATA = ROOT / "data"

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # the id type of data/*.csv
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ITEM_KEYS = {"document", "source", "articles", "supports"}
_TITLE = re.compile(r"^(#\s.*)$", re.MULTILINE)


def is_guide_page(src_uri: str) -> bool:
    """Pages that explain the rules and so must name their sources: the guide, checklist, glossary."""
    return src_uri.startswith("guide/") or src_uri in ("checklist.md", "glossary.md")


@dataclass(frozen=True)
class DocumentRef:
    """What a 依据 line shows of a document in the catalogue."""

    id: str
    number: str
    title: str
    issuer: str
    date: str


@dataclass(frozen=True)
class Citation:
    """One entry of a page's sources: a catalogue document or a named outside source."""

    document: DocumentRef | None
    name: str  # the outside source's name; "" for a document
    articles: str
    supports: str


def read_catalogue(data_dir: Path = SHIPPED_DATA) -> dict[str, DocumentRef]:
    """Documents by id from a data folder's documents table; {} when it has none."""
    path = find_table_file(Path(data_dir), "documents")
    if path is None:
        return {}
    try:
        table = read_table(path)
    except ReadError:
        return {}  # load.py reports an unreadable table with its own message
    return {
        cells["id"]: DocumentRef(cells["id"], cells.get("number", ""), cells["title"], cells.get("issuer", ""), cells.get("date", ""))
        for _, cells in table.rows
        if cells.get("id") and cells.get("title")
    }


def _reviewed(meta: dict) -> str | None:
    value = meta.get("reviewed")
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and _DATE.match(value):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            return None
    return None


def parse_sources(page: str, meta: dict, catalogue: dict[str, DocumentRef]) -> tuple[list[Citation], list[str]]:
    """The page's citations and every problem with its front matter, each naming the page."""
    problems: list[str] = []
    if "reviewed" not in meta:
        problems.append(f'{page}: front matter has no "reviewed" date (YYYY-MM-DD: when its sources were last checked)')
    elif _reviewed(meta) is None:
        problems.append(f'{page}: front matter "reviewed": "{meta["reviewed"]}" is not a date (YYYY-MM-DD)')
    items = meta.get("sources")
    if not items:
        problems.append(f'{page}: front matter has no "sources" (document ids of data/documents.csv or named outside sources)')
        return [], problems
    if not isinstance(items, list):
        problems.append(f'{page}: front matter "sources" must be a list')
        return [], problems
    citations = []
    for n, item in enumerate(items, start=1):
        if isinstance(item, str):
            item = {"document": item} if _ID.match(item.strip()) else {"source": item}
        if not isinstance(item, dict):
            problems.append(f'{page}: sources[{n}]: "{item}" is neither a document id, a name nor a mapping')
            continue
        unknown = sorted(set(item) - _ITEM_KEYS)
        if unknown:
            problems.append(f'{page}: sources[{n}]: unknown key(s) {", ".join(unknown)}; use document or source, articles, supports')
            continue
        if ("document" in item) == ("source" in item):
            problems.append(f"{page}: sources[{n}]: give exactly one of document (an id) or source (a name)")
            continue
        articles, supports = str(item.get("articles") or "").strip(), str(item.get("supports") or "").strip()
        if "document" in item:
            doc_id = str(item["document"]).strip()
            if doc_id not in catalogue:
                problems.append(f'{page}: sources[{n}]: "{doc_id}" is not a document id in data/documents.csv')
                continue
            citations.append(Citation(catalogue[doc_id], "", articles, supports))
        else:
            name = str(item["source"] or "").strip()
            if not name:
                problems.append(f"{page}: sources[{n}]: source is empty")
                continue
            citations.append(Citation(None, name, articles, supports))
    return citations, problems


def check_pages(pages: dict[str, dict], catalogue: dict[str, DocumentRef]) -> list[str]:
    """Every front-matter problem of the guide pages (src_uri -> front matter), in page order."""
    problems = []
    for src_uri in sorted(pages):
        if is_guide_page(src_uri):
            problems.extend(parse_sources(f"docs/{src_uri}", pages[src_uri], catalogue)[1])
    return problems


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!])")


def _text(value: str) -> str:
    """Data as inert Markdown text: HTML escaped, Markdown's syntax characters backslash-escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(value, quote=False))


def _document_line(ref: DocumentRef, src_uri: str, linked: set[str]) -> str:
    # The catalogue comes from documents.csv, data from outside: none of it may become markup.
    label = f"{_text(ref.number)}《{_text(ref.title)}》" if ref.number else f"《{_text(ref.title)}》"
    if ref.id in linked:  # a docs-relative .md link: MkDocs resolves it for any URL layout
        label = f"[{label}]({posixpath.relpath(f'documents/{ref.id}.md', posixpath.dirname(src_uri) or '.')})"
    facts = "，".join(_text(p) for p in (ref.issuer, ref.date) if p)
    return f"{label}（{facts}）" if facts else label


def render_sources(src_uri: str, meta: dict, catalogue: dict[str, DocumentRef], linked: set[str]) -> str:
    """The page's 依据 section as Markdown; documents in `linked` link to their page on the site."""
    citations, _ = parse_sources(src_uri, meta, catalogue)
    lines = ["## 依据 {#sources}", "", '<div class="app-sources" markdown>', ""]
    for c in citations:
        line = _document_line(c.document, src_uri, linked) if c.document else c.name
        if c.articles:
            line += c.articles
        if c.supports:
            line += f"：{c.supports}"
        lines.append(f"- {line}")
    lines += ["", f"以上依据最近核对于 {_reviewed(meta)}。政策会调整，办理前请以参保地经办机构的答复为准。", "", "</div>", ""]
    return "\n".join(lines)


def add_sources(markdown: str, src_uri: str, meta: dict, catalogue: dict[str, DocumentRef], linked: set[str]) -> str:
    """The page with its date under the title and its 依据 section at the end."""
    reviewed = _reviewed(meta)
    dated = f'<p class="app-updated">更新日期：<time datetime="{reviewed}">{reviewed}</time></p>'
    markdown = _TITLE.sub(lambda m: f"{m.group(1)}\n\n{dated}", markdown, count=1)
    return markdown.rstrip() + "\n\n" + render_sources(src_uri, meta, catalogue, linked)


# MkDocs glue, called from hooks.py (kept here so the hook file stays a list of calls).

def check_files(files, dataset) -> dict:
    """on_files: check every guide page's front matter; Abort naming each page otherwise."""
    from mkdocs.exceptions import Abort
    from mkdocs.utils.meta import get_data

    # The shipped catalogue, so fixture sites still accept the guide's sources; the data being built
    # is already loaded and validated, so its documents come from the dataset, not a second read.
    built = {d.id: DocumentRef(d.id, d.number, d.title, d.issuer, d.date) for d in dataset.documents}
    catalogue = {**read_catalogue(), **built}
    pages = {f.src_uri: get_data(f.content_string)[1] for f in files.documentation_pages() if is_guide_page(f.src_uri)}
    problems = check_pages(pages, catalogue)
    if problems:
        raise Abort("Guide pages must name their sources:\n" + "\n".join(problems))
    return {"catalogue": catalogue, "linked": {d.id for d in dataset.documents}}


def page_markdown(markdown: str, page, state: dict) -> str:
    """on_page_markdown: a guide page gets its date and 依据 section; other pages pass through."""
    if not is_guide_page(page.file.src_uri):
        return markdown
    return add_sources(markdown, page.file.src_uri, page.meta, state["catalogue"], state["linked"])
