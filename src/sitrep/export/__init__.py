"""Analyst-facing export formats: ACLED CSV (with its codebook model), UCDP GED CSV, PLOVER/POLECAT JSONL.

sitrep.exports.export() is the entry point; these modules build and validate the rows."""
