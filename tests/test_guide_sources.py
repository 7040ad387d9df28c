"""Guide pages name their sources and a review date in front matter; the build fails naming a page that does not."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data

from generator import ROOT
from generator.build import build_site
from generator.guide_sources import add_sources, check_pages, is_guide_page, parse_sources, read_catalogue

GOOD = Path(__file__).parent / "fixtures" / "good-data"
CATALOGUE = read_catalogue()
PAGE = "docs/guide/x.md"


def _front_matter(src_uri: str) -> dict:
    return get_data((ROOT / "docs" / src_uri).read_text(encoding="utf-8"))[1]


GUIDE_PAGES = sorted(str(p.relative_to(ROOT / "docs")) for p in (ROOT / "docs").rglob("*.md") if is_guide_page(str(p.relative_to(ROOT / "docs"))))


def test_the_shipped_catalogue_has_the_2022_notice():
    notice = CATALOGUE["nhsa-2022-22"]
    assert (notice.number, notice.issuer, notice.date) == ("医保发〔2022〕22号", "国家医疗保障局、财政部", "2022-07-26")


@pytest.mark.parametrize("src_uri", GUIDE_PAGES)
def test_every_guide_page_names_sources_and_a_review_date(src_uri):
    meta = _front_matter(src_uri)
    citations, problems = parse_sources(src_uri, meta, CATALOGUE)
    assert problems == []
    assert citations, src_uri
    # The hook writes the 依据 section; a hand-written one would duplicate it.
    assert "## 依据" not in (ROOT / "docs" / src_uri).read_text(encoding="utf-8")


@pytest.mark.parametrize("src_uri", [p for p in GUIDE_PAGES if p != "guide/in-province.md"])
def test_guide_pages_rest_on_the_2022_notice(src_uri):
    """Every page on cross-province rules cites the notice in force (in-province rules are the provinces')."""
    cited = [c.document.id for c in parse_sources(src_uri, _front_matter(src_uri), CATALOGUE)[0] if c.document]
    assert "nhsa-2022-22" in cited, src_uri


GOOD_META = {"reviewed": dt.date(2026, 12, 2), "sources": ["nhsa-2022-22"]}

# front matter -> the exact problems reported for docs/guide/x.md
CASES = [
    ("both present", GOOD_META, []),
    ("reviewed as a string", {"reviewed": "2026-12-02", "sources": ["nhsa-2022-22"]}, []),
    ("an outside source by name", {"reviewed": "2026-12-02", "sources": ["齐鲁晚报 2018《异地就医即时报销省时又省心》"]}, []),
    ("a mapping with articles", {"reviewed": "2026-12-02", "sources": [{"document": "nhsa-2022-22", "articles": "第七条", "supports": "两类人员"}]}, []),
    ("nothing", {}, [
        f'{PAGE}: front matter has no "reviewed" date (YYYY-MM-DD: when its sources were last checked)',
        f'{PAGE}: front matter has no "sources" (document ids of data/documents.csv or named outside sources)',
    ]),
    ("no sources", {"reviewed": "2026-12-02"}, [
        f'{PAGE}: front matter has no "sources" (document ids of data/documents.csv or named outside sources)',
    ]),
    ("empty sources", {"reviewed": "2026-12-02", "sources": []}, [
        f'{PAGE}: front matter has no "sources" (document ids of data/documents.csv or named outside sources)',
    ]),
    ("no date", {"sources": ["nhsa-2022-22"]}, [
        f'{PAGE}: front matter has no "reviewed" date (YYYY-MM-DD: when its sources were last checked)',
    ]),
    ("a date that is not one", {"reviewed": "2026-13-40", "sources": ["nhsa-2022-22"]}, [
        f'{PAGE}: front matter "reviewed": "2026-13-40" is not a date (YYYY-MM-DD)',
    ]),
    ("a date in words", {"reviewed": "去年", "sources": ["nhsa-2022-22"]}, [
        f'{PAGE}: front matter "reviewed": "去年" is not a date (YYYY-MM-DD)',
    ]),
    ("an unknown document id", {"reviewed": "2026-12-02", "sources": ["nhsa-2099-1"]}, [
        f'{PAGE}: sources[1]: "nhsa-2099-1" is not a document id in data/documents.csv',
    ]),
    ("an unknown id in a mapping", {"reviewed": "2026-12-02", "sources": ["nhsa-2022-22", {"document": "no-such-doc"}]}, [
        f'{PAGE}: sources[2]: "no-such-doc" is not a document id in data/documents.csv',
    ]),
    ("both document and source", {"reviewed": "2026-12-02", "sources": [{"document": "nhsa-2022-22", "source": "x"}]}, [
        f"{PAGE}: sources[1]: give exactly one of document (an id) or source (a name)",
    ]),
    ("a misspelt key", {"reviewed": "2026-12-02", "sources": [{"doc": "nhsa-2022-22"}]}, [
        f"{PAGE}: sources[1]: unknown key(s) doc; use document or source, articles, supports",
    ]),
    ("sources not a list", {"reviewed": "2026-12-02", "sources": "nhsa-2022-22"}, [
        f'{PAGE}: front matter "sources" must be a list',
    ]),
]


@pytest.mark.parametrize("meta,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_front_matter_problems(meta, expected):
    assert parse_sources(PAGE, meta, CATALOGUE)[1] == expected


def test_only_guide_pages_are_checked():
    pages = {"guide/a.md": {}, "checklist.md": {}, "glossary.md": GOOD_META, "estimator.md": {}, "index.md": {}}
    named = {re.match(r"docs/(\S+):", p).group(1) for p in check_pages(pages, CATALOGUE)}
    assert named == {"guide/a.md", "checklist.md"}


def test_the_section_is_rendered_from_front_matter():
    meta = {"reviewed": dt.date(2026, 12, 2), "sources": [
        {"document": "nhsa-2022-22", "articles": "经办规程第七条", "supports": "两类人员"},
        {"source": "某报 2018《某文》", "supports": "当时的做法"},
    ]}
    markdown = add_sources("---\n---\n# 标题\n\n正文。\n", "guide/x.md", meta, CATALOGUE, linked={"nhsa-2022-22"})
    assert markdown.startswith('---\n---\n# 标题\n\n<p class="app-updated">更新日期：<time datetime="2026-12-02">2026-12-02</time></p>\n\n正文。')
    assert "## 依据 {#sources}" in markdown
    notice = CATALOGUE["nhsa-2022-22"]
    assert f"- [医保发〔2022〕22号《{notice.title}》](../documents/nhsa-2022-22.md)（国家医疗保障局、财政部，2022-07-26）经办规程第七条：两类人员" in markdown
    assert "- 某报 2018《某文》：当时的做法" in markdown
    assert "以上依据最近核对于 2026-12-02。" in markdown
    # A build whose data lacks the document names it without a link.
    unlinked = add_sources("# 标题\n", "guide/x.md", meta, CATALOGUE, linked=set())
    assert f"- 医保发〔2022〕22号《{notice.title}》（" in unlinked


def _site_config(tmp_path: Path, docs: Path) -> Path:
    """mkdocs.yml with its folders made absolute, building the given docs folder."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", f"docs_dir: {docs}")
    text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    text = text.replace("  - generator/hooks.py", f"  - {ROOT / 'generator' / 'hooks.py'}")
    config = tmp_path / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def test_a_planted_page_without_sources_fails_the_build_and_keeps_the_old_site(tmp_path, capsys):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    config = _site_config(tmp_path, docs)
    site = tmp_path / "site"
    assert build_site(GOOD, site, config_file=config), "the copied docs build"
    guide = (site / "guide" / "steps" / "index.html").read_text(encoding="utf-8")
    assert 'id="sources"' in guide and "更新日期" in guide
    before = sorted(p.name for p in site.rglob("*"))

    (docs / "guide" / "planted.md").write_text("---\ntitle: 种下的页面\n---\n\n# 种下的页面\n", encoding="utf-8")
    steps = docs / "guide" / "steps.md"
    steps.write_text(steps.read_text(encoding="utf-8").replace("  - document: nhsa-2022-22\n", "  - document: nhsa-2099-1\n", 1), encoding="utf-8")
    assert not build_site(GOOD, site, config_file=config)

    output = capsys.readouterr().out
    assert 'docs/guide/planted.md: front matter has no "reviewed" date' in output
    assert 'docs/guide/planted.md: front matter has no "sources"' in output
    assert 'docs/guide/steps.md: sources[1]: "nhsa-2099-1" is not a document id in data/documents.csv' in output
    assert sorted(p.name for p in site.rglob("*")) == before, "the previous site is left as it was"


# The heading ids other pages link to (agreed between the helpers; see the guide's pages).
AGREED_ANCHORS = [
    ("guide/eligibility.md", "long-term"), ("guide/eligibility.md", "temporary"),
    ("guide/steps.md", "what-to-bring"), ("guide/steps.md", "where-to-file"),
    ("guide/steps.md", "emergency"), ("guide/steps.md", "before-discharge"),
    ("guide/principles.md", "reduction"), ("guide/principles.md", "insured-place-decides"),
    ("guide/outpatient-inpatient.md", "chronic"), ("guide/settlement-failed.md", "manual-claim"),
]


@pytest.mark.parametrize("src_uri,anchor", AGREED_ANCHORS, ids=[f"{p}#{a}" for p, a in AGREED_ANCHORS])
def test_agreed_heading_ids_exist(src_uri, anchor):
    text = (ROOT / "docs" / src_uri).read_text(encoding="utf-8")
    assert re.search(rf"^## .+ \{{#{anchor}\}}$", text, re.MULTILINE) or re.search(rf"^### .+ \{{#{anchor}\}}$", text, re.MULTILINE)
