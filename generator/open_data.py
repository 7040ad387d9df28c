"""Open data: the validated hospital list as CSV, for the whole country and per province.

The whole country's list comes zipped (hospitals.zip holding hospitals.csv): it repeats the rows of
the province files beside it, and at national scale it was 34 MB of a site meant to stay under
250 MB; deflated it is a tenth of that, and Windows, macOS and phones open a ZIP themselves.

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
import zipfile
from collections import defaultdict

from .models import Dataset, Hospital, hospital_order
from .schema import HOSPITALS, LIST_SEPARATOR

DOWNLOADS_DIR = "hospitals/downloads"
WHOLE_LIST_CSV = "hospitals.csv"  # the one file inside the whole list's ZIP
# A fixed time stamp in the ZIP: the same data gives the same bytes (reproducible builds).
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A signed number, or a phone number written with + and digits: Excel can run nothing in these.
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?|\+\d[\d ]*\d", re.ASCII)


def neutralise(cell: str) -> str:
    """The cell as a spreadsheet shows it as text: ' before a formula, numbers unchanged."""
    if cell.startswith(_FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def download_path(province_code: str | None = None) -> str:
    """Site path of the CSV of one province, or of the ZIP of the whole list."""
    return f"{DOWNLOADS_DIR}/{province_code}.csv" if province_code else f"{DOWNLOADS_DIR}/hospitals.zip"


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


def _zip(name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16  # a plain readable file when unzipped on Linux or macOS
        archive.writestr(info, data, compresslevel=9)
    return out.getvalue()


def whole_list_csv(zipped: bytes) -> bytes:
    """The CSV inside the whole list's ZIP (for tests and for anyone scripting a download)."""
    with zipfile.ZipFile(io.BytesIO(zipped)) as archive:
        return archive.read(WHOLE_LIST_CSV)


def render_downloads(dataset: Dataset) -> dict[str, bytes]:
    """Site path -> bytes: hospitals/downloads/hospitals.zip (the whole list) and one CSV per province."""
    ordered = sorted(dataset.hospitals, key=hospital_order)
    by_province: dict[str, list[Hospital]] = defaultdict(list)
    for h in ordered:
        by_province[h.province_code].append(h)
    files = {download_path(): _zip(WHOLE_LIST_CSV, _csv(ordered))}
    for code in sorted(by_province):
        files[download_path(code)] = _csv(by_province[code])
    return files
