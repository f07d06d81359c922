"""An article of content/articles.yaml: its title, everyone charged under it (held now first), how
many have each status, and the sentence terms given under it."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ...content import history
from ...content.dates import Term
from ...content.model import STATUSES, Person
from .. import peoplelists
from ..context import Context
from ..kinds import PageKind
from ..urls import article_path


def view(context: Context, article_id: str) -> dict[str, Any]:
    t = context.t
    article = context.article(article_id)
    assert article is not None  # the plan lists only the articles articles.yaml gives
    people = context.charged_under(article_id)
    by_status = Counter(person.status for person in people)
    return {
        "article_id": article_id,
        "heading": t("charge_article", article=article_id),
        "title": context.loc(article.title),
        "code_label": t(f"article_code.{article.code}"),
        "people": peoplelists.held_first(context, people),
        "total": len(people),
        "by_status": [{"status": s, "label": t(f"status_group.{s}"), "count": by_status[s], "href": None}
                      for s in STATUSES if by_status[s]],
        "terms": terms(context, article_id, people),
    }


def terms(context: Context, article_id: str, people: list[Person]) -> list[dict[str, Any]]:
    """Return how many sentences of each term were given in cases charging under the article,
    shortest first (a case under several articles counts once for each)."""
    found: Counter[Term] = Counter()
    for person in people:
        for case in history.cases(person):
            if case.sentence and case.sentence.term and any(c.article == article_id for c in case.charges):
                found[case.sentence.term] += 1
    ordered = sorted(found.items(), key=lambda pair: (_days(pair[0]), pair[0].years, pair[0].months))
    return [{"term": context.t.term(term), "count": count} for term, count in ordered]


def _days(term: Term) -> float:
    return term.years * 365.25 + term.months * 30.44 + term.days


KIND = PageKind("article", "article.html", article_path, view, keys=lambda plan: [(a,) for a in plan.articles],
                searched=True)
