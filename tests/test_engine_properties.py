"""The engine's property: after any sequence of edits, additions, renames and deletions, a rebuild
gives exactly what a cold build gives: the same bytes in every file, the same errors and warnings.

Random operations on generated content, checked after each one against a cold build with the CLI.
Run once with one engine kept in memory (the preview) and once with a new engine per step reading
the state the last one saved (the command line).
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest
from helpers import TEMPLATES, run_cli
from test_engine import tree

from bench.generate import generate
from factfile.engine.build import Engine
from factfile.engine.options import BuildOptions

STEPS = 20  # per run; two modes x two seeds = 80 random operations, each checked against a cold build


def _messages(problems) -> list[str]:
    return sorted(str(p).partition("content/")[2] or str(p) for p in problems)


def _cold(content: Path, templates: Path, out: Path) -> tuple[bool, list[str], dict[str, bytes]]:
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(out.parent / f".{out.name}.cache", ignore_errors=True)
    result = run_cli("build", "--content", content, "--templates", templates, "--out", out, "--no-search")
    lines = [line.partition("content/")[2] or line for line in result.err.splitlines()
             if re.match(r".*:\d+:\d+: ", line)]
    return result.code == 0, sorted(lines), tree(out) if result.code == 0 else {}


class Operations:
    """Random changes a contributor or writer makes, on a generated content tree."""

    def __init__(self, content: Path, templates: Path, rng: random.Random) -> None:
        self.content, self.templates, self.rng = content, templates, rng
        self.broken: tuple[Path, str] | None = None
        self.gone_places: list[tuple[Path, str]] = []  # deleted or renamed away: repair() restores them

    def files(self, folder: str) -> list[Path]:
        return sorted((self.content / folder).glob("*.yaml"))

    def pick(self, folder: str) -> Path:
        return self.rng.choice(self.files(folder))

    def replace(self, path: Path, pattern: str, new: str) -> str:
        text = path.read_text(encoding="utf-8")
        changed = re.sub(pattern, new, text, count=1, flags=re.M)
        path.write_text(changed, encoding="utf-8")
        return f"edit {path.name}: {pattern!r} -> {new!r}" + ("" if changed != text else " (no match)")

    # The operations ----------------------------------------------------------------------------

    def edit_person(self) -> str:
        path, rng = self.pick("people"), self.rng
        return rng.choice([
            lambda: self.replace(path, r"^status: \w+", "status: " + rng.choice(["detained", "imprisoned", "unknown"])
                                 if "released:" not in path.read_text() and "died:" not in path.read_text()
                                 else "status: unknown"),
            lambda: self.replace(path, r'^summary: "', 'summary: "Edited. '),
            lambda: self.replace(path, r'^  en: "', '  en: "Renamed '),
            lambda: self.replace(path, r"^detained: \d{4}", f"detained: {rng.randint(2010, 2014)}"),
            lambda: self.replace(path, r'article: "\d+"', f'article: "{rng.choice(["130", "342", "999"])}"'),
            lambda: self.replace(path, r"^  en: \|\n", "  en: |\n    A new first line.\n"),
        ])()

    def edit_event(self) -> str:
        path, rng = self.pick("events"), self.rng
        people = [p.stem for p in self.files("people")]
        return rng.choice([
            lambda: self.replace(path, r"^date: \d{4}-\d{2}-\d{2}", f"date: {rng.randint(2012, 2024)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"),
            lambda: self.replace(path, r'^  en: "', '  en: "Retitled '),
            lambda: self.replace(path, r"^people: \[", f"people: [{rng.choice(people)}, "),
            lambda: self.replace(path, r"^people: \[[^,\]]+, ?", "people: ["),
            lambda: self.replace(path, r"^type: \w+", "type: " + rng.choice(["arrest", "release", "statement"])),
        ])()

    def add_person(self) -> str:
        slug = f"added-{self.rng.randint(0, 10**6)}"
        (self.content / "people" / f"{slug}.yaml").write_text(
            f'name: "Added Person {slug}"\nstatus: detained\ndetained: 2023-0{self.rng.randint(1, 9)}-01\n'
            f"sources: [report-0001]\n", encoding="utf-8")
        return f"add person {slug}"

    def add_event(self) -> str:
        person = self.pick("people").stem
        slug = f"2023-added-{self.rng.randint(0, 10**6)}"
        (self.content / "events" / f"{slug}.yaml").write_text(
            f'date: 2023-0{self.rng.randint(1, 9)}-02\ntitle: "Added event"\ntype: arrest\npeople: [{person}]\n'
            f"sources: [report-0002]\n", encoding="utf-8")
        return f"add event {slug} naming {person}"

    def rename(self) -> str:
        path = self.pick(self.rng.choice(["people", "events", "places"]))
        target = path.with_name("renamed-" + path.name)
        if path.parent.name == "places":  # people name it: both builds fail until it is back
            self.gone_places.append((path, path.read_text(encoding="utf-8")))
        path.rename(target)
        return f"rename {path.name} -> {target.name}"

    # The register's model: places, articles, custody and cases -----------------------------------

    def long_form(self) -> Path | None:
        found = [p for p in self.files("people") if "\ncustody:" in p.read_text(encoding="utf-8")]
        return self.rng.choice(found) if found else None

    def edit_place(self) -> str:
        path, rng = self.pick("places"), self.rng
        return rng.choice([
            lambda: self.replace(path, r"^  en: \"", '  en: "Renamed '),
            lambda: self.replace(path, r"Example street", f"Example avenue {rng.randint(1, 99)}"),
            lambda: self.replace(path, r"^kind: [\w-]+", "kind: " + rng.choice(["prison", "penal-colony", "other"])),
            lambda: self.replace(path, r"^address_checked: .*$", "address_checked: 2025-01")
            if "address_checked:" in path.read_text(encoding="utf-8")
            else self.replace(path, r"^sources: \[", "address_checked: 2025-01\nsources: ["),
        ])()

    def add_place(self) -> str:
        slug = f"added-place-{self.rng.randint(0, 10**6)}"
        (self.content / "places" / f"{slug}.yaml").write_text(
            f'name: "Added place {slug}"\naddress: "{self.rng.randint(1, 99)} Added street"\n'
            "sources: [report-0003]\n", encoding="utf-8")
        return f"add place {slug}"

    def delete_place(self) -> str:
        path = self.pick("places")
        self.gone_places.append((path, path.read_text(encoding="utf-8")))
        path.unlink()  # people may name it: then both builds fail, with the same errors
        return f"delete {path.name}"

    def edit_custody(self) -> str:
        path, rng = self.long_form(), self.rng
        if path is None:
            return "no one in the long form"
        places = [p.stem for p in self.files("places")]
        text = path.read_text(encoding="utf-8")
        held = re.search(r"^status: (imprisoned|detained)", text, flags=re.M) is not None
        return rng.choice([
            lambda: self.replace(path, r"^      - place: [\w-]+$", f"      - place: {rng.choice(places)}"),
            lambda: self.replace(path, r"^      outcome: \w+", "      outcome: " + rng.choice(["upheld", "reduced"])),
            lambda: self.replace(path, r"^      term: P\d+Y", f"      term: P{rng.randint(1, 12)}Y"),
            lambda: self.replace(path, r'article: "342"', f'article: "{rng.choice(["130", "293", "999"])}"'),
            lambda: self.replace(path, r"^    verdict: (\d{4})-\d{2}-\d{2}", r"    verdict: \1-12-28"),
            lambda: self.replace(path, r"\ncases:", f"\n      - place: {rng.choice(places)}\n"
                                                   f"        from: 2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\ncases:")
            if held else self.replace(path, r"^    kind: criminal", "    kind: criminal"),
        ])()

    def edit_articles(self) -> str:
        path = self.content / "articles.yaml"
        return self.rng.choice([
            lambda: self.replace(path, r'^  title: "Mass riots"', '  title: "Mass riots, as the code says"'),
            lambda: self.replace(path, r"\Z", f'"{self.rng.randint(500, 999)}":\n  code: criminal\n  title: Added\n'),
            lambda: self.replace(path, r'^"130":\n  code: criminal', '"130":\n  code: administrative'),
        ])()

    def delete_event(self) -> str:
        path = self.pick("events")
        path.unlink()
        return f"delete {path.name}"

    def delete_person(self) -> str:
        path = self.pick("people")
        path.unlink()  # may be named by events: then both builds fail, with the same errors
        return f"delete {path.name}"

    def break_or_fix(self) -> str:
        if self.broken:
            path, text = self.broken
            path.write_text(text, encoding="utf-8")
            self.broken = None
            return f"fix {path.name}"
        path = self.pick("people")
        text = path.read_text(encoding="utf-8")
        self.broken = (path, text)
        path.write_text(text.replace("status:", "status: [", 1), encoding="utf-8")
        return f"break {path.name}"

    def edit_sources(self) -> str:
        path = self.content / "sources.yaml"
        return self.rng.choice([
            lambda: self.replace(path, r"^  title: \"Report number 1 ", '  title: "Report number one '),
            lambda: self.replace(path, r"\Z", "uncited-source:\n  title: Nobody cites this\n  publisher: Example\n"),
        ])()

    def edit_template(self) -> str:
        name = self.rng.choice(["person.html", "event.html", "macros.html", "base.html"])
        path = self.templates / name
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("{% block main %}", "{% block main %}<!-- edited -->", 1)
                        if "{% block main %}" in text else text + "{# edited #}\n", encoding="utf-8")
        return f"edit template {name}"

    def edit_static(self) -> str:
        path = self.templates / "static" / "style.css"
        path.write_text(path.read_text(encoding="utf-8") + f"/* {self.rng.random()} */\n", encoding="utf-8")
        return "edit style.css"

    def repair(self) -> str:
        """Undo what makes the site fail: broken YAML, events naming people who are gone."""
        fixed = []
        if self.broken:
            fixed.append(self.break_or_fix())
        for path, text in self.gone_places:
            path.write_text(text, encoding="utf-8")
            fixed.append(f"restore {path.name}")
        self.gone_places.clear()
        people = {p.stem for p in self.files("people")}
        for path in self.files("events"):
            text = path.read_text(encoding="utf-8")
            match = re.search(r"^people: \[(.*)\]", text, flags=re.M)
            if match:
                named = [s.strip() for s in match.group(1).split(",") if s.strip()]
                if any(s not in people for s in named):
                    kept = ", ".join(s for s in named if s in people)
                    path.write_text(text.replace(match.group(0), f"people: [{kept}]"), encoding="utf-8")
                    fixed.append(f"unname the gone from {path.name}")
        return "repair: " + "; ".join(fixed)

    def touch(self) -> str:
        path = self.pick("people")
        path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")  # same bytes, new time
        return f"touch {path.name}"

    def run(self) -> str:
        operation = self.rng.choices(
            [self.edit_person, self.edit_event, self.add_person, self.add_event, self.rename, self.delete_event,
             self.delete_person, self.break_or_fix, self.edit_sources, self.edit_template, self.edit_static,
             self.touch, self.edit_place, self.add_place, self.delete_place, self.edit_custody, self.edit_articles],
            [6, 6, 2, 2, 2, 2, 1, 2, 1, 1, 1, 1, 3, 1, 1, 5, 1])[0]
        return operation()


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("mode", ["live", "cli"])
def test_random_changes_rebuild_as_a_cold_build(tmp_path: Path, mode: str, seed: int) -> None:
    content = generate(tmp_path / "content", people=16, events=30, seed=seed)
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    out, cache = tmp_path / "site", tmp_path / "cache"
    options = BuildOptions(content, templates, out, search=False)
    engine = Engine(options, cache, processes=1)
    operations = Operations(content, templates, random.Random(seed))
    done: list[str] = []
    built, ok = 0, True
    for _ in range(STEPS):
        done.append(operations.repair() if done and not ok else operations.run())
        if mode == "cli":
            engine.close()
            engine = Engine(options, cache, processes=1)
        result = engine.run()
        ok, problems, expected = _cold(content, templates, tmp_path / "reference" / "site")
        assert result.ok(False) == ok, (done, _messages(result.problems.items), problems)
        assert _messages(result.problems.items) == problems, done
        if ok:
            built += 1
            actual = tree(out)
            assert sorted(actual) == sorted(expected), done
            different = [path for path in expected if actual[path] != expected[path]]
            assert not different, (done, different[:5])
    engine.close()
    assert built >= STEPS // 2, done  # most steps must leave a site to compare, not just errors
