"""MkDocs hook: validate the data and add the generated pages to the build. Glue only."""

from __future__ import annotations

import json
import os
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File

from generator import phases
from generator.load import load_dataset
from generator.offline import write_service_worker
from generator.offices import render_vcards
from generator.open_data import render_downloads
from generator.policies import presets_json
from generator.pages import fill_hospital_lists, fill_html_blocks, render_hospital_lists, render_pages, split_html_blocks
from generator.search_index import build_search_files
from generator.site_search import compact_search_index
from generator.traditional import MIRROR, build_mirror

DATA_DIR_ENV = "APP_DATA_DIR"  # `python -m generator build --data DIR` passes its folder here

_state: dict = {}


def data_dir(config) -> Path:
    """The data folder: $APP_DATA_DIR, else data/ next to mkdocs.yml."""
    configured = os.environ.get(DATA_DIR_ENV)
    return Path(configured) if configured else Path(config.config_file_path).parent / "data"


def on_config(config):
    phases.reset()
    phases.watch(config)  # Markdown and Material's search index, timed inside MkDocs' events
    with phases.phase("load"):
        dataset, problems = load_dataset(data_dir(config))
    for problem in problems:
        print(problem)
    if dataset is None:
        # Abort before MkDocs touches site_dir, so a previous build stays as it was.
        errors = sum(1 for p in problems if p.severity == "error")
        raise Abort(f"Data has {errors} error(s); nothing was built.")
    _state["dataset"] = dataset
    return config


def on_files(files, config):
    with phases.phase("search files"):
        search = build_search_files(_state["dataset"])  # hospitals/data/<hash>/: the lookup's shards
    phases.start("generated pages")
    _state["html_blocks"] = {}
    for src_uri, markdown in render_pages(_state["dataset"], hospital_data=search.manifest).items():
        markdown = split_html_blocks(markdown, _state["html_blocks"])  # raw HTML skips Markdown
        files.append(File.generated(config, src_uri, content=markdown))
    for src_uri, content in {**search.files, **render_downloads(_state["dataset"])}.items():
        files.append(File.generated(config, src_uri, content=content))
    _state["hospital_lists"] = render_hospital_lists(_state["dataset"])
    for src_uri, vcard in render_vcards(_state["dataset"]).items():  # offices/vcf/<id>.vcf
        files.append(File.generated(config, src_uri, content=vcard))
    phases.stop("generated pages")
    presets = json.dumps(presets_json(_state["dataset"].policies), ensure_ascii=False, sort_keys=True)
    files.append(File.generated(config, "assets/data/policy-presets.json", content=presets))
    return files


def on_page_content(html, page, config, files):
    return fill_html_blocks(html, _state["html_blocks"])  # before search indexes the page


def on_post_page(output, page, config):
    return fill_hospital_lists(output, _state["hospital_lists"])  # lists skip Markdown: see pages.py


def on_post_build(config):
    # Order matters: Material has written its search index; the worker lists this build's shell;
    # the mirror copies the site and gets a worker of its own.
    site_dir = Path(config.site_dir)
    with phases.phase("Material search index"):
        compact_search_index(site_dir)  # Material has written it (its on_post_build runs first)
    with phases.phase("service worker"):
        write_service_worker(site_dir)
    with phases.phase("繁體 mirror"):
        build_mirror(site_dir)
        write_service_worker(site_dir / MIRROR)  # its own shell: the mirror's pages differ
    print(phases.summary())
