"""Task tracking: due dates, status as of a day, and the user layer.

Data flows one way, as everywhere in truyvet: the extracted graph (tasks,
their deadlines, the REPORTS statements of later documents) and the user
layer (status files, corrections; :mod:`.userlayer`) give the tracked tasks
(:mod:`.tracked`) with their events (:mod:`.events`, :mod:`.link`), from
which the lists and per-agency figures (:mod:`.figures`) are read as of any
day. :mod:`.views` writes the same into the store for Cypher; :mod:`.record`
records what users say; :mod:`.review` orders every extracted fact by
confidence.
"""
