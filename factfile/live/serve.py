"""Live preview: build, serve the output on 127.0.0.1, rebuild on every save and reload the browsers.

Broken content never stops the server: while the last build failed, every page is replaced by a page
listing the problems, served with status 500 so scripts and link checkers do not take it for the
page (browsers show it all the same), and the browser reloads by itself once the files are fixed.
Rebuilds run on the server's only thread, so a request never sees a half-written site: it waits.

The preview shows drafts, so it answers only the browser of the person writing them. livereload
provides the browser side (livereload.js and its WebSocket handshake); the server is put together
here instead of by livereload's `Server.serve`, which accepts WebSockets from any page, answers any
`Host`, sends the path of every saved file and lets anyone trigger reloads at /forcereload:

- requests whose `Host` is not this server's get 400 (hostcheck.py: DNS rebinding);
- the WebSocket accepts only pages of this server (`Origin`), and its reload messages name no file;
- there is no /forcereload;
- symbolic links are never served, not even ones inside the output folder;
- a connection that sends no complete request header within IDLE_TIMEOUT seconds (a request body
  within BODY_TIMEOUT) is closed; headers and bodies are small; idle WebSockets are pinged and
  dropped when they do not answer. `FACTFILE_IDLE_TIMEOUT` (seconds) shortens the first two.
"""

from __future__ import annotations

import logging
import os
import stat
import threading
import time
import webbrowser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler, StaticFileHandler
from livereload.server import LiveScriptInjector
from markupsafe import escape
from tornado import httputil
from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop
from tornado.web import Application, ErrorHandler, HTTPError

from ..engine.build import Engine
from ..engine.options import BuildOptions, BuildResult, default_cache
from ..problems import Problems, display_path, summary_line
from ..site.render import STATIC_DIR
from .hostcheck import HostCheck, is_loopback
from .watch import SiteWatcher

if TYPE_CHECKING:
    from tornado.web import _HandlerDelegate  # what Application.find_handler returns

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


IDLE_TIMEOUT = 30.0  # seconds to send a complete request header, on a new or kept-alive connection
BODY_TIMEOUT = 30.0  # seconds to send a request body (the preview needs none)
MAX_HEADER = 16 * 1024  # bytes of request line and headers
MAX_BODY = 64 * 1024  # bytes of request body
MAX_MESSAGE = 16 * 1024  # bytes of one WebSocket message (livereload.js sends a few hundred)
PING = 30.0  # seconds between pings of a WebSocket; one that does not answer in as long is closed
RELOAD = {"command": "reload", "path": "*", "liveCSS": False, "liveImg": False}  # no file named


def idle_timeout() -> float:
    """Return the idle and body timeout: IDLE_TIMEOUT, or FACTFILE_IDLE_TIMEOUT seconds if set."""
    try:
        value = float(os.environ.get("FACTFILE_IDLE_TIMEOUT", ""))
    except ValueError:
        return IDLE_TIMEOUT
    return value if value > 0 else IDLE_TIMEOUT


class PreviewHandler(StaticFileHandler):
    """Serves the output folder, or the error page while the last build failed; never a link."""

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

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        # Checked on the path as asked for, before tornado resolves links (it follows those that
        # stay inside the folder): a link could lead anywhere on this machine.
        root = os.path.abspath(root)
        asked = [absolute_path]
        if os.path.isdir(absolute_path) and self.default_filename:
            asked.append(os.path.join(absolute_path, self.default_filename))
        if any(_through_link(root, path) for path in asked):
            raise HTTPError(404)
        return super().validate_absolute_path(root, absolute_path)

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", "no-store")  # a preview is never stale


def _through_link(root: str, path: str) -> bool:
    """Return whether a path under root is, or passes through, a symbolic link."""
    relative = os.path.relpath(path, root)
    if relative == ".":
        return os.path.islink(root)
    if relative.startswith(".."):
        return False  # outside the folder: tornado refuses it (403)
    current = root
    for part in relative.split(os.sep):
        current = os.path.join(current, part)
        try:
            if stat.S_ISLNK(os.lstat(current).st_mode):
                return True
        except OSError:
            return False  # missing: the static handler answers 404
    return False


class ReloadSocket(LiveReloadHandler):
    """livereload.js's WebSocket, for pages of this server only."""

    hosts: HostCheck

    def check_origin(self, origin: str) -> bool:
        return self.hosts.same_origin(origin, self.request.headers.get("Host"))


def reload_browsers() -> None:
    """Tell every connected page to reload, without saying which file changed."""
    for waiter in list(LiveReloadHandler.waiters):
        try:
            waiter.write_message(RELOAD)
        except Exception:  # a page that went away; livereload's on_close forgets it
            LiveReloadHandler.waiters.discard(waiter)


class PreviewApplication(Application):
    """Routes only requests whose `Host` names this server; every other one gets 400."""

    def __init__(self, hosts: HostCheck, handlers: list, **settings: Any) -> None:
        super().__init__(handlers, **settings)
        self.hosts = hosts

    def find_handler(self, request: httputil.HTTPServerRequest, **kwargs: Any) -> _HandlerDelegate:
        if not self.hosts.allows(request.headers.get("Host")):
            return self.get_handler_delegate(request, ErrorHandler, {"status_code": 400})
        return super().find_handler(request, **kwargs)


def application(preview: Preview, hosts: HostCheck, port: int) -> PreviewApplication:
    """Return the preview's web application: the output folder, livereload.js and its WebSocket."""

    class Inject(LiveScriptInjector):
        # Pages carry a Content-Security-Policy that refuses inline scripts (script-src 'self'); the
        # preview keeps that policy, so livereload's script comes as a file from this server.
        script = f'<script src="/livereload.js?port={port}"></script>'.encode()

    files = type("Files", (PreviewHandler,), {"preview": preview})
    socket = type("Socket", (ReloadSocket,), {"hosts": hosts})
    handlers = [(r"/livereload", socket), (r"/livereload\.js", LiveReloadJSHandler),
                (r"/(.*)", files, {"path": str(preview.options.out), "default_filename": "index.html"})]
    return PreviewApplication(hosts, handlers, transforms=[Inject], websocket_ping_interval=PING,
                              websocket_ping_timeout=PING, websocket_max_message_size=MAX_MESSAGE)


def _quiet() -> None:
    """Silence livereload's and tornado's logs: factfile prints one line per rebuild itself."""
    for name in ("livereload", "tornado.access", "tornado.application", "tornado.general"):
        logging.getLogger(name).setLevel(logging.ERROR)
        logging.getLogger(name).propagate = False


def network_warning(host: str) -> str | None:
    """Return the warning for a --host that other machines can reach, or None for loopback."""
    if is_loopback(host):
        return None
    return (f"warning: --host {host} makes the preview visible to the network: every machine that can "
            "reach this one can read the drafts, unpublished and withheld people included. "
            "Leave out --host to keep it on this machine (127.0.0.1).")


def serve(options: BuildOptions, host: str, port: int, open_browser: bool, stream) -> int:
    """Build, then serve and rebuild until interrupted."""
    warning = network_warning(host)
    if warning:
        print(warning, file=stream, flush=True)
    preview = Preview(options, stream)
    _quiet()
    timeout = idle_timeout()
    server = HTTPServer(application(preview, HostCheck(host, port), port), idle_connection_timeout=timeout,
                        body_timeout=timeout, max_header_size=MAX_HEADER, max_body_size=MAX_BODY)
    try:  # before the first build, so a taken port is said at once; requests wait for the build
        server.listen(port, address=host)
    except OSError as exc:
        print(f"cannot serve on {host}:{port}: {exc.strerror or exc} (is another preview running? "
              "choose another port with --port)", file=stream, flush=True)
        return 2
    preview.start()
    options.out.mkdir(parents=True, exist_ok=True)
    roots = [options.content, options.templates]
    watcher = SiteWatcher(roots, preview.changed, exclude=options.out)

    def changed() -> None:
        if watcher.examine()[0] is not None:
            reload_browsers()

    watcher.start(changed)
    shown = f"[{host}]" if ":" in host else host
    print(f"serving {options.out}/ on http://{shown}:{port}/ (Ctrl-C to stop)", file=stream, flush=True)
    if open_browser:
        threading.Timer(0.5, webbrowser.open, [f"http://{shown}:{port}/"]).start()
    try:
        IOLoop.current().start()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0
