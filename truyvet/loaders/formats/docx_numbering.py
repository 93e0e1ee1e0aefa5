"""Word's automatic list numbers ("1.", "1.1.", "a)", "II."): numbering.xml's
counters, advanced paragraph by paragraph in document order, as Word shows them.
"""
from __future__ import annotations

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def val(el, name: str = "val") -> str | None:
    """The ``w:`` attribute ``name`` of ``el`` (None for no element)."""
    return None if el is None else el.get(W + name)


def _roman(n: int) -> str:
    out = []
    for value, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                       (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        count, n = divmod(n, value)
        out.append(sym * count)
    return "".join(out)


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter") and n > 0:
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman") and n > 0:
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)  # decimal and the exotic formats Vietnamese documents do not use


# Bullet glyphs from Symbol/Wingdings (private use area) and round bullets are
# shown as "-", the marker Vietnamese administrative texts write by hand.
_KEEP_BULLETS = {"-", "+", "*", "–", "—"}


def _bullet_text(lvl_text: str) -> str:
    return lvl_text if lvl_text in _KEEP_BULLETS else "-"


class Numbering:
    """Word's list counters, advanced paragraph by paragraph in document order."""

    def __init__(self, numbering_el, styles):  # styles: docx._Styles, for lists defined by a style
        self.abstract: dict[str, dict[int, object]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        self.styles = styles
        if numbering_el is None:
            return
        style_links = {}
        for absn in numbering_el.iter(W + "abstractNum"):
            aid = val(absn, "abstractNumId")
            self.abstract[aid] = {int(val(lvl, "ilvl") or 0): lvl for lvl in absn.iter(W + "lvl")}
            link = val(absn.find(W + "numStyleLink"))
            if link:
                style_links[aid] = link
        for num in numbering_el.iter(W + "num"):
            overrides = {}
            for ov in num.iter(W + "lvlOverride"):
                start = val(ov.find(W + "startOverride"))
                if start is not None:
                    overrides[int(val(ov, "ilvl") or 0)] = int(start)
            self.nums[val(num, "numId")] = (val(num.find(W + "abstractNumId")), overrides)
        # A list defined by a numbering style points at that style's list.
        for aid, style_id in style_links.items():
            num_id, _ = styles.num_pr(style_id)
            target = self.nums.get(num_id, (None, {}))[0]
            if target in self.abstract and target != aid:
                self.abstract[aid] = self.abstract[target]

    def _lvl(self, aid: str, ilvl: int):
        return self.abstract.get(aid, {}).get(ilvl)

    def _lvlval(self, aid: str, ilvl: int, child: str) -> str | None:
        lvl = self._lvl(aid, ilvl)
        return None if lvl is None else val(lvl.find(W + child))

    def _start(self, aid: str, ilvl: int) -> int:
        start = self._lvlval(aid, ilvl, "start")
        return int(start) if start is not None else 1

    def label(self, num_id: str | None, ilvl: int) -> str | None:
        """The visible label for one paragraph of list ``num_id`` at ``ilvl``."""
        if not num_id or num_id == "0" or num_id not in self.nums:
            return None
        aid, overrides = self.nums[num_id]
        lvl = self._lvl(aid, ilvl)
        if lvl is None:
            return None
        # Word: list instances without overrides continue one shared count;
        # one with a start override is a list of its own.
        state = self.counters.setdefault(num_id if overrides else aid, [None] * 10)
        if num_id not in self.started:
            self.started.add(num_id)
            for level, start in overrides.items():
                state[level] = start - 1
        state[ilvl] = self._start(aid, ilvl) if state[ilvl] is None else state[ilvl] + 1
        for deeper in range(ilvl + 1, len(state)):
            restart = self._lvlval(aid, deeper, "lvlRestart")
            if restart is None or (restart != "0" and ilvl <= int(restart) - 1):
                state[deeper] = None

        fmt = val(lvl.find(W + "numFmt")) or "decimal"
        text = val(lvl.find(W + "lvlText")) or ""
        if fmt == "none" or (not text and fmt != "bullet"):
            return None
        if fmt == "bullet":
            label = _bullet_text(text)
        else:
            legal = lvl.find(W + "isLgl") is not None
            label = text
            for level in range(8, -1, -1):
                token = f"%{level + 1}"
                if token in label:
                    value = state[level] if state[level] is not None else self._start(aid, level)
                    level_fmt = "decimal" if legal else (
                        self._lvlval(aid, level, "numFmt") or "decimal")
                    label = label.replace(token, _format_number(value, level_fmt))
        suffix = val(lvl.find(W + "suff")) or "tab"
        return label if suffix == "nothing" else label + " "
