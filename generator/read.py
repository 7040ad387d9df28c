"""Read a data table from CSV or XLSX into rows of strings, whatever encoding Excel used."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from openpyxl.utils.exceptions import InvalidFileException

# Excel in mainland China saves "CSV" as GB18030 (GBK); newer Excel and most tools write UTF-8,
# often with a BOM. We try them in this order; GB18030 decodes almost any byte string, so it goes last.
ENCODINGS = ("utf-8-sig", "gb18030")
_EXCEL_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2}) 00:00:00$")
# Our CSV downloads put ' before a cell that starts like a formula (open_data.py); read back, it goes.
_NEUTRALISED_FORMULA = re.compile(r"^'(?=[=+\-@])")


class ReadError(Exception):
    """The file cannot be read as a table at all."""


@dataclass(frozen=True)
class RawTable:
    """A file's header and rows, every cell a stripped string; row numbers as a spreadsheet shows them."""

    path: Path
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (row number, header 1 so data starts at 2, cells)


def find_table_file(data_dir: Path, stem: str) -> Path | None:
    """data/<stem>.csv or data/<stem>.xlsx, whichever exists (CSV first)."""
    for ext in (".csv", ".xlsx"):
        candidate = data_dir / f"{stem}{ext}"
        if candidate.exists():
            return candidate
    return None


def decode(data: bytes) -> str:
    """Text of a CSV file in UTF-8 (with or without BOM) or GB18030."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError("not UTF-8 or GB18030 text; save it as UTF-8")


def read_text(path: Path) -> str:
    """A text file beside the tables (a document summary), decoded as the CSVs are."""
    try:
        return decode(path.read_bytes())
    except OSError as exc:
        raise ReadError(exc.strerror or type(exc).__name__) from exc


def read_table(path: Path) -> RawTable:
    """Read a CSV or XLSX file as strings (no type guessing: 0755 must stay 0755)."""
    try:
        if path.suffix.lower() == ".xlsx":
            frame = pd.read_excel(path, dtype=str, keep_default_na=False, engine="openpyxl")
        else:
            text = decode(path.read_bytes())
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skipinitialspace=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError) as exc:  # a damaged or mislabelled .xlsx
        raise ReadError(f"not a valid XLSX workbook ({exc})") from exc
    except (ValueError, pd.errors.ParserError, OSError) as exc:
        raise ReadError(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__) from exc
    header = [str(c).strip() for c in frame.columns]
    frame.columns = header
    rows = []
    for index, record in enumerate(frame.to_dict(orient="records")):
        cells = {k: _clean(v) for k, v in record.items()}
        if any(cells.values()):  # blank lines are not rows
            rows.append((index + 2, cells))
    return RawTable(path, header, rows)


def _clean(value: object) -> str:
    text = "" if value is None else str(value).strip()
    match = _EXCEL_DATE.match(text)  # a date cell read from XLSX
    return match.group(1) if match else _NEUTRALISED_FORMULA.sub("", text)
