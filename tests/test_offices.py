"""The office directory: grouping, find-my-office choices, search digits, vCards, validation, and a build."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest

from generator import ROOT
from generator.load import load_dataset, load_or_raise
from generator.offices import (
    contact_name,
    finder_entries,
    local_digits,
    office_regions,
    render_vcard,
    render_vcards,
    search_digits,
)
from generator.phones import parse_phone

GOOD = Path(__file__).parent / "fixtures" / "good-data"


def parse_vcard(data: bytes) -> list[tuple[str, dict[str, list[str]], str]]:
    """A small vCard 3.0 reader: unfold, split name;params:value, unescape TEXT. Enough to check ours."""
    assert data.endswith(b"\r\n"), "a vCard ends with CRLF"
    text = data.decode("utf-8")
    assert "\n" not in text.replace("\r\n", ""), "every line ends with CRLF, never a bare LF"
    unfolded = text.replace("\r\n ", "").replace("\r\n\t", "")
    properties = []
    for line in unfolded.split("\r\n")[:-1]:
        head, _, value = line.partition(":")
        name, *raw_params = head.split(";")
        params: dict[str, list[str]] = {}
        for raw in raw_params:
            key, _, values = raw.partition("=")
            params.setdefault(key.upper(), []).extend(v.upper() for v in values.split(","))
        properties.append((name.upper(), params, value))
    return properties


def unescape(value: str) -> str:
    out, chars = [], iter(value)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            out.append("\n" if nxt in "nN" else nxt)
        else:
            out.append(ch)
    return "".join(out)


def vcard_fields(data: bytes) -> dict:
    """FN, ORG parts, voice and fax numbers, and NOTE of one vCard."""
    props = parse_vcard(data)
    assert props[0] == ("BEGIN", {}, "VCARD") and props[-1] == ("END", {}, "VCARD")
    assert ("VERSION", {}, "3.0") in props
    get = {name: value for name, _, value in props}
    tels = [(params.get("TYPE", []), value) for name, params, value in props if name == "TEL"]
    return {
        "fn": unescape(get["FN"]),
        "org": [unescape(part) for part in get["ORG"].split(";")],  # no escaped ; in our ORG parts
        "voice": [v for types, v in tels if "VOICE" in types],
        "fax": [v for types, v in tels if "FAX" in types],
        "note": unescape(get["NOTE"]),
    }


@pytest.fixture(scope="module")
def shipped():
    return load_or_raise(ROOT / "data")


def test_shipped_offices_group_into_shenzhen_with_stations_under_branches(shipped):
    (shenzhen,) = office_regions(shipped.offices)
    assert (shenzhen.code, shenzhen.name, shenzhen.branch_count, shenzhen.station_count) == ("440300", "深圳市", 12, 15)
    baoan = next(o for o in shenzhen.offices if o.id == "sz-baoan")
    assert [s.name for s in baoan.children] == ["新安站", "松岗站", "石岩站", "西乡站", "沙井站", "福永站"]
    assert shenzhen.as_of == "2018-08-27"


def test_finder_lists_districts_then_city_wide_offices(shipped):
    entries = finder_entries(office_regions(shipped.offices))
    labels = [(e.label, e.office.id) for e in entries]
    assert labels[:9] == [
        ("福田区", "sz-futian"), ("罗湖区", "sz-luohu"), ("南山区", "sz-nanshan"), ("盐田区", "sz-yantian"),
        ("宝安区", "sz-baoan"), ("龙岗区", "sz-longgang"), ("光明区", "sz-guangming"), ("坪山区", "sz-pingshan"),
        ("龙华区", "sz-longhua"),
    ]
    # No district code of their own (大鹏新区 has none in GB/T 2260): listed by their own name.
    assert labels[9:] == [("直属分局", "sz-zhishu"), ("大鹏分局", "sz-dapeng"), ("人才园", "sz-rencaiyuan")]


@pytest.mark.parametrize(
    "raw,local,together",
    [
        ("0755-82978745", "82978745", "咨询电话 82978745 075582978745"),
        ("010-12345678", "12345678", "咨询电话 12345678 01012345678"),
        ("12333", "12333", ""),  # already written together
    ],
)
def test_search_digits_write_each_number_together(raw, local, together):
    phone = parse_phone(raw)
    assert local_digits(phone) == local
    office = _office(phones=(phone,), faxes=())
    assert search_digits(office) == together
    assert search_digits(_office(phones=(phone,))) == "；".join(filter(None, [together, "备案传真 82978719 075582978719"]))


def _office(**changes):
    dataset = load_or_raise(GOOD)
    branch = next(o for o in dataset.offices if o.id == "branch-a")
    return type(branch)(**{**branch.__dict__, **changes})


def test_vcard_of_a_branch_parses_back(shipped):
    futian = next(o for o in shipped.offices if o.id == "sz-futian")
    data = render_vcard(futian)
    fields = vcard_fields(data)
    assert fields["fn"] == "深圳市社保 福田分局"
    assert fields["org"] == ["深圳市社保", "福田分局"]
    assert fields["voice"] == ["+8675582978745"]
    assert fields["fax"] == ["+8675582978719"]
    assert "备案方式：窗口、传真" in fields["note"]
    assert futian.source.text in fields["note"] and "截至 2018-08-27" in fields["note"]


def test_vcard_of_a_station_names_its_branch_and_the_branch_phone(shipped):
    baoan = next(o for o in shipped.offices if o.id == "sz-baoan")
    xixiang = next(s for s in baoan.children if s.id == "sz-baoan-xixiang")
    fields = vcard_fields(render_vcard(xixiang, baoan))
    assert fields["fn"] == contact_name(xixiang, baoan) == "深圳市社保 宝安分局 西乡站"
    assert fields["org"] == ["深圳市社保", "宝安分局", "西乡站"]
    assert fields["voice"] == [] and fields["fax"] == ["+8675527932773"]
    assert "咨询电话：宝安分局 0755-2788 0256" in fields["note"]


def test_vcard_escapes_text_and_folds_long_lines_at_75_octets():
    office = _office(name="测试;分局,一", note="第一行\n第二行 \\ 完" + "很长的说明" * 20, address="某路 1号, 2楼")
    data = render_vcard(office)
    lines = data.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines), [len(line) for line in lines]
    assert any(line.startswith(b" ") for line in lines), "the long NOTE is folded"
    fields = vcard_fields(data)
    assert fields["fn"] == "深圳市社保 测试;分局,一"
    assert b"FN:\xe6\xb7\xb1\xe5\x9c\xb3\xe5\xb8\x82\xe7\xa4\xbe\xe4\xbf\x9d \xe6\xb5\x8b\xe8\xaf\x95\\;\xe5\x88\x86\xe5\xb1\x80\\,\xe4\xb8\x80" in data
    assert "第一行\n第二行 \\ 完" in fields["note"]
    adr = next(value for name, _, value in parse_vcard(data) if name == "ADR")
    assert adr == ";;某路 1号\\, 2楼;;;;CN"


def test_every_office_and_the_hotline_get_a_vcard(shipped):
    files = render_vcards(shipped)
    assert len(files) == len(shipped.all_offices()) == 28
    hotline = vcard_fields(files["offices/vcf/hotline-12333.vcf"])
    assert hotline["voice"] == ["12333"] and hotline["fn"] == "社保咨询热线 12333"


# Item 5 of the office issue: every office rule names file, row and column. tests/test_load.py covers
# bad fax, missing parent, parent not a branch and station without parent; these are the rest.
OFFICE_RULES = [
    # (row, column, new value, severity, expected message after "<file>:")
    (3, "phones", "0755-123", "error", '3: column "phones": "0755-123" is not a valid Chinese phone number (area code + number, e.g. 0755-82978745)'),
    (3, "phones", "0755-82978745;110", "error", '3: column "phones": "110" is not a valid Chinese phone number (area code + number, e.g. 0755-82978745)'),
    (3, "parent_id", "hotline", "error", '3: column "parent_id": "hotline" is set, but only a station (管理站) belongs to a branch; this row is a branch'),
    (4, "parent_id", "station-a", "error", '4: column "parent_id": "station-a" names an office that is not a branch (分局)'),
    (4, "faxes", "0755-82978745", "warning", '4: column "faxes": warning: "0755-8297 8745" is also the number of branch-a (row 3)'),
]


@pytest.mark.parametrize("row,column,value,severity,expected", OFFICE_RULES, ids=[f"{r[1]}-{r[2]}" for r in OFFICE_RULES])
def test_office_rules_name_file_row_and_column(tmp_path, row, column, value, severity, expected):
    data = tmp_path / "data"
    shutil.copytree(GOOD, data)
    path = data / "offices.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    rows[row - 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    dataset, problems = load_dataset(data)
    assert (dataset is None) == (severity == "error")
    assert f"{path}:{expected}" in [str(p) for p in problems if p.severity == severity]


def test_shipped_offices_have_no_shared_numbers():
    _, problems = load_dataset(ROOT / "data")
    assert [str(p) for p in problems if "offices.csv" in p.file] == []


def test_good_fixture_builds_directory_region_page_and_vcards(tmp_path):
    from generator.build import build_site

    site = tmp_path / "site"
    assert build_site(GOOD, site)
    entry = (site / "offices" / "index.html").read_text(encoding="utf-8")
    region = (site / "offices" / "440300" / "index.html").read_text(encoding="utf-8")
    assert 'href="440300/#office-branch-a"' in entry, "the no-JavaScript list links to the region page"
    assert 'href="tel:12333"' in entry and 'href="tel:12333"' in region
    assert 'href="tel:+8675582978745"' in region and "0755-8297 8745" in region
    assert "tel:+8675582978719" not in region and "tel:+8675529613610" not in region, "a fax is never a tel: link"
    assert 'id="office-station-a"' in region
    vcard = (site / "offices" / "vcf" / "station-a.vcf").read_bytes()
    assert vcard_fields(vcard)["fax"] == ["+8675529613610"]
    assert 'href="../vcf/station-a.vcf" download="深圳市社保 测试分局 测试站.vcf"' in region
    # The office HTML skips Markdown (pages.RawHtml) and is back in place before search
    # indexes the page: no marker is left, and the region page's numbers are searchable.
    assert "app-raw" not in entry and "app-raw" not in region
    assert re.search(r"<h1[^>]*>经办机构电话与传真<a", entry), "the heading holds its title only"
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    region_entries = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("offices/440300/"))
    assert "0755-8297 8745" in region_entries


@pytest.mark.parametrize("searchable, after_content, after_post_page", [
    # searchable: back in on_page_content, before site search indexes the page
    (True, "<h1>标题</h1><div><p>一</p></div><p>二</p>", "<h1>标题</h1><div><p>一</p></div><p>二</p>"),
    # not searchable: the marker stays through indexing, the block comes back in on_post_page
    (False, "<h1>标题</h1><!-- app-raw 0 --><!-- app-raw 1 -->", "<h1>标题</h1><div><p>一</p></div><p>二</p>"),
])
def test_raw_html_leaves_markdown_and_comes_back_unchanged(searchable, after_content, after_post_page):
    import jinja2

    from generator.pages import RawHtml

    raw = RawHtml()
    template = jinja2.Environment().from_string(
        "# 标题{% call raw_html(searchable=flag) %}<div>\n\n<p>一</p>\n</div>{% endcall %}"
        "{% call raw_html(searchable=flag) %}<p>二</p>{% endcall %}"
    )
    markdown = template.render(raw_html=raw.jinja_call, flag=searchable)
    assert "<div>" not in markdown and "<p>二</p>" not in markdown
    # A marker is a block of its own even when glued to a heading.
    assert markdown.startswith("# 标题\n\n<!-- app-raw 0 -->\n\n")
    html = raw.fill(markdown.replace("# 标题", "<h1>标题</h1>"), searchable=True)
    assert html.replace("\n", "") == after_content
    assert raw.fill(html, searchable=False).replace("\n", "") == after_post_page
