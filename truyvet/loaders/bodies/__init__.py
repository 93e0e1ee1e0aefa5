"""Vietnamese body names: the grammar that reads them and the lexicon it checks them against.

``truyvet.loaders.agencies`` is the public face; this package holds the
tokenizer, the word lists and curated names (``data/``), the reader, and the
canonical spelling used for display and ids.
"""
