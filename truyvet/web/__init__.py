"""``truyvet serve``: the local web explorer (:mod:`.server` answers, :mod:`.pages` writes the HTML)."""
