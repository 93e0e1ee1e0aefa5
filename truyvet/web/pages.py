"""The explorer's HTML pages, written from the dicts of :mod:`truyvet.queries.explore`.

Plain server-side HTML (no script but the graph view's): every text is
escaped, every node links to its own page, every link shows its evidence
with the file and characters it comes from. Vietnamese first.
"""
from __future__ import annotations

from html import escape
from urllib.parse import quote

from truyvet.queries.resolve import vn_date
from truyvet.queries.words import FACTS, ROLE, TYPE

_ROLE_ORDER = ("lead", "coordinate", "monitor")


def href(kind: str, node_id: str) -> str:
    """The page of a node (kind "node") or its graph view (kind "graph"): the id is one path segment."""
    return f"/{kind}/{quote(node_id, safe='')}"


def link(rec: dict) -> str:
    return f'<a href="{href("node", rec["id"])}">{escape(rec.get("label") or rec["id"])}</a>'


def layout(title: str, body: str, query: str = "", info: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} — Truy vết</title><link rel="stylesheet" href="/static/site.css"></head>
<body><header><a class="brand" href="/">Truy vết</a>
<form action="/search" method="get" role="search"><input name="q" type="search" value="{escape(query)}"
 placeholder="Số hiệu, “thông báo 111”, nhiệm vụ “II.2.(14) Hà Nội”, cơ quan…" aria-label="Tìm trong kho" autocomplete="off">
<button type="submit">Tìm</button></form><span class="info">{escape(info)}</span></header>
<main>{body}</main></body></html>"""


def home(counts: dict, store: str) -> str:
    rows = "".join(f"<tr><th>{escape(TYPE[k])}</th><td>{f'{v:,}'.replace(',', '.')}</td></tr>"
                   for k, v in counts.items() if k in TYPE)
    body = (f"<h1>Truy vết văn bản chỉ đạo</h1><p>Kho: {escape(store)}. Tìm một văn bản, một nhiệm vụ hay một cơ quan "
            "ở ô tìm kiếm phía trên: số hiệu (<code>111-TB/VPTW</code>), loại và số (<code>thông báo 111</code>), "
            "nhãn nhiệm vụ với tên văn bản (<code>II.2.(14) Hà Nội</code>), tên cơ quan (<code>BCS đảng UBND TP</code>)."
            f"</p><table class=facts>{rows}</table>")
    return layout("Trang chủ", body)


def search(result: dict) -> str:
    q = result["query"]
    if result["matches"]:
        items = "".join(_candidate(c) for c in result["matches"])
        more = result["count"] - len(result["matches"])
        body = (f"<h1>{result['count']} kết quả cho “{escape(q)}”</h1><ol class=results>{items}</ol>"
                + (f"<p class=muted>… và {more} kết quả khác: viết rõ hơn.</p>" if more > 0 else ""))
    else:
        near = "".join(_candidate(c) for c in result["near"])
        body = (f"<h1>Không có văn bản, nhiệm vụ hay cơ quan nào khớp với “{escape(q)}”</h1>"
                + (f"<p>Gần nhất:</p><ol class=results>{near}</ol>" if near else "<p>Không có gợi ý nào.</p>"))
    return layout(f"Tìm “{q}”", body, q)


def _candidate(c: dict) -> str:
    return (f'<li><span class=kind>{escape(TYPE.get(c["type"], c["type"]))}</span> '
            f'<a href="{href("node", c["id"])}">{escape(c["label"])}</a></li>')


def _facts(rec: dict) -> str:
    f = rec.get("facts") or {}
    rows = []
    for key, label in FACTS.get(rec["type"], [(k, k) for k in f]):
        v = f.get(key)
        if v in (None, "", False):
            continue
        if key == "date":
            v = vn_date(v)
        rows.append(f"<tr><th>{escape(label)}</th><td>{escape(str(v))}</td></tr>")
    if f.get("stub"):
        rows.append("<tr><th>tình trạng</th><td>chưa có văn bản gốc trong kho, chỉ được dẫn chiếu</td></tr>")
    rows.append(f"<tr><th>mã</th><td><code>{escape(rec['id'])}</code></td></tr>")
    return f"<table class=facts>{''.join(rows)}</table>"


class _Seen:
    """Prints a statement in full the first time on a page, a back-reference after."""

    def __init__(self):
        self.seen: dict[tuple, int] = {}

    def __call__(self, st: dict) -> str:
        key = (st.get("quote"), st.get("file"), tuple(st.get("span") or ()))
        if st.get("quote") and key in self.seen:
            return f"<div class=muted>như câu [{self.seen[key]}] phía trên</div>"
        self.seen[key] = len(self.seen) + 1
        return evidence(st, self.seen[key] if st.get("quote") else None)


def evidence(st: dict, number: int | None = None) -> str:
    where = ""
    if st.get("file"):
        span = st.get("span")
        where = escape(st["file"]) + (f" · ký tự {span[0]}–{span[1]}" if span and span[0] is not None else "")
    by = f'<div class=muted>theo {escape(st.get("reported_by_label") or st["reported_by"])}</div>' \
        if st.get("reported_by") else ""
    mark = f"<span class=num>[{number}]</span> " if number else ""
    quote_ = f"<blockquote>{mark}{escape(st['quote'])}</blockquote>" if st.get("quote") else ""
    return f"<div class=evidence>{quote_}{by}<div class=src>{where}</div></div>" if quote_ or where else ""


def _chains(rec: dict) -> str:
    paths = rec.get("chains")
    if not paths:
        return "<p class=muted>Đây là văn bản gốc: không thực hiện văn bản nào khác.</p>"
    return "<ol class=chains>" + "".join(
        "<li>" + " → ".join(link(step) for step in path) + "</li>" for path in paths) + "</ol>"


_LINKS = (("implements", "Văn bản này thực hiện"), ("based_on", "Căn cứ"),
          ("implemented_by", "Được thực hiện bởi"), ("basis_of", "Là căn cứ của"),
          ("cites", "Dẫn chiếu"), ("cited_by", "Được dẫn chiếu bởi"),
          ("issued_by", "Cơ quan ban hành"), ("signed_by", "Người ký"), ("sent_to", "Nơi nhận"))


def document(d: dict) -> str:
    rec = d["node"]
    c = d["counts"]
    parts = [f'<p class=kind>{escape(rec.get("kind_word") or "Văn bản")}</p><h1>{escape(rec["label"])}</h1>',
             f'<p class=actions><a href="{href("graph", rec["id"])}">Xem trên đồ thị</a> · '
             f'<a href="#tasks">Bảng nhiệm vụ ({c["tasks"]})</a></p>',
             _facts(rec), "<h2>Đường lên văn bản gốc</h2>", _chains(rec)]
    seen = _Seen()
    for key, title in _LINKS:
        block = d["links"][key]
        if not block["total"]:
            continue
        items = "".join(f"<li>{link(e['other'])}{''.join(seen(s) for s in e['statements'][:2])}</li>"
                        for e in block["items"])
        more = block["total"] - len(block["items"])
        parts.append(f"<h2>{title} ({block['total']})</h2><ul class=links>{items}</ul>"
                     + (f"<p class=muted>… và {more} văn bản khác.</p>" if more > 0 else ""))
    parts.append(f"<h2 id=tasks>Nhiệm vụ ({c['tasks']})</h2>")
    if c["headings"]:
        parts.append(f"<p class=muted>{c['headings']} đề mục (tiêu đề phần) in nghiêng, không tính là nhiệm vụ.</p>")
    if d["tasks"]:
        rows = "".join(_task_row(t, seen) for t in d["tasks"])
        parts.append("<table class=tasks><thead><tr><th>Mục</th><th>Nội dung</th><th>Chủ trì</th><th>Phối hợp</th>"
                     f"<th>Theo dõi</th><th>Thời hạn</th><th>Bằng chứng</th></tr></thead><tbody>{rows}</tbody></table>")
    else:
        parts.append("<p class=muted>Văn bản không giao nhiệm vụ nào (hoặc chưa có trong kho).</p>")
    return layout(rec["label"], "".join(parts))


def _task_row(t: dict, seen: "_Seen") -> str:
    if t["heading"]:
        return f'<tr class=heading id="{escape(t["id"])}"><td>{escape(t["label"] or "")}</td><td colspan=6>{escape(t["text"] or "")}</td></tr>'
    who = {r: "<br>".join(link(a) for a in t[r]) for r in _ROLE_ORDER}
    ev = "".join(seen(s) for s in t["evidence"]) or evidence({"file": t["file"], "span": t["span"]})
    return (f'<tr id="{escape(t["id"])}"><td><a href="{href("node", t["id"])}">{escape(t["label"] or "")}</a></td>'
            f'<td>{escape(t["text"] or "")}</td><td>{who["lead"]}</td><td>{who["coordinate"]}</td>'
            f'<td>{who["monitor"]}</td><td>{escape(t["deadline"] or "")}</td><td>{ev}</td></tr>')


def agency(a: dict) -> str:
    rec = a["node"]
    roles = " · ".join(f"{ROLE.get(r, r or 'không rõ vai trò')} {n}" for r, n in
                       sorted(a["roles"].items(), key=lambda kv: _ROLE_ORDER.index(kv[0]) if kv[0] in _ROLE_ORDER else 9))
    parts = [f'<p class=kind>cơ quan, tổ chức</p><h1>{escape(rec["label"])}</h1>',
             f'<p class=actions><a href="{href("graph", rec["id"])}">Xem trên đồ thị</a></p>', _facts(rec),
             f"<h2>Nhiệm vụ được giao ({a['total']})</h2><p>{escape(roles) or 'Chưa được giao nhiệm vụ nào.'}</p>"]
    if a["listed"] < a["total"]:
        parts.append(f"<p class=muted>Liệt kê {a['listed']} nhiệm vụ đầu, theo văn bản.</p>")
    seen = _Seen()
    for doc in a["documents"]:
        counts = " · ".join(f"{ROLE.get(r, r)} {n}" for r, n in doc["roles"].items())
        rows = "".join(
            f'<tr><td><a href="{href("node", t["id"])}">{escape(t["label"] or "")}</a></td><td>{escape(t["text"] or "")}</td>'
            f'<td><span class="role {escape(t["role"] or "")}">{escape(ROLE.get(t["role"], t["role"] or ""))}</span></td>'
            f'<td>{escape(t["deadline"] or "")}</td><td>{"".join(seen(s) for s in t["evidence"][:1])}</td></tr>'
            for t in doc["tasks"])
        parts.append(f"<h3>{link(doc['document'])} <span class=muted>{escape(counts)}</span></h3>"
                     "<table class=tasks><thead><tr><th>Mục</th><th>Nội dung</th><th>Vai trò</th><th>Thời hạn</th>"
                     f"<th>Bằng chứng</th></tr></thead><tbody>{rows}</tbody></table>")
    for key, title in (("issued_by_in", "Văn bản do cơ quan này ban hành"), ("sent_to_in", "Văn bản gửi cơ quan này"),
                       ("succeeded_by_out", "Được thay bởi"), ("succeeded_by_in", "Thay cho")):
        if key in a["also"]:
            block = a["also"][key]
            items = ", ".join(link(r) for r in block["items"])
            more = block["total"] - len(block["items"])
            parts.append(f"<h2>{title} ({block['total']})</h2><p>{items}{f' … và {more} khác' if more > 0 else ''}</p>")
    return layout(rec["label"], "".join(parts))


def task(rec: dict, neighbours: dict) -> str:
    f = rec.get("facts") or {}
    by_id = {n["id"]: n for n in neighbours["nodes"]}
    parts = [f'<p class=kind>nhiệm vụ</p><h1>{escape(f.get("label") or rec["id"])} — {escape(rec.get("doc_label") or "")}</h1>',
             f'<p class=actions><a href="{href("graph", rec["id"])}">Xem trên đồ thị</a>'
             + (f' · <a href="{href("node", rec["doc"])}#tasks">Bảng nhiệm vụ của văn bản</a>' if rec.get("doc") else "")
             + "</p>", f"<p class=text>{escape(f.get('text') or '')}</p>"]
    if f.get("deadline"):
        parts.append(f"<p class=deadline>Thời hạn: {escape(f['deadline'])}</p>")
    parts.append("<h2>Cơ quan được giao</h2>")
    assigns = [e for e in neighbours["edges"] if e["rel"] == "ASSIGNS" and e["source"] == rec["id"]]
    assigns.sort(key=lambda e: _ROLE_ORDER.index(e["role"]) if e["role"] in _ROLE_ORDER else 9)
    parts.append("<ul class=links>" + "".join(
        f'<li><span class="role {escape(e["role"] or "")}">{escape(ROLE.get(e["role"], e["role"] or ""))}</span> '
        f'{link(by_id.get(e["target"], {"id": e["target"]}))}{"".join(evidence(s) for s in e["statements"][:1])}</li>'
        for e in assigns) + "</ul>" if assigns else "<p class=muted>Văn bản không nêu cơ quan cho nhiệm vụ này.</p>")
    parts += ["<h2>Đường lên văn bản gốc</h2>", _chains(rec), "<h2>Thông tin</h2>", _facts(rec)]
    return layout(f.get("label") or rec["id"], "".join(parts))


def other(rec: dict, neighbours: dict) -> str:
    """A node of a type the explorer has no page for (a person, a type added later): its facts and links."""
    by_id = {n["id"]: n for n in neighbours["nodes"]}
    items = "".join(f"<li>{escape(e['sentence'])} — {link(by_id.get(e['target'] if e['source'] == rec['id'] else e['source'], {'id': e['target']}))}</li>"
                    for e in neighbours["edges"])
    body = (f'<p class=kind>{escape(TYPE.get(rec["type"], rec["type"]))}</p><h1>{escape(rec["label"])}</h1>'
            f'<p class=actions><a href="{href("graph", rec["id"])}">Xem trên đồ thị</a></p>{_facts(rec)}'
            f"<h2>Liên kết</h2><ul class=links>{items}</ul>")
    return layout(rec["label"], body)


def error(status: int, message: str) -> str:
    return layout("Lỗi", f"<h1>{status}</h1><p>{escape(message)}</p>")
