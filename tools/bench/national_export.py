"""Write a SYNTHETIC export in the national platform's shape, to measure `python -m generator import`.

    python tools/bench/national_export.py --rows 150000 --out /tmp/export.csv [--encoding gb18030]
    /usr/bin/time -v python -m generator import hospitals /tmp/export.csv --data /tmp/bench-data \\
        --source "SYNTHETIC national export" --as-of 2024-05-01 --services 住院

Rows have the lookup's field names (medinsCode, medinsName, … lat, lnt), regnCode holding only the
province (as saved lookups often do, so the region comes from the code's digits) and mixed grade
spellings. Every name ends with （合成）: these are no real institutions. Never written into data/.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from generator import regions  # noqa: E402
from generator.load import REAL_DATA_DIR  # noqa: E402

HEADER = ["medinsCode", "medinsName", "medinsTypeName", "medinsLvName", "addr", "regnCode", "lat", "lnt", "uscc", "openElec"]
GRADES = ("三级甲等", "三甲", "三级乙等", "三级", "二级甲等", "二级", "二乙", "一级", "一级甲等", "未定级")
KINDS = ("综合医院", "中医医院", "专科医院", "妇幼保健院", "社区卫生服务中心", "乡镇卫生院", "诊所")


def rows(count: int, seed: int):
    rng = random.Random(seed)
    districts = sorted(r.code for r in regions.table().values() if r.level == "district")
    serial: dict[str, int] = {}
    for _ in range(count):
        district = rng.choice(districts)
        serial[district] = serial.get(district, 0) + 1
        n = serial[district]
        name = regions.name(district)
        yield [
            f"H{district}{n:05d}", f"{name}第{n}{rng.choice(KINDS)}（合成）", rng.choice(KINDS), rng.choice(GRADES),
            f"{name}合成路{rng.randint(1, 999)}号", district[:2] + "0000",
            f"{rng.uniform(18, 53):.6f}", f"{rng.uniform(73, 135):.6f}", "", rng.choice(("1", "0")),
        ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=150_000)
    parser.add_argument("--out", required=True)
    parser.add_argument("--encoding", default="utf-8-sig", help="utf-8-sig (default) or gb18030")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    out = Path(args.out).resolve()
    if REAL_DATA_DIR.resolve() in (out, *out.parents):
        print(f"{args.out}: synthetic data must never go into the real data folder", file=sys.stderr)
        return 2
    with out.open("w", encoding=args.encoding, newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        writer.writerows(rows(args.rows, args.seed))
    print(f"wrote {args.rows} SYNTHETIC rows to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
