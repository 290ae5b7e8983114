"""PolNeAR (political news attribution relations): direct quotes, speech-cue indirect quotes, speakers.

Data: ../shared/eval/polnear_train_dev/{train,dev} (see its SOURCE.md): BRAT standoff, one
event line per attribution tying Content (+ Content2), Cue and Source spans.  Every article goes
through the production pipeline (`sitrep.pipeline.extract_many`) and is scored per split:

* gold direct quote: a relation whose content holds a quotation (a pair of double, curly or
  ``''-style marks around at least one word).  Mixed quotes ("said that ... 'a fragment'") are
  direct quotes too; the gold content is the whole paraphrase plus the fragment.
* gold indirect quote with a speech cue: any other relation whose cue holds a form of a
  speech verb in data/en/speech_cues.tsv (said, told, added, asked, wrote, "according to", a
  colon ...); beliefs, intentions and evidence ("polls show") are not quotes and not scored.
* partial match: a prediction and a gold content match when their character ranges share at
  least one word character (Pareti's partial match); pairs are made one-to-one, largest
  overlap first.  Direct recall: gold direct quotes found by a predicted direct quote.  Direct
  precision: predicted direct quotes matching a fragment of a gold direct content, one-to-one
  over fragments (the gold joins a quote continued after "...," he said. "..." into one relation
  with discontinuous content; the pipeline, like news_dev's gold, gives each part its own quote).  Indirect
  recall: gold speech-cue indirect quotes against the predictions (direct or not) left after
  the direct matching.
* speaker accuracy, on matched quotes with a gold Source: the predicted speaker (its name or
  the mention it was resolved from) names the gold Source, with titles ("Mr.", "Sen.") and
  determiners dropped and one name's words contained in the other's ("Trump" ~ "Donald J.
  Trump").  A pronoun Source (he, she, they, it, I, we, you and their forms) stands for the
  nearest preceding named Source in the gold (one with a capitalised word: "Mr. Trump", "the
  FBI", not "the former ambassador") of that gender (he: known male first, then not known
  female; she likewise; they/it: not a known gendered person; I/we/you: any), the nearest
  following one when none precedes; gender from a title (Mr./Mrs./Ms.) or the first name
  (gender-guesser; the first name of a bare surname is looked up in the article's text).  A
  relative pronoun Source (who, which, that) stands for the words just before it.  A definite
  role Source ("the president", "the former ambassador") is also named correctly by a person the
  article gives that role earlier (the role's head noun within 40 characters of an earlier
  mention of the predicted surname: "President Barack Obama").  Pronoun
  speaker accuracy is reported on the matched quotes whose gold Source is a personal pronoun.

    python -m sitrep.eval.polnear ../shared [limit] [split]
"""
from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import AbstractSet, Any, Iterable, Optional

from .. import rules
from ..ingest.build import text_id
from ..records import ActorRef, Article, ArticleResult, Quote

SPLITS = ("train", "dev")
PERSONAL_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "they", "them", "their", "it", "its",
                     "i", "me", "my", "we", "us", "our", "you", "your"}
MALE, FEMALE = {"he", "him", "his"}, {"she", "her", "hers"}
NEUTER = {"they", "them", "their", "it", "its"}
RELATIVE = {"who", "which", "that", "whom"}
TITLES = {"mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep", "gov", "governor", "president",
          "gen", "secretary", "former", "the", "a", "an", "of", "'s", "s", "candidate", "vice"}
TITLE_GENDER = rules.mapping("honorifics", "gender", tag="courtesy")
QUOTATION = re.compile(r"[\"“”][^\"“”]*\w[^\"“”]*[\"“”]|``.*?\w.*?''|''.*?\w.*?''", re.S)


@dataclass
class Relation:
    content: list[tuple[int, int]]
    text: str
    cue: str = ""
    source: Optional[tuple[int, int]] = None
    source_text: str = ""

    @property
    def direct(self) -> bool:
        return bool(QUOTATION.search(self.text))


@dataclass
class Doc:
    name: str
    text: str
    relations: list[Relation] = field(default_factory=list)


# -- gold ------------------------------------------------------------------------------------
def _spans(field_: str) -> list[tuple[int, int]]:
    out = []
    for part in field_.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def parse_ann(ann: str, text: str, name: str = "") -> list[Relation]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events = []
    for number, line in enumerate(ann.splitlines(), 1):
        cells = line.split("\t")
        if not line.strip() or not re.match(r"[A-Z#]\d*\t", line):
            continue  # blank, or the rest of a span's text that runs over a line break
        try:
            if cells[0].startswith("T"):
                kind, _, offsets = cells[1].partition(" ")
                spans[cells[0]] = (kind, _spans(offsets))
            elif cells[0].startswith("E"):
                events.append(dict(arg.split(":", 1) for arg in cells[1].split()))
        except (ValueError, IndexError) as exc:
            raise ValueError(f"{name} line {number}: cannot read {line!r} ({exc})") from exc
    out = []
    for ev in events:
        content = [s for role in ("Content", "Content2") if ev.get(role) in spans for s in spans[ev[role]][1]]
        if not content:
            continue
        content.sort()
        cue = " ".join(text[a:b] for a, b in spans[ev["Cue"]][1]) if ev.get("Cue") in spans else ""
        src = spans[ev["Source"]][1] if ev.get("Source") in spans else None
        source = (src[0][0], src[-1][1]) if src else None
        out.append(Relation(content=content, text=" ".join(text[a:b] for a, b in content), cue=cue,
                            source=source, source_text=text[source[0]:source[1]] if source else ""))
    return out


def load(shared: Path, split: str, limit: Optional[int] = None) -> list[Doc]:
    base = Path(shared) / "eval" / "polnear_train_dev" / split
    names = sorted(p.stem for p in (base / "text").glob("*.txt"))
    if limit:
        names = names[:limit]
    docs = []
    for name in names:
        text = (base / "text" / f"{name}.txt").read_text(encoding="utf-8")
        ann_path = base / "attributions" / f"{name}.ann"
        ann = ann_path.read_text(encoding="utf-8") if ann_path.exists() else ""
        docs.append(Doc(name=name, text=text, relations=parse_ann(ann, text, str(ann_path))))
    return docs


def speech_cue_forms() -> frozenset[str]:
    from ..extract.cues import speech_cue_forms as forms
    return forms()


def is_speech_cue(cue: str, forms: AbstractSet[str]) -> bool:
    low = cue.casefold().replace("’", "'")
    if low.strip() == ":" or "according to" in low:
        return True
    return any(w in forms for w in re.findall(r"[a-z]+", low))


# -- matching --------------------------------------------------------------------------------
def _overlap(text: str, a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    """Word characters shared by two sets of ranges."""
    n = 0
    for s1, e1 in a:
        for s2, e2 in b:
            lo, hi = max(s1, s2), min(e1, e2)
            if lo < hi:
                n += sum(c.isalnum() for c in text[lo:hi])
    return n


def match(text: str, gold: list[Relation], predicted: list[Quote]) -> list[tuple[Relation, Quote]]:
    """One-to-one partial matches, largest overlap first."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, q in enumerate(predicted):
            n = _overlap(text, g.content, [(q.content.start, q.content.end)])
            if n:
                pairs.append((n, gi, pi))
    used_g, used_p, out = set(), set(), []
    for _n, gi, pi in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gold[gi], predicted[pi]))
    return out


# -- speakers --------------------------------------------------------------------------------
def _name_tokens(s: str) -> set[str]:
    words = re.findall(r"[\w-]+", s.casefold().replace("’", "'").replace("'s", ""))
    return {w for w in words if w not in TITLES}


def _names_match(gold: str, predicted: str) -> bool:
    g, p = _name_tokens(gold), _name_tokens(predicted)
    return bool(g) and bool(p) and (g <= p or p <= g)


_DETECTOR: Any = None   # gender_guesser's Detector; False when it is not installed


def _first_name_gender(first: str) -> Optional[str]:
    global _DETECTOR
    if _DETECTOR is None:
        try:
            import gender_guesser.detector as gg
            _DETECTOR = gg.Detector(case_sensitive=False)
        except ImportError:
            _DETECTOR = False
    if not _DETECTOR:
        return None
    g = _DETECTOR.get_gender(first)
    return {"male": "male", "mostly_male": "male", "female": "female", "mostly_female": "female"}.get(g)


def _gender(name: str, text: str) -> Optional[str]:
    words = re.findall(r"[\w.-]+", name)
    if not words:
        return None
    first = words[0].rstrip(".").casefold()
    if first in TITLE_GENDER:
        return TITLE_GENDER[first]
    caps = [w for w in words if w[:1].isupper() and w.rstrip(".").casefold() not in TITLES]
    if not caps:
        return None
    if len(caps) == 1:  # a bare surname: a title or first name the article gives it
        for m in re.finditer(r"\b([A-Z][a-z]+\.?) (?:[A-Z]\. )?" + re.escape(caps[0]) + r"\b", text):
            word = m.group(1).rstrip(".").casefold()
            found = TITLE_GENDER.get(word) or _first_name_gender(m.group(1))
            if found:
                return found
        return None
    return _first_name_gender(caps[0])


def _compatible(pronoun: str, gender: Optional[str]) -> bool:
    if pronoun in MALE:
        return gender != "female"
    if pronoun in FEMALE:
        return gender != "male"
    if pronoun in NEUTER:
        return gender is None
    return True


def gold_speaker(doc: Doc, rel: Relation) -> Optional[str]:
    """The name a gold Source stands for (pronouns resolved as the module docstring says)."""
    if rel.source is None:
        return None
    start, end = rel.source
    src = rel.source_text.strip()
    low = src.casefold()
    if low in RELATIVE:
        return doc.text[max(0, start - 60):start]
    if low not in PERSONAL_PRONOUNS:
        return src
    named = [(r.source, r) for r in doc.relations if r.source is not None and _is_named(r.source_text)]
    before = [r for _, r in sorted(((s, r) for s, r in named if s[1] <= start), key=lambda x: -x[0][0])]
    after = [r for _, r in sorted(((s, r) for s, r in named if s[0] >= end), key=lambda x: x[0][0])]
    ordered = before + after
    if low in MALE or low in FEMALE:  # a name of that gender first, then one of unknown gender
        want = "male" if low in MALE else "female"
        for r in ordered:
            if _gender(r.source_text, doc.text) == want:
                return r.source_text
    for r in ordered:
        if _compatible(low, _gender(r.source_text, doc.text)):
            return r.source_text
    return None


def _is_named(source: str) -> bool:
    """A Source that names someone: a capitalised word other than a sentence-initial determiner
    ("Mr. Trump", "the FBI"; not "the former ambassador", "sources", "he")."""
    words = re.findall(r"[\w.’'-]+", source)
    if not words or source.strip().casefold() in PERSONAL_PRONOUNS | RELATIVE:
        return False
    return any(w[:1].isupper() and w.casefold() not in ("the", "a", "an", "i") for w in words)


def speaker_correct(doc: Doc, rel: Relation, ref: Optional[ActorRef]) -> bool:
    if ref is None:
        return False
    want = gold_speaker(doc, rel)
    if want is None:
        return False
    names = [ref.name] + ([ref.span.text] if ref.span else [])
    if rel.source_text.strip().casefold() in RELATIVE:  # the words before "who": the name must be there
        return any(_name_tokens(n) and _name_tokens(n) <= _name_tokens(want) for n in names)
    if any(_names_match(want, n) for n in names):
        return True
    return _role_holder(doc, rel, ref.name)


def _role_holder(doc: Doc, rel: Relation, name: str) -> bool:
    """A definite role Source ('the president', 'the former ambassador') is named correctly by the
    person the article gives that role before it: the role's head noun within 40 characters of an
    earlier mention of the predicted name ('President Barack Obama', 'Bolton, the former ambassador')."""
    words = rel.source_text.strip().split()
    if rel.source is None or len(words) < 2 or words[0].casefold() not in ("the", "this") \
            or _is_named(rel.source_text):
        return False
    head = re.sub(r"\W", "", words[-1]).casefold()
    surname = name.split()[-1] if name.split() else ""
    if not head or len(surname) < 3:
        return False
    for m in re.finditer(re.escape(surname), doc.text[:rel.source[0]]):
        window = doc.text[max(0, m.start() - 40):m.end() + 40].casefold()
        if re.search(r"\b" + re.escape(head) + r"\b", window):
            return True
    return False


# -- scoring ---------------------------------------------------------------------------------
def _f1(p: Optional[float], r: Optional[float]) -> Optional[float]:
    return round(2 * p * r / (p + r), 3) if p and r else (0.0 if p is not None and r is not None else None)


def _share(a: int, b: int) -> Optional[float]:
    return round(a / b, 3) if b else None


def score(docs: Iterable[Doc], results: Iterable[ArticleResult]) -> dict:
    forms = speech_cue_forms()
    c = dict(gold_direct=0, pred_direct=0, direct_hit=0, direct_correct=0, gold_indirect=0, indirect_hit=0,
             speaker_n=0, speaker_ok=0, pronoun_n=0, pronoun_ok=0)
    for doc, res in zip(docs, results):
        text = res.article.text
        if text != doc.text:  # cleaning changed the text: offsets would not line up
            raise ValueError(f"polnear {doc.name}: the pipeline changed the article text")
        gold_direct = [r for r in doc.relations if r.direct]
        gold_indirect = [r for r in doc.relations if not r.direct and is_speech_cue(r.cue, forms)]
        pred_direct = [q for q in res.quotes if q.direct]
        c["gold_direct"] += len(gold_direct)
        c["pred_direct"] += len(pred_direct)
        direct_pairs = match(text, gold_direct, pred_direct)
        c["direct_hit"] += len(direct_pairs)
        fragments = [Relation(content=[span], text=text[span[0]:span[1]]) for r in gold_direct for span in r.content]
        c["direct_correct"] += len(match(text, fragments, pred_direct))
        used = {id(q) for _, q in direct_pairs}
        rest = [q for q in res.quotes if id(q) not in used]
        indirect_pairs = match(text, gold_indirect, rest)
        c["gold_indirect"] += len(gold_indirect)
        c["indirect_hit"] += len(indirect_pairs)
        for rel, q in direct_pairs + indirect_pairs:
            if rel.source is None:
                continue
            ok = speaker_correct(doc, rel, q.speaker)
            c["speaker_n"] += 1
            c["speaker_ok"] += ok
            if rel.source_text.strip().casefold() in PERSONAL_PRONOUNS:
                c["pronoun_n"] += 1
                c["pronoun_ok"] += ok
    p, r = _share(c["direct_correct"], c["pred_direct"]), _share(c["direct_hit"], c["gold_direct"])
    return {
        "direct": {"gold": c["gold_direct"], "predicted": c["pred_direct"], "precision": p, "recall": r,
                   "f1": _f1(p, r)},
        "indirect_speech_cue": {"gold": c["gold_indirect"], "recall": _share(c["indirect_hit"], c["gold_indirect"])},
        "speaker": {"matched": c["speaker_n"], "accuracy": _share(c["speaker_ok"], c["speaker_n"])},
        "pronoun_speaker": {"matched": c["pronoun_n"], "accuracy": _share(c["pronoun_ok"], c["pronoun_n"])},
    }


def extract_all(docs: list[Doc], split: str) -> list[ArticleResult]:
    from ..pipeline import extract_many

    # the raw text as the Article (not re-cleaned), so that the gold offsets stay valid
    articles = [Article(id=text_id(d.text), text=d.text, title=d.text.split("\n", 1)[0], language="en",
                        source_path=f"polnear/{split}/{d.name}") for d in docs]
    return list(extract_many(articles))


def run(shared: Path, limit: Optional[int] = None, splits: tuple[str, ...] = SPLITS) -> dict:
    out = {}
    for split in splits:
        docs = load(shared, split, limit)
        out[split] = {"articles": len(docs), **score(docs, extract_all(docs, split))}
    return out


if __name__ == "__main__":
    args = sys.argv[1:]
    lim = int(args[1]) if len(args) > 1 and args[1] != "0" else None
    print(json.dumps(run(Path(args[0]), lim, tuple(args[2].split(",")) if len(args) > 2 else SPLITS), indent=2))
