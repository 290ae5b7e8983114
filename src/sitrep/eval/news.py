"""news_dev: real conflict news with document-level gold (events, casualties, quotes, clusters).

Data: ../shared/eval/news_dev (articles.jsonl, gold.jsonl, clusters.json; see its SOURCE.md).
Every article goes through the production pipeline with its publication date and outlet, and
all of them into one ledger (a throwaway SQLite store), scored as SOURCE.md describes:

* events: a gold event is found by a predicted event of the same type one of whose mention
  spans (the trigger, or the incident's further mentions) lies inside the gold evidence;
  one prediction matches at most one gold event.  On matched events: agent, target, place,
  country, date and status accuracy.  Events marked background are not predictions.
  Also the predicted events per gold event (over all articles).
* casualties: same outcome and number (for an approximate or vague gold figure, a predicted
  range containing it); predictions repeating a figure with the same claimant count once, as
  the gold does.  On matched figures: population, side, cumulative, claimant, claimant country.
* quotes: a predicted content that starts with the gold `start` (quote marks and white space
  ignored); speaker accuracy on matched quotes.
* clusters: pair recall (member pairs that share one ledger event of the cluster's type) and
  false merges (ledger events whose sources come from two or more clusters).

Names are compared after normalisation, through the actor dictionary's aliases and, for state
actors, through their country: gold codes states as ISO3 and names non-state actors.

    python -m sitrep.eval.news ../shared [limit]
"""
from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence, TypeVar

from ..geo import countries
from ..ingest import article_from_text
from ..records import ActorRef, ArticleResult, Casualty, Event, Place, Quote, Span

ISO3 = re.compile(r"^[A-Z]{3}$")
STATE_KINDS = {"government", "military", "police", "country"}
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG"}
# head words of an unnamed state body ("Sudanese army", "Nigerien defence ministry")
STATE_HEADS = {"army", "military", "forces", "troops", "soldiers", "government", "ministry", "authorities",
               "officials", "police", "junta", "air", "navy", "president", "presidency", "spokesperson",
               "spokesman", "media", "state"}
STATUS_CLASS = {"ongoing": "occurred", "claimed": "occurred"}
STOP = {"the", "a", "an", "of", "in", "and", "'s"}
QUOTE_MARKS = "\"'“”‘’«»`"


T = TypeVar("T")


def _data_dir(shared: Path) -> Path:
    return Path(shared) / "eval" / "news_dev"


def load(shared: Path, limit: Optional[int] = None) -> tuple[list[dict], dict[str, dict], dict]:
    d = _data_dir(shared)
    with open(d / "articles.jsonl", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    with open(d / "gold.jsonl", encoding="utf-8") as f:
        gold = {g["id"]: g for g in map(json.loads, filter(str.strip, f))}
    clusters = json.loads((d / "clusters.json").read_text(encoding="utf-8"))
    if limit:
        rows = rows[:limit]
    return rows, gold, clusters


def _date(value: Optional[str]) -> Optional[dt.date]:
    return dt.date.fromisoformat(value) if value else None


# -- names -----------------------------------------------------------------------------------
def _tokens(s: str) -> list[str]:
    return [t for t in re.findall(r"[\w'-]+", s.casefold().replace("’", "'")) if t not in STOP]


def _norm(s: str) -> str:
    return " ".join(_tokens(s))


def _lexicon_name(name: str) -> Optional[str]:
    from ..extract.actors import _lexicon_ref  # the same alias table the pipeline resolves with

    ref = _lexicon_ref(name)
    return ref.name if ref else None


def _keys(*names: Optional[str]) -> set[str]:
    out = set()
    for n in filter(None, names):
        out.add(_norm(n))
        canon = _lexicon_name(n)
        if canon:
            out.add(_norm(canon))
    out.discard("")
    return out


def _contained(a: str, b: str) -> bool:
    """Every token of the shorter name occurs in the longer ("Aleppo" ~ "Aleppo province")."""
    ta, tb = set(a.split()), set(b.split())
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return bool(short) and short <= long_


def _state_of(name: str) -> Optional[str]:
    """ISO3 of an unnamed state body: 'Sudanese army' -> SDN, 'Nigerien defence ministry' -> NER."""
    words = name.split()
    if not any(w.casefold() in STATE_HEADS for w in words):
        return None
    for w in words:
        info = countries.by_demonym(w) or countries.lookup(w)
        if info:
            return info.iso3
    return None


def _is_state(ref: ActorRef) -> bool:
    return ref.kind in STATE_KINDS or (ref.kind == "person" and ref.sector in STATE_SECTORS)


def party_matches(gold: Optional[str], ref: Optional[ActorRef]) -> bool:
    if gold is None or ref is None:
        return gold is None and ref is None
    if ISO3.match(gold) and countries.by_iso3(gold):
        return ref.country == gold and _is_state(ref)
    state = _state_of(gold)
    if state and ref.country == state and _is_state(ref):
        return True
    mention = ref.span.text if ref.span else None
    return names_match(gold, ref.name, mention)


def names_match(gold: str, *predicted: Optional[str]) -> bool:
    gk, pk = _keys(gold), _keys(*predicted)
    return bool(gk & pk) or any(_contained(g, p) for g in gk for p in pk)


def place_matches(gold: Optional[str], gold_country: Optional[str], place: Optional[Place]) -> bool:
    if gold is None:
        return place is None or (place.precision == "country" and place.country == gold_country)
    if place is None:
        return False
    return any(names_match(part.strip(), place.name, place.mention.text) for part in gold.split(","))


def _resolved(t) -> tuple[Optional[dt.date], Optional[dt.date]]:
    """The interval a time expression resolves to; (None, None) when it is unresolved
    ("Saturday" in an undated article), which counts as no date."""
    if t is None:
        return None, None
    if t.date:
        return t.date, t.date
    return t.start_date, t.end_date


def date_matches(gold: Optional[str], event: Event) -> bool:
    start, end = _resolved(event.date)
    if gold is None or start is None or end is None:
        return gold is None and start is None
    if len(gold) == 10:
        return start == end == dt.date.fromisoformat(gold)
    return start.isoformat()[:len(gold)] == end.isoformat()[:len(gold)] == gold


# -- matching --------------------------------------------------------------------------------
def _occurrences(text: str, part: str) -> list[tuple[int, int]]:
    out, i = [], text.find(part)
    while i >= 0:
        out.append((i, i + len(part)))
        i = text.find(part, i + 1)
    return out


def _mentions(e: Event) -> list[Span]:
    return [e.trigger, *(getattr(e, "mentions", None) or [])]


def _is_background(e: Event) -> bool:
    return bool(getattr(e, "background", False))


def coded_events(result: ArticleResult) -> list[Event]:
    return [e for e in result.events if not _is_background(e)]


def match_events(text: str, gold: list[dict], predicted: list[Event]) -> tuple[list, int]:
    """(gold, prediction or None) pairs, and how many gold evidences the text lacks."""
    used: set[int] = set()
    pairs, missing = [], 0
    for g in gold:
        spans = _occurrences(text, g["evidence"])
        missing += not spans
        hit = None
        for i, e in enumerate(predicted):
            if i in used or e.type != g["type"]:
                continue
            if any(s <= m.start and m.end <= t for m in _mentions(e) for s, t in spans):
                hit = i
                break
        if hit is not None:
            used.add(hit)
        pairs.append((g, predicted[hit] if hit is not None else None))
    return pairs, missing


def _figure_key(c: Casualty) -> tuple:
    who = c.claimant.name if c.claimant else None
    return (c.outcome, c.low, c.high, who)


def distinct_figures(items: Iterable[Casualty]) -> list[Casualty]:
    seen, out = set(), []
    for c in items:
        if _figure_key(c) not in seen:
            seen.add(_figure_key(c))
            out.append(c)
    return out


def figure_matches(g: dict, c: Casualty) -> bool:
    if c.outcome != g["outcome"]:
        return False
    if g.get("approximate") or g.get("vague"):
        return c.low <= g["low"] <= c.high or c.low <= g["high"] <= c.high
    return c.low == g["low"] and c.high == g["high"]


def claimant_matches(gold: Optional[str], c: Casualty) -> bool:
    cl = c.claimant
    if gold == "outlet":
        return cl is None or cl.kind == "outlet"
    if gold is None or cl is None or cl.kind == "outlet":
        return False
    return party_matches(gold, cl.actor) if cl.actor else names_match(gold, cl.name)


def _strip_marks(s: str) -> str:
    return " ".join(s.strip().lstrip(QUOTE_MARKS + " ").split()).replace("’", "'").casefold()


def quote_matches(g: dict, q: Quote) -> bool:
    # a start that is the whole quote may end in the comma inside the closing mark (“In control of X,” he
    # said): that comma is the attribution's punctuation, not content, so it is not required
    start = _strip_marks(g["start"]).rstrip(QUOTE_MARKS + " ,;:")
    return bool(start) and _strip_marks(q.content.text).startswith(start)


def _one_to_one(gold: list[dict], predicted: Sequence[T],
                matches: Callable[[dict, T], bool]) -> list[tuple[dict, Optional[T]]]:
    used: set[int] = set()
    out: list[tuple[dict, Optional[T]]] = []
    for g in gold:
        hit = next((i for i, p in enumerate(predicted) if i not in used and matches(g, p)), None)
        if hit is not None:
            used.add(hit)
        out.append((g, predicted[hit] if hit is not None else None))
    return out


def _share(hits: int, n: int) -> Optional[float]:
    return round(hits / n, 3) if n else None


# -- scoring ---------------------------------------------------------------------------------
def score_events(results: dict[str, ArticleResult], gold: dict[str, dict]) -> dict:
    slots = {k: [0, 0] for k in ("agent", "target", "place", "country", "date", "status")}
    n_gold = n_found = n_pred = missing = 0
    for aid, res in results.items():
        predicted = coded_events(res)
        n_pred += len(predicted)
        pairs, miss = match_events(res.article.text, gold[aid]["events"], predicted)
        missing += miss
        for g, e in pairs:
            n_gold += 1
            if e is None:
                continue
            n_found += 1
            checks = {
                "agent": party_matches(g.get("agent"), e.agent),
                "target": party_matches(g.get("target"), e.target),
                "place": place_matches(g.get("place"), g.get("country"), e.place),
                "country": (e.place.country if e.place else None) == g.get("country"),
                "date": date_matches(g.get("date"), e),
                "status": STATUS_CLASS.get(e.status, e.status) == g["status"],
            }
            for k, ok in checks.items():
                slots[k][0] += ok
                slots[k][1] += 1
    out = {"gold": n_gold, "predicted": n_pred, "recall": _share(n_found, n_gold),
           "per_gold_event": round(n_pred / n_gold, 2) if n_gold else None,
           "evidence_not_in_text": missing}
    out.update({k: _share(h, n) for k, (h, n) in slots.items()})
    return out


def score_casualties(results: dict[str, ArticleResult], gold: dict[str, dict]) -> dict:
    fields = {k: [0, 0] for k in ("population", "side", "cumulative", "claimant", "claimant_country")}
    n_gold = n_found = n_pred = n_pred_hit = 0
    for aid, res in results.items():
        predicted = distinct_figures(res.casualties)
        n_pred += len(predicted)
        n_pred_hit += sum(any(figure_matches(g, c) for g in gold[aid]["casualties"]) for c in predicted)
        for g, c in _one_to_one(gold[aid]["casualties"], predicted, figure_matches):
            n_gold += 1
            if c is None:
                continue
            n_found += 1
            cl = c.claimant
            checks = {
                "population": c.population == g["population"],
                "side": c.side == g.get("side"),
                "cumulative": c.cumulative == bool(g.get("cumulative")),
                "claimant": claimant_matches(g.get("claimant"), c),
                "claimant_country": (cl.actor.country if cl and cl.actor else None) == g.get("claimant_country"),
            }
            for k, ok in checks.items():
                fields[k][0] += ok
                fields[k][1] += 1
    out = {"gold": n_gold, "predicted": n_pred, "found": _share(n_found, n_gold),
           "precision": _share(n_pred_hit, n_pred)}
    out.update({k: _share(h, n) for k, (h, n) in fields.items()})
    return out


def score_quotes(results: dict[str, ArticleResult], gold: dict[str, dict]) -> dict:
    n_gold = n_found = n_pred = n_pred_hit = speaker = 0
    for aid, res in results.items():
        gq, pq = gold[aid]["quotes"], res.quotes
        n_pred += len(pq)
        n_pred_hit += sum(any(quote_matches(g, q) for g in gq) for q in pq)
        for g, q in _one_to_one(gq, pq, quote_matches):
            n_gold += 1
            if q is None:
                continue
            n_found += 1
            speaker += party_matches(g["speaker"], q.speaker) if q.speaker else False
    return {"gold": n_gold, "predicted": n_pred, "precision": _share(n_pred_hit, n_pred),
            "recall": _share(n_found, n_gold), "speaker": _share(speaker, n_found)}


def score_clusters(ledger, cluster_of: dict[str, str], clusters: dict) -> dict:
    """ledger: LedgerEvents; cluster_of: stored article id -> cluster id."""
    together: dict[tuple[str, str], set[str]] = defaultdict(set)  # article pair -> types merged under
    false_events = false_pairs = 0
    for e in ledger:
        arts = sorted({s.article_id for s in e.sources if s.article_id in cluster_of})
        if len({cluster_of[a] for a in arts}) > 1:
            false_events += 1
            false_pairs += sum(cluster_of[a] != cluster_of[b] for a, b in itertools.combinations(arts, 2))
        for a, b in itertools.combinations(arts, 2):
            together[(a, b)].add(e.type)
    members: dict[str, list[str]] = defaultdict(list)
    for aid, cid in cluster_of.items():
        members[cid].append(aid)
    per_cluster, hit_total, pair_total = {}, 0, 0
    for cid, arts in sorted(members.items()):
        pairs = list(itertools.combinations(sorted(arts), 2))
        hits = sum(clusters[cid]["event_type"] in together.get(p, ()) for p in pairs)
        per_cluster[cid] = _share(hits, len(pairs))
        hit_total += hits
        pair_total += len(pairs)
    return {"pair_recall": _share(hit_total, pair_total), "pairs": pair_total,
            "false_merge_events": false_events, "false_merge_pairs": false_pairs,
            "per_cluster": per_cluster}


def extract_all(rows: list[dict]) -> dict[str, ArticleResult]:
    from ..pipeline import extract_many

    articles = [article_from_text(r["text"], published=_date(r.get("published")), outlet=r.get("outlet"),
                                  url=r.get("url"), source_path=f"news_dev#{r['id']}") for r in rows]
    return {r["id"]: res for r, res in zip(rows, extract_many(articles))}


def ledger_of(results: Iterable[ArticleResult]) -> list:
    from ..ledger.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/news.db")
        for res in results:
            store.add_result(res)
        events = store.ledger_events()
        store.engine.dispose()
    return events


def run(shared: Path, limit: Optional[int] = None) -> dict:
    rows, gold, clusters = load(shared, limit)
    results = extract_all(rows)
    cluster_of = {results[r["id"]].article.id: r["cluster"] for r in rows}
    return {
        "articles": len(rows),
        "events": score_events(results, gold),
        "casualties": score_casualties(results, gold),
        "quotes": score_quotes(results, gold),
        "clusters": score_clusters(ledger_of(results.values()), cluster_of, clusters),
    }


if __name__ == "__main__":
    print(json.dumps(run(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else None), indent=2))
