"""The domain: frozen dataclasses built from validated rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from .phones import Phone

GRADES = ("三级", "二级", "一级")  # hospital grades (医院等级), highest first; the estimator's presets use them too
LEVELS = (*GRADES, "未定级")  # a hospital's level as a source states it (the national list uses 未定级 as a grade)
LEVEL_UNSTATED = "来源未注明"  # shown where the source gives no level (level is empty)
SERVICES = ("住院", "普通门诊", "门诊慢特病")  # what a hospital settles directly
OFFICE_KINDS = {"hotline": "咨询热线", "branch": "分局", "station": "管理站", "other": "其他经办点"}
FILING_CHANNELS = ("窗口", "电话", "传真")  # how an office accepts a filing (备案)
# How an insured place lowers the ratio for a temporary trip (the estimator core's filing.reduction.mode):
# points: every band ratio is lowered by the reduction; pay_first: the patient first pays that share of
# the eligible amount, the rest is settled as usual.
REDUCTION_MODES = ("points", "pay_first")


@dataclass(frozen=True)
class Source:
    """Where a row's facts come from and the date they were true."""

    text: str
    as_of: str  # ISO date

    @property
    def synthetic(self) -> bool:
        return self.text.startswith("SYNTHETIC")


@dataclass(frozen=True)
class Hospital:
    """A networked hospital (联网定点医疗机构) where direct settlement is possible."""

    id: str
    name: str
    province_code: str
    city_code: str
    district_code: str  # "" when the source does not place it in a district
    level: str  # from LEVELS, or "" when the source gives none
    services: tuple[str, ...]
    address: str
    phone: Phone | None
    source: Source
    code: str = ""  # national institution code (医疗机构代码), "" when not imported from a list
    kind: str = ""  # 医疗机构类型 as the source names it
    lat: str = ""  # degrees as the source gives them (text, so a file round-trips byte for byte)
    lng: str = ""

    @property
    def level_shown(self) -> str:
        """The level as people see it: 来源未注明 where the source is silent."""
        return self.level or LEVEL_UNSTATED


def hospital_order(hospital: Hospital) -> tuple:
    """The one display order of hospitals (pages, downloads, search cells): city, district, level
    (三级 first, unstated last), name, id."""
    level = LEVELS.index(hospital.level) if hospital.level in LEVELS else len(LEVELS)
    return (hospital.city_code, hospital.district_code or "", level, hospital.name, hospital.id)


@dataclass(frozen=True)
class Office:
    """A social-insurance office (经办机构) or hotline people call, fax or visit."""

    id: str
    name: str
    kind: str  # key of OFFICE_KINDS
    parent_id: str  # "" for top-level offices; a station's branch otherwise
    region_code: str
    phones: tuple[Phone, ...]  # consultation numbers (咨询电话)
    faxes: tuple[Phone, ...]  # fax numbers for filing (传真)
    address: str
    hours: str
    accepts: tuple[str, ...]  # filing channels, from FILING_CHANNELS
    note: str
    source: Source
    children: tuple[Office, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Document:
    """A policy document (政策文件) summarised on the site."""

    id: str
    number: str  # 文号, e.g. 人社部发〔2009〕190号
    title: str
    issuer: str
    date: str  # ISO date or ""
    region_code: str
    summary_file: str  # Markdown, relative to the data folder
    source: Source


@dataclass(frozen=True)
class PolicyPreset:
    """The payment rules of one insured place for one kind of person and hospital."""

    id: str
    group: str
    name: str
    region_code: str
    scheme: str
    person_type: str
    hospital_level: str
    deductible: float
    bands: tuple[dict, ...]  # {"from", "to", "ratio"} as the estimator takes them
    band_basis: str
    annual_cap: float | None
    reduction_referral: float | None
    reduction_temporary: float | None
    reduction_mode: str | None
    note: str
    source: Source

    def as_json(self) -> dict:
        """What the estimator page needs, in the estimator's own field names."""
        return {
            "id": self.id, "group": self.group, "name": self.name, "region_code": self.region_code,
            "scheme": self.scheme, "person_type": self.person_type, "hospital_level": self.hospital_level,
            "policy": {"deductible": self.deductible, "bands": list(self.bands), "band_basis": self.band_basis,
                       "annual_cap": self.annual_cap},
            "reduction_referral": self.reduction_referral, "reduction_temporary": self.reduction_temporary,
            "reduction_mode": self.reduction_mode, "note": self.note, "source": self.source.text, "as_of": self.source.as_of,
        }


@dataclass(frozen=True)
class Dataset:
    """Everything the site is built from."""

    hospitals: tuple[Hospital, ...]
    offices: tuple[Office, ...]  # top-level offices; stations hang under .children
    documents: tuple[Document, ...]
    data_dir: str
    policies: tuple[PolicyPreset, ...] = ()  # estimator presets (data/policies.csv)

    def all_offices(self) -> list[Office]:
        """Offices in source order, stations right after their branch."""
        out: list[Office] = []
        for office in self.offices:
            out.append(office)
            out.extend(office.children)
        return out
