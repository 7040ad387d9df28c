"""Synthetic data in the real schema, for scale tests and benchmarks (never for data/).

Names follow the patterns of the national networked list (国家医保服务平台 定点医疗机构查询): city and
county hospitals (〈市〉第一人民医院, 〈县〉中医院, 〈县〉妇幼保健院), township health centres
(〈县〉〈镇〉镇卫生院), community health centres (〈区〉〈街道〉街道社区卫生服务中心), private hospitals and
clinics (〈姓〉氏骨科医院, 〈区〉仁爱医院, 〈姓名〉诊所), over the real GB/T 2260 region codes of
generator.regions. Town, street and road names are drawn from common place-name characters, so the
text is about as varied (and as hard to compress) as the real list. Every row's source starts with
SYNTHETIC; the loader refuses such rows in the real data folder.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import phonenumbers
from phonenumbers.geocoder import description_for_number

from .. import regions
from ..schema import DOCUMENTS, HOSPITALS, OFFICES

SOURCE = "SYNTHETIC 合成数据，仅用于规模测试（python -m generator synth, seed {seed}）"
AS_OF = "2025-01-01"
_EXCLUDED_PROVINCES = {"710000", "810000", "820000"}  # 台湾, 香港, 澳门: outside the settlement network

_SURNAMES = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔汤庞樊兰殷施陶洪翟安颜倪严牛温芦季俞章鲁葛伍申尤毕聂柴焦向柳邢岳齐梅莫庄辛管祝左涂谷祁时舒耿牟卜詹关苗凌费纪靳盛童欧甄项曲成游阳裴席卫查屈鲍位覃霍翁隋植甘景薄单包司柏宁柯阮桂闵解强柴华车冉房边"
_GIVEN = "建国军华明伟强磊洋勇艳杰娟涛超秀英敏静丽霞平刚桂兰玉芳志红波辉鹏飞宇浩然俊峰海燕春梅文斌新民永庆德福立成学忠家荣金凤小云"
# Common characters of town (乡镇), street (街道) and road names
_PLACE_A = "东西南北新大小上下前后中高石金龙凤白青平安兴和太长永丰宝华古马王李张刘陈杨黄赵周林柳桃杏梨桑枣松柏杨槐双三五七八九万千清明光阳红朝英双临城关沙泉泽"
_PLACE_B = "庄集店营屯桥河湖山寨坊堡口铺港湾沟岭坪坝塘村圩墩岗洼桥园林田庄楼亭台镇冈峪头岔关门坡滩洲渡"
_ROADS = ("人民", "建设", "解放", "中山", "和平", "光明", "胜利", "文化", "新华", "东风", "红旗", "青年", "育才", "健康",
          "长江", "黄河", "府前", "迎宾", "振兴", "团结", "幸福", "友谊", "工业", "建国", "朝阳", "北京", "南京", "环城",
          "滨河", "湖滨", "世纪", "开元", "车站", "体育", "学府", "花园", "永安", "太平", "新村", "民主", "劳动", "红星")
_BRANDS = ("仁爱", "博爱", "仁和", "康复", "华康", "同济", "协和", "济民", "康宁", "安康", "惠民", "益康", "仁济", "永康",
           "恒康", "美好", "新世纪", "和美", "瑞康", "德仁", "民生", "百姓", "天伦", "圣康", "爱尔", "普瑞", "华夏", "东方",
           "现代", "阳光", "长城", "友好", "平安", "泰和", "济仁", "众康", "健民", "福康", "国医堂", "同仁")
_BRANCHES = ("（东院区）", "（西院区）", "（南院区）", "（北院区）", "(新院区)", "（分院）", "(总院)", "（东区）")


@dataclass(frozen=True)
class _Place:
    province: regions.Region
    city: regions.Region
    district: regions.Region | None


def _short(name: str) -> str:
    """济宁市 -> 济宁, 金乡县 -> 金乡: the short form many hospital names use."""
    for suffix in ("特别行政区", "自治区", "自治州", "自治县", "地区", "林区", "新区", "市", "县", "区", "盟", "旗", "省"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _places() -> list[_Place]:
    """Every district (or district-less city) of the mainland, in code order."""
    table = regions.table()
    out = []
    for code in sorted(table):
        region = table[code]
        if region.level == "city" and region.parent not in _EXCLUDED_PROVINCES:
            districts = [d for c, d in sorted(table.items()) if d.level == "district" and d.parent == code]
            province = table[region.parent]
            if districts:
                out.extend(_Place(province, region, d) for d in districts)
            else:
                out.append(_Place(province, region, None))
    return out


@lru_cache(maxsize=1)
def _area_codes() -> dict[str, tuple[str, str]]:
    """City name (as phonenumbers' Chinese geocoder writes it) -> (area code, a valid first digit)."""
    found: dict[str, tuple[str, str]] = {}
    for area in [f"0{n}" for n in range(10, 30)] + [f"0{n}" for n in range(300, 1000)]:
        for first in "2345678":
            number = phonenumbers.parse(area + first + "3" * (10 - len(area)), "CN")
            if phonenumbers.is_valid_number(number):
                where = description_for_number(number, "zh")
                if where:
                    found.setdefault(where, (area, first))
                break
    return found


def _area_code(place: _Place) -> tuple[str, str]:
    codes = _area_codes()
    for key in (_short(place.city.name), _short(place.province.name)):
        for where, code in codes.items():
            if key in where:
                return code
    return ("010", "6")


def _phone(rng: random.Random, place: _Place) -> str:
    area, first = _area_code(place)
    return f"{area}-{first}{rng.randrange(10 ** (10 - len(area))):0{10 - len(area)}d}"


def _place_name(rng: random.Random, length: int = 2) -> str:
    return "".join(rng.choice(_PLACE_A) for _ in range(length - 1)) + rng.choice(_PLACE_B)


def _names_for(rng: random.Random, place: _Place, count: int, seen: set[str]) -> list[tuple[str, str, str]]:
    """(name, level, services) for `count` institutions in one place; `seen`: names used in its city."""
    first_in_city = not seen
    city, district = place.city.name, place.district.name if place.district else place.city.name
    city_s, district_s = _short(city), _short(district)
    rows: list[tuple[str, str, str]] = []
    if first_in_city:  # the city's own hospitals, listed once per city
        for n, word in enumerate(("第一", "第二", "第三", "第四"), 1):
            if n == 1 or rng.random() < 0.7:
                rows.append((f"{city}{word}人民医院", "三级" if n < 3 else "二级", "住院;普通门诊;门诊慢特病"))
        for suffix, level in (("中医院", "三级"), ("中心医院", "三级"), ("妇幼保健院", "三级"), ("传染病医院", "二级"),
                              ("精神卫生中心", "二级"), ("肿瘤医院", "三级"), ("儿童医院", "三级"), ("口腔医院", "二级"),
                              ("眼科医院", "二级"), ("中西医结合医院", "二级"), ("康复医院", "二级")):
            if rng.random() < 0.6:
                rows.append((f"{city}{suffix}", level, "住院;普通门诊;门诊慢特病"))
        if rng.random() < 0.5:
            rows.append((f"{city_s}医学院附属医院", "三级", "住院;普通门诊;门诊慢特病"))
    if place.district:
        rows.append((f"{district}人民医院", "二级", "住院;普通门诊;门诊慢特病"))
        rows.append((f"{district}{rng.choice(('中医院', '中医医院'))}", "二级", "住院;普通门诊;门诊慢特病"))
        if rng.random() < 0.8:
            rows.append((f"{district}妇幼保健院", "二级", "住院;普通门诊"))
    rows = [r for r in rows if r[0] not in seen]
    seen.update(r[0] for r in rows)
    while len(rows) < count:
        kind = rng.random()
        if kind < 0.30:
            town = _place_name(rng)
            suffix = rng.choice(("镇卫生院", "镇中心卫生院", "乡卫生院", "镇卫生院"))
            name = f"{district}{town}{suffix}" if rng.random() < 0.8 else f"{town}{suffix}"
            level, services = "一级", rng.choice(("住院;普通门诊", "普通门诊", "住院;普通门诊;门诊慢特病"))
        elif kind < 0.45:
            street = _place_name(rng)
            name = f"{district}{street}街道社区卫生服务中心" if rng.random() < 0.7 else f"{city_s}{street}社区卫生服务站"
            level, services = "一级", rng.choice(("普通门诊", "普通门诊;门诊慢特病"))
        elif kind < 0.65:
            brand = rng.choice(_BRANDS)
            kind_name = rng.choice(("医院", "医院", "中医医院", "骨科医院", "妇产医院", "眼科医院", "口腔医院", "康复医院",
                                    "中西医结合医院", "肛肠医院", "耳鼻喉医院", "皮肤病医院"))
            prefix = rng.choice((district, district_s, city_s, city))
            name = f"{prefix}{brand}{kind_name}" + ("有限公司" if rng.random() < 0.15 else "")
            level, services = rng.choice(("二级", "一级", "未定级")), rng.choice(("住院;普通门诊", "住院", "普通门诊"))
        elif kind < 0.75:
            surname = rng.choice(_SURNAMES)
            name = f"{district_s}{surname}氏{rng.choice(('骨科医院', '中医诊所', '口腔诊所', '正骨医院', '眼科诊所'))}"
            level, services = "未定级", rng.choice(("普通门诊", "住院;普通门诊"))
        elif kind < 0.90:
            person = rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))
            name = f"{district}{person}{rng.choice(('诊所', '中医诊所', '口腔诊所', '西医内科诊所'))}"
            level, services = "未定级", "普通门诊"
        else:
            town, village = _place_name(rng), _place_name(rng)
            name = f"{district}{town}镇{village}村卫生室"
            level, services = "未定级", "普通门诊"
        if name in seen:
            name += rng.choice(_BRANCHES)
            if name in seen:
                continue
        seen.add(name)
        rows.append((name, level, services))
    return rows[:count]


def synth_hospitals(count: int, seed: int = 1) -> list[dict[str, str]]:
    """`count` hospital rows over every mainland district, in region order, deterministic for a seed."""
    rng = random.Random(seed)
    places = _places()
    weights = [rng.uniform(0.4, 1.6) * (3 if p.district is None else 1) for p in places]
    total = sum(weights)
    counts = [int(count * w / total) for w in weights]
    for i in rng.sample(range(len(places)), count - sum(counts)) if count > sum(counts) else ():
        counts[i] += 1
    rows: list[dict[str, str]] = []
    names_by_city: dict[str, set[str]] = {}
    source = SOURCE.format(seed=seed)
    for place, n in zip(places, counts):
        if n == 0:
            continue
        district = place.district.name if place.district else ""
        for name, level, services in _names_for(rng, place, n, names_by_city.setdefault(place.city.code, set())):
            road = rng.choice(_ROADS) + rng.choice(("路", "街", "大道", "东路", "西路", "中路"))
            rows.append({
                "id": f"syn-{len(rows) + 1:06d}",
                "name": name,
                "province_code": place.province.code,
                "city_code": place.city.code,
                "district_code": place.district.code if place.district else "",
                "level": level,
                "services": services,
                "address": f"{place.city.name}{district}{road}{rng.randrange(1, 999)}号" if rng.random() < 0.9 else "",
                "phone": _phone(rng, place) if rng.random() < 0.7 else "",
                "source": source,
                "as_of": AS_OF,
            })
    return rows


def synth_offices(count: int, seed: int = 1) -> list[dict[str, str]]:
    """A national hotline, then a branch (分局) per district with stations (管理站) under some."""
    rng = random.Random(seed + 1)
    source = SOURCE.format(seed=seed)
    rows = [{"id": "syn-hotline-12333", "name": "社保咨询热线 12333", "kind": "hotline", "parent_id": "", "region_code": "000000",
             "phones": "12333", "faxes": "", "address": "", "hours": "", "accepts": "", "note": "", "source": source, "as_of": AS_OF}]
    places = [p for p in _places() if p.district]
    used: set[str] = set()

    def number(place: _Place) -> str:
        while True:
            value = _phone(rng, place)
            if value not in used:
                used.add(value)
                return value

    branch_id, place = "", places[0]
    index = 0
    while len(rows) < count:
        if branch_id and rng.random() < 0.4:  # a station of the branch just written
            district = place.district.name
            town = _place_name(rng)
            rows.append({"id": f"syn-office-{len(rows):06d}", "name": f"{town}街道社保管理站", "kind": "station",
                         "parent_id": branch_id, "region_code": place.district.code, "phones": number(place), "faxes": "",
                         "address": f"{district}{rng.choice(_ROADS)}路{rng.randrange(1, 500)}号", "hours": "",
                         "accepts": "窗口", "note": "", "source": source, "as_of": AS_OF})
            continue
        place = places[index % len(places)]
        index += 1
        district = place.district.name
        branch_id = f"syn-office-{len(rows):06d}"
        rows.append({"id": branch_id, "name": f"{district}分局", "kind": "branch", "parent_id": "",
                     "region_code": place.district.code, "phones": number(place), "faxes": number(place),
                     "address": f"{place.city.name}{district}{rng.choice(_ROADS)}路{rng.randrange(1, 500)}号",
                     "hours": "周一至周五 9:00-17:00", "accepts": "窗口;传真", "note": "", "source": source, "as_of": AS_OF})
    return rows[:count]


def write_dataset(out: Path, hospitals: int, offices: int, seed: int = 1) -> dict[str, int]:
    """Write hospitals.csv, offices.csv and an empty documents.csv into `out`; returns row counts."""
    out.mkdir(parents=True, exist_ok=True)
    tables = {
        HOSPITALS: synth_hospitals(hospitals, seed),
        OFFICES: synth_offices(offices, seed) if offices else [],
        DOCUMENTS: [],
    }
    for table, rows in tables.items():
        with (out / f"{table.name}.csv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=[c.name for c in table.columns], lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return {table.name: len(rows) for table, rows in tables.items()}
