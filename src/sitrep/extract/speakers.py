"""Speaker resolution: who a pronoun, a role nominal or a document stands for.

  quoted_ranges(ctx)            character ranges inside quotation marks (names there are not antecedents)
  gender_of(ctx, ref)           "male" / "female" / None: a title (Mr., Mrs., Ms.), the pronouns the
                                article uses right after the person, or the first name (gender-guesser
                                when installed; without it, titles and pronoun use only)
  pronoun_antecedent(ctx, tok)  he/she -> the most salient earlier person of that gender outside quotes;
                                they/it -> the latest group or organisation
  document_issuer(ctx, tok)     "the statement", "the tweet" -> who issued it (the latest speaker)

Salience: the sentence of the pronoun first (mentions before it), then earlier sentences one by
one; within a sentence a grammatical subject or a quote's speaker comes before other mentions,
so "X met Y. He said" is X.  Chains of named mentions ("Pashinyan" = "Nikol Pashinyan") come from
the actors extractor, which gives a bare surname the full person's ref.
"""
from __future__ import annotations

import functools
import re
from typing import Optional

from spacy.tokens import Token
from spacy import symbols as sym

from .. import rules
from ..codes import Gender, Kind
from ..records import ActorRef
from .context import Context

# (char offset, speaker) of the quotes found so far in an article, for pronouns and documents
SpeakerAt = tuple[int, Optional[ActorRef]]
SPEAKER_KEY = "sitrep_speakers"  # doc.user_data: (position, speaker) found so far, for pronouns and documents
QUOTED_KEY = "sitrep_quoted"  # doc.user_data: the article's quoted_ranges
PRONOUNS = rules.Tagged("pronouns")
HONORIFICS = rules.Tagged("honorifics")
MALE_PRONOUNS = PRONOUNS.male
FEMALE_PRONOUNS = PRONOUNS.female
TITLE_GENDER = {w: g for w, g in rules.mapping("honorifics", "gender").items() if g}
TITLE_PREFIX_WORDS = HONORIFICS.prefix & set(TITLE_GENDER)  # Mr., Mrs., Ms.
STATEMENT_NOUNS = rules.Tagged("statement_nouns")
DOCUMENT_NOUNS = STATEMENT_NOUNS.document
ISSUER_WORDS = rules.Tagged("issuer_words")
ISSUER_PREPS = ISSUER_WORDS.prep  # 'a statement from X'
ISSUE_VERBS = ISSUER_WORDS.verb  # 'X issued a statement'
MAX_SENTENCES_BACK = 6
SPEAKER_LOOKBACK = 2  # the pronoun's sentence and the nearest earlier one with a candidate
WINDOW_SENTENCES = 40  # candidates are looked for this far back (bounds the cost on long articles)
SPEAKER_SENTENCES = 3  # the last speaker wins when at most this many sentences with other candidates intervene
_QUOTE_SPAN = re.compile(r"[\"“][^\"“”\n]*[\"”]|``[^`\n]*''|''(?:[^'\n]|'(?!'))*''|‘[^‘’\n]*’(?![A-Za-z])")


def quoted_ranges(ctx: Context) -> list[tuple[int, int]]:
    cached = ctx.doc.user_data.get(QUOTED_KEY)
    if cached is None:
        cached = [(m.start(), m.end()) for m in _QUOTE_SPAN.finditer(ctx.text)]
        ctx.doc.user_data[QUOTED_KEY] = cached
    return cached


def _inside(ranges, start: int, end: int) -> Optional[tuple[int, int]]:
    return next(((s, e) for s, e in ranges if s < start and end <= e), None)


@functools.lru_cache(maxsize=1)
def _detector():
    try:
        import gender_guesser.detector as gg
    except ImportError:  # optional: titles and pronoun use still decide
        return None
    return gg.Detector(case_sensitive=False)


def first_name_gender(first: str) -> Optional[str]:
    det = _detector()
    if det is None or not first.isalpha():
        return None
    found = det.get_gender(first)  # male, mostly_male, female, mostly_female, andy, unknown
    return found.removeprefix("mostly_") if found.endswith("male") else None


def _pronoun_counts(ctx: Context, start: int, end: int) -> int:
    """Male minus female pronouns after a mention in its sentence, up to the next person named."""
    sent = ctx.sentence_of(start)
    if sent is None:
        return 0
    others = [t.idx for t in sent if t.ent_type == sym.PERSON and t.idx >= end]
    stop = others[0] if others else sent.end_char  # up to the next person: the pronoun could be theirs
    after = [t.lower_ for t in sent if end <= t.idx < stop]
    return sum(w in MALE_PRONOUNS for w in after) - sum(w in FEMALE_PRONOUNS for w in after)


def _pronoun_use(ctx: Context, ref: ActorRef) -> Optional[str]:
    """The article's own evidence over every mention of the person: 'Name, who ... her' /
    'Name said his ...' ('Bernie' is mostly female in name lists; 'Sanders said he' settles it)."""
    spans = [a.mention for a in ctx.actors if a.ref.name == ref.name] or ([ref.span] if ref.span else [])
    score = sum(_pronoun_counts(ctx, m.start, m.end) for m in spans)
    return Gender.MALE if score > 0 else Gender.FEMALE if score < 0 else None


def gender_of(ctx: Context, ref: ActorRef) -> Optional[str]:
    """A title ('Mrs.', 'spokesman'), else the first-name list, else the article's pronoun use."""
    genders = ctx.doc.user_data.setdefault("sitrep_gender", {})
    if ref.name in genders:
        return genders[ref.name]
    found = None
    before = ctx.text[max(0, ref.span.start - 30):ref.span.start].split() if ref.span else []
    words = [w.lower() for w in (ref.title or "").split()] + [w.lower() for w in before[-2:]]
    for w in words:
        if w.strip(",") in TITLE_GENDER:
            found = TITLE_GENDER[w.strip(",")]
    named = None
    parts = ref.name.split()
    if found is None and len(parts) > 1:
        named = first_name_gender(parts[0])
    if found is None and len(parts) == 1 and parts[0].isalpha():  # a bare surname: "Mr. X" / "First X" elsewhere
        for m in re.finditer(r"\b([A-Z][a-z]+\.?) (?:[A-Z]\. )?" + re.escape(parts[0]) + r"\b", ctx.text):
            title = TITLE_GENDER.get(m.group(1).casefold())
            if title:
                found = title
                break
            named = first_name_gender(m.group(1).rstrip("."))
            if named:
                break
    if found is None:
        found = named or _pronoun_use(ctx, ref)
    genders[ref.name] = found
    return found


def _title_gender(ctx: Context, start: int, end: int) -> Optional[str]:
    """The gender a courtesy title right before or opening a mention gives ('Mrs. Clinton')."""
    words = ctx.text[max(0, start - 6):start].split()[-1:] + ctx.text[start:end].split()[:1]
    return next((TITLE_GENDER[w.casefold()] for w in words if w.casefold() in TITLE_PREFIX_WORDS), None)


def as_mentioned(ctx: Context, actor) -> ActorRef:
    """The person a mention names: 'Mrs. Clinton' is not the Bill Clinton a chain of surnames may
    give it, but the woman of that surname the article names (else the mention itself)."""
    ref = actor.ref
    said = _title_gender(ctx, actor.mention.start, actor.mention.end) if ref.kind == Kind.PERSON else None
    if said is None or gender_of(ctx, ref) in (None, said):
        return ref
    surname = ref.name.split()[-1]
    for a in ctx.actors:
        if a.ref.kind == Kind.PERSON and a.ref.name != ref.name and a.ref.name.split()[-1] == surname \
                and gender_of(ctx, a.ref) == said:
            return a.ref
    return ref.model_copy(update={"name": actor.mention.text, "span": actor.mention})


_PRONOUN_GENDER = {**{w: Gender.MALE for w in MALE_PRONOUNS}, **{w: Gender.FEMALE for w in FEMALE_PRONOUNS}}


def _compatible(ctx: Context, pronoun: str, ref: ActorRef) -> bool:
    g = gender_of(ctx, ref)
    if pronoun in MALE_PRONOUNS:
        return g != Gender.FEMALE
    if pronoun in FEMALE_PRONOUNS:
        return g != Gender.MALE
    return True


def _salience(ctx: Context, actor, speakers: set[int]) -> int:
    """0 for a quote speaker or the subject of a verb of saying, 1 for another subject, 2 otherwise
    (lower is more salient): 'Cruz is the ablest, Viguerie argues. "...," he says' is Viguerie."""
    if actor.mention.start in speakers:
        return 0
    tok = next((t for t in ctx.doc.char_span(actor.mention.start, actor.mention.end, alignment_mode="expand") or []
                if t.dep in (sym.nsubj, sym.nsubjpass)), None)
    if tok is None:
        return 2
    return 0 if tok.head.lemma_.lower() in _speech_lemmas() else 1


@functools.lru_cache(maxsize=1)
def _speech_lemmas() -> frozenset[str]:
    from .cues import speech_cues
    return speech_cues("direct") | speech_cues("indirect")


def pronoun_antecedent(ctx: Context, tok: Token, want_person: bool,
                       speakers: Optional[list[SpeakerAt]] = None) -> Optional[ActorRef]:
    """The most salient compatible mention before the pronoun, never one inside a quotation
    (unless the pronoun is inside the same quotation)."""
    ranges = quoted_ranges(ctx)
    own = _inside(ranges, tok.idx, tok.idx + len(tok))
    earlier = [ref for pos, ref in speakers or [] if pos < tok.idx and ref is not None]
    speaker_starts = {s.span.start for s in earlier if s.span is not None}
    pronoun = tok.lower_
    window = _window_start(ctx, tok.idx)
    candidates = []
    for a in ctx.actors:
        if a.mention.start < window:
            continue
        if a.mention.end > tok.idx:
            break
        if a.ref.kind == Kind.MEDIA or (a.ref.kind == Kind.PERSON) != want_person:
            continue
        q = _inside(ranges, a.mention.start - 1, a.mention.end)
        if q is not None and q != own:
            continue  # "'... lose this election to Hillary Clinton,' he said": not Clinton
        named = as_mentioned(ctx, a) if want_person else a.ref
        if named is not a.ref:
            a = a.model_copy(update={"ref": named})
        if want_person and not _compatible(ctx, pronoun, a.ref):
            continue
        if want_person and ctx.place_at(a.mention.start, a.mention.end) is not None:
            continue  # a place the tagger took for a person ("Kombolcha")
        candidates.append(a)
    want = _PRONOUN_GENDER.get(pronoun) if want_person else None
    known = [a for a in candidates if want and gender_of(ctx, a.ref) == want]
    if known:  # "she" with a woman in view: not someone of unknown gender
        candidates = known
    if not candidates:
        if window > 0:  # nobody in the last sentences: the latest compatible mention before them
            before = [a for a in ctx.actors if a.mention.end <= window and a.ref.kind != Kind.MEDIA
                      and (a.ref.kind == Kind.PERSON) == want_person
                      and (not want_person or _compatible(ctx, pronoun, a.ref))
                      and _inside(ranges, a.mention.start - 1, a.mention.end) is None]
            return before[-1].ref if before else None
        return None
    here = ctx.sentence_of(tok.idx)
    sent_start = here.start_char if here is not None else tok.idx
    by_sentence: dict[int, list] = {}
    for a in candidates:
        s = ctx.sentence_of(a.mention.start)
        by_sentence.setdefault(s.start_char if s is not None else a.mention.start, []).append(a)
    starts = sorted(by_sentence, reverse=True)
    def fits(ref: ActorRef) -> bool:  # a speaker the pronoun can stand for (of its gender when one is in view)
        return (ref.kind == Kind.PERSON) == want_person and (not want_person or _compatible(ctx, pronoun, ref)) \
            and (not known or gender_of(ctx, ref) == want)
    # the latest such speaker: 'Clinton said ... Sanders's attack ... "...," she added' is Clinton
    last = max(((pos, ref) for pos, ref in speakers or [] if pos < tok.idx and ref is not None and fits(ref)),
               key=lambda x: x[0], default=None)
    if last is not None and \
            (any(a.ref.name == last[1].name for a in candidates) or last[0] >= window) and \
            len([s for s in starts if s > last[0]]) <= SPEAKER_SENTENCES and \
            not _new_subject(ctx, by_sentence, starts, sent_start, last):
        return last[1]  # the current speaker goes on speaking: '"...," he said'
    if not starts:
        return candidates[-1].ref
    for start in starts[:SPEAKER_LOOKBACK]:  # a speaker in the last sentences beats a nearer non-speaker
        if start == sent_start:
            continue
        speaking = [a for a in by_sentence[start] if _salience(ctx, a, speaker_starts) == 0]
        if speaking:
            return min(speaking, key=lambda a: a.mention.start).ref
        break  # only the nearest earlier sentence with a candidate
    for k, start in enumerate(starts):
        if k >= MAX_SENTENCES_BACK and start < sent_start:
            break
        group = by_sentence[start]
        if start == sent_start:  # same sentence: the subject before the pronoun, else the nearest
            return min(group, key=lambda a: (_salience(ctx, a, speaker_starts), -a.mention.start)).ref
        return min(group, key=lambda a: (_salience(ctx, a, speaker_starts), a.mention.start)).ref
    return candidates[-1].ref


def _new_subject(ctx: Context, by_sentence: dict, starts: list[int], sent_start: int,
                 last: tuple[int, ActorRef]) -> bool:
    """Someone else became the subject after the last speaker: in the pronoun's sentence or the
    nearest earlier one with a candidate ('Carson defied the question. "...," he said' is Carson,
    not the Cruz quoted before; 'Trump was defending ... when he told ...')."""
    last_at, ref = last
    for start in starts[:2]:
        if any(a.ref.name != ref.name and a.mention.start > last_at and _main_subject(ctx, a)
               for a in by_sentence[start]):
            return True
        if start != sent_start:
            break  # only the nearest earlier sentence
    return False


def _main_subject(ctx: Context, actor) -> bool:
    """The mention is the subject of its sentence's main verb ('Carson defied ...'), not of a
    subordinate clause ('... upheaval than Clinton, the former secretary bidding to ...')."""
    span = ctx.doc.char_span(actor.mention.start, actor.mention.end, alignment_mode="expand")
    return span is not None and any(t.dep == sym.nsubj and t.head.head.i == t.head.i for t in span)


_DATELINE = re.compile(r"[A-Z][A-Z .'-]+(?:,[A-Za-z .]+)?\s*(?:\([^)]{1,30}\))?\s*[-–—:]")


def is_dateline(ctx: Context, mention) -> bool:
    """'BANGKOK (Reuters) - ...' / 'WASHINGTON —': a place heading the story, never a speaker."""
    line_start = ctx.text.rfind("\n", 0, mention.start) + 1
    return mention.start - line_start < 3 and bool(_DATELINE.match(ctx.text, line_start)) \
        and mention.text.isupper()


def appositive_person(ctx: Context, tok: Token) -> Optional[ActorRef]:
    """A role or group subject whose apposition names a person: 'A resident of X, Idris Dahiru, said'."""
    appositions = [t for t in tok.subtree if t.dep == sym.appos and t.i > tok.i and
                   not any(a.dep in (sym.relcl, sym.acl, sym.advcl, sym.ccomp) for a in _path(t, tok))]
    for c in appositions:  # "The spokesman for the Houthis, Yahya Saree, said": attached to the pobj
        for t in c.subtree:
            hit = ctx.actor_at(t.idx, t.idx + len(t))
            if hit is not None and hit.ref.kind == Kind.PERSON and ctx.place_at(t.idx, t.idx + len(t)) is None:
                return hit.ref
            if t.dep in (sym.relcl, sym.acl, sym.prep):
                break
    verb = tok.head
    if verb.i > tok.i and verb.pos in (sym.VERB, sym.AUX):  # the parser's own reading aside: "X, Name, said"
        for a in ctx.actors_in(tok.idx, verb.idx):
            if a.ref.kind != Kind.PERSON or a.mention.start <= tok.idx:
                continue
            before = ctx.text[:a.mention.start].rstrip()
            after = ctx.text[a.mention.end:verb.idx].strip()
            if before.endswith(",") and after == ",":
                return a.ref
    return None


def _path(tok: Token, top: Token) -> list[Token]:
    """Tokens from tok up to (not including) top."""
    out = []
    while tok.i != top.i and tok.head.i != tok.i:
        out.append(tok)
        tok = tok.head
    return out


TITLE_PREFIXES = HONORIFICS.prefix


def plain_name(ref: Optional[ActorRef]) -> Optional[ActorRef]:
    """A speaker's name without a leading title ('Gen Mohamed Dagalo' -> 'Mohamed Dagalo') or
    article ('The Karen National Union' -> 'Karen National Union')."""
    if ref is None:
        return ref
    if ref.kind != Kind.PERSON:
        if ref.name[:4].casefold() == "the " and len(ref.name) > 6:
            return ref.model_copy(update={"name": ref.name[4:]})
        return ref
    words = ref.name.split()
    k = 0
    while k < len(words) - 1 and words[k].casefold() in TITLE_PREFIXES:
        k += 1
    end = len(words)
    from .cues import speech_cue_forms
    while end - 1 > k and words[end - 1].casefold() in speech_cue_forms():
        end -= 1  # a title-case headline: "Obama Calls ..." tagged as one name
    if k == 0 and end == len(words):
        return ref
    return ref.model_copy(update={"name": " ".join(words[k:end]), "title": ref.title or " ".join(words[:k]) or None})


def _window_start(ctx: Context, char: int) -> int:
    """Start of the sentence WINDOW_SENTENCES sentences before the one holding char."""
    sent = ctx.sentence_of(char)
    start = sent.start_char if sent is not None else char
    for _ in range(WINDOW_SENTENCES):
        pos = start - 1
        while pos > 0 and ctx.text[pos].isspace() and ctx.sentence_of(pos) is None:
            pos -= 1
        prev = ctx.sentence_of(pos) if pos >= 0 else None
        if prev is None or prev.start_char >= start:
            break
        start = prev.start_char
    return start


def document_issuer(ctx: Context, tok: Token, speakers: Optional[list[SpeakerAt]] = None) -> Optional[ActorRef]:
    """'The statement said' / 'the tweet read': the issuer named with it ('a statement from X',
    'X's statement', 'X issued a statement'), else the latest speaker before it."""
    if tok.lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    for c in tok.children:
        if c.dep == sym.poss or (c.dep == sym.prep and c.lower_ in ISSUER_PREPS):
            inner = c if c.dep == sym.poss else next((g for g in c.children if g.dep == sym.pobj), None)
            hit = ctx.actor_at(inner.idx, inner.idx + len(inner)) if inner is not None else None
            if hit:
                return hit.ref
    if tok.head.lemma_.lower() in ISSUE_VERBS and tok.dep == sym.dobj:
        subj = next((c for c in tok.head.children if c.dep == sym.nsubj), None)
        hit = ctx.actor_at(subj.idx, subj.idx + len(subj)) if subj is not None else None
        if hit:
            return hit.ref
    earlier = [ref for pos, ref in sorted(speakers or [], key=lambda x: x[0]) if pos < tok.idx and ref is not None]
    if earlier:
        return earlier[-1]
    sent = ctx.sentence_of(tok.idx)
    prev = ctx.sentence_of(sent.start_char - 1) if sent is not None and sent.start_char > 0 else None
    for s in (sent, prev):
        if s is None:
            continue
        for t in s:
            if t.dep == sym.nsubj and t.idx < tok.idx and t.i != tok.i:
                hit = ctx.actor_at(t.idx, t.idx + len(t))
                if hit and hit.ref.kind != Kind.MEDIA:
                    return hit.ref
    return None


GENERIC_KINDS = {Kind.ARMED_GROUP}  # "the rebels" -> the group named before; not "the spokesman", "the army"


def canonical(ctx: Context, ref: Optional[ActorRef]) -> Optional[ActorRef]:
    """A speaker under the name the article gives it in full: an acronym the article defines
    ('Sudanese Armed Forces (SAF)'), a definite generic group ('the rebels', 'the group') as the
    latest named actor of that kind before it, and a country from a nationality word in the name
    ('Syrian military command' -> SYR)."""
    if ref is None:
        return None
    if re.fullmatch(r"[A-Z][A-Z0-9]{1,6}", ref.name):
        m = re.search(r"[A-Z][\w'’-]*(?: (?:[A-Z][\w'’-]*|of|for|and|the)){0,7}(?= \(" + re.escape(ref.name) + r"\))",
                      ctx.text)
        if m is not None:
            full = ctx.actor_at(m.start(), m.end())
            if full is not None and full.ref.name != ref.name and full.ref.kind not in (Kind.UNKNOWN, Kind.PERSON):
                return plain_name(full.ref)
            return plain_name(ref.model_copy(update={"name": m.group(0).strip()}))
    at = ref.span.start if ref.span is not None else None
    if at is not None and ref.kind in GENERIC_KINDS and ref.name.islower() and \
            re.match(r"(?i)the\s", ctx.text[at:at + 4]):
        named = [a for a in ctx.actors if a.mention.end <= at and a.ref.kind == ref.kind and
                 not a.ref.name.islower() and not is_dateline(ctx, a.mention)]
        if named and (ref.country is None or named[-1].ref.country in (None, ref.country)):
            return plain_name(named[-1].ref)
    from ..geo import countries
    state = countries.lookup(ref.name) if ref.kind == Kind.UNKNOWN else None
    if state is not None:  # "The Democratic Republic of the Congo insists": the state speaks
        return ref.model_copy(update={"kind": Kind.COUNTRY, "country": state.iso3})
    if ref.country is None and ref.kind != Kind.PERSON:
        for word in ref.name.split():
            found = countries.by_demonym(word) if word[:1].isupper() else None
            if found is not None:
                update: dict[str, Optional[str]] = {"country": found.iso3}
                kinds = [_GROUP_KIND.get(w.casefold().removesuffix("s")) for w in ref.name.split()]
                kind = next((k for k in kinds if k), None)
                if ref.kind == Kind.UNKNOWN and kind is not None:  # "Syrian military command": a military body
                    update.update(kind=kind[0], sector=ref.sector or kind[1] or None)
                return ref.model_copy(update=update)
    return ref


def _group_kinds() -> dict[str, tuple[str, str]]:
    from .. import rules
    return {w: (r["kind"], r["sector"]) for w, r in rules.records("party_nouns", tag="group").items()}


_GROUP_KIND = _group_kinds()
