"""Command line: python -m generator {check,build,estimate,perf,synth,bench,schema}."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator import ROOT
from generator.load import load_dataset


def _check(args: argparse.Namespace) -> int:
    dataset, problems = load_dataset(args.data)
    for problem in problems:
        print(problem, file=sys.stderr)
    if dataset is None:
        errors = sum(1 for p in problems if p.severity == "error")
        print(f"{errors} error(s) in {args.data}", file=sys.stderr)
        return 1
    places = len({p.group for p in dataset.policies})  # the estimator's 参保地 list
    print(
        f"ok: {len(dataset.hospitals)} hospitals, {len(dataset.all_offices())} offices, {len(dataset.documents)} documents,"
        f" {len(dataset.policies)} policy presets ({places} places)"
    )
    return 0


def _build(args: argparse.Namespace) -> int:
    from generator.build import build_site

    previous = Path(args.previous) if args.previous else None
    if previous is not None and not previous.is_dir():
        print(f"--previous {args.previous}: is not a folder (the built site of the release this one replaces)", file=sys.stderr)
        return 2
    if not build_site(Path(args.data), Path(args.site_dir), previous=previous, allow_shrink=args.allow_shrink):
        print(f"build failed; {args.site_dir} was left as it was", file=sys.stderr)
        return 1
    print(f"built {args.site_dir}")
    return 0


def _estimate(args: argparse.Namespace) -> int:
    from generator.estimator import run_cli

    return run_cli(sys.stdin, sys.stdout, sys.stderr)


def _perf(args: argparse.Namespace) -> int:
    from generator.devtools.page_weight import run

    return run(Path(args.site_dir) if args.site_dir else None, Path(args.record) if args.record else None)


def _synth(args: argparse.Namespace) -> int:
    from generator.devtools.synth import write_dataset
    from generator.load import REAL_DATA_DIR

    if Path(args.out).resolve() == REAL_DATA_DIR.resolve():
        print(f"{args.out}: synthetic data must never go into the real data folder; choose another --out", file=sys.stderr)
        return 2
    counts = write_dataset(Path(args.out), args.hospitals, args.offices, args.seed)
    print(f"wrote {counts['hospitals']} hospitals and {counts['offices']} offices (synthetic) to {args.out}")
    return 0


def _bench(args: argparse.Namespace) -> int:
    from generator.devtools.bench import main as bench

    return bench(args)


def _import(args: argparse.Namespace) -> int:
    from generator.importer import import_hospitals, parse_services
    from generator.load import _display_path

    try:
        services = parse_services(args.services) if args.services is not None else None
    except ValueError as exc:
        print(f"--services: {exc}", file=sys.stderr)
        return 2
    files = [Path(f) for f in args.files]
    result = import_hospitals(files, args.source, args.as_of, Path(args.data), services, args.replace, args.skip_bad)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if not result.ok:
        errors = sum(1 for p in result.problems if p.severity == "error")
        print(f"{errors} error(s); nothing was written (--skip-bad writes the good rows and lists the others)", file=sys.stderr)
        return 1
    for problem in result.skipped:
        print(f"skipped: {problem}", file=sys.stderr)
    rows = {(p.file, p.row) for p in result.skipped}
    print(
        f"{_display_path(result.target)}: {result.added} added, {result.changed} changed, {result.unchanged} unchanged, {result.removed} removed"
        + (f", {len(rows)} bad row(s) skipped" if rows else "")
        + ("" if result.written else " (file unchanged)")
    )
    return 0


def _schema(args: argparse.Namespace) -> int:
    from generator.schema import schema_markdown

    print(schema_markdown())
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The CLI's parser (the docs test reads its subcommands)."""
    parser = argparse.ArgumentParser(prog="python -m generator", description="异地就医结算指南 site generator")
    sub = parser.add_subparsers(dest="command", required=True)
    data_help = "data folder (default: data/)"
    p = sub.add_parser("check", help="validate the data only; exit 0 when valid, 1 otherwise")
    p.add_argument("--data", default=str(ROOT / "data"), help=data_help)
    p.set_defaults(func=_check)
    p = sub.add_parser("build", help="validate and build the site atomically into site/")
    p.add_argument("--data", default=str(ROOT / "data"), help=data_help)
    p.add_argument("--site-dir", default=str(ROOT / "site"), help="output folder (default: site/)")
    p.add_argument("--previous", default=None, help="the release this one replaces, for /changes/ (default: the site in --site-dir)")
    p.add_argument("--allow-shrink", action="store_true", help="publish even if more than 10%% of hospitals or offices are dropped")
    p.set_defaults(func=_build)
    p = sub.add_parser("estimate", help="settlement estimate: JSON on stdin -> JSON on stdout; exit 2 on invalid input")
    p.set_defaults(func=_estimate)
    p = sub.add_parser("perf", help="page weight and time to content of every layout over throttled 3G in Chromium")
    p.add_argument("--site-dir", default=None, help="measure this built site instead of building the shipped data")
    p.add_argument("--record", default=None, help="also write the table into this page's perf section (./dev bench: BENCHMARKS.md)")
    p.set_defaults(func=_perf)
    p = sub.add_parser("synth", help="write a synthetic dataset in the real schema (sources start with SYNTHETIC)")
    p.add_argument("--hospitals", type=int, default=150_000, help="number of hospitals (default 150000)")
    p.add_argument("--offices", type=int, default=3_000, help="number of offices (default 3000)")
    p.add_argument("--seed", type=int, default=1, help="random seed; the same seed writes the same files")
    p.add_argument("--out", required=True, help="folder to write hospitals.csv, offices.csv and documents.csv into")
    p.set_defaults(func=_synth)
    p = sub.add_parser("bench", help="hospital search at scale: build, shard sizes, bytes and latency in Chromium, vs Pagefind")
    p.add_argument("--hospitals", type=int, default=150_000, help="synthetic hospitals (default 150000)")
    p.add_argument("--offices", type=int, default=3_000, help="synthetic offices (default 3000)")
    p.add_argument("--seed", type=int, default=1, help="random seed of the synthetic data and the queries")
    p.add_argument("--data", default=None, help="benchmark this data folder instead of synthetic data")
    p.add_argument("--out", default=str(ROOT / "bench-output"), help="work folder (default bench-output/)")
    p.add_argument("--queries", type=int, default=150, help="queries for the latency percentiles (default 150)")
    p.add_argument("--sessions", type=int, default=5, help="fresh-browser sessions per scenario (default 5)")
    p.add_argument("--no-pagefind", action="store_true", help="skip the Pagefind comparison")
    p.add_argument("--record", default=None, help="also write the tables into this page's bench section (./dev bench: BENCHMARKS.md)")
    p.set_defaults(func=_bench)
    p = sub.add_parser("import", help="import the national platform's list of institutions (CSV or XLSX) into hospitals.csv")
    p.add_argument("table", choices=["hospitals"], help="the data file to import into")
    p.add_argument("files", nargs="+", metavar="FILE", help="CSV (UTF-8 or GB18030) or XLSX files, national field names or Chinese headings")
    p.add_argument("--source", required=True, help="where the list was published (title, publisher, date)")
    p.add_argument("--as-of", required=True, help="date (YYYY-MM-DD) on which the source states the list")
    p.add_argument("--services", default=None, help="what the hospitals settle, for files without 开通住院/… columns, e.g. 住院;普通门诊")
    p.add_argument("--data", default=str(ROOT / "data"), help=data_help)
    p.add_argument("--replace", action="store_true", help="remove rows of the same --source that the files no longer have")
    p.add_argument("--skip-bad", action="store_true", help="write the good rows and list the bad ones instead of writing nothing")
    p.set_defaults(func=_import)
    p = sub.add_parser("schema", help="print the data files' schema as Markdown")
    p.set_defaults(func=_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
