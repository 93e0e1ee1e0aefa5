"""The fuzz loop: mutated real documents through the loaders, counting every
exception that is not truyvet's own (a "foreign" exception: a crash a user
would see as a traceback, or an ingest would count as an internal error).

Inputs are the seeds and gold documents, cut, spliced and mutated with the
characters and markers the grammar cares about (numbering, symbols, dates,
line breaks of every kind, combining marks, NUL, legacy bytes); one in ten
is a .docx, .html or .pdf built from a document and then damaged byte by byte.
Everything is drawn from a seeded generator, so a run can be replayed.
"""
from __future__ import annotations

import io
import os
import random
import tempfile
import traceback
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ALPHABET = ["\n", "\r", "\r\n", "\t", " ", "\u2028", "\x0c", "\x00", "\ufeff", "\u0301", "\u0323", "\u200b",
            "(", ")", ".", ",", ";", ":", "-", "–", "/", "+", "*", "a)", "b)", "1.", "2.", "(1)", "I.", "II.",
            "IV.", "1.1.", "1.1.1.1.1.1.", "100.", "99.", "Đ", "đ", "ư", "ơ", "Ư", "\xad", "\xa9", "\xf5",
            "Số: 12-KH/TU", "số 35-CT/TW", "ngày 32 tháng 13 năm 2025", "ngày 03/12/2024", "Giao ",
            " chủ trì, phối hợp với ", "Thực hiện Kế hoạch số ", "Căn cứ ", "KẾ HOẠCH\n", "Nơi nhận:\n",
            "Kính gửi: ", "- ", "+ ", "Quý II/2024", "trước ngày ", "Điều 1.", "Chương I", "|", "\t\t"]


def _texts(folders: list[Path]) -> list[str]:
    out = []
    for folder in folders:
        for p in sorted(folder.glob("*.txt")):
            out.append(p.read_text(encoding="utf-8"))
    return out


def mutate(rng: random.Random, texts: list[str]) -> str:
    text = rng.choice(texts)
    start = rng.randrange(len(text))
    text = text[start:start + rng.choice((200, 800, 3000, 6000))]
    for _ in range(rng.choice((1, 3, 10, 40))):
        op = rng.random()
        i = rng.randrange(len(text) + 1)
        if op < 0.5:
            text = text[:i] + rng.choice(ALPHABET) + text[i:]
        elif op < 0.7:
            text = text[:i] + text[i + rng.randint(1, 30):]
        elif op < 0.8:
            other = rng.choice(texts)
            j = rng.randrange(len(other))
            text = text[:i] + other[j:j + rng.randint(1, 400)] + text[i:]
        elif op < 0.9:
            lines = text.split("\n")
            rng.shuffle(lines)
            text = "\n".join(lines)
        else:
            text = text[:i] + rng.choice(ALPHABET) * rng.randint(2, 60) + text[i:]
    return text


def _docx(text: str) -> bytes:
    import docx
    d = docx.Document()
    for line in text.split("\n")[:300]:
        d.add_paragraph("".join(c for c in line if c >= " " or c == "\t"))
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _html(text: str) -> bytes:
    body = "".join(f"<p>{line}</p>" for line in text.split("\n"))
    return f"<html><head><meta charset='utf-8'></head><body><article>{body}</article></body></html>".encode()


def _pdf(text: str) -> bytes:
    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for i, line in enumerate(text.split("\n")[:60]):
        c.drawString(40, 800 - 12 * i, line.encode("latin-1", "replace").decode("latin-1"))
    c.save()
    return buf.getvalue()


def damage(rng: random.Random, data: bytes) -> bytes:
    raw = bytearray(data)
    for _ in range(rng.choice((1, 4, 16, 64))):
        i = rng.randrange(len(raw))
        op = rng.random()
        if op < 0.6:
            raw[i] = rng.randrange(256)
        elif op < 0.8:
            del raw[i:i + rng.randint(1, 200)]
        else:
            raw[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 50)))
        if not raw:
            raw = bytearray(b"x")
    return bytes(raw)


def _worker(args) -> tuple[int, int, Counter, list[str]]:
    """Run ``count`` inputs from seed ``seed``; (inputs, refused, foreign kinds, samples)."""
    seed, count, folders = args
    from truyvet.errors import TruyvetError
    from truyvet.loaders.parse import parse_file, parse_text

    rng = random.Random(seed)
    texts = _texts([Path(f) for f in folders])
    foreign: Counter = Counter()
    samples: list[str] = []
    refused = 0
    with tempfile.TemporaryDirectory(prefix="truyvet-fuzz-") as tmp:
        for n in range(count):
            text = mutate(rng, texts)
            kind = "text" if rng.random() < 0.9 else rng.choice(("docx", "html", "pdf", "txt"))
            try:
                if kind == "text":
                    parse_text(text)
                else:
                    build = {"docx": _docx, "html": _html, "pdf": _pdf, "txt": str.encode}[kind]
                    data = build(text) if kind != "txt" else text.encode(rng.choice(("utf-8", "utf-16", "cp1258")),
                                                                          "replace")
                    path = os.path.join(tmp, f"f{n}.{kind}")
                    with open(path, "wb") as f:
                        f.write(damage(rng, data) if rng.random() < 0.8 else data)
                    parse_file(path)
            except TruyvetError:
                refused += 1
            except Exception as exc:      # the point of the loop
                tb = traceback.extract_tb(exc.__traceback__)[-1]
                key = f"{type(exc).__name__} at {os.path.basename(tb.filename)}:{tb.lineno}"
                foreign[key] += 1
                if foreign[key] <= 2:
                    samples.append(f"{key}: {str(exc)[:120]} [{kind}, seed {seed}, input {n}]")
    return count, refused, foreign, samples


def run(inputs: int, folders: list[Path], workers: int = 2, seed: int = 1, log=print) -> dict:
    per = 500
    jobs = [(seed * 1_000_003 + i, min(per, inputs - i * per), [str(f) for f in folders])
            for i in range((inputs + per - 1) // per)]
    total = refused = 0
    foreign: Counter = Counter()
    samples: list[str] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for n, r, f, s in pool.map(_worker, jobs):
            total += n
            refused += r
            foreign.update(f)
            samples += s
    log(f"  {total} inputs: {sum(foreign.values())} foreign exceptions ({len(foreign)} kinds), "
        f"{refused} refused with truyvet's own error")
    for key, n in foreign.most_common():
        log(f"    {n} × {key}; e.g. {next(s for s in samples if s.startswith(key))[len(key) + 2:]}")
    return {"inputs": total, "foreign": sum(foreign.values()), "foreign_kinds": dict(foreign),
            "refused": refused, "samples": samples[:20]}
