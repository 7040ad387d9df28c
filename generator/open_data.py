"""Open data: the validated hospital list as CSV, for the whole country and per province.

The files have exactly the columns of data/hospitals.csv, so a download can be checked and built
again with `python -m generator check`. They start with a UTF-8 byte order mark because Excel in
mainland China otherwise opens UTF-8 as GBK and shows garbage.

A cell that starts like a spreadsheet formula (= + - @, or a tab or CR) gets a ' in front, as OWASP's
CSV injection advice says, so Excel shows it as text instead of running it; numbers (-3, +86 755 …)
are left as they are. Reading the file back (generator/read.py) drops that '.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict

from .models import Dataset, Hospital, hospital_order
from .schema import HOSPITALS, LIST_SEPARATOR

DOWNLOADS_DIR = "hospitals/downloads"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A signed number, or a phone number written with + and digits: Excel can run nothing in these.
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?|\+\d[\d ]*\d", re.ASCII)


def neutralise(cell: str) -> str:
    """The cell as a spreadsheet shows it as text: ' before a formula, numbers unchanged."""
    if cell.startswith(_FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def download_path(province_code: str | None = None) -> str:
    """Site path of the CSV of one province, or of the whole list."""
    return f"{DOWNLOADS_DIR}/{province_code or 'hospitals'}.csv"


def _row(h: Hospital) -> list[str]:
    cells = [
        h.id, h.name, h.province_code, h.city_code, h.district_code, h.level, LIST_SEPARATOR.join(h.services),
        h.address, h.phone.display if h.phone else "", h.code, h.kind, h.lat, h.lng, h.source.text, h.source.as_of,
    ]
    return [neutralise(cell) for cell in cells]


def _csv(hospitals: list[Hospital]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in HOSPITALS.columns])
    writer.writerows(_row(h) for h in hospitals)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def render_downloads(dataset: Dataset) -> dict[str, bytes]:
    """Site path -> CSV bytes: hospitals/downloads/hospitals.csv and one file per province."""
    ordered = sorted(dataset.hospitals, key=hospital_order)
    by_province: dict[str, list[Hospital]] = defaultdict(list)
    for h in ordered:
        by_province[h.province_code].append(h)
    files = {download_path(): _csv(ordered)}
    for code in sorted(by_province):
        files[download_path(code)] = _csv(by_province[code])
    return files
