"""The live preview: a real server on a free port, edited files, error pages, recovery, safety."""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import selectors
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import ROOT, TEMPLATES, Project
from playwright.sync_api import expect

pytestmark = pytest.mark.slow

WAIT = 20.0  # seconds any one thing may take before a test fails


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Served:
    """A `factfile serve` process and HTTP requests to it."""

    def __init__(self, project: Project, templates: Path, *args: str, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.log = project.root / "serve.log"
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--port", str(self.port), "--content", "content",
             "--templates", str(templates), "--out", "site", *args],
            cwd=project.root, stdout=subprocess.DEVNULL, stderr=self.log.open("wb"), env={**os.environ, **(env or {})})
        self.until(lambda: self.get("/")[0] == 200, "the server to start")

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
        """Return the status and body of a request for a raw path (sent exactly as given)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            connection.request("GET", path, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8", "replace")
        except OSError:
            return 0, ""
        finally:
            connection.close()

    def until(self, condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"the server exited while waiting for {what}: {self.log.read_text()}")
            if condition():
                return
            time.sleep(0.05)
        pytest.fail(f"timed out waiting for {what}; server log:\n{self.log.read_text()}")

    def text(self, path: str) -> str:
        return BeautifulSoup(self.get(path)[1], "html.parser").get_text(" ", strip=True)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    copy = tmp_path / "templates"
    shutil.copytree(TEMPLATES, copy)
    return copy


@pytest.fixture
def served(project: Project, templates: Path) -> Iterator[Served]:
    server = Served(project, templates)
    yield server
    server.stop()


def test_edit_break_fix_add_and_delete(served: Served, project: Project) -> None:
    jane = project.content / "people/jane-example.yaml"
    good = jane.read_text(encoding="utf-8")
    assert "Teacher" in served.text("/en/people/jane-example/")

    jane.write_text(good.replace("Teacher", "Head teacher"), encoding="utf-8")
    served.until(lambda: "Head teacher" in served.text("/en/people/jane-example/"), "the edit to show")
    # The data files follow right after the pages (written once the browsers were told to reload).
    served.until(lambda: "Head teacher" in served.get("/data/people/jane-example.json")[1], "the data file")
    served.until(lambda: "Head teacher" in served.get("/data/people.csv")[1], "the CSV")

    jane.write_text(good.replace("born: 1980-04-02", "born: 1980-02-30"), encoding="utf-8")
    served.until(lambda: served.get("/en/")[0] == 500, "the error page")
    for path in ("/en/", "/ru/people/ivan-sample/", "/"):
        status, body = served.get(path)
        assert status == 500
        page = BeautifulSoup(body, "html.parser")
        problems = [li.get_text() for li in page.select("ol.problems li")]
        assert any(p.endswith("content/people/jane-example.yaml:8:7: born: '1980-02-30': day 30 does not exist "
                              "(February 1980 has 29 days)") for p in problems), problems
        assert "livereload.js" in body  # so the page comes back by itself
    assert "day 30 does not exist" in served.log.read_text()
    assert served.get("/static/style.css")[0] == 200  # assets still load: the error page uses them

    jane.write_text(good, encoding="utf-8")
    served.until(lambda: served.get("/en/")[0] == 200, "recovery")
    assert "Teacher" in served.text("/en/people/jane-example/")

    new = project.write("people/new-person.yaml", """
        name: New Person
        status: detained
        detained: 2023-07-01
        sources: [example-report]
    """)
    served.until(lambda: served.get("/be/people/new-person/")[0] == 200, "the new person's page")
    assert "New Person" in served.text("/en/people/")
    new.unlink()
    served.until(lambda: served.get("/be/people/new-person/")[0] == 404, "the deleted person's page to go")
    assert "New Person" not in served.text("/en/people/")
    lines = [line for line in served.log.read_text().splitlines() if "files written" in line]
    assert any("content/people/jane-example.yaml" in line and " ms" in line for line in lines), lines

    # `sed -i` writes a temporary file beside the one it edits and renames it over: the terminal
    # line names the edited file only.
    before = len(served.log.read_text().splitlines())
    subprocess.run(["sed", "-i", "s/Teacher/Teacher of maths/", str(jane)], check=True)
    served.until(lambda: "Teacher of maths" in served.text("/en/people/jane-example/"), "the sed edit to show")
    served.until(lambda: len(served.log.read_text().splitlines()) > before, "the rebuild line")
    new_lines = served.log.read_text().splitlines()[before:]
    assert new_lines and all("/sed" not in line for line in new_lines), new_lines
    assert any("jane-example.yaml" in line for line in new_lines), new_lines


def test_escaped_markup_in_errors_and_template_errors(served: Served, project: Project, templates: Path) -> None:
    project.write("people/ivan-sample.yaml", """
        name: Ivan Sample
        status: <script>alert(1)</script>
        sources: [example-report]
    """)
    served.until(lambda: served.get("/en/")[0] == 500, "the error page")
    body = served.get("/en/")[1]
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    project.write("people/ivan-sample.yaml", (ROOT / "tests/fixtures/content/people/ivan-sample.yaml").read_bytes())
    served.until(lambda: served.get("/en/")[0] == 200, "recovery")

    event = templates / "event.html"
    event.write_text(event.read_text(encoding="utf-8").replace("<h1>{{ title }}</h1>", "<h1>{{ title.nope() }}</h1>"))
    served.until(lambda: served.get("/en/")[0] == 500, "the template error page")
    problems = BeautifulSoup(served.get("/en/")[1], "html.parser").select("ol.problems li")
    assert any("event.html:8" in li.get_text() and "template error" in li.get_text() for li in problems), problems


@pytest.mark.parametrize("path", ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2e%2e%2f%2e%2e%2fetc/passwd",
                                  "/static/..%2f..%2fcontent/site.yaml", "/en/..%2f..%2fcontent/site.yaml",
                                  "/..%5c..%5ccontent%5csite.yaml", "/content/site.yaml"])
def test_nothing_outside_the_output_is_served(served: Served, path: str) -> None:
    status, body = served.get(path)
    assert status in (403, 404), (status, body[:200])
    assert "languages:" not in body and "root:" not in body


def test_serve_help_and_loopback_only(project: Project, served: Served) -> None:
    help_text = subprocess.run([sys.executable, str(ROOT / "build.py"), "serve", "--help"], capture_output=True,
                               text=True, timeout=60).stdout
    assert "--port" in help_text and "--open" in help_text and "127.0.0.1" in help_text
    assert f"http://127.0.0.1:{served.port}/" in served.log.read_text()


@pytest.mark.browser
def test_browser_reloads_by_itself(served: Served, project: Project, browser) -> None:
    page = browser.new_page()
    try:
        page.goto(f"http://127.0.0.1:{served.port}/en/people/jane-example/index.html")
        # Polled from here: wait_for_function would run a string in the page, which its
        # Content-Security-Policy (no 'unsafe-eval') refuses.
        deadline = time.monotonic() + WAIT
        while not page.evaluate("() => !!(window.LiveReload && window.LiveReload.connector"
                                " && window.LiveReload.connector.protocol >= 7)"):
            assert time.monotonic() < deadline, "livereload never connected"
            time.sleep(0.05)
        time.sleep(0.3)  # the client's 'info' message makes the server count it as a listener
        jane = project.content / "people/jane-example.yaml"
        jane.write_text(jane.read_text(encoding="utf-8").replace("Teacher", "Head teacher"), encoding="utf-8")
        expect(page.locator("body")).to_contain_text("Head teacher", timeout=WAIT * 1000)
    finally:
        page.close()


# Attacks on the preview (a web page the writer visits, DNS rebinding, a neighbour on the network) --

def websocket_handshake(port: int, origin: str | None, host: str | None = None) -> str:
    """Open the preview's WebSocket by hand and return the status line of the answer."""
    lines = ["GET /livereload HTTP/1.1", f"Host: {host or f'127.0.0.1:{port}'}", "Upgrade: websocket",
             "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13"]
    if origin is not None:
        lines.append(f"Origin: {origin}")
    with socket.create_connection(("127.0.0.1", port), timeout=WAIT) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        answer = b""
        while b"\r\n" not in answer:
            chunk = sock.recv(4096)
            if not chunk:
                break
            answer += chunk
    return answer.split(b"\r\n", 1)[0].decode()


def test_websocket_refuses_other_origins(served: Served) -> None:
    port = served.port
    for origin in ("http://attacker.example", f"http://attacker.example:{port}", "null",
                   f"http://127.0.0.1:{port + 1}", f"http://localhost:{port}", f"http://127.0.0.1:{port}.attacker.example"):
        assert " 403 " in websocket_handshake(port, origin), origin
    assert " 101 " in websocket_handshake(port, f"http://127.0.0.1:{port}")
    assert " 101 " in websocket_handshake(port, f"http://localhost:{port}", host=f"localhost:{port}")
    # A page of another site cannot even reach it through a rebound name: the Host is refused first.
    assert " 400 " in websocket_handshake(port, f"http://attacker.example:{port}", host=f"attacker.example:{port}")


def test_reload_messages_name_no_file(served: Served, project: Project) -> None:
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    async def listen() -> dict:
        request = HTTPRequest(f"ws://127.0.0.1:{served.port}/livereload",
                              headers={"Origin": f"http://127.0.0.1:{served.port}"})
        connection = await websocket_connect(request)
        hello = json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]})
        connection.write_message(hello)
        assert json.loads(await asyncio.wait_for(connection.read_message(), WAIT))["command"] == "hello"
        connection.write_message(json.dumps({"command": "info", "url": f"http://127.0.0.1:{served.port}/"}))
        # The server reads messages in order: once it answers this hello, it has read 'info' and
        # counts this connection as a page to reload.
        connection.write_message(hello)
        assert json.loads(await asyncio.wait_for(connection.read_message(), WAIT))["command"] == "hello"
        jane = project.content / "people/jane-example.yaml"
        jane.write_text(jane.read_text(encoding="utf-8").replace("Teacher", "Head teacher"), encoding="utf-8")
        message = await asyncio.wait_for(connection.read_message(), WAIT)
        connection.close()
        return json.loads(message)

    with ThreadPoolExecutor(1) as thread:  # a thread of its own: Playwright may run a loop in this one
        message = thread.submit(asyncio.run, listen()).result()
    assert message["command"] == "reload"
    assert message["path"] == "*" and "jane" not in json.dumps(message) and "content" not in json.dumps(message)


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:{port}", "127.0.0.1:{other}",
                                  "localhost.attacker.example:{port}", "127.0.0.1.nip.io:{port}", "",
                                  "[::2]:{port}", "10.0.0.1:{port}"])
def test_forged_host_gets_400(served: Served, host: str) -> None:
    host = host.format(port=served.port, other=served.port + 1)
    for path in ("/", "/en/people/jane-example/", "/data/people.json", "/livereload.js", "/nope"):
        status, body = served.get(path, headers={"Host": host})
        assert status == 400, (path, host, status)
        assert "Jane" not in body


def test_own_host_names_are_answered(served: Served) -> None:
    for host in (f"127.0.0.1:{served.port}", f"localhost:{served.port}", f"LOCALHOST:{served.port}",
                 f"[::1]:{served.port}"):
        assert served.get("/en/", headers={"Host": host})[0] == 200, host


def test_forcereload_is_gone(served: Served) -> None:
    assert served.get("/forcereload")[0] == 404
    assert served.get("/forcereload?path=content/people/jane-example.yaml")[0] == 404


def test_links_in_the_output_are_not_served(served: Served, project: Project, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("token=hunter2\n")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "index.html").write_text("<!doctype html><title>x</title><p>outside the site</p>")
    (project.out / "leak.txt").symlink_to(secret)
    (project.out / "en" / "leak").symlink_to(outside, target_is_directory=True)
    (project.out / "alias.html").symlink_to(project.out / "index.html")  # even a link within the site
    for path in ("/leak.txt", "/en/leak/", "/en/leak/index.html", "/alias.html"):
        status, body = served.get(path)
        assert status == 404, (path, status)
        assert "hunter2" not in body and "outside the site" not in body
    assert served.get("/index.html")[0] == 200


def test_idle_connections_are_closed(project: Project, templates: Path) -> None:
    server = Served(project, templates, env={"FACTFILE_IDLE_TIMEOUT": "1"})
    connections: list[socket.socket] = []
    try:
        for n in range(300):  # silent ones, and ones that never finish their header (slowloris)
            sock = socket.create_connection(("127.0.0.1", server.port), timeout=WAIT)
            if n % 2:
                sock.sendall(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nX-Slow: ".encode())
            connections.append(sock)
        open_ = set(connections)
        selector = selectors.DefaultSelector()
        for sock in open_:
            sock.setblocking(False)
            selector.register(sock, selectors.EVENT_READ)
        deadline = time.monotonic() + 60  # generous: each should go after about a second
        while open_ and time.monotonic() < deadline:
            for key, _ in selector.select(timeout=1):
                sock = key.fileobj
                try:
                    data = sock.recv(4096)  # type: ignore[union-attr]
                except ConnectionResetError:
                    data = b""
                if not data:
                    selector.unregister(sock)
                    open_.discard(sock)  # type: ignore[arg-type]
        assert not open_, f"{len(open_)} of {len(connections)} half-open connections still held"
        assert server.get("/en/")[0] == 200  # and the server still answers
    finally:
        for sock in connections:
            sock.close()
        server.stop()


def test_a_network_host_is_warned_about(project: Project, templates: Path) -> None:
    server = Served(project, templates, "--host", "0.0.0.0")
    try:
        log = server.log.read_text()
        assert "warning: --host 0.0.0.0 makes the preview visible to the network" in log
        assert "drafts" in log
        assert server.get("/en/", headers={"Host": f"127.0.0.1:{server.port}"})[0] == 200
        assert server.get("/en/", headers={"Host": f"attacker.example:{server.port}"})[0] == 400
    finally:
        server.stop()


def test_the_preview_makes_no_zip_or_index_and_removes_stale_ones(project: Project, templates: Path) -> None:
    assert project.build().code == 0  # a whole build: offline zip and search index
    assert (project.out / "offline/site.zip").is_file() and (project.out / "pagefind").is_dir()
    server = Served(project, templates)
    try:
        assert not (project.out / "offline").exists() and not (project.out / "pagefind").exists()
        assert server.get("/offline/site.zip")[0] == 404
        # A whole build while the preview runs brings them back, current for now ...
        assert project.build("--templates", templates).code == 0
        assert (project.out / "offline/site.zip").is_file()
        # ... until the next save: then they would describe a site that no longer is (a name
        # corrected, or a person since withheld, would stay in the zip).
        person = project.content / "people/ivan-sample.yaml"
        person.write_text(person.read_text(encoding="utf-8").replace("Ivan Sample", "Ivan Renamed"), encoding="utf-8")
        server.until(lambda: server.get("/offline/site.zip")[0] == 404, "the stale zip to go")
        assert not (project.out / "offline").exists() and not (project.out / "pagefind").exists()
        assert "Ivan Sample" not in server.text("/en/people/")
    finally:
        server.stop()


@pytest.mark.parametrize("bound, host, allowed", [
    ("127.0.0.1", "127.0.0.1:8000", True), ("127.0.0.1", "localhost:8000", True),
    ("127.0.0.1", "localhost.:8000", True), ("127.0.0.1", "[::1]:8000", True),
    ("127.0.0.1", "127.0.0.1", False), ("127.0.0.1", "127.0.0.1:8001", False),
    ("127.0.0.1", "192.168.1.5:8000", False), ("127.0.0.1", "evil.example:8000", False),
    ("127.0.0.1", "", False), ("127.0.0.1", None, False), ("127.0.0.1", "x" * 300 + ":8000", False),
    ("::1", "[::1]:8000", True), ("localhost", "127.0.0.1:8000", True),
    ("0.0.0.0", "192.168.1.5:8000", True), ("0.0.0.0", "[fe80::1]:8000", True),
    ("0.0.0.0", "localhost:8000", True), ("0.0.0.0", "evil.example:8000", False),
    ("192.168.1.5", "192.168.1.5:8000", True), ("192.168.1.5", "10.0.0.1:8000", False),
    ("192.168.1.5", "localhost:8000", False),
])
def test_which_hosts_the_preview_answers(bound: str, host: str | None, allowed: bool) -> None:
    from factfile.live.hostcheck import HostCheck

    assert HostCheck(bound, 8000).allows(host) is allowed


@pytest.mark.parametrize("host, warned", [("127.0.0.1", False), ("localhost", False), ("::1", False),
                                          ("127.0.0.2", False), ("0.0.0.0", True), ("", True),
                                          ("192.168.1.5", True), ("::", True)])
def test_which_hosts_are_warned_about(host: str, warned: bool) -> None:
    from factfile.live.serve import network_warning

    assert (network_warning(host) is not None) is warned


def test_a_taken_port_is_said_plainly(served: Served, project: Project, templates: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "serve", "--port", str(served.port),
                             "--content", "content", "--templates", str(templates), "--out", "elsewhere"],
                            cwd=project.root, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result.stderr
    assert f"cannot serve on 127.0.0.1:{served.port}: Address already in use" in result.stderr
    assert "serving" not in result.stderr and "internal error" not in result.stderr
    assert not (project.root / "elsewhere").exists()  # nothing was built for nothing
