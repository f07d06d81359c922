"""Generate a realistic, fictional content tree of any size, the same bytes for the same arguments.

A share of the people are written in the long form of custody and cases (an administrative arrest,
a criminal period moved between places, a verdict, sometimes an appeal or an additional sentence),
held in a few hundred generated places of detention and charged under the articles of a generated
content/articles.yaml; the others in the short form. Every person, place and event is invented:
names are random combinations of common given names and surnames in three scripts (Latin
transliteration, Belarusian and Russian Cyrillic), so no file states a fact about a real person.
Run: python -m bench.generate OUT --people 1000 --events 3000.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path

# How a generated biography starts; the benchmark's edits add a sentence after it, a writer's typical save.
BIO = "bio:\n  en: |\n"


def add_to_bio(text: str, sentence: str) -> str:
    """Return a generated person's file with a sentence added at the start of its biography."""
    return text.replace(BIO, f"{BIO}    {sentence}\n\n", 1)


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
# Listed in the generated content/articles.yaml with the five above; charged in the long form.
MORE_ARTICLES = [("411", "criminal", "Malicious disobedience to the administration of a penal colony"),
                 ("369", "criminal", "Insulting a representative of the authorities"),
                 ("361-4", "criminal", "Assisting an extremist activity"),
                 ("293", "criminal", "Mass riots"),
                 ("24.23", "administrative", "Breaking the rules on mass events"),
                 ("19.11", "administrative", "Distributing extremist materials"),
                 ("24.3", "administrative", "Disobeying a lawful order of an official")]
PRISONS = ["Penal Colony No. 1", "Penal Colony No. 3", "Penal Colony No. 15", "Remand Prison No. 1",
           "Women's Penal Colony No. 4", "Prison No. 4"]
# Kinds of places of detention: (kind, English, Belarusian, Russian name before the number).
PLACE_KINDS = [("temporary-detention", "Temporary Detention Centre", "Ізалятар часовага ўтрымання",
                "Изолятор временного содержания"),
               ("pretrial-centre", "Remand Prison", "Следчы ізалятар", "Следственный изолятор"),
               ("penal-colony", "Penal Colony", "Папраўчая калонія", "Исправительная колония"),
               ("prison", "Prison", "Турма", "Тюрьма"),
               ("open-colony", "Open Colony", "Калонія-пасяленне", "Колония-поселение")]
LONG_FORM = 0.35  # the share of people whose custody and cases are written in the long form
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


def _place(rng: random.Random, number: int, sources: list[str]) -> tuple[str, str, str]:
    """Return a place of detention's slug, kind and file: fictional, numbered, in one of the cities."""
    kind, en, be, ru = PLACE_KINDS[number % len(PLACE_KINDS)]
    city = rng.choice(CITIES)
    slug = f"{kind}-{number:03d}"
    lines = ["name:", f"  en: {_q(f'{en} No. {number}, {city[0]}')}", f"  be: {_q(f'{be} № {number}, {city[1]}')}",
             f"  ru: {_q(f'{ru} № {number}, {city[2]}')}", f"kind: {kind}",
             "city:", f"  en: {city[0]}", f"  be: {city[1]}", f"  ru: {city[2]}"]
    if rng.random() < 0.85:
        street = rng.randint(1, 120)
        lines += ["address:", f"  en: {_q(f'{en} No. {number}, {street} Example street, {city[0]}')}",
                  f"  ru: {_q(f'{ru} № {number}, ул. Примерная, {street}, {city[2]}')}"]
        if rng.random() < 0.6:
            lines.append(f"address_checked: {rng.randint(2022, 2025)}-{rng.randint(1, 12):02d}")
    if rng.random() < 0.3:
        lines += ["letters: " + _block("Letters in Belarusian or Russian are delivered.\n\n"
                                       "- at most **two** sheets\n- no photographs", "  ").rstrip("\n")]
    lines.append(f"sources: [{rng.choice(sources)}]")
    return slug, kind, "\n".join(lines) + "\n"


def _articles_file() -> str:
    """Return content/articles.yaml: every article the generated charges cite."""
    lines = []
    for article, code, title in [(a, "criminal", t) for a, t in ARTICLES] + MORE_ARTICLES:
        lines += [f"{_q(article)}:", f"  code: {code}", f"  title: {_q(title)}"]
    return "\n".join(lines) + "\n"


def _date(day: _Day) -> str:
    return f"{day.year}-{day.month:02d}-{day.day:02d}"


def _long_form(rng: random.Random, status: str, detained: _Day, withheld: bool, sources: list[str],
               places: dict[str, list[str]]) -> list[str]:
    """Return the custody and cases of a person in the long form: sometimes an administrative arrest
    first, then a criminal period with its transfers, its verdict, sometimes an additional sentence."""
    lines = ["custody:"]
    cases = ["cases:"]
    if rng.random() < 0.5 and detained.year > 2015:  # an administrative arrest a year or more before
        start = _Day(detained.year - rng.randint(1, 3), rng.randint(1, 12), rng.randint(1, 13))
        term = rng.choice([10, 13, 15])
        end = _Day(start.year, start.month, start.day + term)
        lines += [f"  - from: {_date(start)}", f"    to: {_date(end)}", "    kind: administrative", "    places:",
                  f"      - place: {rng.choice(places['temporary-detention'])}"]
        cases += ["  - charges:", f"      - article: {_q(rng.choice(['24.23', '19.11', '24.3']))}",
                  f"    verdict: {_date(start)}", "    sentence:", f"      term: P{term}D"]
        if not withheld:
            cases.append(f"    court: {_q(rng.choice(CITIES)[0] + ' District Court')}")
    lines += [f"  - from: {_date(detained)}"]
    transfer = _Day(detained.year, detained.month, detained.day + 3) if detained.day <= 25 else \
        _Day(detained.year + detained.month // 12, detained.month % 12 + 1, 1)
    verdict = _later(rng, transfer, 1, 2025)
    colony = _later(rng, verdict, 0, 2025) if verdict.year < 2025 or verdict.month < 12 else None
    released = _later_year(colony or verdict, rng, 3) if status == "released" else None
    if released:
        lines.append(f"    to: {_date(released)}")
    lines += ["    kind: criminal", "    places:", f"      - place: {rng.choice(places['temporary-detention'])}",
              f"      - place: {rng.choice(places['pretrial-centre'])}", f"        from: {_date(transfer)}"]
    if status != "detained" and colony is not None:
        lines += [f"      - place: {rng.choice(places['penal-colony'] + places['prison'])}",
                  f"        from: {_date(colony)}"]
        if rng.random() < 0.3:
            lines.append(f"        sources: [{rng.choice(sources)}]")
    if status == "detained":  # awaiting trial: charged, no verdict yet
        cases += ["  - charges:", f"      - article: {_q(rng.choice(ARTICLES)[0])}"]
        return lines + cases
    article, text = rng.choice(ARTICLES)
    cases += ["  - charges:", f"      - article: {_q(article)}", f"        text: {_q(text)}"]
    if rng.random() < 0.4:
        cases.append(f"      - article: {_q(rng.choice(['361-1', '361-4', '130', '369']))}")
    if not withheld:  # a court and a judge point to one case, and so to the person
        cases += [f"    court: {_q(rng.choice(CITIES)[0] + ' Regional Court')}",
                  f"    judge: {_q(rng.choice(SURNAMES)[0])}"]
    term = rng.choice(["P2Y", "P3Y", "P5Y", "P6Y", "P8Y", "P10Y", "P14Y"])
    cases += [f"    verdict: {_date(verdict)}", "    sentence:", f"      term: {term}",
              f"      regime: {rng.choice(['general', 'strict', 'colony-settlement'])}"]
    if rng.random() < 0.5:
        cases += ["    appeal:", f"      outcome: {rng.choice(['upheld', 'upheld', 'reduced'])}"]
    cases.append(f"    sources: [{rng.choice(sources)}]")
    if colony is not None and rng.random() < 0.25 and (released is None or released.year > colony.year + 1):
        extra = _later_year(colony, rng, 1)  # an additional sentence while in the colony
        if released is None or extra.ordinal() < released.ordinal():
            cases += ["  - charges:", '      - article: "411"', f"    verdict: {_date(extra)}", "    sentence:",
                      f"      term: P{rng.randint(1, 3)}Y", f"      start: {_date(detained)}"]
    return lines + cases


def _person(rng: random.Random, slug: str, sources: list[str], places: dict[str, list[str]]) -> tuple[str, dict]:
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
    if status in ("imprisoned", "detained", "released") and places and rng.random() < LONG_FORM:
        lines += _long_form(rng, status, detained, withheld, sources, places)
        return _finish(rng, lines, slug, name, withheld, city, given, occupation if not withheld else None,
                       sources)
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
    return _finish(rng, lines, slug, name, withheld, city, given, occupation if not withheld else None, sources)


def _finish(rng: random.Random, lines: list[str], slug: str, name: dict, withheld: bool, city: tuple,
            given: tuple, occupation: dict | None, sources: list[str]) -> tuple[str, dict]:
    """Add a person's summary, biography and sources; return the file and what events need."""
    who = "A person whose name is not published" if withheld else name["en"]
    lines.append(f"summary: {_q(f'{who}, detained in {city[0]}.')}")
    if occupation is not None and rng.random() < 0.8:
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
    """Write a content tree of `people` people and `events` events, with places of detention and
    articles, into `out`; return it."""
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
    (out / "places").mkdir(exist_ok=True)
    places: dict[str, list[str]] = {kind: [] for kind, *_ in PLACE_KINDS}
    for number in range(1, max(len(PLACE_KINDS), min(300, people // 3)) + 1):  # a few hundred at most
        slug, kind, text = _place(rng, number, source_ids)
        (out / "places" / f"{slug}.yaml").write_text(text, encoding="utf-8")
        places[kind].append(slug)
    (out / "articles.yaml").write_text(_articles_file(), encoding="utf-8")
    facts = []
    for i in range(people):
        sur = SURNAMES[i % len(SURNAMES)][0].lower()
        slug = f"{sur}-{i:05d}"
        text, fact = _person(rng, slug, source_ids, places)
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
