"""Stores for the dashboard tests: a synthetic one of 1,000+ ledger events from hand-built records
(no NLP), and the done-when store (../shared news_dev plus ACLED Kenya notes, extracted)."""
import csv
import datetime as dt
import json
from pathlib import Path

import socket
import threading
import time

from builders import claimant, result
from sitrep.ledger.store import Store
from sitrep.records import ActorRef

TOWNS = [  # name, lat, lon, country
    ("Djibo", 14.10, -1.63, "BFA"), ("Arbinda", 14.23, -0.87, "BFA"), ("Kaya", 13.09, -1.08, "BFA"),
    ("Dori", 14.03, -0.03, "BFA"), ("Gao", 16.27, -0.04, "MLI"), ("Menaka", 15.92, 2.40, "MLI"),
    ("Mopti", 14.49, -4.18, "MLI"), ("Tillaberi", 14.21, 1.45, "NER"), ("Diffa", 13.32, 12.61, "NER"),
    ("Maiduguri", 11.85, 13.16, "NGA"), ("Bama", 11.52, 13.69, "NGA"),
]
TYPES = ["ASSAULT", "FIGHT", "PROTEST", "COERCE", "MOBILIZE"]
START = dt.date(2023, 1, 2)
CONTESTED_DAY = dt.date(2023, 11, 13)   # a Monday


def synthetic_results(n_events: int = 1100) -> list:
    """n_events reports that stay separate ledger events and incidents (a town's reports are 11 days
    apart, more than claims.INCIDENT_GAP_DAYS), plus a
    claim series (14 -> 19 -> 21 from the ministry, 40 from the rebels on the day of the 19:
    a contradiction) and a capture of Kidal that one source reports and the other denies."""
    out = []
    for i in range(n_events):
        town, lat, lon, country = TOWNS[i % len(TOWNS)]
        day = START + dt.timedelta(days=11 * (i // len(TOWNS)) + i % len(TOWNS) % 3)  # a town's: 11 days apart
        kind = TYPES[(i // len(TOWNS)) % len(TYPES)]
        text = f"Report {i}: attack\nGunmen attacked {town} on Monday, killing {i % 7 + 1} people, officials said."
        out.append(result(text, f"Outlet {i % 9}", day + dt.timedelta(days=1), event_type=kind, day=day,
                          count=i % 7 + 1, count_part=f"{i % 7 + 1} people",
                          who=claimant("officials", country), place_args=(text, town, town, lat, lon, country),
                          agent=ActorRef(name="gunmen", kind="armed_group")))
    for k, (count, who, country, outlet, published) in enumerate([
            (14, "the ministry", "BFA", "Wire A", dt.date(2023, 6, 1)),
            (19, "the ministry", "BFA", "Wire B", dt.date(2023, 6, 3)),
            (40, "the rebels", None, "Wire C", dt.date(2023, 6, 3)),
            (21, "the ministry", "BFA", "Wire A", dt.date(2023, 6, 6))]):
        text = (f"Seytenga massacre toll {k}\nThe toll of the Monday massacre in Seytenga stands at {count} dead, "
                f"{who} said.")
        out.append(result(text, outlet, published, event_type="ASSAULT", day=dt.date(2023, 5, 29), count=count,
                          count_part=f"{count} dead", who=claimant(who, country, "government" if country else "armed_group"),
                          cumulative=True, place_args=(text, "Seytenga", "Seytenga", 14.15, 0.15, "BFA")))
    for text, outlet, status, who, kind in [
            ("Rebels have seized Kidal\nTuareg rebels seized the town of Kidal on Monday, the rebels said.",
             "Wire A", "occurred", "the rebels", "armed_group"),
            ("Kidal not seized by rebels, army says\nThe army denied that rebels seized Kidal on Monday, the army said.",
             "Wire B", "denied", "the army", "military")]:
        out.append(result(text, outlet, CONTESTED_DAY + dt.timedelta(days=1), event_type="SEIZE", status=status,
                          day=CONTESTED_DAY, who=claimant(who, "MLI" if kind == "military" else None, kind),
                          place_args=(text, "Kidal", "Kidal", 18.44, 1.41, "MLI"),
                          agent=ActorRef(name="Tuareg rebels", kind="armed_group")))
    return out


def build_synthetic(db_url: str, n_events: int = 1100) -> Store:
    store = Store(db_url)
    store.add_results(synthetic_results(n_events))
    return store


def kenya_articles(shared: Path, limit: int):
    """The first `limit` ACLED Kenya notes (the file is newest first) as articles dated by the event."""
    from sitrep.ingest.clean import text_id
    from sitrep.records import Article
    path = shared / "eval" / "acled_kenya_2004_2019" / "acled_data.csv"
    with path.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r.get("notes", "").strip()][:limit]
    for r in rows:
        note = r["notes"].strip()
        yield Article(id=text_id(note + r["event_id_cnty"]), text=note, outlet=r["source"] or None,
                      published=dt.datetime.strptime(r["event_date"], "%d-%m-%y").date())


def news_dev_articles(shared: Path):
    from sitrep.ingest import article_from_text
    for line in (shared / "eval" / "news_dev" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        a = json.loads(line)
        yield article_from_text(a["text"], outlet=a.get("outlet"),
                                published=dt.date.fromisoformat(a["published"]) if a.get("published") else None)


def build_shared(shared: Path, db_url: str, notes: int = 1000) -> Store:
    """news_dev plus `notes` ACLED notes, extracted (about 80 s per 1,000 notes here)."""
    from sitrep import pipeline
    store = Store(db_url)
    arts = list(news_dev_articles(shared)) + list(kenya_articles(shared, notes))
    store.add_results(pipeline.extract_many(arts))
    return store


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db_url: str):
    """The app over db_url on a free 127.0.0.1 port in a thread: (server, thread, base URL)."""
    import uvicorn

    from sitrep.api import create_app
    app = create_app(db_url)   # sends a strict CSP (no inline or outside scripts) on every response
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.1)
    return srv, thread, f"http://127.0.0.1:{port}"
