"""Extraction stages with declared contracts, and the one runner that orders them.

After spaCy's components: each stage is a function `extract(ctx, **config) -> list` that
registers with what it requires (fields of the extraction Context that earlier stages fill)
and what it assigns (the one field it fills):

    @stage("events", requires=("actors", "places", "dates", "quotes"), assigns="events")
    def extract(ctx: Context) -> list[Event]: ...

`Pipeline(["events"])` adds the upstream stages a stage requires, orders everything by the
contracts (ties broken by STAGE_ORDER), and checks the plan before any text runs: an unknown
stage or variant, or an input that nothing assigns, raises a coded StageError. A learned model
registers as a variant of a stage (`@stage("events", variant="crf", ...)`) and is chosen by
name: `Pipeline(variants={"events": "crf"})`. Production, every eval suite and the tests build
their pipelines here, so they all run the same stages in the same order.
"""
from __future__ import annotations

import dataclasses
import importlib
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional, TypeVar

from .errors import StageError
from .extract.context import Context
from .records import Article

DEFAULT_VARIANT = "rules"
# The built-in stages, in the order used where the contracts leave a choice; importing a
# module registers its stage.
STAGE_ORDER = ("actors", "places", "dates", "quotes", "events", "casualties")
_MODULES = {name: f"sitrep.extract.{name}" for name in STAGE_ORDER}
# Always there: the Context is built from them.
BASE_INPUTS = frozenset({"article", "doc"})

StageFunc = Callable[..., list]
F = TypeVar("F", bound=StageFunc)


@dataclass(frozen=True)
class Stage:
    name: str
    variant: str
    func: StageFunc
    requires: tuple[str, ...]
    assigns: str

    @property
    def origin(self) -> str:
        return f"{self.func.__module__}.{self.func.__qualname__}"


_REGISTRY: dict[str, dict[str, Stage]] = {}
_CONTEXT_FIELDS = frozenset(f.name for f in dataclasses.fields(Context) if not f.name.startswith("_"))


def register(name: str, func: StageFunc, *, requires: Iterable[str] = (), assigns: Optional[str] = None,
             variant: str = DEFAULT_VARIANT) -> Stage:
    """Add a stage (or a variant of one) to the registry; returns its record."""
    entry = Stage(name=name, variant=variant, func=func, requires=tuple(requires), assigns=assigns or name)
    if entry.assigns not in _CONTEXT_FIELDS:
        raise StageError("E105", name=name, attr=entry.assigns)
    variants = _REGISTRY.setdefault(name, {})
    old = variants.get(variant)
    if old is not None and old.origin != entry.origin:
        raise StageError("E104", name=name, variant=variant, first=old.origin, second=entry.origin)
    other = next((s for s in variants.values() if s.variant != variant), None)
    if other is not None and other.assigns != entry.assigns:
        raise StageError("E107", name=name, problem=f"'{other.variant}' assigns '{other.assigns}', "
                                                     f"'{variant}' assigns '{entry.assigns}'")
    variants[variant] = entry
    return entry


def stage(name: str, *, requires: Iterable[str] = (), assigns: Optional[str] = None,
          variant: str = DEFAULT_VARIANT) -> Callable[[F], F]:
    """Decorator form of `register`; the function is returned unchanged."""
    def decorate(func: F) -> F:
        register(name, func, requires=requires, assigns=assigns, variant=variant)
        return func
    return decorate


def load_builtin() -> None:
    """Import the built-in extractor modules so their stages are registered."""
    for module in _MODULES.values():
        importlib.import_module(module)


def registry() -> dict[str, dict[str, Stage]]:
    """Stage name -> variant -> Stage (built-in stages loaded)."""
    load_builtin()
    return {name: dict(variants) for name, variants in _REGISTRY.items()}


def _rank(name: str) -> tuple[int, int]:
    order = list(_REGISTRY)
    return (STAGE_ORDER.index(name) if name in STAGE_ORDER else len(STAGE_ORDER), order.index(name))


class Pipeline:
    """A checked, ordered plan of stages; `run` fills a Context with their results.

    stages: the stages wanted (default: all registered); their upstream stages are added.
    exclude: stages never to run; a stage that needs one of them is an error (E103)
        unless the caller supplies that field (`given`).
    given: Context fields the caller passes to `run` instead of computing them.
    variants: stage name -> variant name (default DEFAULT_VARIANT, else the stage's first variant).
    config: stage name -> keyword arguments for that stage's function.
    """

    def __init__(self, stages: Optional[Iterable[str]] = None, *, exclude: Iterable[str] = (),
                 given: Iterable[str] = (), variants: Optional[Mapping[str, str]] = None,
                 config: Optional[Mapping[str, Mapping[str, Any]]] = None) -> None:
        load_builtin()
        self.given = frozenset(given)
        self.config = {k: dict(v) for k, v in (config or {}).items()}
        excluded = set(exclude)
        for name in [*excluded, *(variants or {}), *self.config]:
            self._known(name)
        chosen = {name: self._variant(name, (variants or {}).get(name)) for name in _REGISTRY}
        assigner = {s.assigns: s for s in chosen.values()}
        wanted = list(stages) if stages is not None else [n for n in _REGISTRY if n not in excluded]
        plan: dict[str, Stage] = {}
        todo = [self._known(n) for n in wanted]
        while todo:
            name = todo.pop()
            if name in plan:
                continue
            plan[name] = chosen[name]
            for need in plan[name].requires:
                if need in BASE_INPUTS or need in self.given:
                    continue
                source = assigner.get(need)
                if source is None or source.name in excluded:
                    raise StageError("E103", name=name, missing=need, order=", ".join(sorted(plan)))
                todo.append(source.name)
        self.stages: tuple[Stage, ...] = self._ordered(plan)

    @staticmethod
    def _known(name: str) -> str:
        if name not in _REGISTRY:
            raise StageError("E101", name=name, known=", ".join(_REGISTRY))
        return name

    @staticmethod
    def _variant(name: str, variant: Optional[str]) -> Stage:
        """The named variant; by default DEFAULT_VARIANT, or the first registered where a stage has none."""
        if variant is None:
            variant = DEFAULT_VARIANT if DEFAULT_VARIANT in _REGISTRY[name] else next(iter(_REGISTRY[name]))
        found = _REGISTRY[name].get(variant)
        if found is None:
            raise StageError("E102", name=name, variant=variant, known=", ".join(_REGISTRY[name]))
        return found

    def _ordered(self, plan: dict[str, Stage]) -> tuple[Stage, ...]:
        """Topological order over requires -> assigns; ties go to the earlier STAGE_ORDER entry."""
        done: set[str] = set(BASE_INPUTS | self.given)
        left = dict(plan)
        out: list[Stage] = []
        while left:
            ready = [s for s in left.values() if all(r in done for r in s.requires)]
            if not ready:  # a cycle: name the first stage that cannot start
                blocked = min(left.values(), key=lambda s: _rank(s.name))
                missing = next(r for r in blocked.requires if r not in done)
                raise StageError("E103", name=blocked.name, missing=missing,
                                 order=", ".join(s.name for s in out) or "(empty)")
            first = min(ready, key=lambda s: _rank(s.name))
            out.append(first)
            done.add(first.assigns)
            del left[first.name]
        return tuple(out)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)

    def run(self, article: Article, doc, **given: Any) -> Context:
        """Run every stage on one parsed article; `given` supplies the declared given fields."""
        if set(given) != self.given:
            missing = sorted(self.given - set(given)) or sorted(set(given) - self.given)
            raise StageError("E108", fields=", ".join(missing), given=", ".join(sorted(self.given)) or "none")
        ctx = Context(article=article, doc=doc)
        for name, value in given.items():
            setattr(ctx, name, value)
        return self.apply(ctx)

    def apply(self, ctx: Context) -> Context:
        """Run the stages on a Context whose `given` fields the caller has already filled."""
        for s in self.stages:
            found = s.func(ctx, **self.config.get(s.name, {}))
            if not isinstance(found, list):
                raise StageError("E106", name=s.name, got=type(found).__name__, attr=s.assigns)
            setattr(ctx, s.assigns, found)
        return ctx

    def parse_and_run(self, article: Article, **given: Any) -> Context:
        """Parse one article with the shared model, then run."""
        from .nlp import get_nlp
        return self.run(article, get_nlp()(article.text), **given)

    def pipe(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Context]:
        """Parse in batches (nlp.pipe) and run; contexts come back in input order."""
        from .nlp import get_nlp
        articles = list(articles)
        docs = get_nlp().pipe((a.text for a in articles), batch_size=batch_size)
        for article, doc in zip(articles, docs):
            yield self.run(article, doc)

    def __repr__(self) -> str:
        return f"Pipeline({' -> '.join(f'{s.name}[{s.variant}]' for s in self.stages)})"
