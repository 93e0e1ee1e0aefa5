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
}


def relation(rel: str | None, role: str | None = None, outgoing: bool = True) -> str:
    """The words between the shown node and the other one; an assignment
    reads by its role both ways ("chủ trì" an agency, "chủ trì" a task).

    >>> relation("IMPLEMENTS", outgoing=False), relation("ASSIGNS", "lead")
    ('được thực hiện bởi', 'chủ trì')
    """
    if rel == "ASSIGNS":
        return ROLE.get(role or "", role or "giao")
    return _REL.get((rel or "", outgoing), (rel or "").lower())


# Fact -> label of a show card, in the order printed.
FACTS = {
    "Document": (("kind_text", "loại"), ("symbol", "số hiệu"), ("date", "ngày"), ("issuer", "cơ quan ban hành"),
                 ("place", "nơi ban hành"), ("signer", "người ký"), ("title", "trích yếu"), ("term", "khóa"),
                 ("file", "tệp"), ("sha256", "SHA-256")),
    "Task": (("label", "nhãn"), ("text", "nội dung"), ("deadline", "thời hạn"),
             ("deadline_date", "hạn (ngày)"), ("period", "kỳ hạn"), ("file", "tệp")),
    "Agency": (("name", "tên"), ("place", "địa phương")),
    "Person": (("name", "họ tên"),),
}

TYPE = {"Document": "văn bản", "Task": "nhiệm vụ", "Agency": "cơ quan, tổ chức", "Person": "cá nhân"}
