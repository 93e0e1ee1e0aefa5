"""A deterministic synthetic corpus of Party and state documents with known ground truth.

The five seeds teach a parser one phrasing of each cue. This module composes any number of documents
from project-written templates and phrase pools and records, next to each file, the facts a parser
should recover, so parsers can be scored and benchmarked from 30 to 100k documents.

The same seed and size give byte-identical output (string-seeded ``random.Random`` only, no ``hash()``
or set order), and the corpus of n documents is a prefix of the corpus of any larger n.

Truth conventions:

* symbols are canonical (``12-KH/TU``, ``125/KH-UBND``, ``45/2022/NĐ-CP``) however the text spaces them;
* issuer, agencies and recipients are canonical, the jurisdiction spelt out, "ủy/hóa" tones ("Ban
  Tuyên giáo Tỉnh ủy Nghệ An" for "Ban Tuyên giáo Tỉnh uỷ"); a Ban Thường vụ's document is issued by
  the committee that owns the symbol's code ("Tỉnh ủy Nghệ An" for ``/TU``);
* a reference carries its target's identity (kind, date, issuer) even where the text leaves it
  implicit; one entry per target with the strongest relation (implements > based_on > cites); a target
  without a number has ``name`` (its kind word, a law's name, a congress resolution's name);
* a document named only in the title of the one implemented ("Thực hiện Kế hoạch số 53-KH/TU ... về
  việc triển khai thực hiện Nghị quyết số 15-NQ/TW") is cited, not implemented: that link is not ours;
* tasks are the leaf items of task sections (NỘI DUNG, NHIỆM VỤ, GIẢI PHÁP, TỔ CHỨC THỰC HIỆN, PHÂN
  CÔNG; the whole body of letters and notices); headings that only assign are not tasks; vague tails
  ("các cơ quan, đơn vị liên quan") are not agencies; deadlines are ISO days, ``YYYY-Qn`` or ``YYYY-MM``.
"""
from truyvet.synthetic.corpus import generate_corpus, iter_documents
from truyvet.synthetic.truth import CorpusTruth, DocumentTruth, FileTruth, ReferenceTruth, TaskTruth

__all__ = ["CorpusTruth", "FileTruth", "DocumentTruth", "ReferenceTruth", "TaskTruth",
           "generate_corpus", "iter_documents"]
