"""The office directory (经办机构): the /offices/ entry page, one page per region, and vCards.

Pages are Markdown with HTML blocks rendered from templates/offices*.md.j2; vCards are bytes
(CRLF line endings, UTF-8) because phones import them as they are.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import jinja2

from . import regions
from .models import Dataset, Office, Source
from .phones import Phone

# The entry page repeats every region's phone-and-fax table while they have this many rows in all
# (Shenzhen: 27). Beyond that it only links to the region pages, as province pages do for hospitals.
ENTRY_PAGE_TABLE_ROWS_MAX = 80
# Up to this many offices, /offices/ carries each finder result as a card; above it (a national
# list: 3,000 offices made the page 3.9 MB) the choice links to the office on its region page.
ENTRY_PAGE_CARDS_MAX = 300
VCARD_DIR = "offices/vcf"  # docs-relative folder of the .vcf files
_VCARD_LINE_OCTETS = 75  # RFC 2425 §5.8.1: lines SHOULD be folded at 75 octets


@dataclass(frozen=True)
class OfficeRegion:
    """The offices of one prefecture-level city: branches (分局) in source order, stations under them."""

    code: str
    name: str
    offices: tuple[Office, ...]  # top-level offices of kind branch or other

    @property
    def branch_count(self) -> int:
        return len(self.offices)

    @property
    def station_count(self) -> int:
        return sum(len(o.children) for o in self.offices)

    @property
    def sources(self) -> list[Source]:
        return list(dict.fromkeys(o.source for o in _with_children(self.offices)))

    @property
    def as_of(self) -> str:
        return max(s.as_of for s in self.sources)


@dataclass(frozen=True)
class FinderEntry:
    """One choice in 找我的经办机构: an insured district (参保地) and the office serving it."""

    label: str  # 宝安区; the office's own name where its region is not a district (大鹏分局)
    office: Office
    region: OfficeRegion


def city_of(code: str) -> str:
    """The prefecture-level city of a district code; other codes unchanged."""
    region = regions.get(code)
    if region and region.level == "district" and region.parent:
        return region.parent
    return code


def office_regions(offices: tuple[Office, ...]) -> list[OfficeRegion]:
    """Non-hotline offices grouped by city, cities in code order, offices in source order."""
    by_city: dict[str, list[Office]] = defaultdict(list)
    for office in offices:
        if office.kind != "hotline":
            by_city[city_of(office.region_code)].append(office)
    return [OfficeRegion(code, regions.name(code), tuple(by_city[code])) for code in sorted(by_city)]


def finder_entries(office_regions_: list[OfficeRegion]) -> list[FinderEntry]:
    """Districts first (one per branch whose region is a district), then city-wide offices."""
    districts, others = [], []
    for region in office_regions_:
        for office in region.offices:
            place = regions.get(office.region_code)
            if place and place.level == "district":
                districts.append(FinderEntry(place.name, office, region))
            else:
                others.append(FinderEntry(office.name, office, region))
    return districts + others


def render_office_page(env: jinja2.Environment, offices: tuple[Office, ...]) -> str:
    """The directory entry /offices/: 12333, find my office, links to the region pages."""
    grouped = office_regions(offices)
    rows = sum(r.branch_count + r.station_count for r in grouped)
    return env.get_template("offices.md.j2").render(
        hotlines=_hotlines(offices), regions=grouped, finder=finder_entries(grouped), base="",
        show_tables=rows <= ENTRY_PAGE_TABLE_ROWS_MAX, inline_cards=rows <= ENTRY_PAGE_CARDS_MAX,
        sources=list(dict.fromkeys(o.source for o in _with_children(offices))), **_template_helpers(),
    )


def render_region_page(env: jinja2.Environment, region: OfficeRegion, offices: tuple[Office, ...]) -> str:
    """One region's branches and stations: the printable phone-and-fax table, then a card per office."""
    return env.get_template("offices_region.md.j2").render(
        hotlines=_hotlines(offices), region=region, base="../", **_template_helpers()
    )


def _template_helpers() -> dict:
    """Functions the office templates call; `base` (passed per page) leads back to /offices/."""
    return {
        "search_digits": search_digits, "contact_name": contact_name, "vcard_filename": vcard_filename,
        "served_district": served_district,
    }


def render_office_pages(env: jinja2.Environment, dataset: Dataset) -> dict[str, str]:
    """Every office page: docs-relative path -> Markdown."""
    pages = {"offices/index.md": render_office_page(env, dataset.offices)}
    for region in office_regions(dataset.offices):
        pages[f"offices/{region.code}/index.md"] = render_region_page(env, region, dataset.offices)
    return pages


def _hotlines(offices: tuple[Office, ...]) -> list[Office]:
    return [o for o in offices if o.kind == "hotline" and o.phones]


def _with_children(offices) -> list[Office]:
    out: list[Office] = []
    for office in offices:
        out.append(office)
        out.extend(office.children)
    return out


def served_district(office: Office) -> str:
    """City and district the office serves (深圳市宝安区), or "" when its region is not a district."""
    place = regions.get(office.region_code)
    if place is None or place.level != "district":
        return ""
    return regions.name(place.parent or "") + place.name


def local_digits(phone: Phone) -> str:
    """The number without its area code (82978745), as people read it off a sheet and search for it."""
    _, hyphen, local = phone.display.partition("-")
    return "".join(ch for ch in local if ch.isdigit()) if hyphen else phone.digits


def search_digits(office: Office) -> str:
    """Each number of the office with its digits together ("咨询电话 82978745 075582978745"), for the site search.

    The display form "0755-8297 8745" splits into tokens 0755 / 8297 / 8745, so a search for the
    number as people write it (82978745) would find nothing without these.
    """
    parts = []
    for label, numbers in (("咨询电话", office.phones), ("备案传真", office.faxes)):
        written = [f"{local_digits(p)} {p.digits}" for p in numbers if p.display != p.digits]
        if written:
            parts.append(f"{label} {' '.join(written)}")
    return "；".join(parts)


# --- vCards ------------------------------------------------------------------------------------


def _contact_parts(office: Office, parent: Office | None) -> list[str]:
    """City + 社保, the branch, the station: ["深圳市社保", "宝安分局", "西乡站"]; a hotline is its own name."""
    if office.kind == "hotline":
        return [office.name]
    city = regions.name(city_of(office.region_code))
    return [f"{city}社保", *([parent.name] if parent else []), office.name]


def contact_name(office: Office, parent: Office | None) -> str:
    """The name a phone's address book shows, e.g. 深圳市社保 宝安分局 西乡站."""
    return " ".join(_contact_parts(office, parent))


def vcard_filename(office: Office) -> str:
    """The file name under offices/vcf/."""
    return f"{office.id}.vcf"


# Every line break a cell may hold: CRLF, a lone CR or LF, and the rarer ones (NEL, LS, PS, VT, FF),
# which some address books also treat as the end of a content line.
_LINE_BREAK = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")


def _escape(text: str) -> str:
    """TEXT value escaping (RFC 2426 §4): backslash, comma, semicolon, and every line break as \\n."""
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return _LINE_BREAK.sub("\\\\n", text)


def _fold(line: str) -> bytes:
    """Fold a content line at 75 octets without splitting a UTF-8 character; CRLF at the end."""
    out, current, size = [], [], 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > _VCARD_LINE_OCTETS:
            out.append("".join(current))
            current, size = [" "], 1  # a continuation line starts with one space
        current.append(ch)
        size += width
    out.append("".join(current))
    return "\r\n".join(out).encode("utf-8") + b"\r\n"


def render_vcard(office: Office, parent: Office | None = None) -> bytes:
    """A vCard 3.0 (RFC 2426) for one office: its name, voice and fax numbers, and where the data is from."""
    org = _contact_parts(office, parent)
    name = " ".join(org)
    note = []
    if office.accepts:
        note.append(f"备案方式：{'、'.join(office.accepts)}。")
    if parent and parent.phones and not office.phones:
        note.append(f"咨询电话：{parent.name} {'、'.join(p.display for p in parent.phones)}。")
    if office.note:
        note.append(f"{office.note}。")
    note.append(f"数据来源：{office.source.text}（截至 {office.source.as_of}）")
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{_escape(name)};;;;",
        f"FN:{_escape(name)}",
        "ORG:" + ";".join(_escape(part) for part in org),
        *(f"TEL;TYPE=WORK,VOICE:{p.e164}" for p in office.phones),
        *(f"TEL;TYPE=WORK,FAX:{p.e164}" for p in office.faxes),
    ]
    if office.address:
        lines.append(f"ADR;TYPE=WORK:;;{_escape(office.address)};;;;CN")
    lines += [f"NOTE:{_escape(''.join(note))}", "END:VCARD"]
    return b"".join(_fold(line) for line in lines)


def render_vcards(dataset: Dataset) -> dict[str, bytes]:
    """Every office's vCard: docs-relative path (offices/vcf/<id>.vcf) -> bytes."""
    files: dict[str, bytes] = {}
    for office in dataset.offices:
        files[f"{VCARD_DIR}/{vcard_filename(office)}"] = render_vcard(office)
        for station in office.children:
            files[f"{VCARD_DIR}/{vcard_filename(station)}"] = render_vcard(station, office)
    return files
