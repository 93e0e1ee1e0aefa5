"""A first load into a stopped local Neo4j through ``neo4j-admin database import full``.

The import tool writes store files directly, hundreds of thousands of
relationships a second where transactions reach tens of thousands. In
Community edition it needs the server stopped and an empty database, so
this module refuses, on one line, a home it cannot find, a server that
holds the store lock, and a database that holds (or ever held) data or was
not shut down cleanly. The tool writes into a fresh data directory beside
the real one (a copy of the configuration points it there), and only a
finished import is moved into place: a failed or interrupted import leaves
the database as it was. Constraints and indexes are not part of the import
(Community has no ``--schema``): the server builds them when truyvet
first connects (:func:`truyvet.graph.stores.neo4j.constraints`).
"""
from __future__ import annotations

import fcntl
import glob
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from truyvet.errors import StoreError
from truyvet.graph.stores.neo4j_csv import ImportFiles, write_import_csv

ADMIN_MAIN = "org.neo4j.cli.AdminTool"
# Settings that place the database's files; the import's copy of the configuration overrides them.
_PLACES = ("server.directories.data", "server.directories.transaction.logs.root")


@dataclass
class Home:
    """Where a Neo4j installation keeps its configuration, jars and files."""
    root: Path
    conf: Path
    data: Path
    transactions: Path
    lib: Path

    def database(self, name: str) -> Path:
        return self.data / "databases" / name


def read_conf(path: Path) -> dict[str, str]:
    """key=value settings of a neo4j.conf (the last one wins).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "neo4j.conf"
    >>> _ = p.write_text("# comment\\nserver.directories.data=/x/data\\n  a.b = c \\n")
    >>> read_conf(p)
    {'server.directories.data': '/x/data', 'a.b': 'c'}
    """
    out = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            k, v = line.split("=", 1)
            out[k.strip()] = v.strip()
    return out


def find_home(path: str | os.PathLike) -> Home:
    root = Path(path).expanduser().resolve()
    conf = root / "conf"
    if not (conf / "neo4j.conf").is_file():
        raise StoreError(f"không tìm thấy Neo4j ở {root}: thiếu {conf / 'neo4j.conf'} (Neo4j home not found)")
    settings = read_conf(conf / "neo4j.conf")

    def place(key: str, default: str, base: Path) -> Path:
        p = Path(settings.get(key) or default)
        return p if p.is_absolute() else base / p
    data = place("server.directories.data", "data", root)
    lib = place("server.directories.lib", "lib", root)
    if not list(lib.glob("neo4j-import-tool-*.jar")):
        raise StoreError(f"không có công cụ nhập của Neo4j (neo4j-import-tool-*.jar) trong {lib}")
    return Home(root, conf, data, place("server.directories.transaction.logs.root", "transactions", data), lib)


def _locked(path: Path) -> bool:
    """Does another process hold the lock Neo4j takes on this file while it runs?"""
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)                     # closing drops the lock we may have taken
    return False


def check_stopped(home: Home, database: str) -> None:
    for lock in (home.data / "databases" / "store_lock", home.database(database) / "database_lock"):
        if _locked(lock):
            raise StoreError(f"máy chủ Neo4j ở {home.root} đang chạy (đang giữ {lock.name}): "
                             "dừng nó trước khi nạp khối (the server must be stopped)")


def check_empty(home: Home, database: str, java: str):
    """A database that does not exist yet, or one that never held a node or
    relationship and was shut down cleanly. The second half asks neo4j-admin
    (a JVM, seconds): it is returned as a function to call later, so the
    CSV files are written meanwhile."""
    db = home.database(database)
    if not db.exists():
        return lambda: None
    # Store files only grow: a store that ever held a record keeps a page of it.
    for store in ("neostore.nodestore.db", "neostore.relationshipstore.db"):
        f = db / store
        if not f.is_file() or f.stat().st_size:
            raise StoreError(f"cơ sở dữ liệu '{database}' ở {home.root} không rỗng: nạp khối chỉ vào "
                             "cơ sở dữ liệu rỗng (database not empty; `truyvet push` without --bulk adds to it)")
    # Empty files may still hide records in the transaction logs of a server that was killed.
    info = admin(home, java, ["database", "info", database], heap="128m", wait=False)

    def verdict() -> None:
        if info.stdout.closed:           # asked already (a failure path waits for it too)
            return
        out, _ = info.communicate()
        if info.returncode != 0:
            raise StoreError(f"không đọc được cơ sở dữ liệu '{database}' ở {home.root}: {_last_line(out)}")
        if "Store needs recovery: true" in " ".join(out.split()):
            raise StoreError(f"cơ sở dữ liệu '{database}' ở {home.root} chưa được dừng sạch: khởi động "
                             "rồi dừng máy chủ một lần trước khi nạp khối (store needs recovery)")
    return verdict


def _java_major(java: str) -> str | None:
    try:
        out = subprocess.run([java, "-XshowSettings:properties", "-version"], capture_output=True,
                             text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    for line in out.stderr.splitlines():
        if "java.specification.version" in line:
            return line.split("=")[-1].strip()
    return None


def find_java() -> str:
    """A Java that Neo4j 5 runs on (17 or 21): $TRUYVET_JAVA, $JAVA_HOME, PATH, /usr/lib/jvm."""
    cands = [os.environ.get("TRUYVET_JAVA"),
             os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else None,
             shutil.which("java"),
             *sorted(glob.glob("/usr/lib/jvm/*-21-*/bin/java")), *sorted(glob.glob("/usr/lib/jvm/*-17-*/bin/java"))]
    for c in cands:
        if c and os.access(c, os.X_OK) and _java_major(c) in ("17", "21"):
            return c
    raise StoreError("không tìm thấy Java 17 hoặc 21 để chạy neo4j-admin (set TRUYVET_JAVA)")


def admin(home: Home, java: str, args: list[str], conf: Path | None = None, heap: str = "1g",
          cwd: str | None = None, wait: bool = True):
    """``neo4j-admin ARGS`` as its main class, with the home's jars: the
    finished process, or with ``wait=False`` the running one (output merged)."""
    env = {**os.environ, "NEO4J_HOME": str(home.root), "NEO4J_CONF": str(conf or home.conf)}
    cmd = [java, f"-Xmx{heap}", "-XX:+UseG1GC", "--add-opens=java.base/java.nio=ALL-UNNAMED",
           "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
           "-Dfile.encoding=UTF-8", "-cp", f"{home.lib}/*", ADMIN_MAIN, *args]
    if not wait:
        return subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True, errors="replace")
    return subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, errors="replace")


def _last_line(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("Run with '--verbose'")]
    return lines[-1] if lines else "(no output)"


@dataclass
class BulkReport:
    database: str
    home: str
    nodes: int
    rels: int
    seconds: dict[str, float] = field(default_factory=dict)   # csv, check (what it waited), import, swap

    @property
    def total(self) -> float:
        return sum(self.seconds.values())


def _import_conf(home: Home, fresh: Path, into: Path) -> None:
    """The home's configuration with the database files placed under ``fresh``."""
    into.mkdir()
    for f in home.conf.iterdir():
        if f.is_file():
            lines = [ln for ln in f.read_text(encoding="utf-8", errors="replace").splitlines()
                     if ln.split("=", 1)[0].strip() not in _PLACES]
            if f.name == "neo4j.conf":
                lines += [f"server.directories.data={fresh}",
                          f"server.directories.transaction.logs.root={fresh / 'transactions'}"]
            (into / f.name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _swap(home: Home, database: str, fresh: Path) -> None:
    """Move the imported database and its transaction logs over the (empty)
    ones; if a move fails, undo the moves made, in reverse."""
    pairs = [(fresh / "databases" / database, home.database(database)),
             (fresh / "transactions" / database, home.transactions / database)]
    old = fresh / "replaced"
    old.mkdir()
    done: list[tuple[Path, Path]] = []          # (where it is now, where it came from)
    try:
        for i, (_, dst) in enumerate(pairs):
            if dst.exists():
                shutil.move(str(dst), str(old / str(i)))
                done.append((old / str(i), dst))
        for src, dst in pairs:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(src), str(dst))
            done.append((dst, src))
    except OSError as exc:
        for now, back in reversed(done):
            shutil.move(str(now), str(back))
        raise StoreError(f"không thay được cơ sở dữ liệu '{database}': {exc}") from None


def bulk_import(store, neo4j_home: str | os.PathLike, database: str = "neo4j",
                workdir: str | None = None, say=lambda msg: None) -> BulkReport:
    """Write ``store`` (an embedded store) as CSV and import it into the empty
    ``database`` of the stopped Neo4j at ``neo4j_home``."""
    home = find_home(neo4j_home)
    check_stopped(home, database)
    java = find_java()
    still_empty = check_empty(home, database, java)
    report = BulkReport(database, str(home.root), 0, 0)
    home.data.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=".truyvet-import-", dir=home.data))
    try:
        with tempfile.TemporaryDirectory(prefix="truyvet-neo4j-csv-", dir=workdir) as tmp:
            t = time.perf_counter()
            files: ImportFiles = write_import_csv(store, os.path.join(tmp, "csv"))
            report.nodes, report.rels = files.node_count, files.rel_count
            report.seconds["csv"] = time.perf_counter() - t
            t = time.perf_counter()
            still_empty()
            report.seconds["check"] = time.perf_counter() - t
            if not files.nodes:
                raise StoreError("kho nhúng rỗng: không có gì để nạp (the embedded store is empty)")
            say(f"đã viết CSV: {report.nodes} nút, {report.rels} quan hệ ({report.seconds['csv']:.1f} s); "
                "đang chạy neo4j-admin database import full")
            t = time.perf_counter()
            _import_conf(home, fresh, Path(tmp) / "conf")
            res = admin(home, java, ["database", "import", "full", *files.args(), "--bad-tolerance=0",
                                     "--skip-bad-relationships=false", "--skip-duplicate-nodes=false",
                                     f"--report-file={Path(tmp) / 'import.report'}", database],
                        conf=Path(tmp) / "conf", heap=os.environ.get("TRUYVET_NEO4J_IMPORT_HEAP", "1g"), cwd=tmp)
            if res.returncode != 0 or "IMPORT DONE" not in res.stdout:
                raise StoreError(f"neo4j-admin import thất bại, cơ sở dữ liệu '{database}' không đổi: "
                                 f"{_last_line(res.stderr + res.stdout)}")
            report.seconds["import"] = time.perf_counter() - t
        t = time.perf_counter()
        check_stopped(home, database)        # the server must not have started meanwhile
        _swap(home, database, fresh)
        report.seconds["swap"] = time.perf_counter() - t
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
        try:
            still_empty()                # never leave the check's JVM behind
        except StoreError:
            pass
    return report
