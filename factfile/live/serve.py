"""Live preview: build, serve the output on 127.0.0.1, rebuild on every save and reload the browsers.

Broken content never stops the server: while the last build failed, every page is replaced by a page
listing the problems, served with status 500 so scripts and link checkers do not take it for the
page (browsers show it all the same), and the browser reloads by itself once the files are fixed.
Rebuilds run on the server's only thread, so a request never sees a half-written site: it waits.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from urllib.parse import unquote

from livereload import Server
from livereload.handlers import LiveReloadHandler, StaticFileHandler
from livereload.server import LiveScriptInjector
from markupsafe import escape
from tornado.web import HTTPError

from ..engine.build import Engine
from ..engine.options import BuildOptions, BuildResult, default_cache
from ..problems import Problems, display_path, summary_line
from ..site.render import STATIC_DIR
from .watch import SiteWatcher

log = logging.getLogger("factfile")

ERROR_STATUS = 500
SOURCE_SUFFIXES = (".yaml", ".html", ".css", ".js", ".jpg", ".jpeg", ".png", ".webp")

_ERROR_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build failed · preview</title>
<link rel="stylesheet" href="/{static}/style.css">
<style>.problems li {{ margin: .5em 0; }} .problems code {{ white-space: pre-wrap; word-break: break-word; }}</style>
</head>
<body>
<main id="main" class="wrap">
<h1>The site could not be built</h1>
<p>Fix the problems below and save: this page reloads by itself. The last good version is kept
on disk and comes back with the next successful build.</p>
<ol class="problems">
{items}
</ol>
<p>{summary}</p>
</main>
</body>
</html>
"""


def error_page(problems: Problems, strict: bool = False) -> bytes:
    """Return the page shown instead of every page while the content has problems."""
    items = "\n".join(f"<li><code>{escape(str(problem))}</code></li>" for problem in problems.sorted()
                      if not problem.warning or strict)
    return _ERROR_PAGE.format(static=STATIC_DIR, items=items,
                              summary=escape(summary_line(problems, strict))).encode("utf-8")


class Preview:
    """The state of a preview: its engine and the error page, if the last build failed."""

    def __init__(self, options: BuildOptions, stream, cache: Path | None = None) -> None:
        self.options = options
        self.engine = Engine(options, cache if cache is not None else default_cache(options.out))
        self.stream = stream
        self.error_html: bytes | None = None

    def start(self) -> BuildResult:
        """Build everything once, before serving."""
        return self._after("first build")

    def changed(self, paths: list[Path]) -> BuildResult:
        """Rebuild after files changed."""
        # Editors' short-lived files (sed -i's sedXXXXXX, vim's 4913, .swp) are not worth a line.
        names = [display_path(p) for p in paths
                 if not Path(p).name.startswith(".") and (Path(p).exists() or Path(p).suffix in SOURCE_SUFFIXES)]
        return self._after(_names(names), rebuild=True, quiet=not names)

    def _after(self, what: str, rebuild: bool = False, quiet: bool = False) -> BuildResult:
        started = time.perf_counter()
        try:
            result = self.engine.run()
        except Exception as exc:  # a bug must not stop the preview; the next change builds afresh
            log.debug("rebuild failed", exc_info=True)
            result = BuildResult(Problems())
            result.problems.add("factfile", (0, 0), "", f"internal error: {type(exc).__name__}: {exc}")
        took = (time.perf_counter() - started) * 1000
        ok = result.ok(self.options.strict)
        if rebuild and ok and self.error_html is None and (quiet or result.unchanged):
            return result  # only editors' temporary files came and went: nothing to say
        for problem in result.problems.sorted():
            print(problem, file=self.stream)
        if ok:
            self.error_html = None
            print(f"{what}: {result.files} files written ({result.rendered} of {result.pages} pages rendered) "
                  f"in {took:.0f} ms", file=self.stream)
        else:
            self.error_html = error_page(result.problems, self.options.strict)
            print(f"{what}: build failed: {summary_line(result.problems, self.options.strict)}; "
                  f"the browser shows the problems ({took:.0f} ms)", file=self.stream)
        self.stream.flush()
        return result


def _names(paths: list[str]) -> str:
    """Return the changed files for the terminal line: the first three, then how many more."""
    return ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")


def _is_page(path: str) -> bool:
    """Return whether a request path asks for a page rather than a stylesheet or file."""
    last = path.rsplit("/", 1)[-1]
    return last == "" or last.endswith(".html") or "." not in last


class PreviewHandler(StaticFileHandler):
    """Serves the output folder, or the error page while the last build failed."""

    preview: Preview

    async def get(self, path: str, include_body: bool = True) -> None:
        if ".." in unquote(path).replace("\\", "/").split("/"):
            raise HTTPError(403)  # never anything outside the output folder, however encoded
        html = self.preview.error_html
        if html is not None and _is_page(path):
            self.set_status(ERROR_STATUS)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            self.finish(html if include_body else b"")
            return
        await super().get(path, include_body)

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", "no-store")  # a preview is never stale


def _inject_script_file(port: int) -> None:
    """Make livereload add its script as a file from this server, not as inline code.

    Pages carry a Content-Security-Policy that refuses inline scripts (script-src 'self'); the
    preview keeps that policy, so it must load livereload.js the way the policy allows.
    """
    tag = f'<script src="/livereload.js?port={port}"></script>'.encode()
    original = LiveScriptInjector.transform_first_chunk
    if getattr(original, "factfile", False):
        return

    def transform(self, status_code, headers, chunk, finishing):  # type: ignore[no-untyped-def]
        self.script = tag
        return original(self, status_code, headers, chunk, finishing)

    transform.factfile = True  # type: ignore[attr-defined]
    LiveScriptInjector.transform_first_chunk = transform  # type: ignore[method-assign]


class _Server(Server):
    """livereload's server, quiet: factfile prints one line per rebuild itself."""

    def _setup_logging(self) -> None:
        for name in ("livereload", "tornado.access", "tornado.application", "tornado.general"):
            logging.getLogger(name).setLevel(logging.ERROR)
            logging.getLogger(name).propagate = False


def serve(options: BuildOptions, host: str, port: int, open_browser: bool, stream) -> int:
    """Build, then serve and rebuild until interrupted."""
    preview = Preview(options, stream)
    preview.start()
    options.out.mkdir(parents=True, exist_ok=True)
    roots = [options.content, options.templates]
    watcher = SiteWatcher(roots, preview.changed, exclude=options.out)
    server = _Server(watcher=watcher)
    for root in roots:
        server.watch(str(root))
    handler = type("Handler", (PreviewHandler,), {"preview": preview})
    server.SFH = handler
    # The watcher gathers bursts itself; livereload's own 3-second throttle would drop real reloads.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
    _inject_script_file(port)
    print(f"serving {options.out}/ on http://{host}:{port}/ (Ctrl-C to stop)", file=stream, flush=True)
    server.serve(port=port, host=host, root=str(options.out), open_url_delay=0.5 if open_browser else None,
                 default_filename="index.html")
    return 0
