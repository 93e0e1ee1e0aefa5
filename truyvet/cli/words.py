"""The command line's words: the one vocabulary in :mod:`truyvet.queries.words`."""
from truyvet.queries.words import FACTS, ROLE, TYPE, relation

__all__ = ["FACTS", "ROLE", "TYPE", "relation"]
