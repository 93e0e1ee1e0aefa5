"""One document being written: its paragraphs, the truth they carry, and the body sections plans share."""
from __future__ import annotations

import unicodedata

from truyvet.synthetic.phrasing import cap, date_ref, deadline, join_and, symbol_text
from truyvet.synthetic.truth import DocumentTruth, FileTruth, ReferenceTruth, TaskTruth
from truyvet.synthetic.vocabulary import (AREAS, CENTRAL, COORDS, LAWS, LEADS, OLD_TONES, PRIORITY, PURPOSE, ROMAN,
                                          TAILS, TASK_SECTIONS, TOPICS, VERBS)
from truyvet.synthetic.world import Doc, Juris, World


class Writer:
    """Collects the paragraphs and the truth of one document."""

    def __init__(self, world: World, d: Doc, lvl: str):
        self.w, self.rng, self.d, self.j, self.lvl = world, world.rng, d, d.juris, lvl
        self.anc = d.juris.anc if d.juris else ()
        self.out: list[str] = []
        self.refs: dict = {}
        self.tasks: list[TaskTruth] = []
        self.seen: dict[str, str] = {}     # canonical -> surface, for the Nơi nhận list
        r = self.rng.random()              # this document's share of old-style tone marks
        self.old = 0.0 if r < 0.5 else (0.25 if r < 0.85 else 0.9)

    def tones(self, s: str) -> str:
        if self.old and self.rng.random() < self.old:
            for a, b in OLD_TONES:
                s = s.replace(a, b)
        return s

    def p(self, s: str, wrap: bool = True) -> None:
        s, rng = self.tones(s), self.rng
        if wrap and len(s) > 140 and rng.random() < 0.12:   # hard line wraps of copied text
            i = s.find(" ", len(s) // 2)
            if 0 < i < len(s) - 1 and s[i - 1].isalpha() and s[i + 1].isalpha():
                s = s[:i] + ("\n\n" if rng.random() < 0.2 else "\n") + s[i + 1:]
        self.out.append(s)

    def head(self, n: int, title: str) -> str:
        roman = ROMAN[n - 1]
        self.p(f"**{roman}. {title}**" if self.rng.random() < 0.15 else f"{roman}. {title}", wrap=False)
        return roman

    def a(self, key: str, j: Juris | None = None) -> tuple[str, str]:
        """(canonical, surface) of an agency; outside its jurisdiction the place is spelt out."""
        j = j or self.j
        canon, forms = self.w.agency(j, key)
        inside = j.level == "central" or j in self.anc
        s = (forms[0] if self.rng.random() < 0.6 else self.rng.choice(forms)) if inside else canon
        self.seen.setdefault(canon, s)
        return canon, s

    def pick(self, keys: tuple, k: int, avoid: tuple = ()) -> list[tuple[str, str]]:
        pool = [x for x in keys if x not in avoid]
        return [self.a(x) for x in self.rng.sample(pool, min(k, len(pool)))]

    def citable(self) -> list[Doc]:
        """Earlier numbered documents this writer would know: central ones and its own chain's."""
        return [x for x in self.w.recent if x.date < self.d.date and x.symbol and x.juris in self.anc + (self.w.central,)]

    def tt(self) -> str:
        rng = self.rng
        obj = rng.choice(TOPICS[self.d.topic][1] if rng.random() < 0.9 else rng.choice(TOPICS)[1])
        s = f"{rng.choice(VERBS)} {obj}{rng.choice(TAILS)}"
        old = self.citable() if rng.random() < 0.08 else None
        return s + " theo " + self.cite(rng.choice(old), "cites") if old else s

    def task(self, label: str, lead=(), coord=(), mon=(), dl: str | None = None) -> None:
        self.tasks.append(TaskTruth(label, [x[0] for x in lead], [x[0] for x in coord], [x[0] for x in mon], dl))

    def dl(self, p: float = 0.3) -> tuple[str, str | None]:
        if self.rng.random() >= p:
            return ".", None
        s, v = deadline(self.rng, self.d.date)
        return self.rng.choice((f". Thời gian hoàn thành: {cap(s)}.", f"; hoàn thành {s}.", f" (hoàn thành {s}).",
                                f". Thời hạn: {s}.")), v

    def issuer_phrase(self, d: Doc) -> str:
        if d.juris.level == "central":
            forms = CENTRAL[d.ag[0]]
            return forms[0] if self.rng.random() < 0.6 else self.rng.choice(forms)
        canon, forms = self.w.agency(d.juris, self.rng.choice(d.ag))
        return self.rng.choice(forms) if d.juris in self.anc else canon

    def cite(self, d: Doc, rel: str, title: bool = False, iss: bool | None = None) -> str:
        rng, word = self.rng, d.word
        if rel == "cites" and d.code == "KH" and rng.random() < 0.03:
            word = "Kết luận"                          # real text: "Kết luận số 175-KH/TU"
        if d.symbol:
            s = f"{word} {'số ' if rng.random() < 0.85 else ''}{symbol_text(rng, d.symbol)}"
            s += date_ref(rng, d.date) if rng.random() < 0.8 else ""
            iss = rng.random() < 0.8 if iss is None else iss
        else:
            s, iss = word + date_ref(rng, d.date), True     # no number: date and issuer are the identity
        if iss:
            s += " của " + self.issuer_phrase(d)
        if title and rng.random() < 0.6:
            t = TOPICS[d.topic][0]
            s += rng.choice((f" về {t}", f' về "{t}"', f" về “{t}”"))
        self.ref(ReferenceTruth(d.kind, d.date.isoformat(), d.issuer, rel, d.symbol, None if d.symbol else d.word))
        return s

    def ref(self, r: ReferenceTruth) -> None:
        key = r.symbol and (r.symbol, r.issuer) or (r.name, r.kind, r.date, r.issuer)
        old = self.refs.get(key)
        if old is None or PRIORITY[r.relation] > PRIORITY[old.relation]:
            self.refs[key] = r

    def congress(self) -> str:
        p = next((j for j in self.anc if j.level == "province"), None)
        if p is None or self.rng.random() < 0.5:
            self.ref(ReferenceTruth("resolution", None, None, "cites", name="Nghị quyết Đại hội XIII của Đảng"))
            return self.rng.choice(("Nghị quyết Đại hội XIII của Đảng", "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"))
        self.ref(ReferenceTruth("resolution", None, None, "cites", name=f"Nghị quyết Đại hội {p.congress} Đảng bộ {p.S}"))
        s = self.rng.choice(p.s_forms if self.j is p else (p.S,))
        return self.rng.choice((f"Nghị quyết Đại hội {p.congress} Đảng bộ {s}",
                                f"Nghị quyết Đại hội đại biểu Đảng bộ {s} lần thứ {p.congress}"))

    def law(self) -> str:
        name, d = self.rng.choice([x for x in LAWS if x[1] < self.d.date])
        self.ref(ReferenceTruth("law", d.isoformat(), "Quốc hội", "based_on", name=name))
        return f"{name} ngày {d.day} tháng {d.month} năm {d.year}"

    def close(self, up: list, sign: tuple, signer: str, archive: str, place: str | None,
              kinh_gui: list[str] = (), state: bool = False) -> tuple[str, FileTruth]:
        """Nơi nhận and signature (either order, as flattened copies have them); the text and its truth."""
        rng, end = self.rng, (";" if state else ",")
        lines, recips = ["Nơi nhận:"], list(kinh_gui)
        if kinh_gui:
            lines.append("- Như trên;" if state else "- Như kính gửi (để thực hiện),")
        brace = len(up) == 2 and rng.random() < 0.3
        for i, (canon, s) in enumerate(up):
            purpose = rng.choice(("để b/c", "để báo cáo", "*để báo cáo*"))
            lines.append(f"- {cap(s)}{end} }}" + (f" ({purpose})" if i == 0 else "") if brace else f"- {cap(s)} ({purpose}){end}")
            recips.append(canon)
        for canon, s in list(self.seen.items())[:8]:
            if canon not in recips:
                lines.append(f"- {cap(s)}{' (để thực hiện)' if rng.random() < 0.2 else ''}{end}")
                recips.append(canon)
        lines.append(f"- {archive}.")
        block = self.tones("\n".join(lines if rng.random() < 0.7 else [lines[0]] + [" " + x for x in lines[1:]]))
        sig = "\n".join(sign)
        sig = f"**{sig}**" if sig and rng.random() < 0.2 else sig
        sig = (sig + "\n\n" if sig else "") + ("(đã ký)\n\n" if rng.random() < 0.1 else "\n") + signer
        self.out.extend((block, sig) if rng.random() < 0.7 else (sig, block))
        d = self.d
        return self.done(DocumentTruth(d.kind, d.symbol, d.number, d.date.isoformat(), d.issuer, place, signer), recips)

    def done(self, doc: DocumentTruth, recips: list[str]) -> tuple[str, FileTruth]:
        sep = "\n\n" if self.rng.random() < 0.8 else "\n"
        text = unicodedata.normalize("NFC", sep.join(self.out) + "\n")
        return text, FileTruth("", doc, list(self.refs.values()), self.tasks, list(dict.fromkeys(recips)))


# ---------------------------------------------------------------- body sections
def sec_purpose(w: Writer, n: int, title: str = "MỤC ĐÍCH, YÊU CẦU") -> None:
    w.head(n, title)
    if w.rng.random() < 0.7:
        for k, sub in ((1, "Mục đích"), (2, "Yêu cầu")):
            w.p(f"{k}. {sub}", wrap=False)
            for s in w.rng.sample(PURPOSE, 2):
                w.p("- " + s)
    else:
        for s in w.rng.sample(PURPOSE, 3):
            w.p("- " + s)


def sec_giao(w: Writer, n: int, force_lead: str | None = None) -> None:
    """Groups under a "Giao X chủ trì, phối hợp với Y ... như sau:" sentence, inherited by the items below."""
    rng = w.rng
    roman = w.head(n, rng.choice(TASK_SECTIONS))
    for gi in range(1, rng.randint(2, 3) + 1):
        w.p(f"{gi}. {rng.choice(AREAS)}", wrap=False)
        nsub = rng.choice((0, 0, 2, 3))
        for si in range(1, max(nsub, 1) + 1):
            prefix, mark = (f"{roman}.{gi}.{si}", f"{gi}.{si}. ") if nsub else (f"{roman}.{gi}", "")
            if nsub and rng.random() < 0.2:        # several leads, one unnumbered paragraph
                leads = w.pick(LEADS[w.lvl], 2)
                w.p(f"{mark}Giao {join_and(rng, [x[1] for x in leads])} triển khai thực hiện nội dung như sau:")
                w.p(w.tt() + ".")
                w.task(prefix, leads)
                continue
            key = force_lead or rng.choice(LEADS[w.lvl])
            force_lead, lead = None, w.a(key)
            coord = w.pick(COORDS[w.lvl] + LEADS[w.lvl], rng.randint(0, 2), avoid=(key,))
            L, co = lead[1], join_and(rng, [c[1] for c in coord])
            w.p(mark + (f"Giao {L} chủ trì tham mưu thực hiện các nội dung sau:" if not coord else rng.choice((
                f"Giao {L} chủ trì, phối hợp với {co} và các cơ quan, đơn vị liên quan tham mưu triển khai thực hiện các nội dung như sau:",
                f"Giao {L} chủ trì, phối hợp {co} triển khai các nhiệm vụ sau:",
                f"{L} chủ trì, phối hợp với {co} thực hiện các nhiệm vụ sau:",
                f"Giao {L} chủ trì; {co} phối hợp thực hiện các nội dung như sau:",
                f"Đề nghị {L} chủ trì, phối hợp với {co} lãnh đạo, chỉ đạo thực hiện các nội dung sau:"))))
            fmt = rng.choice(("({}).", "({}).", "({})"))
            for k in range(1, rng.randint(2, 6) + 1):
                end, dl = w.dl()
                w.p(f"{fmt.format(k)} {w.tt()}{end}")
                w.task(f"{prefix}.({k})", [lead], coord, (), dl)


def sec_inline(w: Writer, n: int, title: str | None = None, state: bool = False) -> None:
    """Items naming their own lead, a parenthesised assignment, a) b) sub-items, or no assignee at all."""
    rng = w.rng
    roman = w.head(n, title or rng.choice(TASK_SECTIONS))
    leads, coords = LEADS["state" if state else w.lvl], COORDS["state" if state else w.lvl]
    for k in range(1, rng.randint(3, 6) + 1):
        lead, coord = w.pick(leads, 1)[0], w.pick(coords, rng.randint(1, 2))
        co, r, label = join_and(rng, [c[1] for c in coord]), rng.random(), f"{roman}.{k}"
        if r < 0.3:
            end, dl = w.dl()
            t = w.tt()
            w.p(f"{k}. {lead[1]} chủ trì, phối hợp với {co} {t[0].lower()}{t[1:]}{end}")
        elif r < 0.6:
            s, dl = deadline(rng, w.d.date) if rng.random() < 0.6 else ("", None)
            w.p(f"{k}. {w.tt()} (Cơ quan chủ trì: {lead[1]}; cơ quan phối hợp: {co}{'; thời gian hoàn thành: ' + s if s else ''}).")
        elif r < 0.8:
            w.p(f"{k}. {lead[1]} chủ trì, phối hợp với {co} thực hiện các nhiệm vụ sau:")
            for letter in "abc"[:rng.randint(2, 3)]:
                end, dl = w.dl(0.2)
                w.p(f"{letter}) {w.tt()}{end}")
                w.task(f"{label}.{letter}", [lead], coord, (), dl)
            continue
        else:
            end, dl = w.dl(0.2)
            w.p(f"{k}. {w.tt()}{end}")
            lead, coord = None, ()
        w.task(label, [lead] if lead else (), coord, (), dl)


def sec_heads(w: Writer, n: int, keys: tuple, monitor: str, state: bool = False) -> None:
    """"1. Ban Tuyên giáo Tỉnh ủy" headings over bullets or a paragraph; a "Văn phòng ...: Theo dõi" monitor."""
    rng = w.rng
    roman = w.head(n, "TỔ CHỨC THỰC HIỆN" if rng.random() < 0.8 else "PHÂN CÔNG NHIỆM VỤ")
    k = 0
    for key in rng.sample(keys, min(len(keys), rng.randint(2, 4))):
        k += 1
        ag = w.a(key)
        r, head = rng.random(), f"{k}. {cap(ag[1])}"
        if r < 0.5:
            w.p(f"**{head}**" if rng.random() < 0.15 else head + (":" if rng.random() < 0.2 else ""), wrap=False)
            for b in range(1, rng.randint(2, 4) + 1):
                end, dl = w.dl()
                w.p(f"{'-' if rng.random() < 0.85 else ' -'} {w.tt()}{end}")
                w.task(f"{roman}.{k}", [ag], (), (), dl)   # bullets share their item's label
            continue
        end, dl = w.dl()
        if r < 0.75:
            w.p(head, wrap=False)
            w.p(w.tt() + end)
        else:
            w.p(f"{head}: {w.tt()}{end}")
        w.task(f"{roman}.{k}", [ag], (), (), dl)
    k += 1
    vp = w.a(monitor)
    if rng.random() < 0.75 or state or w.lvl not in ("province", "district"):
        what = rng.choice((f"Theo dõi, đôn đốc các cơ quan, đơn vị triển khai thực hiện {w.d.word} này",
                           "Theo dõi, đôn đốc, kiểm tra việc thực hiện; định kỳ tổng hợp, báo cáo kết quả",
                           "theo dõi, đôn đốc, tổng hợp tình hình thực hiện, kịp thời báo cáo những vướng mắc phát sinh"))
        w.p(f"{k}. {cap(vp[1])}: {cap(what) if rng.random() < 0.7 else what}.")
        w.task(f"{roman}.{k}", (), (), [vp])
    else:                                      # "Giao X phối hợp với Y theo dõi": X leads, Y coordinates
        ban = w.a("g_ban")
        w.p(f"{k}. Giao {vp[1]} phối hợp với {ban[1]} theo dõi việc triển khai thực hiện để kịp thời tổng hợp, tham mưu {w.a('btv')[1]}.")
        w.task(f"{roman}.{k}", [vp], [ban])
