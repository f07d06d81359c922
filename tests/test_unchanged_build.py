"""A build whose inputs did not change writes nothing, says so, and still reports its warnings."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

from helpers import TEMPLATES, Project


def test_second_build_skips_and_any_change_rebuilds(project: Project) -> None:
    sources = project.content / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + "uncited:\n  title: Nobody cites this\n"
                       "  publisher: Example\n", encoding="utf-8")
    first = project.build()
    assert "uncited: is not cited" in first.err
    assert first.code == 0 and "built 53 pages" in first.err
    page = project.out / "en/index.html"
    written = page.stat().st_mtime_ns
    second = project.build()
    assert second.code == 0 and "nothing changed since the last build of 53 pages" in second.err
    assert "uncited: is not cited" in second.err  # the warning is reported again
    assert page.stat().st_mtime_ns == written

    person = project.content / "people/ivan-sample.yaml"
    person.write_text(person.read_text(encoding="utf-8").replace("Ivan Sample", "Ivan Changed"), encoding="utf-8")
    third = project.build()
    assert "built 53 pages" in third.err
    assert "Ivan Changed" in (project.out / "en/people/ivan-sample/index.html").read_text(encoding="utf-8")

    shutil.rmtree(project.out)
    assert "built 53 pages" in project.build().err  # the output is gone: build it again


def test_options_and_failed_builds_are_not_skipped(project: Project) -> None:
    sources = project.content / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + "uncited:\n  title: Nobody cites this\n"
                       "  publisher: Example\n", encoding="utf-8")
    assert project.build().code == 0
    strict = project.build("--strict")
    assert strict.code == 1, "a warning fails under --strict even when nothing changed"
    assert project.build("--strict").code == 1
    person = project.content / "people/ivan-sample.yaml"
    good = person.read_text(encoding="utf-8")
    person.write_text(good.replace("status: released", "status: freed"), encoding="utf-8")
    assert project.build().code == 1
    person.write_text(good, encoding="utf-8")
    os.utime(person, ns=(time.time_ns(), time.time_ns()))
    result = project.build()
    assert result.code == 0 and "built 53 pages" in result.err


def test_a_build_with_nothing_to_do_does_not_load_the_renderer(project: Project) -> None:
    """The no-op answer must stay cheap on a large site: neither Jinja nor Markdown imported."""
    assert project.build().code == 0
    args = ["build", "--content", str(project.content), "--templates", str(TEMPLATES), "--out", str(project.out)]
    probe = ("import sys; from factfile.cli import main; code = main(sys.argv[1:]); "
             "print(sorted(m for m in ('jinja2', 'markdown', 'factfile.site.render', 'factfile.site.views') if m in sys.modules)); "
             "sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=project.root)
    assert done.returncode == 0, done.stderr
    assert "nothing changed" in done.stderr
    assert done.stdout.strip() == "[]"
    # and a changed input still builds (the renderer is imported then)
    person = project.content / "people/ivan-sample.yaml"
    person.write_text(person.read_text(encoding="utf-8").replace("Ivan Sample", "Ivan Changed"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=project.root)
    assert done.returncode == 0 and "built 53 pages" in done.stderr, done.stderr
    assert "jinja2" in done.stdout
