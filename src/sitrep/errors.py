"""Coded errors: every message the core raises, in one place (after spaCy's errors.py).

A code stays stable when the wording changes, so logs, tests and users can match on it:
`SitrepError.code` is "E101", and str(error) starts with "[E101]".
"""
from __future__ import annotations


class Errors:
    # E0xx: rules files (data/<lang>/*.tsv)
    E001 = "Rules file {path} not found (language '{lang}', table '{name}')."
    E002 = "Rules file {path} has no header line (the first line that is not a comment names the columns)."
    E003 = "Rules file {path}, header: {problem}."
    E004 = "Rules file {path}, line {line}: {problem}."
    E005 = "Rules file {path} has no column '{column}' (it has: {columns})."
    E006 = "Rules file {path}: no entry carries the tag '{tag}' (tags used: {tags})."
    E007 = "Rules file {path}, entry '{key}': {problem}."
    E008 = "Rules file {path}, pattern '{key}': {problem}."
    # E1xx: stages and the runner
    E101 = "Unknown stage '{name}'. Registered stages: {known}."
    E102 = "Stage '{name}' has no variant '{variant}'. Registered variants: {known}."
    E103 = ("Stage '{name}' requires '{missing}', which no stage before it assigns "
            "(pipeline: {order}). Add a stage that assigns it, or leave it out of 'exclude'.")
    E104 = "Stage '{name}' variant '{variant}' is registered twice ({first} and {second})."
    E105 = "Stage '{name}' assigns '{attr}', which is not a field of the extraction context."
    E106 = "Stage '{name}' returned {got}, expected a list for '{attr}'."
    E107 = "Stage '{name}' variants disagree on their contract: {problem}."
    E108 = "Pipeline.run was not given the declared 'given' fields exactly: {fields} (declared: {given})."
    # E2xx: accuracy gate
    E201 = "Floors file {path} is not valid: {problem}."


class SitrepError(ValueError):
    """An error with a stable code from `Errors`; `fields` keep the formatted values."""

    def __init__(self, code: str, **fields: object) -> None:
        template = getattr(Errors, code)
        self.code = code
        self.fields = fields
        super().__init__(f"[{code}] " + template.format(**fields))


class RulesError(SitrepError):
    """A rules data file is missing, malformed or asked for something it does not hold."""


class StageError(SitrepError):
    """A pipeline cannot be assembled: unknown stage or variant, or a missing input."""


class GateError(SitrepError):
    """The accuracy gate's floors file cannot be read."""
