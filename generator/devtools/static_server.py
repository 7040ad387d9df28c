"""The static file server of tests and benchmarks: gzip like any real static host, loopback only.

Python's http.server sends files uncompressed, which would overstate what a phone downloads;
measuring page weight against it would be measuring the wrong thing.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from pathlib import Path

_COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".webmanifest", ".txt", ".csv", ".vcf"}


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".mjs": "text/javascript", ".webmanifest": "application/manifest+json"}

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.suffix in _COMPRESSIBLE and path.is_file()):
            return super().send_head()
        if self.path.split("?")[0].endswith("/") is False and (Path(self.translate_path(self.path))).is_dir():
            return super().send_head()  # let the base class redirect /dir to /dir/
        body = _compressed(str(path), path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        return _BytesFile(body)


class _BytesFile:
    def __init__(self, data: bytes):
        self._data = data

    def read(self, *_):
        data, self._data = self._data, b""
        return data

    def close(self):
        pass


@functools.lru_cache(maxsize=4096)
def _compressed(path: str, _mtime: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


def serve(directory: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve directory on 127.0.0.1 (random port) in a daemon thread; returns (base URL, server)."""
    handler = functools.partial(_GzipHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server
