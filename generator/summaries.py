"""Document summaries: read them as the CSVs are read, and let only Markdown's formatting reach the page.

A summary file comes from outside (a contribution, an export) and Markdown passes raw HTML through,
so `<script>`, `onerror=` or a `javascript:` link written in it would run on the site. The template
marks where the summary goes; after Markdown has rendered the page (hooks.on_page_content) the
HTML between the marks is cleaned by nh3 (the Ammonia sanitiser) with an allowlist of what Markdown
and the site's extensions write: headings, lists, tables, links, abbr, admonitions.
"""

from __future__ import annotations

import re
from pathlib import Path

import nh3

from .load import summary_path
from .read import ReadError, read_text

SUMMARY_BEGIN = "<!-- app-summary-begin -->"
SUMMARY_END = "<!-- app-summary-end -->"

_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "code", "pre", "kbd", "mark",
    "del", "ins", "sub", "sup", "small", "span", "blockquote", "ul", "ol", "li", "dl", "dt", "dd",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "a", "abbr", "div", "details", "summary",
}  # no img: a picture from another host would be a request the site must not make
_ATTRIBUTES = {
    "*": {"id"}, "a": {"href", "title"}, "abbr": {"title"}, "ol": {"start"},
    "th": {"style"}, "td": {"style"}, "details": {"open"},
}
_ADMONITIONS = {"admonition", "note", "abstract", "info", "tip", "success", "question", "warning", "failure", "danger", "bug", "example", "quote"}
_CLASSES = {"a": {"headerlink"}, "div": _ADMONITIONS, "p": {"admonition-title"}, "details": _ADMONITIONS}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Heading ids that Markdown makes (key-points, _1); not ones that could shadow the theme's own
# elements (#__config, #__search …), which Material looks up by id.
_ID = re.compile(r"[A-Za-z0-9][\w-]*|_[A-Za-z0-9][\w-]*", re.ASCII)


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id" and not _ID.fullmatch(value):
        return None
    return value


def clean_summary_html(html: str) -> str:
    """A rendered summary with everything but Markdown's formatting dropped (scripts with their text)."""
    return nh3.clean(
        html, tags=_TAGS, clean_content_tags={"script", "style"}, attributes=_ATTRIBUTES,
        attribute_filter=_keep_attribute, allowed_classes=_CLASSES, url_schemes=_URL_SCHEMES,
        filter_style_properties={"text-align"}, link_rel=None, strip_comments=True,
    )


def clean_summaries(html: str) -> str:
    """A built page with its marked summary cleaned; pages without one are returned as they are."""
    start = html.find(SUMMARY_BEGIN)
    if start < 0:
        return html
    start += len(SUMMARY_BEGIN)
    # First begin to last end: a mark the summary itself writes falls inside and is cleaned away.
    # No end (an unclosed code fence swallowed it): the rest of the page is cleaned, never left raw.
    end = html.rfind(SUMMARY_END)
    end = end if end >= start else len(html)
    return html[:start] + clean_summary_html(html[start:end]) + html[end:]


def read_summary(data_dir: str | Path, name: str) -> str:
    """The Markdown of a summary file inside data_dir (UTF-8 or GB18030, as the CSVs)."""
    path = summary_path(Path(data_dir), name)
    if path is None:  # load.py refuses such a row before a page is built
        raise ReadError(f"{name} is not inside the data folder")
    return read_text(path)
