"""Live preview: build, serve the output on 127.0.0.1, rebuild on every save and reload the browsers.

Broken content never stops the server: while the last build failed, every page is replaced by a page
listing the problems, served with status 500 so scripts and link checkers do not take it for the
page (browsers show it all the same), and the browser reloads by itself once the files are fixed.
Rebuilds run on the server's only thread, so a request never sees a half-written site: it waits.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote

from livereload import Server
from livereload.handlers import LiveReloadHandler, StaticFileHandler
from livereload.server import LiveScriptInjector
from markupsafe import escape
from tornado.web import HTTPError

from ..engine.incremental import Builder, Outcome
from ..engine.options import BuildOptions
from ..problems import Problems, summary_line
from ..site.render import STATIC_DIR
from .watch import SiteWatcher

log = logging.getLogger("factfile")

ERROR_STATUS = 500

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
    """The state of a preview: its builder and the error page, if the last build failed."""

    def __init__(self, options: BuildOptions, stream) -> None:
        self.options = options
        self.builder = Builder(options, defer_extras=True)
        self.stream = stream
        self.error_html: bytes | None = None
        # The data files and feeds are brought up to date on this thread after the browsers were told
        # to reload, so a reload never waits for them; the next rebuild waits for it instead.
        self.extras = ThreadPoolExecutor(max_workers=1, thread_name_prefix="factfile-extras")
        self.pending: Future | None = None

    def start(self) -> Outcome:
        """Build everything once, before serving."""
        return self._after(lambda: self.builder.build(), "first build")

    def changed(self, paths: list[Path]) -> Outcome:
        """Rebuild after files changed; the pages now, the data files right after."""
        self.wait_for_extras()
        outcome = self._after(lambda: self.builder.rebuild(paths), _names([str(p) for p in paths]), rebuild=True)
        if self.builder.extras_pending:
            self.pending = self.extras.submit(self._write_extras)
        return outcome

    def wait_for_extras(self) -> None:
        """Wait until the data files of the last rebuild are written."""
        if self.pending is not None:
            self.pending.result()
            self.pending = None

    def _write_extras(self) -> None:
        try:
            self.builder.write_extras()
        except Exception as exc:  # the next rebuild writes them again; the preview must go on
            log.debug("writing data files failed", exc_info=True)
            print(f"could not write the data files: {type(exc).__name__}: {exc}", file=self.stream, flush=True)

    def _after(self, run, what: str, rebuild: bool = False) -> Outcome:
        started = time.perf_counter()
        try:
            outcome = run()
        except Exception as exc:  # a bug must not stop the preview; the next change builds afresh
            log.debug("rebuild failed", exc_info=True)
            self.builder.site = None
            outcome = Outcome(Problems())
            outcome.problems.add("factfile", (0, 0), "", f"internal error: {type(exc).__name__}: {exc}")
        took = (time.perf_counter() - started) * 1000
        if rebuild and not outcome.changed and outcome.ok(self.options.strict) and self.error_html is None \
                and not outcome.written and not outcome.removed:
            return outcome  # only editors' temporary files came and went: nothing to say
        if rebuild and outcome.changed:
            what = _names(outcome.changed)  # without the temporary files
        if outcome.ok(self.options.strict):
            self.error_html = None
            for problem in outcome.problems.sorted():
                print(problem, file=self.stream)
            print(f"{what}: {outcome.written} files written, {outcome.removed} removed "
                  f"({outcome.rendered} of {outcome.pages} pages rendered) in {took:.0f} ms", file=self.stream)
        else:
            self.error_html = error_page(outcome.problems, self.options.strict)
            for problem in outcome.problems.sorted():
                print(problem, file=self.stream)
            print(f"{what}: build failed: {summary_line(outcome.problems, self.options.strict)}; "
                  f"the browser shows the problems ({took:.0f} ms)", file=self.stream)
        self.stream.flush()
        return outcome


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
