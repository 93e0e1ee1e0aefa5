"""Curated tables shipped with truyvet (read with ``importlib.resources``)."""
