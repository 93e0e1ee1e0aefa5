"""Legacy Word .doc -> text via LibreOffice, then the .docx reader.

LibreOffice is the only converter measured that keeps Word's automatic list
numbers and TCVN3's "ư" (antiword/catdoc lose it); converting to .docx keeps
tables and font names, so the .docx reader's numbering and legacy-font
handling apply unchanged.
"""
from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import tempfile
import threading

from truyvet.errors import LoaderError
from truyvet.loaders.formats.docx import docx_text

INSTALL_HINT = "apt-get install libreoffice-writer-nogui"
TIMEOUT_S = 180
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


# One LibreOffice profile per process, kept warm: creating it costs ~0.7 s of
# each ~2 s conversion.  The lock keeps two threads off the same profile; a
# user's own LibreOffice and other processes use other profiles.
_PROFILE_LOCK = threading.Lock()
_profile_dir: str | None = None


def _profile() -> str:
    global _profile_dir
    if _profile_dir is None or not os.path.isdir(_profile_dir):
        _profile_dir = tempfile.mkdtemp(prefix="truyvet-soffice-profile-")
        atexit.register(shutil.rmtree, _profile_dir, True)
    return _profile_dir


def convert_with_soffice(data: bytes, suffix: str, target: str, *, path: str | None) -> bytes:
    """Convert one document's bytes with LibreOffice; returns the output bytes."""
    soffice = find_soffice()
    if soffice is None:
        raise LoaderError(path, f"reading .doc needs LibreOffice: {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="truyvet-soffice-") as tmp:
        # A plain file name: the real one may hold anything.
        src = os.path.join(tmp, "input" + suffix)
        with open(src, "wb") as f:
            f.write(data)
        with _PROFILE_LOCK:
            proc = _run_soffice(soffice, src, target, tmp, path)
        out = os.path.join(tmp, "input." + target.split(":")[0])
        if not os.path.exists(out):
            detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip()[-300:]
            raise LoaderError(path, f"LibreOffice could not convert the file: {detail or 'no output'}")
        with open(out, "rb") as f:
            return f.read()


def _run_soffice(soffice: str, src: str, target: str, outdir: str, path: str | None):
    profile = _profile()
    cmd = [
        soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
        "--nolockcheck", "--nodefault", "--convert-to", target, "--outdir", outdir, src,
    ]
    global _profile_dir
    try:
        # Own session, so a hung conversion can be killed with its children
        # (the soffice script starts soffice.bin).
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
            env={**os.environ, "HOME": profile}, start_new_session=True,
        )
    except OSError as e:
        raise LoaderError(path, f"cannot run LibreOffice ({soffice}): {e}") from None
    try:
        out, err = proc.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        _profile_dir = None  # a killed instance can leave its profile locked
        raise LoaderError(path, f"LibreOffice did not finish within {TIMEOUT_S} s") from None
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def doc_text(data: bytes, *, path: str | None = None) -> tuple[str, str | None, list[str]]:
    """Returns (text, legacy encoding or None, warnings)."""
    warnings = []
    if not data.startswith(_OLE_MAGIC):
        # Old sites serve RTF or HTML named .doc; LibreOffice still reads them.
        warnings.append("not an OLE2 Word file; converted by content")
    docx_bytes = convert_with_soffice(data, ".doc", "docx", path=path)
    text, encoding, more = docx_text(docx_bytes, path=path)
    # A damaged file is imported by LibreOffice as plain text: bytes become U+FFFD.
    if text.count("\ufffd") > max(2, len(text) // 100):
        raise LoaderError(path, "damaged .doc file: LibreOffice could only read it as raw bytes")
    return text, encoding, warnings + more
