"""sitrep: conflict news into a sourced, structured record."""
__version__ = "0.1.0"
