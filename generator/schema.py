"""The shape of each data file: columns, their types, whether required, and what they mean.

The README's schema tables and the site's data page are rendered from here, and a test fails
when a column is missing from the README, so the docs cannot drift from the loader.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import FILING_CHANNELS, LEVELS, OFFICE_KINDS, REDUCTION_MODES, SERVICES
from .policies import BAND_BASES, HOSPITAL_LEVELS, PERSON_TYPES, SCHEMES

LIST_SEPARATOR = ";"  # several values in one cell: "住院;普通门诊"


@dataclass(frozen=True)
class Column:
    """One column of a data file."""

    name: str
    kind: str  # id | text | enum | enum_list | region | phone | phone_list | date | ref | file | latitude | longitude
    required: bool
    meaning: str
    choices: tuple[str, ...] = ()
    region_level: str = ""  # for kind == "region": province | city | district | any


@dataclass(frozen=True)
class Table:
    """One data file (CSV or XLSX) and its columns."""

    name: str  # file stem: data/<name>.csv or data/<name>.xlsx
    meaning: str
    columns: tuple[Column, ...]

    def column(self, name: str) -> Column:
        """The column called name (the importer checks single cells with it)."""
        return next(c for c in self.columns if c.name == name)


_SOURCE = (
    Column("source", "text", True, "Where the row's facts were published (title, publisher, date); synthetic rows start with SYNTHETIC"),
    Column("as_of", "date", True, "Date (YYYY-MM-DD) on which the source states these facts"),
)

HOSPITALS = Table(
    "hospitals",
    "Networked hospitals (联网定点医疗机构) where a filed patient can settle directly",
    (
        Column("id", "id", True, "Stable unique id: lowercase letters, digits and hyphens"),
        Column("name", "text", True, "Full name as the source prints it"),
        Column("province_code", "region", True, "GB/T 2260 code of the province, e.g. 370000", region_level="province"),
        Column("city_code", "region", True, "GB/T 2260 code of the prefecture-level city, inside the province", region_level="city"),
        Column("district_code", "region", False, "GB/T 2260 code of the district or county, only where a source (or the name) says it", region_level="district"),
        Column("level", "enum", False, "Hospital grade as the source states it (未定级 where it says so); empty when the source gives none, shown as 来源未注明", choices=LEVELS),
        Column("services", "enum_list", True, "What it settles directly, separated by ;", choices=SERVICES),
        Column("address", "text", False, "Street address, where a source gives it"),
        Column("phone", "phone", False, "Public phone number, where a source gives it"),
        Column("code", "text", False, "National institution code (医疗机构代码, e.g. H37080200001) from an imported list; unique"),
        Column("kind", "text", False, "Kind of institution as the source names it (医疗机构类型, e.g. 综合医院)"),
        Column("lat", "latitude", False, "Latitude in degrees (-90 to 90), where a source gives it"),
        Column("lng", "longitude", False, "Longitude in degrees (-180 to 180), where a source gives it"),
        *_SOURCE,
    ),
)

OFFICES = Table(
    "offices",
    "Social-insurance offices (经办机构): branches (分局), their stations (管理站) and hotlines",
    (
        Column("id", "id", True, "Stable unique id: lowercase letters, digits and hyphens"),
        Column("name", "text", True, "Name as the source prints it"),
        Column("kind", "enum", True, "hotline, branch (分局), station (管理站) or other", choices=tuple(OFFICE_KINDS)),
        Column("parent_id", "ref", False, "For a station: the id of the branch it belongs to"),
        Column("region_code", "region", True, "GB/T 2260 code of the district or city it serves; 000000 for national hotlines", region_level="any"),
        Column("phones", "phone_list", False, "Consultation phone numbers (咨询电话), separated by ;"),
        Column("faxes", "phone_list", False, "Fax numbers for filing (传真), separated by ;"),
        Column("address", "text", False, "Street address, where a source gives it"),
        Column("hours", "text", False, "Opening hours, where a source gives them"),
        Column("accepts", "enum_list", False, "Filing channels the source says it accepts, separated by ;", choices=FILING_CHANNELS),
        Column("note", "text", False, "A short remark shown with the office"),
        *_SOURCE,
    ),
)

DOCUMENTS = Table(
    "documents",
    "Policy documents (政策文件) summarised on the site",
    (
        Column("id", "id", True, "Stable unique id: lowercase letters, digits and hyphens"),
        Column("number", "text", False, "Document number (文号) in simplified characters, where it has one"),
        Column("title", "text", True, "Title in simplified characters"),
        Column("issuer", "text", True, "Issuing bodies, joined with 、"),
        Column("date", "date", False, "Date of issue (YYYY-MM-DD), where the document states it"),
        Column("region_code", "region", True, "GB/T 2260 code of the region it applies to; 000000 for national", region_level="any"),
        Column("summary_file", "file", True, "Markdown file, relative to the data folder, with the summary written in our own words"),
        *_SOURCE,
    ),
)

POLICIES = Table(
    "policies",
    "Estimator presets: the insured place's payment rules (三条线), only as a source states them (optional file)",
    (
        Column("id", "id", True, "Stable unique id: lowercase letters, digits and hyphens"),
        Column("group", "id", True, "Rows with the same group are one insured place; people pick the row that fits them"),
        Column("name", "text", True, "What people see in the list of places"),
        Column("region_code", "region", True, "GB/T 2260 code of the insured place; 000000 for an example that is no place's policy", region_level="any"),
        Column("scheme", "enum", True, "Insurance scheme the row applies to", choices=SCHEMES),
        Column("person_type", "enum", True, "Working or retired, where the rules differ", choices=PERSON_TYPES),
        Column("hospital_level", "enum", True, "Hospital grade the row applies to; within a group the row that names more of scheme, person type and grade wins over 不区分", choices=HOSPITAL_LEVELS),
        Column("deductible", "number", True, "起付线 for one admission, in yuan"),
        Column("bands", "text", True, "支付比例 by amount, e.g. 0-30000:0.85;30000-:0.90 (open end: 30000-)"),
        Column("band_basis", "enum", True, "absolute: ranges on the eligible amount; above_deductible: ranges on the amount above the deductible", choices=BAND_BASES),
        Column("annual_cap", "number", False, "最高支付限额 of the basic fund per year, in yuan; empty for none"),
        Column("reduction_referral", "number", False, "Reduction for referral and emergency, as reduction_mode says (at most 10 points under 医保发〔2022〕22号)"),
        Column("reduction_temporary", "number", False, "Reduction for other temporary trips, as reduction_mode says (at most 20 points under 医保发〔2022〕22号)"),
        Column("reduction_mode", "enum", False, "points: every ratio is lowered by the reduction (0.10 = 10 points); pay_first: the patient first pays that share of the eligible amount. Required with a reduction", choices=REDUCTION_MODES),
        Column("note", "text", False, "What people must know about this preset"),
        *_SOURCE,
    ),
)

TABLES = (HOSPITALS, OFFICES, DOCUMENTS, POLICIES)


def schema_markdown() -> str:
    """The schema of every data file as Markdown tables (for the README and the site)."""
    parts = []
    for table in TABLES:
        parts.append(f"#### `data/{table.name}.csv`: {table.meaning}\n")
        parts.append("| column | type | required | meaning |\n|---|---|---|---|")
        for col in table.columns:
            kind = col.kind + (f" ({', '.join(col.choices)})" if col.choices else "")
            parts.append(f"| `{col.name}` | {kind} | {'yes' if col.required else 'no'} | {col.meaning} |")
        parts.append("")
    return "\n".join(parts)
