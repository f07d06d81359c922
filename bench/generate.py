"""Generate a realistic, fictional content tree of any size, the same bytes for the same arguments.

Every person and event is invented: names are random combinations of common given names and
surnames in three scripts (Latin transliteration, Belarusian and Russian Cyrillic), so no file
states a fact about a real person. Run: python -m bench.generate OUT --people 1000 --events 3000.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path

# (Latin, Belarusian, Russian) forms; surnames carry male and female forms where they differ.
GIVEN_MALE = [("Ales", "Алесь", "Алесь"), ("Ihar", "Ігар", "Игорь"), ("Andrei", "Андрэй", "Андрей"),
              ("Mikalai", "Мікалай", "Николай"), ("Siarhei", "Сяргей", "Сергей"), ("Paval", "Павел", "Павел"),
              ("Uladzimir", "Уладзімір", "Владимир"), ("Viktar", "Віктар", "Виктор"),
              ("Dzmitry", "Дзмітрый", "Дмитрий"),
              ("Yauhen", "Яўген", "Евгений"), ("Raman", "Раман", "Роман"), ("Artsiom", "Арцём", "Артём")]
GIVEN_FEMALE = [("Alena", "Алена", "Елена"), ("Maryia", "Марыя", "Мария"), ("Volha", "Вольга", "Ольга"),
                ("Katsiaryna", "Кацярына", "Екатерина"), ("Nasta", "Наста", "Анастасия"), ("Iryna", "Ірына", "Ирина"),
                ("Tatsiana", "Таццяна", "Татьяна"), ("Hanna", "Ганна", "Анна"), ("Darya", "Дар'я", "Дарья"),
                ("Palina", "Паліна", "Полина"), ("Natallia", "Наталля", "Наталья"), ("Yulia", "Юлія", "Юлия")]
SURNAMES = [  # (latin m, latin f, be m, be f, ru m, ru f)
    ("Kavalenka", "Kavalenka", "Каваленка", "Каваленка", "Коваленко", "Коваленко"),
    ("Novik", "Novik", "Новік", "Новік", "Новик", "Новик"),
    ("Zhuk", "Zhuk", "Жук", "Жук", "Жук", "Жук"),
    ("Karpovich", "Karpovich", "Карповіч", "Карповіч", "Карпович", "Карпович"),
    ("Sidarenka", "Sidarenka", "Сідарэнка", "Сідарэнка", "Сидоренко", "Сидоренко"),
    ("Lapitski", "Lapitskaya", "Лапіцкі", "Лапіцкая", "Лапицкий", "Лапицкая"),
    ("Marozau", "Marozava", "Марозаў", "Марозава", "Морозов", "Морозова"),
    ("Bahdanovich", "Bahdanovich", "Багдановіч", "Багдановіч", "Богданович", "Богданович"),
    ("Hrytsuk", "Hrytsuk", "Грыцук", "Грыцук", "Грицук", "Грицук"),
    ("Shautsou", "Shautsova", "Шаўцоў", "Шаўцова", "Шевцов", "Шевцова"),
    ("Tsikhan", "Tsikhan", "Ціхан", "Ціхан", "Тихан", "Тихан"),
    ("Yarash", "Yarash", "Ярош", "Ярош", "Ярош", "Ярош"),
    ("Dubrouski", "Dubrouskaya", "Дуброўскі", "Дуброўская", "Дубровский", "Дубровская"),
    ("Prakopchyk", "Prakopchyk", "Пракопчык", "Пракопчык", "Прокопчик", "Прокопчик"),
    ("Vaitsiakhovich", "Vaitsiakhovich", "Вайцяховіч", "Вайцяховіч", "Войтехович", "Войтехович"),
    ("Klimovich", "Klimovich", "Клімовіч", "Клімовіч", "Климович", "Климович"),
]
OCCUPATIONS = [({"en": "Journalist", "be": "Журналіст", "ru": "Журналист"}),
               ({"en": "Teacher", "be": "Настаўнік", "ru": "Учитель"}),
               ({"en": "Software engineer", "be": "Праграміст", "ru": "Программист"}),
               ({"en": "Human rights defender", "be": "Праваабаронца", "ru": "Правозащитник"}),
               ({"en": "Student", "be": "Студэнт", "ru": "Студент"}),
               ({"en": "Doctor", "be": "Лекар", "ru": "Врач"}),
               ({"en": "Factory worker", "be": "Рабочы", "ru": "Рабочий"})]
ARTICLES = [("342", "Organising or actively taking part in actions that grossly violate public order"),
            ("361-1", "Creating or taking part in an extremist formation"),
            ("130", "Inciting social hatred"),
            ("368", "Insulting the head of state"),
            ("243", "Tax evasion")]
PRISONS = ["Penal Colony No. 1", "Penal Colony No. 3", "Penal Colony No. 15", "Remand Prison No. 1",
           "Women's Penal Colony No. 4", "Prison No. 4"]
EVENT_TYPES = ["arrest", "trial", "sentence", "release", "pardon", "protest", "statement", "sanctions", "other"]
STATUS_WEIGHTS = [("imprisoned", 45), ("detained", 10), ("restricted", 5), ("released", 34), ("deceased", 2),
                  ("unknown", 4)]
CITIES = [("Minsk", "Мінск", "Минск"), ("Hrodna", "Гродна", "Гродно"), ("Brest", "Брэст", "Брест"),
          ("Homel", "Гомель", "Гомель"), ("Viciebsk", "Віцебск", "Витебск"), ("Mahiliou", "Магілёў", "Могилёв")]


def _q(text: str) -> str:
    """Quote a YAML scalar in double quotes, escaping what needs it."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass
class _Day:
    year: int
    month: int
    day: int

    def ordinal(self) -> int:
        return self.year * 372 + self.month * 31 + self.day


def _day(rng: random.Random, start: int, end: int) -> _Day:
    """Return a valid day between two years (days capped at 28 so every month has them)."""
    return _Day(rng.randint(start, end), rng.randint(1, 12), rng.randint(1, 28))


def _partial(rng: random.Random, day: _Day, vague: float = 0.15) -> str:
    """Write a day as a partial date: usually full, sometimes month or year only, with ~ or ?."""
    roll = rng.random()
    if roll < vague / 2:
        return _q(f"{day.year}" + rng.choice(["~", "?", ""]))
    if roll < vague:
        return _q(f"{day.year}-{day.month:02d}" + rng.choice(["~", "?", ""]))
    return f"{day.year}-{day.month:02d}-{day.day:02d}"


def _later(rng: random.Random, after: _Day, max_years: int, limit: int = 2025) -> _Day:
    """Return a day in a later month than `after`, so partial dates never run backwards."""
    year = min(limit, after.year + rng.randint(0, max_years))
    month = rng.randint(1, 12)
    if year == after.year:
        if after.month == 12:
            year += 1
        else:
            month = rng.randint(after.month + 1, 12)
    return _Day(year, month, rng.randint(1, 28))


def _later_year(after: _Day, rng: random.Random, max_years: int) -> _Day:
    """Return a day in a later year, so even year-only partial dates stay in order."""
    return _Day(after.year + rng.randint(1, max_years), rng.randint(1, 12), rng.randint(1, 28))


def _bio(rng: random.Random, given: str, city: str, occupation: str) -> str:
    paragraphs = [
        f"{given} was born and grew up in {city}, and worked as a **{occupation.lower()}**.",
        f"According to [a rights group](https://rights.example.org/{rng.randint(1, 9999)}), {given} "
        f"was detained after taking part in a *peaceful* protest.",
        "Colleagues describe a quiet, careful person:\n\n- who kept notes of every court hearing\n"
        "- who wrote letters to other prisoners\n- who refused to sign a plea for pardon",
        f"In court, {given} said: \"I did nothing wrong\". The hearing lasted {rng.randint(1, 9)} days.",
    ]
    rng.shuffle(paragraphs)
    return "\n\n".join(paragraphs[: rng.randint(1, 4)])


def _block(text: str, indent: str) -> str:
    """Return a YAML literal block of text."""
    return "|\n" + "\n".join((indent + line) if line else "" for line in text.split("\n")) + "\n"


def _person(rng: random.Random, slug: str, sources: list[str]) -> tuple[str, dict]:
    """Return a person file and the facts events need about them."""
    female = rng.random() < 0.45
    given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
    sur = rng.choice(SURNAMES)
    s = 1 if female else 0
    name = {"en": f"{given[0]} {sur[s]}", "be": f"{given[1]} {sur[2 + s]}", "ru": f"{given[2]} {sur[4 + s]}"}
    status = rng.choices([s for s, _ in STATUS_WEIGHTS], [w for _, w in STATUS_WEIGHTS])[0]
    withheld = rng.random() < 0.03
    lines: list[str] = []
    city = rng.choice(CITIES)
    if withheld:  # the file name may hold only words of the label and numbers
        slug = "citizen-" + slug.rsplit("-", 1)[1]
        lines += ["identity_withheld: true", "label:",
                  "  en: Citizen of Belarus, name not published",
                  "  ru: Гражданин Беларуси, имя не опубликовано"]
    else:
        lines += ["name:", *(f"  {lang}: {_q(text)}" for lang, text in name.items())]
        if rng.random() < 0.3:
            lines.append(f"also_known_as: [{_q(name['be'])}, {_q(name['ru'])}]")
        lines.append(f"gender: {'female' if female else 'male'}")
    lines.append(f"status: {status}")
    born = _day(rng, 1950, 2003)
    if not withheld:
        lines.append(f"born: {_partial(rng, born)}")
        occupation = rng.choice(OCCUPATIONS)
        lines += ["occupation:", *(f"  {k}: {_q(v)}" for k, v in occupation.items())]
    if rng.random() < 0.8:
        lines += ["citizenship: [BY]"]
    if rng.random() < 0.6:
        lines += ["recognized:", "  - by: Example Human Rights Centre"]
        if not withheld:  # the statement's address would name the person
            lines.append(f"    url: https://rights.example.org/{slug}")
    detained = _Day(rng.randint(max(born.year + 18, 2015), 2024), rng.randint(1, 12), rng.randint(1, 28))
    lines.append(f"detained: {_partial(rng, detained)}")
    last = detained
    if status in ("imprisoned", "released", "deceased", "restricted") and rng.random() < 0.85:
        article, text = rng.choice(ARTICLES)
        lines += ["charges:", f"  - article: {_q(article)}", f"    text: {_q(text)}",
                  f"    sources: [{rng.choice(sources)}]"]
        trial = _later_year(detained, rng, 1)
        judge = rng.choice(SURNAMES)
        court = rng.choice(CITIES)[0]
        if not withheld:  # a trial's court, judge and date point to one case
            lines += ["trial:", f"  court: {_q(court + ' District Court')}",
                      f"  judge: {_q(judge[0])}", f"  date: {trial.year}-{trial.month:02d}-{trial.day:02d}"]
        term = rng.choice(["P1Y6M", "P2Y", "P3Y", "P5Y", "P8Y", "P10Y", "P15Y"])
        lines += ["sentence:", f"  date: {trial.year}-{trial.month:02d}-{trial.day:02d}", f"  term: {term}",
                  f"  regime: {rng.choice(['general', 'strict', 'colony-settlement'])}"]
        last = trial
    if status == "imprisoned":
        lines += ["place_of_detention:", f"  name: {_q(rng.choice(PRISONS))}"]
    if status == "released":
        released = _later_year(last, rng, 4)
        lines += [f"released: {released.year}-{released.month:02d}-{released.day:02d}",
                  f"release_type: {rng.choice(['pardon', 'served', 'acquitted', 'deported'])}"]
    if status == "deceased":
        died = _later_year(last, rng, 3)
        lines.append(f"died: {died.year}-{died.month:02d}")
    who = "A person whose name is not published" if withheld else name["en"]
    lines.append(f"summary: {_q(f'{who}, detained in {city[0]}.')}")
    if not withheld and rng.random() < 0.8:
        lines.append("bio:")
        lines.append("  en: " + _block(_bio(rng, given[0], city[0], occupation['en']), "    ").rstrip("\n"))
        if rng.random() < 0.3:
            lines.append("  ru: " + _block(f"{given[2]} — {occupation['ru'].lower()} из города {city[2]}.", "    ")
                         .rstrip("\n"))
    cited = rng.sample(sources, rng.randint(1, 3))
    lines.append(f"sources: [{', '.join(cited)}]")
    return "\n".join(lines) + "\n", {"slug": slug, "name": name["en"], "names": name}


def _event(rng: random.Random, people: list[dict], sources: list[str]) -> tuple[str, str]:
    """Return an event's slug stem and file."""
    kind = rng.choice(EVENT_TYPES)
    day = _day(rng, 2015, 2025)
    named = rng.sample(people, min(len(people), rng.randint(1, 8)))
    first = named[0]["name"] if named else "several people"
    title = {"arrest": f"{first} detained", "trial": f"Trial of {first} begins",
             "sentence": f"{first} sentenced", "release": f"{first} released", "pardon": f"{first} pardoned",
             "protest": "Protest in support of prisoners", "statement": f"Statement on {first}",
             "sanctions": "New sanctions announced", "other": f"News about {first}"}[kind]
    lines = [f"date: {_partial(rng, day, 0.1)}", f"type: {kind}"]
    if rng.random() < 0.5:
        # Each language's title in its own alphabet (check warns about Latin text marked be or ru).
        names = named[0]["names"] if named else {"be": "некалькі чалавек", "ru": "несколько человек"}
        lines += ["title:", f"  en: {_q(title)}", f"  be: {_q('Падзея: ' + names['be'])}",
                  f"  ru: {_q('Событие: ' + names['ru'])}"]
    else:
        lines.append(f"title: {_q(title)}")
    lines.append(f"people: [{', '.join(p['slug'] for p in named)}]")
    if rng.random() < 0.7:
        lines.append("summary: " + _block(
            f"On this day **{len(named)}** {'person was' if len(named) == 1 else 'people were'} named in a "
            f"[report](https://news.example.org/{rng.randint(1, 99999)}).\n\nThe *court* did not comment.",
            "  ").rstrip("\n"))
    lines.append(f"sources: [{', '.join(rng.sample(sources, rng.randint(1, 2)))}]")
    stem = f"{day.year}-{day.month:02d}-{day.day:02d}-{kind}"
    return stem, "\n".join(lines) + "\n"


SITE = """\
# Generated by bench/generate.py: fictional people and events for benchmarks.
title:
  en: Benchmark fact file
  be: Тэставае дасье
  ru: Тестовое досье
description: Fictional people and events, generated for benchmarks.
languages: [en, be, ru]
"""


def generate(out: Path, people: int, events: int, seed: int = 1) -> Path:
    """Write a content tree of `people` people and `events` events into `out`; return it."""
    rng = random.Random(f"factfile-bench-{seed}-{people}-{events}")
    (out / "people").mkdir(parents=True, exist_ok=True)
    (out / "events").mkdir(parents=True, exist_ok=True)
    (out / "site.yaml").write_text(SITE, encoding="utf-8")
    source_ids = [f"report-{i:04d}" for i in range(max(20, people // 20))]
    source_lines = []
    for i, sid in enumerate(source_ids):
        source_lines += [f"{sid}:", f"  title: {_q(f'Report number {i} on political prisoners')}",
                         f"  publisher: {rng.choice(['Example News', 'Example Rights Centre', 'Example Wire'])}",
                         f"  url: https://news.example.org/{sid}",
                         f"  published: {2015 + i % 11}-{1 + i % 12:02d}-{1 + i % 28:02d}"]
    (out / "sources.yaml").write_text("\n".join(source_lines) + "\n", encoding="utf-8")
    facts = []
    for i in range(people):
        sur = SURNAMES[i % len(SURNAMES)][0].lower()
        slug = f"{sur}-{i:05d}"
        text, fact = _person(rng, slug, source_ids)
        (out / "people" / f"{fact['slug']}.yaml").write_text(text, encoding="utf-8")
        facts.append(fact)
    for i in range(events):
        stem, text = _event(rng, facts, source_ids)
        (out / "events" / f"{stem}-{i:05d}.yaml").write_text(text, encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Generate fictional benchmark content.")
    parser.add_argument("out", type=Path)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--events", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    generate(args.out, args.people, args.events, args.seed)


if __name__ == "__main__":
    main()
