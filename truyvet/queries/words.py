"""The Vietnamese words people read for relations, roles and facts (the CLI and the pages).

The graph, ``--json`` and the JSON endpoints keep the English names
(``IMPLEMENTS``, ``lead``); what a person reads says it in Vietnamese, read
from the node that is shown towards the node on the line ("được thực hiện
bởi Kế hoạch …" under a notice, "thực hiện Thông báo …" under a plan).
"""
from __future__ import annotations

ROLE = {"lead": "chủ trì", "coordinate": "phối hợp", "monitor": "theo dõi"}

# (relation, the shown node is the edge's source) -> words before the other node.
_REL = {
    ("IMPLEMENTS", True): "thực hiện", ("IMPLEMENTS", False): "được thực hiện bởi",
    ("BASED_ON", True): "căn cứ", ("BASED_ON", False): "là căn cứ của",
    ("CITES", True): "dẫn chiếu", ("CITES", False): "được dẫn chiếu bởi",
    ("HAS_TASK", True): "có", ("HAS_TASK", False): "thuộc",
    ("ISSUED_BY", True): "ban hành bởi", ("ISSUED_BY", False): "ban hành",
    ("SIGNED_BY", True): "người ký", ("SIGNED_BY", False): "ký",
    ("SENT_TO", True): "gửi", ("SENT_TO", False): "nhận",
    ("SUCCEEDED_BY", True): "được thay bởi", ("SUCCEEDED_BY", False): "thay cho",
    ("MENTIONS", True): "nhắc đến", ("MENTIONS", False): "được nhắc trong",
    ("DIRECTED_BY", True): "theo chỉ đạo của", ("DIRECTED_BY", False): "chỉ đạo",
    ("REPORTS_EVENT", True): "đưa tin về", ("REPORTS_EVENT", False): "được đưa tin bởi",
    ("RECORDED_IN", True): "kết luận ghi tại", ("RECORDED_IN", False): "ghi kết luận của",
    ("CHAIRED_BY", True): "chủ trì bởi", ("CHAIRED_BY", False): "chủ trì",
    ("ATTENDED_BY", True): "có sự tham dự của", ("ATTENDED_BY", False): "dự",
    ("HELD_WITH", True): "làm việc với", ("HELD_WITH", False): "làm việc tại",
}
# Relations whose role is the text's own words for a person's office.
_ROLE_AS_WRITTEN = {"SIGNED_BY", "MENTIONS", "DIRECTED_BY", "CHAIRED_BY", "ATTENDED_BY"}


def relation(rel: str | None, role: str | None = None, outgoing: bool = True) -> str:
    """The words between the shown node and the other one; an assignment
    reads by its role both ways ("chủ trì" an agency, "chủ trì" a task).

    >>> relation("IMPLEMENTS", outgoing=False), relation("ASSIGNS", "lead")
    ('được thực hiện bởi', 'chủ trì')
    """
    if rel == "ASSIGNS":
        return ROLE.get(role or "", role or "giao")
    words = _REL.get((rel or "", outgoing), (rel or "").lower())
    if rel in _ROLE_AS_WRITTEN and role:
        return f"{words} ({role})"
    if rel == "RECORDED_IN" and role == "matched":
        return f"{words} (khớp theo người chủ trì, cơ quan, ngày)"
    return words


# Fact -> label of a show card, in the order printed.
FACTS = {
    "Document": (("kind_text", "loại"), ("symbol", "số hiệu"), ("date", "ngày"), ("issuer", "cơ quan ban hành"),
                 ("place", "nơi ban hành"), ("signer", "người ký"), ("title", "trích yếu"), ("term", "khóa"),
                 ("file", "tệp"), ("sha256", "SHA-256")),
    "Task": (("label", "nhãn"), ("text", "nội dung"), ("deadline", "thời hạn"),
             ("deadline_date", "hạn (ngày)"), ("period", "kỳ hạn"), ("file", "tệp")),
    "Agency": (("name", "tên"), ("place", "địa phương")),
    "Person": (("name", "họ tên"), ("place", "địa phương")),
    "Event": (("label", "sự kiện"), ("kind_text", "loại"), ("date", "ngày"), ("name", "với / tên"),
              ("venue", "địa điểm")),
}

TYPE = {"Document": "văn bản", "Task": "nhiệm vụ", "Agency": "cơ quan, tổ chức", "Person": "cá nhân",
        "Event": "sự kiện"}
