"""Extractors: one module each, Doc (in a Context) in, records out."""
