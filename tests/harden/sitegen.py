"""Write a deterministic fictional content tree of any size, for the validator, link and fault tests."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

_FIRST = ["Anna", "Ivan", "Maria", "Pavel", "Olga", "Siarhei", "Darya", "Mikalai", "Iryna", "Yury"]
_LAST = ["Example", "Sample", "Testova", "Fiktyuk", "Placeholder", "Dummy", "Mockovich", "Fakeson"]
# The same names in each language's own alphabet: `check` warns about Latin text marked be or ru.
_IN = {"be": dict(zip(_FIRST + _LAST, ["Ганна", "Іван", "Марыя", "Павел", "Вольга", "Сяргей", "Дар'я", "Мікалай",
                                      "Ірына", "Юрый", "Прыклад", "Узор", "Тэставая", "Фікцюк", "Запаўняльнік",
                                      "Манекен", "Макевіч", "Фэйксан"])),
       "ru": dict(zip(_FIRST + _LAST, ["Анна", "Иван", "Мария", "Павел", "Ольга", "Сергей", "Дарья", "Николай",
                                      "Ирина", "Юрий", "Пример", "Образец", "Тестова", "Фиктюк", "Заполнитель",
                                      "Манекен", "Мокович", "Фейксон"]))}
_STATUSES = ["detained", "imprisoned", "restricted", "released", "deceased", "unknown"]
_EVENT_TYPES = ["arrest", "trial", "sentence", "release", "pardon", "protest", "statement", "other"]


def _dump(path: Path, data: object) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _date(rng: random.Random, start: int = 2015, end: int = 2025) -> str:
    year = rng.randint(start, end)
    precision = rng.random()
    if precision < 0.15:
        return f"{year}"
    if precision < 0.3:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _person(rng: random.Random, index: int) -> dict:
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    status = _STATUSES[index % len(_STATUSES)]
    person: dict = {
        "name": {"en": f"{first} {last} {index}", "be": f"{_IN['be'][first]} {_IN['be'][last]} {index}",
                 "ru": f"{_IN['ru'][first]} {_IN['ru'][last]} {index}"},
        "status": status,
        "sources": ["generated-report", f"source-{index % 20}"],
        "gender": rng.choice(["female", "male", "other"]),
        "born": f"{rng.randint(1950, 2000)}-{rng.randint(1, 12):02d}",
        "citizenship": ["BY"],
        "occupation": rng.choice(["Teacher", "Journalist", "Engineer", "Student"]),
        "detained": f"2020-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "summary": f"A fictional person number {index}, generated for tests.",
        "bio": {"en": f"{first} is **fictional**. See [the report](https://news.example.org/{index}).\n\n"
                      f"- one\n- two\n",
                "ru": f"{first} — *вымышленный* человек."},
    }
    if index % 3 == 0:
        person["charges"] = [{"article": "342", "text": "Organising actions that violate public order",
                              "sources": [f"source-{index % 20}"]}]
        person["trial"] = {"court": "Example District Court", "date": "2021-03-01"}
        person["sentence"] = {"date": "2021-03-01", "term": f"P{rng.randint(1, 9)}Y", "regime": "general"}
    if index % 5 == 0:
        person["place_of_detention"] = {"name": f"Colony No. {index % 17}",
                                        "address": "Example street 1, 000000 Example town"}
    if status == "released":
        person["released"] = "2024-02-12"
        person["release_type"] = "pardon"
    if status == "deceased":
        person["died"] = "2023-07-01"
    if index % 7 == 0:
        person["recognized"] = [{"by": "Example Rights Centre", "date": "2020-09",
                                 "url": f"https://rights.example.org/{index}"}]
    return person


def write_site(root: Path, people: int = 200, events: int | None = None, languages: tuple[str, ...] = ("en", "be", "ru"),
               seed: int = 7) -> Path:
    """Write content/ for a fictional site under root and return its path."""
    rng = random.Random(seed)
    events = people // 2 if events is None else events
    content = root / "content"
    (content / "people").mkdir(parents=True, exist_ok=True)
    (content / "events").mkdir(parents=True, exist_ok=True)
    _dump(content / "site.yaml", {
        "title": {lang: {"be": "Згенераванае дасье", "ru": "Сгенерированное досье"}.get(lang, f"Generated fact file ({lang})")
                  for lang in languages},
        "description": "A generated fictional fact file for tests.",
        "languages": list(languages)})
    sources: dict = {"generated-report": {"title": "Generated report", "publisher": "Example News",
                                          "url": "https://news.example.org/report", "published": "2024-03-01",
                                          "archived_url": "https://archive.example.org/report"}}
    for n in range(20):
        sources[f"source-{n}"] = {"title": {"en": f"Source {n}", "ru": f"Источник {n}"},
                                  "publisher": "Example Court" if n % 2 else "Example Blog"}
        if n % 2 == 0:
            sources[f"source-{n}"]["url"] = f"https://blog.example.org/{n}"
        else:  # a court paper read in an archive: every source can be checked somewhere
            sources[f"source-{n}"]["archived_url"] = f"https://archive.example.org/court/{n}"
    _dump(content / "sources.yaml", sources)
    slugs = []
    for index in range(people):
        slug = f"person-{index:05d}"
        slugs.append(slug)
        _dump(content / "people" / f"{slug}.yaml", _person(rng, index))
    for index in range(events):
        named = rng.sample(slugs, k=min(len(slugs), rng.randint(0, 3)))
        _dump(content / "events" / f"event-{index:05d}.yaml", {
            "date": _date(rng), "type": rng.choice(_EVENT_TYPES),
            "title": {"en": f"Generated event {index}", "be": f"Падзея {index}", "ru": f"Событие {index}"},
            "people": named, "summary": f"Something **happened** ({index}).",
            "sources": ["generated-report"]})
    return content
