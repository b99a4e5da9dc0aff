"""entente: model the relationship between two states from evidence."""

__version__ = "0.1.0"
