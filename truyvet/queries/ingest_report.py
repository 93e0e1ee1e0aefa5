"""What an ingest run did, file by file, and the summary a person reads.

Every count names its files: the warnings of each kind, the duplicates, the
renamed, gone and removed files, the unsupported ones skipped in a folder.
The summary speaks Vietnamese first, with the English status word beside it
(the JSON keys are English).
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field

STATUSES = ("added", "replaced", "reextracted", "unchanged", "renamed", "duplicate", "removed")
_VI = {"added": "mới", "replaced": "thay thế", "reextracted": "trích xuất lại", "unchanged": "không đổi",
       "renamed": "đổi tên",
       "duplicate": "bản trùng", "removed": "đã xoá"}
# Warning kinds the loaders name, in Vietnamese; others are shown as written.
_KIND_VI = {"unresolved reference": "tham chiếu không rõ văn bản",
            "inconsistent identity": "số hiệu tự mâu thuẫn", "inconsistent dates": "ngày tháng mâu thuẫn",
            "kind mismatch": "loại văn bản không khớp ký hiệu", "invalid date": "ngày không hợp lệ",
            "duplicate document": "cùng văn bản, khác nội dung",
            "merged document": "đã gộp văn bản không số với bản có số",
            "merged document (uncertain)": "đã gộp văn bản, cần kiểm tra",
            "possible same document": "có thể cùng văn bản, chưa gộp",
            "ambiguous merge": "không gộp: khớp nhiều văn bản"}


@dataclass
class IngestReport:
    files: int = 0                                            # input files read (or tried)
    failed: list[str] = field(default_factory=list)           # "path: problem"
    statuses: Counter = field(default_factory=Counter)        # STATUSES, counted per file
    warnings: Counter = field(default_factory=Counter)        # by kind
    warning_files: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # kind -> (file, text)
    duplicates: list[str] = field(default_factory=list)       # "path: what it duplicates"
    renamed: list[str] = field(default_factory=list)          # "old → new"
    gone: list[str] = field(default_factory=list)             # stored files no longer there, facts kept
    removed: list[str] = field(default_factory=list)          # stored files no longer there, facts removed
    unsupported: list[str] = field(default_factory=list)      # skipped in a folder: not a document format
    nothing: str | None = None                                # why nothing could be ingested
    bytes: int = 0
    seconds: float = 0.0
    not_reread: int = 0      # unchanged files this extraction code had already read: not parsed again
    # Document ids whose facts the run wrote, removed or merged: the derived views are rebuilt around them.
    touched: set[str] = field(default_factory=set)

    def warn(self, kind: str, file: str, text: str) -> None:
        self.warnings[kind] += 1
        self.warning_files.setdefault(kind, []).append((file, text))

    @property
    def changed(self) -> bool:
        """Did the run write or remove anything? (What is derived from the
        whole store need not be computed again when it did not.)"""
        return any(n for s, n in self.statuses.items() if s not in ("unchanged", "duplicate"))

    @property
    def ok(self) -> bool:
        """Nothing failed and there was something to ingest."""
        return not self.failed and self.nothing is None

    def to_json(self) -> dict:
        return {"files": self.files, "failed": self.failed, "duplicates": self.duplicates,
                "statuses": {s: self.statuses.get(s, 0) for s in STATUSES},
                "warnings": dict(self.warnings),
                "warnings_by_file": [{"kind": k, "file": f, "warning": t}
                                     for k, rows in self.warning_files.items() for f, t in rows],
                "renamed": self.renamed, "gone": self.gone, "removed": self.removed,
                "unsupported": self.unsupported, "nothing": self.nothing,
                "not_reread": self.not_reread, "bytes": self.bytes, "seconds": round(self.seconds, 3)}

    def summary(self, all_warnings: bool = False, shown: int = 3) -> list[str]:
        """The lines a person reads; ``all_warnings`` lists every warning."""
        if self.nothing:
            return [self.nothing]
        secs = max(self.seconds, 1e-9)
        lines = [f"đã nạp {self.files} tệp trong {self.seconds:.1f} s ({self.files / secs:.0f} tệp/s, "
                 f"{self.bytes / 1e6 / secs:.1f} MB/s) — ingested {self.files} files"]
        counts = [f"{_VI[s]} {self.statuses[s]} ({s})" for s in STATUSES if self.statuses.get(s)]
        if self.failed:
            counts.append(f"lỗi {len(self.failed)} (failed)")
        lines.append("  " + (" · ".join(counts) or "không có gì thay đổi (nothing changed)"))
        if self.not_reread:
            lines.append(f"  {self.not_reread} tệp không đổi từ lần nạp trước không phải đọc lại; cảnh báo "
                         f"của chúng đã báo khi đó (not re-read: same bytes, same extraction code)")
        if self.unsupported:
            lines.append(f"  bỏ qua {len(self.unsupported)} tệp không phải định dạng văn bản hỗ trợ "
                         f"(unsupported): {_names(self.unsupported, shown)}")
        for old_new in self.renamed[:shown]:
            lines.append(f"  đổi tên (renamed): {old_new}")
        if self.gone:
            lines.append(f"  {len(self.gone)} tệp đã không còn, dữ kiện của chúng vẫn trong kho "
                         f"(gone, facts kept; --prune removes them): {_names(self.gone, shown)}")
        if self.removed:
            lines.append(f"  đã xoá dữ kiện của {len(self.removed)} tệp không còn (removed): "
                         f"{_names(self.removed, shown)}")
        if self.warnings:
            lines.append("  cảnh báo (warnings):")
            for kind, n in self.warnings.most_common():
                rows = self.warning_files[kind]
                files = list(dict.fromkeys(f for f, _ in rows))
                label = f"{_KIND_VI[kind]} ({kind})" if kind in _KIND_VI else kind
                lines.append(f"    {n} {label} — {len(files)} tệp: {_names(files, shown)}")
                if all_warnings:
                    lines += [f"      {f}: {t}" for f, t in rows]
            if not all_warnings:
                lines.append("    (--warnings lists every warning with its file)")
        return lines


def _names(paths: list[str], shown: int) -> str:
    head = ", ".join(paths[:shown])
    return head + (f" … (+{len(paths) - shown})" if len(paths) > shown else "")


def nothing_to_ingest(paths: list[str], unsupported: list[str]) -> str:
    """Why a run found no document: an empty folder, or only other formats."""
    from truyvet.loaders.formats import SUPPORTED_SUFFIXES

    where = ", ".join(paths)
    if not unsupported:
        return f"{where}: không có tệp nào để nạp — thư mục trống (no document to ingest: empty folder)"
    kinds = Counter(os.path.splitext(p)[1].lower() or "(none)" for p in unsupported)
    listed = ", ".join(f"{k} ×{n}" if n > 1 else k for k, n in kinds.most_common())
    return (f"{where}: {len(unsupported)} tệp, không tệp nào thuộc định dạng hỗ trợ "
            f"(no document to ingest: {listed}; supported: {' '.join(sorted(SUPPORTED_SUFFIXES))}): "
            f"{_names(unsupported, 3)}")
