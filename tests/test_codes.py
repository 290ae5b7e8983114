"""codes.py names the records' coded values: each class must hold exactly what its field allows."""
import typing
from pathlib import Path

import pytest

from sitrep import codes, records

ROOT = Path(__file__).resolve().parent.parent


def _field_values(model, field):
    ann = model.model_fields[field].annotation
    args = [a for a in typing.get_args(ann) if a is not type(None)]
    if args and typing.get_origin(args[0]) is typing.Literal:
        ann = args[0]
    return set(typing.get_args(ann))


@pytest.mark.parametrize("cls, model, field", [
    (codes.Kind, records.ActorRef, "kind"),
    (codes.ClaimantKind, records.Claimant, "kind"),
    (codes.Status, records.Event, "status"),
    (codes.Tense, records.TimeExpr, "tense"),
    (codes.Timex, records.TimeExpr, "type"),
    (codes.Population, records.Casualty, "population"),
    (codes.Population, records.CasualtyPart, "population"),
    (codes.Outcome, records.Casualty, "outcome"),
    (codes.Precision, records.Place, "precision"),
])
def test_codes_match_record_literals(cls, model, field):
    assert codes.values(cls) == _field_values(model, field)


def test_plover_codes_match_event_types_table():
    rows = [line.split("\t")[0] for line in
            (ROOT / "src" / "sitrep" / "data" / "en" / "event_types.tsv").read_text().splitlines()
            if line and not line.startswith("#")]
    assert codes.values(codes.Plover) == set(rows[1:])


def test_values_ignores_non_codes():
    class Probe:
        A = "a"
        lower = "x"
    assert codes.values(Probe) == {"a"}
