"""Turn a factfile content tree into a Hugo site that renders comparable pages, for timing Hugo.

The adapter hands Hugo already-linked data (each person's events, each event's people, the facts
table as label/value pairs) so Hugo's templates only render: that favours Hugo, which keeps the
comparison honest. Hugo renders, per language, a page per person and per event, the people list
(everyone), a page per year listing its events (our timeline years) and a home page.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from factfile.content.dates import build_date
from factfile.content.link import Found, RecordDict, link
from factfile.content.load import load_content
from factfile.content.summary import summarize
from factfile.problems import Problems
from factfile.site import pages, urls
from factfile.site.context import Context
from factfile.site.i18n import load_catalogues
from factfile.site.plan import plan

ROOT = Path(__file__).resolve().parent.parent

CONFIG = """\
baseURL = "https://example.org/"
title = "Benchmark fact file"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
disableKinds = ["rss", "sitemap", "robotstxt", "404"]
uglyURLs = false
[taxonomies]
year = "years"
[markup.goldmark.renderer]
unsafe = false
"""

BASEOF = """\
<!doctype html>
<html lang="{{ .Language.Lang }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ site.Title }}</title>
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .RelPermalink }}">
{{ end }}<link rel="stylesheet" href="/static/style.css"></head>
<body><a class="skip" href="#main">Skip</a>
<header class="masthead"><div class="wrap"><a class="brand" href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav><ul><li><a href="{{ site.Home.RelPermalink }}">Home</a></li><li><a href="{{ (site.GetPage "/people").RelPermalink }}">People</a></li></ul></nav>
<nav class="languages"><ul>{{ range .AllTranslations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a></li>{{ end }}</ul></nav>
</div></header>
<main id="main" class="wrap">{{ block "main" . }}{{ end }}</main>
<footer class="wrap site-footer"><p>Every fact on this site cites its source.</p></footer>
</body></html>
"""

PERSON = """\
{{ define "main" }}<article class="profile"><header><h1>{{ .Title }}</h1>
<p><span class="status status-{{ .Params.status }}">{{ .Params.status_label }}</span></p>
{{ with .Params.summary }}<p class="lead">{{ . }}</p>{{ end }}</header>
<section><h2>Facts</h2><dl class="facts">{{ range .Params.facts }}<div><dt>{{ .label }}</dt><dd>{{ range .items }}<span class="item">{{ . }}</span>{{ end }}{{ range .refs }}<sup><a href="#source-{{ . }}">[{{ . }}]</a></sup>{{ end }}</dd></div>{{ end }}</dl></section>
{{ with .Content }}<section class="bio"><h2>Biography</h2>{{ . }}</section>{{ end }}
{{ with .Params.timeline }}<section><h2>Timeline</h2><ol class="timeline">{{ range . }}<li><time datetime="{{ .datetime }}">{{ .when }}</time> {{ if .href }}<a href="{{ .href }}">{{ .title }}</a>{{ else }}{{ .title }}{{ end }}</li>{{ end }}</ol></section>{{ end }}
<section><h2>Sources</h2><ol class="sources">{{ range .Params.sources }}<li id="source-{{ .n }}">{{ if .url }}<a href="{{ .url }}">{{ .title }}</a>{{ else }}<cite>{{ .title }}</cite>{{ end }}. {{ .publisher }}.</li>{{ end }}</ol></section>
</article>{{ end }}
"""

EVENT = """\
{{ define "main" }}<article class="event"><header><h1>{{ .Title }}</h1>
<p class="meta"><time datetime="{{ .Params.datetime }}">{{ .Params.when }}</time> · {{ .Params.type_label }}</p></header>
{{ with .Content }}<div class="summary">{{ . }}</div>{{ end }}
<section><h2>People</h2><ul class="people">{{ range .Params.people }}<li><a href="{{ .href }}">{{ .name }}</a>{{ with .summary }} <span class="summary">{{ . }}</span>{{ end }}</li>{{ end }}</ul></section>
<section><h2>Sources</h2><ol class="sources">{{ range .Params.sources }}<li id="source-{{ .n }}">{{ if .url }}<a href="{{ .url }}">{{ .title }}</a>{{ else }}<cite>{{ .title }}</cite>{{ end }}. {{ .publisher }}.</li>{{ end }}</ol></section>
</article>{{ end }}
"""

PEOPLE = """\
{{ define "main" }}<h1>{{ .Title }}</h1><ul class="people">{{ range .Pages.ByTitle }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.summary }} <span class="summary">{{ . }}</span>{{ end }}</li>{{ end }}</ul>{{ end }}
"""

SECTION = """\
{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ len .Pages }}</p>{{ end }}
"""

TERM = """\
{{ define "main" }}<h1>{{ .Title }}</h1><ol class="timeline">{{ range .Pages.ByDate.Reverse }}<li><time>{{ .Params.when }}</time> <a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ .Params.type_label }})</li>{{ end }}</ol>{{ end }}
"""

HOME = """\
{{ define "main" }}<h1>{{ site.Title }}</h1><p>{{ len (where site.RegularPages "Section" "people") }} people</p>
<ul class="events">{{ range first 10 (where site.RegularPages "Section" "events").ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
"""


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _front(data: dict, body: str) -> str:
    """Return a Hugo content file: JSON front matter, then Markdown."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n\n" + body + "\n"


def _register_rows(values: dict) -> list:
    """Return a profile's custody history and cases as rows of facts, so Hugo's page shows what
    factfile's shows: a row per period with its places, the rows of each case."""
    from factfile.site.parts import Fact, Item

    rows = []
    for period in (values["history"] or {}).get("periods", []):
        dates = " – ".join(_text(d.text) for d in (period["start"], period["end"]) if d)
        places = [_text(p["name"]) + (f" ({_text(p['from'].text)})" if p["from"] else "") for p in period["places"]]
        rows.append(Fact(period["kind"], [Item(dates), *(Item(p) for p in places)], period["refs"]))
    for case in values["cases"] or []:
        rows += case["rows"]
    return rows


def write_hugo_site(content_dir: Path, out: Path) -> int:
    """Write a Hugo site for the content into `out`; return the number of content files."""
    problems = Problems()
    content = load_content(content_dir, problems)
    assert content is not None and not problems.errors, [str(p) for p in problems.errors[:5]]
    languages = content.site.languages
    found = Found({s: summarize(p) for s, p in content.people.items()},  # type: ignore[misc]
                  {s: summarize(e) for s, e in content.events.items()}, {},  # type: ignore[misc]
                  {s: summarize(p) for s, p in content.places.items()}, content.person_files,  # type: ignore[misc]
                  set(content.places), content.source_ids, content.articles, set(content.articles))
    linked = link(content.site, content.sources, content.source_origin, found, content.references,
                  RecordDict(content.people, content.events, places=content.places), problems)
    site_plan = plan(linked, languages, pages.KINDS)
    catalogues = load_catalogues(ROOT / "templates", languages, problems)
    if out.exists():
        shutil.rmtree(out)
    layouts = out / "layouts"
    for path, text in {"baseof.html": BASEOF, "home.html": HOME, "section.html": SECTION,
                       "term.html": TERM, "taxonomy.html": SECTION, "people/page.html": PERSON,
                       "people/section.html": PEOPLE, "events/page.html": EVENT}.items():
        (layouts / path).parent.mkdir(parents=True, exist_ok=True)
        (layouts / path).write_text(text, encoding="utf-8")
    config = CONFIG
    for weight, lang in enumerate(languages, 1):
        config += (f'[languages.{lang}]\ncontentDir = "content/{lang}"\nweight = {weight}\n'
                   f'languageName = "{catalogues[lang].native_name}"\n')
    (out / "hugo.toml").write_text(config, encoding="utf-8")
    (out / "static" / "static").mkdir(parents=True)
    shutil.copy(ROOT / "templates" / "static" / "style.css", out / "static" / "static" / "style.css")
    count = 0
    for lang in languages:
        context = Context(linked, site_plan, catalogues[lang], languages[0], build_date())
        base = out / "content" / lang
        (base / "people").mkdir(parents=True)
        (base / "events").mkdir(parents=True)
        (base / "people" / "_index.md").write_text(_front({"title": catalogues[lang]("people.title")}, ""))
        (base / "events" / "_index.md").write_text(_front({"title": "Events"}, ""))
        for slug in content.people:
            values = pages.person.view(context, slug)
            bio = values["bio"]
            timeline = [{"when": _text(line["when"].text) if line["when"] else "",
                         "datetime": line["when"].datetime if line["when"] else "",
                         "title": _text(line["title"]),
                         "href": "/" + line["href"] if line["href"] else ""} for line in values["timeline"]]
            data = {"title": str(values["name"]), "status": content.people[slug].status,
                    "status_label": values["status_label"], "summary": _text(values["summary"]),
                    "facts": [{"label": f.label, "refs": f.refs,
                               "items": [_text(i.text) + (f" — {i.note}" if i.note else "") for i in f.items]}
                              for f in values["facts"] + _register_rows(values)],
                    "timeline": timeline,
                    "sources": [{"n": s["n"], "title": _text(s["title"]), "publisher": s["publisher"],
                                 "url": s["url"] or ""} for s in values["sources"]]}
            (base / "people" / f"{slug}.md").write_text(_front(data, bio.text if bio else ""), encoding="utf-8")
            count += 1
        for slug, event in content.events.items():
            values = pages.event.view(context, slug)
            summary = values["summary"]
            data = {"title": str(values["title"]), "date": event.date.earliest().isoformat(),
                    "when": values["start"].text, "datetime": values["start"].datetime,
                    "type_label": values["type_label"], "years": [str(event.date.year)],
                    "people": [{"name": str(p["name"]), "href": "/" + urls.person_path(lang, s),
                                "summary": _text(p["summary"])}
                               for p, s in zip(values["people"], dict.fromkeys(event.people))],
                    "sources": [{"n": s["n"], "title": _text(s["title"]), "publisher": s["publisher"],
                                 "url": s["url"] or ""} for s in values["sources"]]}
            (base / "events" / f"{slug}.md").write_text(_front(data, summary.text if summary else ""),
                                                        encoding="utf-8")
            count += 1
    return count
