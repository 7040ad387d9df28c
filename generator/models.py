"""The domain: frozen dataclasses built from validated rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from .phones import Phone

LEVELS = ("三级", "二级", "一级", "未定级")  # hospital grade, as a source states it
SERVICES = ("住院", "普通门诊", "门诊慢特病")  # what a hospital settles directly
OFFICE_KINDS = {"hotline": "咨询热线", "branch": "分局", "station": "管理站", "other": "其他经办点"}
FILING_CHANNELS = ("窗口", "电话", "传真")  # how an office accepts a filing (备案)


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
    level: str
    services: tuple[str, ...]
    address: str
    phone: Phone | None
    source: Source
    code: str = ""  # national institution code (医疗机构代码), "" when not imported from a list
    kind: str = ""  # 医疗机构类型 as the source names it
    lat: str = ""  # degrees as the source gives them (text, so a file round-trips byte for byte)
    lng: str = ""


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
    children: tuple["Office", ...] = field(default=(), compare=False)


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
class Dataset:
    """Everything the site is built from."""

    hospitals: tuple[Hospital, ...]
    offices: tuple[Office, ...]  # top-level offices; stations hang under .children
    documents: tuple[Document, ...]
    data_dir: str
    policies: tuple = ()  # estimator presets (generator.policies.PolicyPreset)

    def all_offices(self) -> list[Office]:
        """Offices in source order, stations right after their branch."""
        out: list[Office] = []
        for office in self.offices:
            out.append(office)
            out.extend(office.children)
        return out
