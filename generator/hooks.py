"""MkDocs hook: validate the data and add the generated pages to the build. Glue only."""

from __future__ import annotations

import json
import os
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File

from generator import changes, guide_sources, phases
from generator.load import load_dataset
from generator.offices import render_vcards
from generator.offline import write_service_worker
from generator.open_data import render_downloads
from generator.pages import RawHtml, render_pages
from generator.places import places_file
from generator.policies import MAX_REDUCTION_POINTS, presets_file, presets_json
from generator.search_index import build_search_files
from generator.site_search import compact_search_index
from generator.summaries import clean_summaries
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
    # The release this build replaces, read before MkDocs cleans site_dir; a big loss stops here.
    _state["previous"] = changes.load_previous(changes.previous_site(config.site_dir))
    shrink = changes.shrink_problems(data_dir(config), dataset, _state["previous"])
    if shrink:
        raise Abort("\n".join(shrink))
    if dataset is None:
        # Abort before MkDocs touches site_dir, so a previous build stays as it was.
        errors = sum(1 for p in problems if p.severity == "error")
        raise Abort(f"Data has {errors} error(s); nothing was built.")
    _state["dataset"] = dataset
    config.extra["max_reduction_points"] = MAX_REDUCTION_POINTS  # the estimator page's 22号 ceilings
    return config


def on_files(files, config):
    _state["guide"] = guide_sources.check_files(files, _state["dataset"])  # every guide page names its sources
    with phases.phase("search files"):
        search = build_search_files(_state["dataset"])  # hospitals/data/<hash>/: the lookup's shards
    phases.start("generated pages")
    _state["raw_html"] = RawHtml()  # raw HTML skips Markdown: the pages keep markers
    _state["hospital_manifest"] = search.manifest  # the journey page finds hospitals through it
    for src_uri, markdown in render_pages(_state["dataset"], search.manifest, _state["raw_html"]).items():
        files.append(File.generated(config, src_uri, content=markdown))
    for src_uri, content in {**search.files, **render_downloads(_state["dataset"])}.items():
        files.append(File.generated(config, src_uri, content=content))
    for src_uri, vcard in render_vcards(_state["dataset"]).items():  # offices/vcf/<id>.vcf
        files.append(File.generated(config, src_uri, content=vcard))
    releases, current = changes.history(_state["dataset"], _state["previous"])
    _state["release"] = (releases, current)
    page = changes.render_page(releases, _state["raw_html"])
    files.append(File.generated(config, changes.PAGE, content=page))
    files.append(File.generated(config, changes.FEED, content=changes.render_feed(releases, config.site_url)))
    phases.stop("generated pages")
    presets = json.dumps(presets_json(_state["dataset"].policies), ensure_ascii=False, sort_keys=True)
    config.extra["presets_file"] = presets_file(presets)  # hashed name; the estimator's partial links it
    files.append(File.generated(config, config.extra["presets_file"], content=presets))
    _state["places"], places = places_file(_state["dataset"])  # the journey page's places (hashed name)
    files.append(File.generated(config, _state["places"], content=places))
    return files


def on_page_markdown(markdown, page, config, files):
    return guide_sources.page_markdown(markdown, page, _state["guide"])  # date + 依据 from front matter


def on_page_context(context, page, config, nav):
    if page.meta.get("tool") == "journey":  # its data files have hashed names
        page.meta.update(places_data=_state["places"], hospital_data=_state["hospital_manifest"])
    return context


def on_page_content(html, page, config, files):
    html = _state["raw_html"].fill(html, searchable=True)  # before search indexes the page
    return clean_summaries(html)  # a document's summary: only Markdown's formatting survives


def on_post_page(output, page, config):
    return _state["raw_html"].fill(output, searchable=False)  # after it: kept out of site search


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
    changes.write_release_files(site_dir, *_state["release"])  # after the mirror: the next build reads it here
    print(phases.summary())
