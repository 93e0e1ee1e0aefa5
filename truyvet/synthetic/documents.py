"""The documents of the corpus, one function per kind: a central notice or resolution, a Party
committee's plan or letter, a People's Committee plan, a decree, a newspaper report.

Each takes the world and returns ``(doc, text, truth)``.
"""
from __future__ import annotations

from datetime import date, timedelta

from truyvet.synthetic.phrasing import cap, dmy, join_and, long_date, person_name, symbol_text, wrap_title
from truyvet.synthetic.truth import DocumentTruth
from truyvet.synthetic.vocabulary import CENTRAL, COORDS, DECREES, LEADS, PURPOSE, TOPICS, WEEKDAYS
from truyvet.synthetic.world import Doc, Juris, World
from truyvet.synthetic.writer import Writer, sec_giao, sec_heads, sec_inline, sec_purpose


def _party_head(w: Writer, lines: list[str], place: str, word: str, title: str, subject: str | None = None) -> None:
    rng, d = w.rng, w.d
    dl = f"{place}, {long_date(rng, d.date)}"
    if d.symbol is None and rng.random() < 0.7:
        head = [dl]                                             # header lost in the copy
    else:
        num = ((f"Số {symbol_text(rng, d.symbol)}" if rng.random() < 0.7 else f"Số: {symbol_text(rng, d.symbol)}"),) if d.symbol else ()
        extra = [subject] if subject else []
        if num and rng.random() < 0.2:                          # two columns flattened by tabs
            head = lines[:-1] + [f"{lines[-1]}\t\tĐẢNG CỘNG SẢN VIỆT NAM", "*", f"{num[0]}\t\t{dl}"] + extra
        else:
            head = lines + ["*", *num] + extra + ["ĐẢNG CỘNG SẢN VIỆT NAM", dl]
    w.out.append("\n\n".join(head) if rng.random() < 0.6 else "\n".join(head))
    if word:
        t = wrap_title(rng, cap(title))
        w.out.append(word.upper())
        w.p(f"**{t}**" if rng.random() < 0.3 else t, wrap=False)


def _state_head(w: Writer, org: list[str], place: str, word: str, title: str) -> None:
    w.out.append("\n".join(org + ["-------", f"Số: {w.d.symbol}", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                  "Độc lập - Tự do - Hạnh phúc", "---------------", f"{place}, {long_date(w.rng, w.d.date)}"]))
    w.out.append(word.upper())
    w.p(wrap_title(w.rng, cap(title)), wrap=False)


def notice(world: World, when: date, p: Juris, topic: int) -> tuple:
    """Thông báo kết luận of the General Secretary's working session with one province."""
    d = world.doc("TB", "VPTW", world.central, "Văn phòng Trung ương Đảng", ("vptw",), when, topic)
    w, rng = Writer(world, d, "central"), world.rng
    btv = w.a("btv", p)
    _party_head(w, ["BAN CHẤP HÀNH TRUNG ƯƠNG", "VĂN PHÒNG"], "Hà Nội", "THÔNG BÁO",
                f"KẾT LUẬN CỦA ĐỒNG CHÍ TỔNG BÍ THƯ\ntại buổi làm việc với {btv[0]}")
    m = d.date - timedelta(days=rng.randint(5, 25))
    w.p(f"Ngày {m.day}/{m.month}/{m.year}, đồng chí {world.signer(world.central, 'TBT')}, Tổng Bí thư đã làm việc với "
        f"{btv[0]} về {TOPICS[topic][0]}. Sau khi nghe báo cáo và ý kiến phát biểu của các đại biểu, đồng chí Tổng Bí thư kết luận như sau:")
    w.p(f"Ghi nhận, đánh giá cao những kết quả mà Đảng bộ, chính quyền và Nhân dân {p.S} đạt được; "
        f"việc thực hiện {w.congress()} có nhiều chuyển biến tích cực.")
    w.p(f"Đề nghị {btv[0]} tập trung lãnh đạo, chỉ đạo thực hiện tốt một số nhiệm vụ trọng tâm sau:")
    k = rng.randint(3, 6)
    for i in range(1, k + 1):
        end, dl = w.dl(0.15)
        w.p(f"{i}. {w.tt()}{end}")
        w.task(str(i), [btv], (), (), dl)
    lead, coord = w.a("cp"), w.a(rng.choice(("tc", "kte", "dqh")))     # an item's own lead beats the inherited one
    w.p(f"{k + 1}. Giao {lead[1]} chủ trì, phối hợp với {coord[1]} chỉ đạo các bộ, ngành liên quan hỗ trợ {p.C} tháo gỡ khó khăn, vướng mắc.")
    w.task(str(k + 1), [lead], [coord])
    sign, role = (("T/L BỘ CHÍNH TRỊ", "CHÁNH VĂN PHÒNG"), "CVP") if rng.random() < 0.5 else (("K/T CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"), "PCVP")
    world.last_tb[p.key] = d
    return d, *w.close([w.a("bct")], sign, world.signer(world.central, role), "Lưu Văn phòng Trung ương Đảng", "Hà Nội")


def central_doc(world: World, when: date, topic: int) -> tuple:
    """Nghị quyết, Chỉ thị or Kết luận of Bộ Chính trị / Ban Bí thư / Ban Chấp hành Trung ương."""
    rng = world.rng
    code, ag = rng.choice((("NQ", "bct"), ("NQ", "bch"), ("CT", "bbt"), ("CT", "bct"), ("KL", "bct"), ("KL", "bbt")))
    body = CENTRAL[ag][0]
    d = world.doc(code, "TW", world.central, body, (ag,), when, topic)
    w = Writer(world, d, "central")
    _party_head(w, ["BAN CHẤP HÀNH TRUNG ƯƠNG"], "Hà Nội", d.word, f"CỦA {body.upper()}\nvề {TOPICS[topic][0]}")
    old = rng.choice([x for x in world.background if x.date < when] or world.background)
    w.p(f"Sau nhiều năm thực hiện {w.cite(old, 'cites', title=True)}, công tác {TOPICS[topic][0]} đã đạt được những kết quả "
        f"quan trọng; tuy nhiên vẫn còn hạn chế, chưa đáp ứng yêu cầu đặt ra trong {w.congress()}.")
    if code == "CT":                        # "yêu cầu X ... các nhiệm vụ sau:" assigns X to every item below
        g = w.a("g_sub")
        w.p(f"Để khắc phục hạn chế, {body} yêu cầu {g[1]} tập trung lãnh đạo, chỉ đạo thực hiện tốt một số nhiệm vụ sau:")
        k = rng.randint(3, 5)
        for i in range(1, k + 1):
            end, dl = w.dl(0.1)
            w.p(f"{i}. {w.tt()}{end}")
            w.task(str(i), [g], (), (), dl)
        lead, coord = w.a("tg"), w.a(rng.choice(("tc", "vptw")))
        w.p(f"{k + 1}. {lead[1]} chủ trì, phối hợp với {coord[1]} hướng dẫn, theo dõi việc thực hiện Chỉ thị này.")
        w.task(str(k + 1), [lead], [coord])
    else:
        if code == "NQ":
            sec_purpose(w, 1, "QUAN ĐIỂM, MỤC TIÊU")
        n = 2 if code == "NQ" else 1
        sec_inline(w, n, "NHIỆM VỤ, GIẢI PHÁP" if code == "NQ" else "NHIỆM VỤ TRỌNG TÂM")
        roman = w.head(n + 1, "TỔ CHỨC THỰC HIỆN")
        g, lead, coord, mon = w.a("g_sub"), w.a("tg"), w.a("tc"), w.a("vptw")
        w.p(f"1. {cap(g[1])} tổ chức học tập, quán triệt và xây dựng chương trình hành động thực hiện {d.word} này.")
        w.p(f"2. {lead[1]} chủ trì, phối hợp với {coord[1]} hướng dẫn việc nghiên cứu, học tập, quán triệt.")
        w.p(f"3. {mon[1]}: Theo dõi, đôn đốc, kiểm tra việc thực hiện; định kỳ báo cáo {body}.")
        w.task(f"{roman}.1", [g]), w.task(f"{roman}.2", [lead], [coord]), w.task(f"{roman}.3", (), (), [mon])
    w.p(f"{d.word} này phổ biến đến chi bộ.")
    w.seen = {"các tỉnh ủy, thành ủy trực thuộc Trung ương": "Các tỉnh ủy, thành ủy",
              "các đảng đoàn, ban cán sự đảng, đảng ủy trực thuộc Trung ương": "Các đảng đoàn, ban cán sự đảng, đảng ủy trực thuộc Trung ương", **w.seen}
    sign = ("T/M BỘ CHÍNH TRỊ", "TỔNG BÍ THƯ") if ag != "bbt" else ("T/M BAN BÍ THƯ",)
    return d, *w.close([], sign, world.signer(world.central, "TBT" if ag != "bbt" else "TTBBT"), "Lưu Văn phòng Trung ương Đảng", "Hà Nội")


def local_doc(world: World, code: str, j: Juris, when: date, topic: int, impl: list[Doc], nested: Doc | None,
              up: list, force_lead: str | None = None, numbered: bool = True, twin: int | None = None) -> tuple:
    """Kế hoạch / Chương trình / Công văn of a Party committee: province, district, commune or bloc."""
    rng = world.rng
    d = world.doc(code, j.code, j, j.C, ("btv", "cm"), when, topic, numbered, twin)
    w = Writer(world, d, j.level)
    lines = [j.C.upper()] if j.level == "province" else [f"ĐẢNG BỘ {j.parent.S.upper()}", j.C.upper()]
    place = j.parent.name if j.level == "bloc" else j.name
    kinh_gui, word, title = [], ("CHƯƠNG TRÌNH HÀNH ĐỘNG" if code == "CTr" else d.word), TOPICS[topic][0]
    if code == "CV":
        _party_head(w, lines, place, "", "", f"V/v triển khai thực hiện một số nhiệm vụ\nvề {title}")
        ks = [w.a(k) for k in rng.sample(LEADS[j.level] + ("g_sub",), 3)]
        w.p("Kính gửi:\n" + "\n".join(f"{rng.choice((' - ', '- '))}{cap(s)}," for _, s in ks), wrap=False)
        kinh_gui, w.seen = [c for c, _ in ks], {}
    else:
        if impl[0].symbol and rng.random() < 0.4:
            title = f"thực hiện {w.cite(impl[0], 'implements', iss=True)} về {title}"
        _party_head(w, lines, place, word, title)
    # the head: what this document implements
    if len(impl) == 2 and rng.random() < 0.6:       # "Thông báo số A ngày .. và Thông báo số B ngày .. của X"
        refs = f"{w.cite(impl[0], 'implements', iss=False)} và {w.cite(impl[1], 'implements', iss=False)} của {w.issuer_phrase(impl[0])}"
    else:
        refs = " và ".join(w.cite(x, "implements", title=nested is None) for x in impl)
    if nested is not None:
        refs += f" về việc triển khai thực hiện {w.cite(nested, 'cites', title=True)}"
        if nested.symbol and rng.random() < 0.5:
            refs += f" (sau đây gọi tắt là {nested.word} số {nested.symbol})"
    me = w.a(rng.choice(("btv", "btv", "tt")))[1]
    w.seen.pop(world.agency(j, "btv")[0], None), w.seen.pop(world.agency(j, "tt")[0], None)
    kw = {"KH": "Kế hoạch", "CTr": "Chương trình"}.get(code, "văn bản")
    cue = rng.choice(("Thực hiện", "Thực hiện", "Triển khai thực hiện", "Để triển khai", "Để triển khai thực hiện"))
    w.p(f"{cue} {refs}" + rng.choice((f"; {me} ban hành {kw} triển khai thực hiện như sau:",
                                      f", {me} xây dựng {kw} thực hiện với những nội dung chủ yếu sau:",
                                      f"; {me} xây dựng {kw.lower()} triển khai, cụ thể như sau:")))
    old = [x for x in w.citable() if x not in impl and x is not nested]
    if rng.random() < 0.6:                           # cites later in the body are not implements
        cited = w.cite(rng.choice(old), "cites", title=True) if old and rng.random() < 0.6 else w.congress()
        w.p(rng.choice((f"Bám sát {cited}, ", f"Trên cơ sở kết quả thực hiện {cited}, ", f"Gắn với việc thực hiện {cited}, "))
            + "đồng thời căn cứ tình hình thực tiễn, xác định các nội dung trọng tâm như sau.")
    if code == "CV":
        for i in range(1, rng.randint(3, 5) + 1):
            lead, coord = w.pick(LEADS[j.level], 1)[0], w.pick(COORDS[j.level], rng.randint(0, 2))
            end, dl = w.dl(0.3)
            t = w.tt()
            if coord and rng.random() < 0.6:
                w.p(f"{i}. Giao {lead[1]} chủ trì, phối hợp với {join_and(rng, [c[1] for c in coord])} {t[0].lower()}{t[1:]}{end}")
            else:
                w.p(f"{i}. Đề nghị {lead[1]} {t[0].lower()}{t[1:]}{end}")
                coord = ()
            w.task(str(i), [lead], coord, (), dl)
        vp, ban = w.a("vp"), w.a("g_ban")
        w.p(f"{i + 1}. Giao {vp[1]} phối hợp với {ban[1]} theo dõi việc triển khai thực hiện của các cơ quan, đơn vị "
            f"để kịp thời tổng hợp, tham mưu {w.a('tt')[1]}.")
        w.task(str(i + 1), [vp], [ban])
    else:
        n = 1
        if rng.random() < 0.85:
            sec_purpose(w, n)
            n += 1
        r = rng.random()
        if force_lead or r < 0.45:
            sec_giao(w, n, force_lead)
        elif r < 0.8:
            sec_inline(w, n)
        else:
            n -= 1                                   # only the headings section
        sec_heads(w, n + 1, LEADS[j.level] + ("g_sub",), "vp")
        if rng.random() < 0.4:
            w.p(f"Trên đây là {kw} của {me}. Đề nghị {w.a('g_sub')[1]} nghiêm túc triển khai thực hiện.")
    t = rng.choice((("T/M BAN THƯỜNG VỤ", "BÍ THƯ"), ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC"),
                    ("K/T BÍ THƯ", "PHÓ BÍ THƯ"), (f"T/M {j.c_forms[0].upper()}", "BÍ THƯ")))
    archive = rng.choice(("Lưu VT", f"Lưu Văn phòng {j.c_forms[0]}", "Lưu Văn thư") + (("Lưu VPTU",) if j.code == "TU" else ()))
    return d, *w.close(up, () if rng.random() < 0.12 else t, world.signer(j, t[-1]), archive, place, kinh_gui)


def ubnd_plan(world: World, p: Juris, when: date, top: Doc) -> tuple:
    """The province's People's Committee plan: Căn cứ a law and a decree, Thực hiện the Party plan."""
    d = world.doc("KH", "UBND", p, world.agency(p, "ub")[0], ("ub",), when, top.topic)
    w = Writer(world, d, "province")
    _state_head(w, ["ỦY BAN NHÂN DÂN", p.S.upper()], p.name, "KẾ HOẠCH",
                f"triển khai thực hiện {top.word} của {world.agency(p, 'btv')[0]} về {TOPICS[d.topic][0]}")
    w.p(f"Căn cứ {w.law()};", wrap=False)
    dec = [x for x in world.decrees if x.date < when]
    if dec:
        w.p(f"Căn cứ {w.cite(dec[-1], 'based_on', title=True)};")
    w.p(f"Thực hiện {w.cite(top, 'implements', title=True)};")
    w.p(f"Ủy ban nhân dân {world.rng.choice(p.s_forms)} ban hành Kế hoạch thực hiện như sau:")
    sec_purpose(w, 1)
    sec_inline(w, 2, "NHIỆM VỤ, GIẢI PHÁP", state=True)
    sec_heads(w, 3, LEADS["state"], "vpub", state=True)
    return d, *w.close([w.a("tt"), w.a("hd")], ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
                       world.signer(p, "PCT"), "Lưu: VT, KGVX", p.name, state=True)


def decree(world: World, when: date, topic: int) -> tuple:
    """A Government decree: Căn cứ two laws, a first chapter of articles; later plans are based on it."""
    rng = world.rng
    d = world.doc("NĐ", "CP", world.central, "Chính phủ", ("gov",), when, topic)
    w, title = Writer(world, d, "central"), rng.choice(DECREES)
    _state_head(w, ["CHÍNH PHỦ"], "Hà Nội", "NGHỊ ĐỊNH", title)
    w.p(f"Căn cứ {w.law()};", wrap=False)
    w.p(f"Căn cứ {w.law()};", wrap=False)
    w.p(f"Theo đề nghị của Bộ trưởng Bộ {rng.choice(('Nội vụ', 'Tài chính', 'Thông tin và Truyền thông', 'Xây dựng'))};")
    w.p(f"Chính phủ ban hành Nghị định {title}.")
    w.p("Chương I\nQUY ĐỊNH CHUNG", wrap=False)
    for i, (art, text) in enumerate((
            ("Phạm vi điều chỉnh", f"Nghị định này {title}."),
            ("Đối tượng áp dụng", "Nghị định này áp dụng đối với cơ quan, tổ chức, cá nhân có liên quan."),
            ("Nguyên tắc thực hiện", "Việc thực hiện phải bảo đảm công khai, minh bạch, đúng quy định của pháp luật."),
            ("Hiệu lực thi hành", f"Nghị định này có hiệu lực thi hành kể từ ngày {dmy(rng, when + timedelta(days=45))}."),
            ("Trách nhiệm thi hành", "Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân các tỉnh, "
             "thành phố trực thuộc trung ương chịu trách nhiệm thi hành Nghị định này.")), 1):
        w.p(f"Điều {i}. {art}", wrap=False)
        w.p(text)
    w.seen = {"Ban Bí thư Trung ương Đảng": "Ban Bí thư Trung ương Đảng",
              "các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ": "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
              "HĐND, UBND các tỉnh, thành phố trực thuộc trung ương": "HĐND, UBND các tỉnh, thành phố trực thuộc trung ương"}
    world.decrees.append(d)
    return d, *w.close([], ("TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG"), world.signer(world.central, "TTg"),
                       "Lưu: VT, TCCV", "Hà Nội", state=True)


def news(world: World, p: Juris, when: date, top: Doc, root: Doc) -> tuple:
    """A provincial newspaper's report: cites the plan and what it implements, assigns nothing."""
    rng, topic = world.rng, TOPICS[top.topic][0]
    d = Doc("NEWS", when, f"Báo {p.name}", p, ("btv",), top.topic, kind="news_article", word="Bài báo")
    w, author, t = Writer(world, d, "province"), person_name(rng), top.date
    w.anc = ()                                         # an outsider: places are spelt out
    w.p(f"{p.name}: {cap(topic)}", wrap=False)
    w.p(f"{p.C} đang tập trung triển khai nhiều giải pháp đồng bộ để {topic}, tạo chuyển biến rõ nét từ tỉnh đến cơ sở.")
    w.out.append(f"{author}\n{WEEKDAYS[when.weekday()]}, {when.day:02d}/{when.month:02d}/{when.year} "
                 f"{rng.randint(6, 21):02d}:{rng.choice((0, 15, 30, 45)):02d}")
    w.p(f"Ngày {t.day}/{t.month}, {world.agency(p, 'btv')[0]} đã ban hành {w.cite(top, 'cites', iss=False)} "
        f"{rng.choice(('thực hiện', 'triển khai', 'cụ thể hóa'))} {w.cite(root, 'cites')}.")
    w.p(f"Theo {top.word}, {world.agency(p, rng.choice(LEADS['province']))[0]} được giao chủ trì tham mưu nhiều nội dung "
        "quan trọng; các cấp ủy, tổ chức đảng xây dựng chương trình, kế hoạch cụ thể phù hợp với thực tiễn.")
    s = rng.choice(PURPOSE)
    w.p(f"Phát biểu tại hội nghị, đồng chí {world.signer(p, 'BÍ THƯ')}, Bí thư {p.C} nhấn mạnh yêu cầu {s[0].lower()}{s[1:]}")
    w.p(rng.choice((f"({author} ghi)", f"Theo Báo {p.name}", author)), wrap=False)
    return d, *w.done(DocumentTruth("news_article", None, None, when.isoformat(), d.issuer, None, None), [])
