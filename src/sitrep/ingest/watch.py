"""`sitrep watch`: poll feeds, ingest new items only.

Each poll sends the ETag / Last-Modified the feed last answered with, so an unchanged feed
costs a 304 and no parsing; items whose link is already stored are not fetched again (the
store's source keys survive restarts, the validators are kept for the process's life).
"""
from __future__ import annotations

from typing import Iterator, Optional

from ..ingest_runner import run_ingest
from .fetch import read_url


class Watcher:
    def __init__(self, feeds: list[str], store, outlet: Optional[str] = None):
        self.feeds, self.store, self.outlet = list(feeds), store, outlet
        self.validators: dict[str, dict] = {}

    def _done_counter(self, skipped: list[int]):
        """is_done for read_url that counts the items it skips."""
        def done(key: str) -> bool:
            if self.store.source_done(key):
                skipped[0] += 1
                return True
            return False
        return done

    def poll(self) -> Iterator[tuple[str, Optional[dict]]]:
        """(feed, ingest summary) per feed; the summary is None when the feed is unchanged."""
        for feed in self.feeds:
            last = self.validators.get(feed, {})
            state: dict = {}
            skipped = [0]
            items = list(read_url(feed, outlet=self.outlet, is_done=self._done_counter(skipped),
                                  etag=last.get("etag"), last_modified=last.get("last_modified"), state=state))
            if state.get("status") == 304:
                yield feed, None
                continue
            if state.get("etag") or state.get("last_modified"):
                self.validators[feed] = {"etag": state.get("etag"), "last_modified": state.get("last_modified")}
            summary = run_ingest([], self.store, items=items)
            summary["skipped"] += skipped[0]
            yield feed, summary
