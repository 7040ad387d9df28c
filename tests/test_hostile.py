"""Hostile and broken input (issue 13): each class is rejected with the usual message or comes out inert.

Classes, as the issue numbers them:
 1 markup in any text column reaches no page raw     test_planted_markup_*
 2 summary_file outside the data folder              test_summary_file_is_confined
 3 raw HTML in summaries                             test_summaries_keep_formatting_only
 4 formulas in the CSV downloads                     test_formula_cells_*
 5 tracebacks instead of messages                    test_optional_column_may_be_absent, test_unreadable_files,
                                                     test_gb18030_summary_builds, test_estimator_cli_hostile_input
 6 invisible and control characters                  test_invisible_and_control_characters
 7 looser than the schema                            test_strict_dates_and_numbers, test_vcard_escapes_every_line_break
 8 builds: stale staging folders, concurrent swaps   test_stale_staging_folders_*, test_concurrent_builds_*
 9 presets file without a content hash               test_presets_file_is_named_by_content_hash
10 zh-Hant/404.html                                  test_mirror_404_stays_in_the_mirror
The browser half (no dialog, no raw tag in Chromium, both scripts) is tests/browser/test_hostile_pages.py.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import ROOT
from generator.build import build_site
from generator.load import load_dataset, load_or_raise
from generator.offices import render_vcards
from generator.open_data import download_path, neutralise, render_downloads, whole_list_csv
from generator.read import read_table
from generator.schema import TABLES

GOOD = Path(__file__).parent / "fixtures" / "good-data"

# Markup that would run if any template, header or script wrote a cell unescaped: a tag with a handler,
# a script, a Markdown link to javascript:, and quotes that would end an attribute.
PAYLOAD = "\"'><img src=x onerror=alert(1)><script>alert(2)</script>[链接](javascript:alert(3))<b onclick=alert(4)>粗</b>"
SUMMARY_PAYLOAD = (
    "\n\n<script>alert(5)</script>\n\n<img src=x onerror=alert(6)>\n\n[链接](javascript:alert(7))\n\n"
    '<a href="javascript:alert(8)">链接</a>\n\n段落\n{: onclick="alert(9)" }\n'
)


def _copy(tmp_path: Path, source: Path = GOOD) -> Path:
    data = tmp_path / "data"
    shutil.copytree(source, data)
    return data


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _write(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(rows)  # a lone CR stays in its cell


def _edit(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell; row is the spreadsheet row (header = 1)."""
    rows = _rows(path)
    rows[row - 1][rows[0].index(column)] = value
    _write(path, rows)


def _errors(data: Path) -> list[str]:
    dataset, problems = load_dataset(data)
    assert dataset is None, "the data must be refused"
    return [str(p) for p in problems if p.severity == "error"]


def _cli(*args: str, stdin: bytes | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, input=stdin, capture_output=True, timeout=300)


# ------------------------------------------------------------------ 1: markup in every text column


def planted_columns(table) -> list[str]:
    """The free-text columns of a table: every one gets the payload. bands is text too, but a
    structured value with its own rule (0-30000:0.85;…), so markup there is refused, not shown."""
    return [c.name for c in table.columns if c.kind == "text" and c.name != "bands"]


def plant_markup(data: Path) -> None:
    """Put PAYLOAD into every free-text cell of every data file, and SUMMARY_PAYLOAD into every summary."""
    for table in TABLES:
        path = data / f"{table.name}.csv"
        if not path.exists():
            continue
        rows = _rows(path)
        columns = [rows[0].index(name) for name in planted_columns(table) if name in rows[0]]
        for row in rows[1:]:
            for index in columns:
                row[index] = row[index] + PAYLOAD
        _write(path, rows)
    for summary in (data / "documents").glob("*.md"):
        summary.write_text(summary.read_text(encoding="utf-8") + SUMMARY_PAYLOAD, encoding="utf-8")


class _RawMarkup(HTMLParser):
    """Collects every element the payloads could have made live: handlers, scripts, javascript: links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on") and "alert" in (value or ""):
                self.found.append(f"<{tag} {name}={value}>")
            if name in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.found.append("<img src=x>")
        self._script = tag == "script"

    def handle_endtag(self, tag):
        self._script = False

    def handle_data(self, data):
        if self._script and "alert(" in data:
            self.found.append(f"<script>{data[:40]}")


def raw_markup(html: str) -> list[str]:
    parser = _RawMarkup()
    parser.feed(html)
    return parser.found


@pytest.fixture(scope="module")
def planted_site(tmp_path_factory) -> Path:
    """The shipped data with markup in every text column and every summary, built."""
    tmp = tmp_path_factory.mktemp("planted")
    data = _copy(tmp, ROOT / "data")
    plant_markup(data)
    assert load_or_raise(data), "markup is text: the data is valid"
    site = tmp / "site"
    assert build_site(data, site)
    return site


def test_planted_markup_reaches_no_page_raw(planted_site):
    pages = sorted(planted_site.rglob("*.html"))
    assert any(p.is_relative_to(planted_site / "zh-Hant") for p in pages) and len(pages) > 40
    found = {str(p.relative_to(planted_site)): raw_markup(p.read_text(encoding="utf-8")) for p in pages}
    assert {page: tags for page, tags in found.items() if tags} == {}


@pytest.mark.parametrize("script", ["", "zh-Hant/"], ids=["zh-CN", "zh-Hant"])
def test_planted_markup_shows_as_text_in_titles_and_header(planted_site, script):
    """The document title reaches <title>, the header and the heading as text (escaped once, not twice)."""
    doc = load_or_raise(ROOT / "data").documents[0]
    html = (planted_site / script / "documents" / doc.id / "index.html").read_text(encoding="utf-8")
    escaped = "&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;"
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    topic = re.search(r'data-md-component="header-topic">\s*<span class="md-ellipsis">(.*?)</span>', html, re.S).group(1)
    heading = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    for where in (title, topic, heading):
        assert escaped in where and "&amp;lt;" not in where
    assert "](javascript:alert(3))" in heading, "Markdown in a title stays text"


def test_planted_markup_in_downloads_and_vcards_is_text(planted_site):
    csv_text = whole_list_csv((planted_site / download_path()).read_bytes()).decode("utf-8-sig")
    assert PAYLOAD.replace('"', '""') in csv_text  # quoted as CSV, otherwise unchanged
    vcard = next((planted_site / "offices" / "vcf").glob("*.vcf")).read_bytes().decode("utf-8")
    assert "onerror=alert(1)" in vcard.replace("\r\n ", "")


# ------------------------------------------------------------------ 2: summary_file confined to the data folder


def _outside_file(tmp_path: Path) -> Path:
    outside = tmp_path / "secret.md"
    outside.write_text("不该发布的内容", encoding="utf-8")
    return outside


CONFINED = [
    # (name, summary_file value or None for a symlink, rule)
    ("parent", "../../etc/passwd", "points outside the data folder {data}; a summary must be inside it"),
    ("parent-existing", "../secret.md", "points outside the data folder {data}; a summary must be inside it"),
    ("inner-parent", "documents/../../secret.md", "points outside the data folder {data}; a summary must be inside it"),
    ("absolute", "/etc/passwd", "is an absolute path; give the path inside the data folder, e.g. documents/x.md"),
    ("windows-absolute", "C:\\secret.md", "is an absolute path; give the path inside the data folder, e.g. documents/x.md"),
    ("symlink-out", None, "points outside the data folder {data}; a summary must be inside it"),
    ("snippet", "documents/doc-a.md", "includes another file (--8<--), which a summary may not do"),
]


@pytest.mark.parametrize("name,value,rule", CONFINED, ids=[c[0] for c in CONFINED])
def test_summary_file_is_confined(tmp_path, name, value, rule):
    data = _copy(tmp_path)
    outside = _outside_file(tmp_path)
    if value is None:
        (data / "documents" / "link.md").symlink_to(outside)
        value = "documents/link.md"
    if name == "snippet":  # pymdownx.snippets would paste the named file into the page
        (data / "documents" / "doc-a.md").write_text('## 要点\n\n--8<-- "../secret.md"\n', encoding="utf-8")
    _edit(data / "documents.csv", 2, "summary_file", value)
    expected = f'{data / "documents.csv"}:2: column "summary_file": "{value}" ' + rule.format(data=data)
    assert expected in _errors(data)
    result = _cli("build", "--data", str(data), "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 1 and expected in result.stdout.decode()
    assert not (tmp_path / "site").exists()


def test_symlink_inside_the_data_folder_is_fine(tmp_path):
    data = _copy(tmp_path)
    (data / "documents" / "link.md").symlink_to(data / "documents" / "doc-a.md")
    _edit(data / "documents.csv", 2, "summary_file", "documents/link.md")
    assert load_or_raise(data).documents[0].summary_file == "documents/link.md"


# ------------------------------------------------------------------ 3: summaries keep Markdown's formatting only


SUMMARIES = [
    # (name, Markdown, must not be in the page, must be in the page)
    ("script", "<script>alert(1)</script>\n\n正文", ["<script>alert", "alert(1)"], ["<p>正文</p>"]),
    ("img-onerror", '<img src="x" onerror="alert(1)">', ["onerror", "<img"], []),
    ("md-javascript-link", "[点这里](javascript:alert(1))", ["javascript:"], ["点这里"]),
    ("html-javascript-link", '<a href="JavaScript:alert(1)">点这里</a>', ["javascript:", "JavaScript:"], ["点这里"]),
    ("attr-list-handler", '正文\n{: onclick="alert(1)" }', ["onclick"], ["正文"]),
    ("iframe-style-form", '<iframe src="https://example.com"></iframe><style>body{display:none}</style><form action="https://example.com"><input></form>',
     ["<iframe", "<style", "display:none", "<form", "<input"], []),
    ("svg-onload", "<svg onload=alert(1)><circle r=1></svg>", ["<svg", "onload"], []),
    ("id-clobbering", "## 配置 {#__config}", ['id="__config"'], ["配置"]),
    ("end-mark-in-summary", "<!-- app-summary-end --><script>alert(1)</script>", ["<script>alert"], []),
    ("unclosed-fence", "<script>alert(1)</script>\n\n```\n代码", ["<script>alert"], []),
    ("formatting-kept", "## 要点 {#key-points}\n\n- **加粗** 和 [外部链接](https://www.nhsa.gov.cn/)\n\n| 甲 | 乙 |\n|:--|--:|\n| 1 | 2 |\n\n!!! note \"提示\"\n    内容",
     [], ['<h2 id="key-points">', "<strong>加粗</strong>", '<a href="https://www.nhsa.gov.cn/">外部链接</a>', "<table>",
          'style="text-align:left"', '<div class="admonition note">', '<p class="admonition-title">提示</p>', 'class="headerlink"']),
]


@pytest.fixture(scope="module")
def summary_site(tmp_path_factory) -> Path:
    """One build with a document per hostile summary."""
    tmp = tmp_path_factory.mktemp("summaries")
    data = _copy(tmp)
    rows = _rows(data / "documents.csv")
    template = rows[1]
    for name, markdown, _, _ in SUMMARIES:
        (data / "documents" / f"{name}.md").write_text(markdown + "\n", encoding="utf-8")
        row = list(template)
        row[rows[0].index("id")], row[rows[0].index("summary_file")] = name, f"documents/{name}.md"
        rows.append(row)
    _write(data / "documents.csv", rows)
    assert build_site(data, tmp / "site")
    return tmp / "site"


@pytest.mark.parametrize("name,markdown,absent,present", SUMMARIES, ids=[c[0] for c in SUMMARIES])
def test_summaries_keep_formatting_only(summary_site, name, markdown, absent, present):
    html = (summary_site / "documents" / name / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    for text in absent:
        assert text not in article
    for text in present:
        assert text in article
    assert raw_markup(article) == []


# ------------------------------------------------------------------ 4: formulas in the CSV downloads


FORMULAS = [
    ("=HYPERLINK(\"http://x\",\"点\")", "'=HYPERLINK(\"http://x\",\"点\")"),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("@SUM(1+1)", "'@SUM(1+1)"),
    ("\tTAB", "'\tTAB"),
    ("-3", "-3"),  # a number stays a number
    ("+3.5", "+3.5"),
    ("+86 755 8297 8745", "+86 755 8297 8745"),  # a phone number written with its country code
    ("0755-8297 8745", "0755-8297 8745"),
    ("测试医院 = 好", "测试医院 = 好"),  # only the first character counts
    ("", ""),
]


@pytest.mark.parametrize("cell,written", FORMULAS, ids=[repr(c[0]) for c in FORMULAS])
def test_formula_cells_are_neutralised(cell, written):
    assert neutralise(cell) == written


@pytest.mark.parametrize("name", ["=1+1测试医院", "@测试医院", "-测试医院", "+测试医院"])
def test_formula_cells_in_downloads_read_back_unchanged(tmp_path, name):
    data = _copy(tmp_path)
    _edit(data / "hospitals.csv", 3, "name", name)
    dataset = load_or_raise(data)
    files = render_downloads(dataset)
    download = tmp_path / "hospitals.csv"
    download.write_bytes(whole_list_csv(files[download_path()]))
    rows = _rows(download)
    assert [r[1] for r in rows if r[0] == "syn-2"] == ["'" + name]  # what Excel shows as text
    assert [c["name"] for _, c in read_table(download).rows if c["id"] == "syn-2"] == [name]  # `check` reads the name


# ------------------------------------------------------------------ 5: messages instead of tracebacks


# The fixture's rows that need an optional column all the same: a station names its branch, an office has a number.
ROW_RULES_WITHOUT = {
    ("offices", "parent_id"): ['4: column "parent_id": "" is empty, but a station (管理站) must name the branch (分局) it belongs to'],
    ("offices", "phones"): ['2: column "phones": "" is empty and so is faxes: an office needs at least one number'],
    ("offices", "faxes"): ['4: column "phones": "" is empty and so is faxes: an office needs at least one number'],
}


@pytest.mark.parametrize(
    "file,column",
    [(t.name, c.name) for t in TABLES for c in t.columns if not c.required],
)
def test_optional_column_may_be_absent(tmp_path, file, column):
    data = _copy(tmp_path)
    shutil.copy(ROOT / "data" / "policies.csv", data / "policies.csv")
    path = data / f"{file}.csv"
    rows = _rows(path)
    if column in rows[0]:  # columns added later (code, kind, lat, lng) are absent from the fixture already
        index = rows[0].index(column)
        _write(path, [r[:index] + r[index + 1:] for r in rows])
    dataset, problems = load_dataset(data)
    # No KeyError and no "missing column": only the rules that need the cell speak, with the row named.
    expected = [f"{path}:{m}" for m in ROW_RULES_WITHOUT.get((file, column), [])]
    assert [str(p) for p in problems if p.severity == "error"] == expected
    assert (dataset is not None) == (not expected)


UNREADABLE = [
    # (name, file to write, bytes, expected message after the path)
    ("corrupt-xlsx", "hospitals.xlsx", b"PK\x03\x04 not really a workbook", ": cannot be read: not a valid XLSX workbook (File is not a zip file)"),
    ("empty-csv", "hospitals.csv", b"", ": cannot be read: No columns to parse from file"),
    ("binary-csv", "hospitals.csv", b"\xff\xfe\xff\xfe\x00", ": cannot be read: not UTF-8 or GB18030 text; save it as UTF-8"),
]


@pytest.mark.parametrize("name,filename,content,expected", UNREADABLE, ids=[c[0] for c in UNREADABLE])
def test_unreadable_files(tmp_path, name, filename, content, expected):
    data = _copy(tmp_path)
    (data / "hospitals.csv").unlink()
    (data / filename).write_bytes(content)
    assert f"{data / filename}{expected}" in _errors(data)
    result = _cli("check", "--data", str(data))
    assert result.returncode == 1 and "Traceback" not in result.stderr.decode()
    assert f"{data / filename}{expected}" in result.stderr.decode()


def test_undecodable_summary_is_named(tmp_path):
    data = _copy(tmp_path)
    (data / "documents" / "doc-a.md").write_bytes(b"\xff\xfe\xff\xfe")
    assert _errors(data) == [
        f'{data / "documents.csv"}:2: column "summary_file": "documents/doc-a.md" cannot be read: not UTF-8 or GB18030 text; save it as UTF-8'
    ]


def test_gb18030_summary_builds(tmp_path):
    """A summary saved by Excel-era tools in GB18030 is read as the CSVs are: check and build both pass."""
    data = _copy(tmp_path)
    (data / "documents" / "doc-a.md").write_bytes("## 要点\n\n- 这段文字以 GB18030 编码保存\n".encode("gb18030"))
    assert _cli("check", "--data", str(data)).returncode == 0
    result = _cli("build", "--data", str(data), "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr.decode()
    assert "这段文字以 GB18030 编码保存" in (tmp_path / "site" / "documents" / "doc-a" / "index.html").read_text(encoding="utf-8")


ESTIMATOR_INPUTS = [
    # (name, stdin bytes, stderr lines)
    ("5000-digit-number", b'{"bill": {"total": ' + b"9" * 5000 + b"}}",
     ["bill.total: 医疗总费用不能超过 1 亿元", "policy: 请填写医保政策", "filing: 请填写备案信息"]),
    ("5000-digit-fraction", b'{"bill": {"total": 1.' + b"5" * 5000 + b"}}",
     ["bill.total: 医疗总费用必须是不小于 0 的数字，最多两位小数", "policy: 请填写医保政策", "filing: 请填写备案信息"]),
    ("nested-arrays", b"[" * 100_000 + b"]" * 100_000, ["input: 输入的 JSON 嵌套层数太多"]),
    ("nested-objects", b'{"a":' * 5_000 + b"1" + b"}" * 5_000, ["input: 输入的 JSON 嵌套层数太多"]),
    ("lone-surrogate-key", b'{"bill": {"\\ud800": 1}}', ["bill.\\ud800: 含有无效的字符（不成对的 UTF-16 代理项），请删去"]),
    ("lone-surrogate-root-key", b'{"\\udfff": 1}', ["\\udfff: 含有无效的字符（不成对的 UTF-16 代理项），请删去"]),
    ("lone-surrogate-value", b'{"filing": {"type": "\\ud83d"}}', ["filing.type: 含有无效的字符（不成对的 UTF-16 代理项），请删去"]),
]


@pytest.mark.parametrize("name,stdin,lines", ESTIMATOR_INPUTS, ids=[c[0] for c in ESTIMATOR_INPUTS])
def test_estimator_cli_hostile_input(name, stdin, lines):
    result = _cli("estimate", stdin=stdin)
    assert result.returncode == 2
    assert result.stderr.decode("utf-8").splitlines() == lines
    assert [f"{e['field']}: {e['message']}" for e in json.loads(result.stdout)["errors"]] == lines


def test_estimator_cli_input_that_is_not_utf8():
    """Bytes that are not UTF-8 on a strict stdin: exit 2 and a message, not a UnicodeDecodeError."""
    result = subprocess.run(
        [sys.executable, "-m", "generator", "estimate"], cwd=ROOT, input=b'{"bill": "\xff\xfe"}', capture_output=True,
        timeout=60, env={**os.environ, "PYTHONIOENCODING": "utf-8:strict"},
    )
    assert (result.returncode, result.stderr.decode()) == (2, "input: 输入不是 UTF-8 编码的文字\n")


# ------------------------------------------------------------------ 6: invisible and control characters


INVISIBLE = [
    # (file, row, column, value, value as the message shows it, character named)
    ("hospitals", 2, "name", "测试\x00医院", "测试\\u0000医院", "U+0000 control character"),
    ("hospitals", 2, "address", "任城路\x1b[31m1号", "任城路\\u001b[31m1号", "U+001B control character"),
    ("offices", 3, "name", "测试\x85分局", "测试\\u0085分局", "U+0085 control character"),
    ("hospitals", 2, "name", "医院\u202egpj.exe", "医院\\u202egpj.exe", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("documents", 2, "title", "\u2066测试文件\u2069", "\\u2066测试文件\\u2069", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("offices", 3, "name", "\u200b\u200b", "\\u200b\\u200b", "U+200B ZERO WIDTH SPACE"),
    ("hospitals", 3, "name", "\u3164\u3164", "\\u3164\\u3164", "U+3164 HANGUL FILLER"),
    ("hospitals", 2, "source", "来源\ufeff说明", "来源\\ufeff说明", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
    ("offices", 3, "hours", "9:00\u202817:00", "9:00\\u202817:00", "U+2028 LINE SEPARATOR"),
    ("hospitals", 2, "name", "第一\n医院", "第一\\u000a医院", "U+000A control character"),
    ("documents", 2, "issuer", "测试\u200d机关", "测试\\u200d机关", "U+200D ZERO WIDTH JOINER"),
    ("documents", 2, "number", "测发\u00ad1号", "测发\\u00ad1号", "U+00AD SOFT HYPHEN"),
    ("policies", 2, "name", "示例\u200e", "示例\\u200e", "U+200E LEFT-TO-RIGHT MARK"),
    ("policies", 2, "note", "说明\x07", "说明\\u0007", "U+0007 control character"),
]


@pytest.mark.parametrize("file,row,column,value,shown,character", INVISIBLE, ids=[f"{c[0]}-{c[2]}-{c[5]}" for c in INVISIBLE])
def test_invisible_and_control_characters(tmp_path, file, row, column, value, shown, character):
    data = _copy(tmp_path)
    shutil.copy(ROOT / "data" / "policies.csv", data / "policies.csv")
    _edit(data / f"{file}.csv", row, column, value)
    expected = f'{data / file}.csv:{row}: column "{column}": "{shown}" contains an invisible or control character ({character}); delete it'
    assert expected in _errors(data)


@pytest.mark.parametrize("column", ["note", "address", "hours"])
def test_line_breaks_are_fine_where_a_cell_may_have_lines(tmp_path, column):
    data = _copy(tmp_path)
    _edit(data / "offices.csv", 3, column, "第一行\r\n第二行\r第三行")
    office = next(o for o in load_or_raise(data).offices if o.id == "branch-a")
    assert getattr(office, column) == "第一行\r\n第二行\r第三行"


# ------------------------------------------------------------------ 7: as strict as the schema says


STRICT = [
    ("hospitals", 2, "as_of", "20180621", "is not a date in the form YYYY-MM-DD"),
    ("hospitals", 2, "as_of", "2018-W25-4", "is not a date in the form YYYY-MM-DD"),
    ("hospitals", 2, "as_of", "2018-6-21", "is not a date in the form YYYY-MM-DD"),
    ("hospitals", 2, "as_of", "２０１８-０６-２１", "is not a date in the form YYYY-MM-DD"),
    ("documents", 2, "date", "2018-06-21T00:00", "is not a date in the form YYYY-MM-DD"),
    ("offices", 3, "phones", "+1 650 253 0000", "is not a valid Chinese phone number (area code + number, e.g. 0755-82978745)"),
    ("offices", 3, "faxes", "+852 2345 6789", "is not a valid Chinese phone number (area code + number, e.g. 0755-82978745)"),
    ("hospitals", 2, "phone", "+44 20 7946 0958", "is not a valid Chinese phone number (area code + number, e.g. 0755-82978745)"),
]


@pytest.mark.parametrize("file,row,column,value,rule", STRICT, ids=[f"{c[2]}-{c[3]}" for c in STRICT])
def test_strict_dates_and_numbers(tmp_path, file, row, column, value, rule):
    data = _copy(tmp_path)
    _edit(data / f"{file}.csv", row, column, value)
    assert f'{data / file}.csv:{row}: column "{column}": "{value}" {rule}' in _errors(data)


@pytest.mark.parametrize("note", ["甲\r乙", "甲\n乙", "甲\r\n乙", "甲\r\r\n\n乙"], ids=["lone-CR", "LF", "CRLF", "mixed"])
def test_vcard_escapes_every_line_break(tmp_path, note):
    data = _copy(tmp_path)
    _edit(data / "offices.csv", 3, "note", note)
    vcard = render_vcards(load_or_raise(data))["offices/vcf/branch-a.vcf"]
    assert re.search(rb"\r(?!\n)|(?<!\r)\n", vcard) is None, "every line of the card ends in CRLF, and only there"
    unfolded = vcard.replace(b"\r\n ", b"").decode("utf-8")
    assert re.search(r"NOTE:.*甲(\\n)+乙", unfolded)


# ------------------------------------------------------------------ 8: builds


def test_stale_staging_folders_are_removed_and_a_running_builds_kept(tmp_path):
    site = tmp_path / "site"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True).stdout.strip()
    stale = [tmp_path / f".site.building-{dead}-abc123", tmp_path / ".site.building-k1ll3d", tmp_path / f".site.old-{dead}-xyz"]
    running = tmp_path / f".site.building-{os.getpid()}-running"  # this process: alive
    for folder in [*stale, running]:
        (folder / "assets").mkdir(parents=True)
    assert build_site(GOOD, site)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")) == [running.name]
    assert (site / "index.html").exists()


def test_concurrent_builds_swap_one_at_a_time(tmp_path):
    site = tmp_path / "site"
    command = [sys.executable, "-m", "generator", "build", "--data", str(GOOD), "--site-dir", str(site)]
    builds = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    results = [(b.wait(timeout=600), b.stderr.read().decode()) for b in builds]
    assert [code for code, _ in results] == [0, 0, 0], results
    assert (site / "index.html").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")] == []


def test_gitignore_covers_staging_folders():
    ignored = subprocess.run(["git", "check-ignore", ".site.building-123-abc/", ".site.old-123-abc/"], cwd=ROOT, capture_output=True, text=True)
    assert ignored.stdout.split() == [".site.building-123-abc/", ".site.old-123-abc/"]


# ------------------------------------------------------------------ 9 and 10: built files


@pytest.fixture(scope="module")
def shipped_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("shipped") / "site"
    assert build_site(ROOT / "data", site)
    return site


@pytest.mark.parametrize("script", ["", "zh-Hant/"], ids=["zh-CN", "zh-Hant"])
def test_presets_file_is_named_by_content_hash(shipped_site, script):
    page = (shipped_site / script / "estimator" / "index.html").read_text(encoding="utf-8")
    [name] = re.findall(r'data-app-presets="([^"]+)"', page)
    path = (shipped_site / script / "estimator" / name).resolve()
    simplified = shipped_site / "assets" / "data" / path.name
    digest = hashlib.sha256(simplified.read_bytes()).hexdigest()[:12]
    assert path.name == f"policy-presets.{digest}.json" and path.is_file()
    assert not (shipped_site / script / "assets" / "data" / "policy-presets.json").exists()
    worker = (shipped_site / "sw.js").read_text(encoding="utf-8")
    assert f'"./assets/data/{path.name}"' in worker


def test_presets_name_changes_with_content(tmp_path):
    data = _copy(tmp_path, ROOT / "data")
    names = []
    for note in ("说明一", "说明二"):
        _edit(data / "policies.csv", 2, "note", note)
        assert build_site(data, tmp_path / "site")
        names += [p.name for p in (tmp_path / "site" / "assets" / "data").glob("policy-presets.*.json")]
    assert len(names) == 2 and names[0] != names[1]


def test_mirror_404_stays_in_the_mirror(shipped_site):
    html = (shipped_site / "zh-Hant" / "404.html").read_text(encoding="utf-8")
    urls = re.findall(r'(?:href|src)="(/[^"]*)"', html)
    assert urls and all(u.startswith("/zh-Hant/") for u in urls if u != "/"), urls
    for url in re.findall(r'src="(/[^"]*)"', html):
        assert (shipped_site / url.lstrip("/")).is_file(), url
    assert re.search(r'data-app-script-switch href="/"', html), "简体 leads to the simplified home page"
    assert '"base": "/zh-Hant/"' in html
    # site.js fetches the script map next to itself: there is one beside the mirror's site.js
    [script_map] = (shipped_site / "zh-Hant" / "assets" / "data").glob("s2t.*.json")
    assert f'data-app-s2t="{script_map.name}"' in html
