"""The live preview: a real server on a free port, edited files, error pages, recovery, safety."""

from __future__ import annotations

import http.client
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import ROOT, TEMPLATES, Project

WAIT = 20.0  # seconds any one thing may take before a test fails


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Served:
    """A `factfile serve` process and HTTP requests to it."""

    def __init__(self, project: Project, templates: Path) -> None:
        self.port = free_port()
        self.log = project.root / "serve.log"
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--port", str(self.port), "--content", "content",
             "--templates", str(templates), "--out", "site"],
            cwd=project.root, stdout=subprocess.DEVNULL, stderr=self.log.open("wb"))
        self.until(lambda: self.get("/")[0] == 200, "the server to start")

    def get(self, path: str) -> tuple[int, str]:
        """Return the status and body of a request for a raw path (sent exactly as given)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            connection.request("GET", path)
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
        page.wait_for_function("() => window.LiveReload && window.LiveReload.connector"
                               " && window.LiveReload.connector.protocol >= 7", timeout=WAIT * 1000)
        time.sleep(0.3)  # the client's 'info' message makes the server count it as a listener
        jane = project.content / "people/jane-example.yaml"
        jane.write_text(jane.read_text(encoding="utf-8").replace("Teacher", "Head teacher"), encoding="utf-8")
        page.wait_for_function("() => document.body.innerText.includes('Head teacher')", timeout=WAIT * 1000)
    finally:
        page.close()
