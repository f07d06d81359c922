"""Fixtures of the hardening tests: built sites, outside tools (Nu checker, axe-core), an HTTP server."""

from __future__ import annotations

import functools
import http.server
import resource
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from harden_tools import (
    AXE_JS,
    LARGE_MEMORY_MB,
    ROOT,
    SUB_PATH,
    VNU_JAR,
    LargeBuild,
    SubPathHandler,
    build,
    build_cli,
    require,
)
from hostile import HostileSite, failed_indices, payloads, write_hostile_site
from sitegen import write_site


@pytest.fixture(scope="session")
def vnu() -> list[str]:
    """The command that runs the Nu HTML Checker with the machine's Java."""
    java = shutil.which("java")
    require(Path(java) if java else None, "java", "install a Java runtime (apt-get install default-jre-headless)")
    require(VNU_JAR, "vnu.jar", "run 'make node_modules/.installed' (npm ci)")
    return [str(java), "-Xss16m", "-jar", str(VNU_JAR)]


@pytest.fixture(scope="session")
def axe_source() -> str:
    """The axe-core script, to inject into pages."""
    return require(AXE_JS, "axe-core", "run 'make node_modules/.installed' (npm ci)").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site of content/, built once."""
    return build(ROOT / "content", tmp_path_factory.mktemp("sample") / "site")


@pytest.fixture(scope="session")
def register_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test fixture with places, articles and a re-arrested person in the long form, built once."""
    root = tmp_path_factory.mktemp("register")
    shutil.copytree(ROOT / "tests" / "fixtures" / "content", root / "content")
    shutil.copytree(ROOT / "tests" / "fixtures" / "register", root / "content", dirs_exist_ok=True)
    return build(root / "content", root / "site")


@pytest.fixture(scope="session")
def generated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated fictional site of 200 people in three languages, built once."""
    root = tmp_path_factory.mktemp("generated")
    return build(write_site(root, people=200), root / "site")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> HostileSite:
    """A site with every hostile string in every field; the strings the build refuses are left out."""
    root = tmp_path_factory.mktemp("hostile")
    strings = payloads()
    content = write_hostile_site(root, strings)
    code, first = build_cli(content, root / "site")
    text_errors, url_errors, unclear = failed_indices(first)
    assert code == 1 and not unclear, first
    write_hostile_site(root, strings, set(text_errors), set(url_errors))
    code, err = build_cli(content, root / "site")
    assert code == 0, err
    # Naughty strings that differ only in quotes or case fold to one name: the duplicate-person
    # warning is right about them; those in other alphabets are marked as the default language, and
    # the warning about text whose letters contradict its language is right about them too. Any
    # other warning is a problem of the test site.
    warnings = [line for line in err.splitlines() if ": warning: " in line]
    assert all(any(right in line for right in ("may be the same person as", "letters, not as en is written"))
               for line in warnings), err
    return HostileSite(root / "site", strings, text_errors, url_errors)


@pytest.fixture(scope="session")
def serve() -> Iterator:
    """Return a function that serves a folder at http://127.0.0.1:PORT/some/prefix/ and gives that URL."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        handler = functools.partial(SubPathHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


LARGE_TEST = "test_a_hundred_thousand_events"


@pytest.fixture(scope="session", autouse=True)
def large_build(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """Start the 100,000-event build with the first hardening test, so it runs beside the others."""
    if not any(LARGE_TEST in item.name for item in request.session.items):
        yield None
        return
    root = tmp_path_factory.mktemp("large")

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (LARGE_MEMORY_MB << 20, LARGE_MEMORY_MB << 20))

    with open(root / "stderr.txt", "w", encoding="utf-8") as err:
        process = subprocess.Popen([sys.executable, str(Path(__file__).parent / "large_site.py"), str(root)],
                                   stdout=subprocess.DEVNULL, stderr=err, preexec_fn=limit)
    yield LargeBuild(root, process, time.monotonic())
    if process.poll() is None:
        process.kill()
        process.wait()
