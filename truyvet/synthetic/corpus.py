"""Families of linked documents, and the corpus they make: lazily, or written to a folder with its truth."""
from __future__ import annotations

import hashlib
import json
import os
from datetime import timedelta
from typing import Iterator

from truyvet.synthetic.documents import central_doc, decree, local_doc, news, notice, ubnd_plan
from truyvet.synthetic.truth import CorpusTruth, FileTruth
from truyvet.synthetic.vocabulary import CENTRAL, SPAN, START, TOPICS
from truyvet.synthetic.world import World


def family(world: World, i: int) -> Iterator[tuple]:
    """A central document and what provinces, districts, communes and agencies write to carry it out."""
    rng = world.rng
    when = START + timedelta(days=(i * 47) % SPAN + rng.randint(0, 20))
    topic = rng.randrange(len(TOPICS))
    if i == 0 or (i > 1 and rng.random() < 0.3):     # family 0: the demo chain starts at a notice to Hà Nội
        provs = [world.provinces[0] if i == 0 else rng.choice(world.provinces)]
        prev = world.last_tb.get(provs[0].key)
        out = notice(world, when, provs[0], topic)
        extra = [prev] if prev is not None and rng.random() < 0.7 else []
    else:                                            # family 1: two provinces, the same first plan number
        provs = rng.sample(world.provinces[1:], 2) if i == 1 else rng.sample(world.provinces, rng.randint(1, 3))
        out, extra = central_doc(world, when, topic), []
    root = out[0]
    yield out
    world.recent.append(root)
    tops = []
    for p in provs:
        code = "KH" if i < 2 else rng.choice(("KH", "KH", "KH", "CTr" if root.code == "NQ" else "KH", "CV"))
        twin = int(tops[-1].number) if tops and tops[-1].number and (i == 1 or rng.random() < 0.2) else None
        out = local_doc(world, code, p, root.date + timedelta(days=rng.randint(7, 40)), topic, [root] + extra, None,
                        [(root.issuer, rng.choice(CENTRAL[root.ag[0]]))], "bcs" if i == 0 else None,
                        i < 2 or rng.random() > 0.07, twin)
        yield out
        tops.append(out[0])
        world.recent.append(out[0])
    for p, top in zip(provs, tops):
        up = [(world.agency(p, "tt")[0], f"Thường trực {p.c_forms[0]}"), (world.agency(p, "tg")[0], f"Ban Tuyên giáo {p.c_forms[0]}")]
        for name, urban in rng.sample(p.districts, 2 if i == 0 else rng.choice((0, 1, 1, 2))) if top.code != "CV" else ():
            dj = world.district(p, name, urban)
            dd = local_doc(world, "KH", dj, top.date + timedelta(days=rng.randint(5, 30)), topic, [top],
                           root if rng.random() < 0.6 else None, up, numbered=rng.random() > 0.07)
            yield dd
            if rng.random() < 0.35:
                yield local_doc(world, "KH", world.commune(dj), dd[0].date + timedelta(days=rng.randint(5, 25)), topic,
                                [dd[0]], None, [(world.agency(dj, "tt")[0], f"Thường trực {dj.c_forms[0]}")],
                                numbered=rng.random() > 0.3)
        if i == 0 or rng.random() < 0.3:
            if i == 0 or rng.random() < 0.5:
                yield decree(world, top.date + timedelta(days=rng.randint(1, 10)), topic)
            yield ubnd_plan(world, p, top.date + timedelta(days=rng.randint(12, 40)), top)
        if rng.random() < 0.3:
            yield local_doc(world, "KH", world.bloc(p), top.date + timedelta(days=rng.randint(5, 30)), topic, [top], root,
                            up, numbered=rng.random() < 0.5)
        if rng.random() < 0.3:
            yield news(world, p, top.date + timedelta(days=rng.randint(1, 12)), top, root)


def _records(n_documents: int, seed: int) -> Iterator[tuple[str, str, FileTruth]]:
    world, i, fam = World(seed), 0, 0
    while i < n_documents:
        for d, text, truth in family(world, fam):
            if i >= n_documents:
                return
            truth.file = f"{i:06d}_{d.kind}.txt"
            yield truth.file, text, truth
            i += 1
        fam += 1


def iter_documents(n_documents: int, seed: int = 0) -> Iterator[tuple[str, str, dict]]:
    """Yield (file name, text, truth dict) for n documents, lazily and without touching the disk."""
    for name, text, truth in _records(n_documents, seed):
        yield name, text, truth.to_dict()


def generate_corpus(out_dir: str | os.PathLike, n_documents: int, seed: int = 0) -> CorpusTruth:
    """Write ``out_dir/*.txt`` (UTF-8, NFC) and ``out_dir/truth.jsonl``; return the truth."""
    out = os.fspath(out_dir)
    os.makedirs(out, exist_ok=True)
    digest, files = hashlib.sha256(), []
    with open(os.path.join(out, "truth.jsonl"), "w", encoding="utf-8", newline="\n") as tf:
        for name, text, truth in _records(n_documents, seed):
            data = text.encode("utf-8")
            with open(os.path.join(out, name), "wb") as fh:
                fh.write(data)
            line = json.dumps(truth.to_dict(), ensure_ascii=False) + "\n"
            tf.write(line)
            digest.update(name.encode() + b"\0" + data + b"\0" + line.encode("utf-8"))
            files.append(truth)
    return CorpusTruth(out, seed, files, digest.hexdigest())
