#!/usr/bin/env bash
# A throwaway Neo4j 5.26 LTS Community server for truyvet's tests and CI, without Docker.
#
#   scripts/neo4j-server.sh start    # fetch jars once, fresh data dir, start, wait for Bolt
#   scripts/neo4j-server.sh status   # exit 0 when Bolt answers
#   scripts/neo4j-server.sh env      # export lines for eval (the only output with the password)
#   scripts/neo4j-server.sh stop     # TERM, then KILL; removes the data dir
#   scripts/neo4j-server.sh import --home DIR   # stop, bulk-load an embedded store, start, indexes
#
# Neo4j's tarball is not published to any registry reachable here, but all its jars are on
# Maven Central, so scripts/neo4j/pom.xml resolves them and the server's main class is run
# directly with `java -cp`. See docs/neo4j.md for what was measured and what did not work.
#
# Settings (environment):
#   NEO4J_PORT (7687)  NEO4J_PASSWORD (truyvet-test, at least 8 characters)
#   TRUYVET_CACHE ($HOME/.cache/truyvet)   TRUYVET_NEO4J_DIR (/tmp/truyvet-neo4j)
#   TRUYVET_NEO4J_VERSION (5.26.30)  TRUYVET_NEO4J_HEAP (768m)  TRUYVET_NEO4J_PAGECACHE (128m)
#   TRUYVET_NEO4J_START_TIMEOUT (120)  TRUYVET_NEO4J_STOP_TIMEOUT (60)
#   TRUYVET_NEO4J_FETCH_TIMEOUT (900)  TRUYVET_JAVA (a java 17 or 21 binary)  PYTHON (python3)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
POM="$SCRIPT_DIR/neo4j/pom.xml"
REPO_DIR="$(cd "$SCRIPT_DIR/.." && pwd)"

VERSION="${TRUYVET_NEO4J_VERSION:-5.26.30}"
CACHE_ROOT="${TRUYVET_CACHE:-$HOME/.cache/truyvet}"
CACHE_DIR="$CACHE_ROOT/neo4j-$VERSION"
LIB_DIR="$CACHE_DIR/lib"
RUN_ROOT="${TRUYVET_NEO4J_DIR:-/tmp/truyvet-neo4j}"
PORT="${NEO4J_PORT:-7687}"
PASSWORD="${NEO4J_PASSWORD:-truyvet-test}"
HEAP="${TRUYVET_NEO4J_HEAP:-768m}"
PAGECACHE="${TRUYVET_NEO4J_PAGECACHE:-128m}"
START_TIMEOUT="${TRUYVET_NEO4J_START_TIMEOUT:-120}"
STOP_TIMEOUT="${TRUYVET_NEO4J_STOP_TIMEOUT:-60}"
FETCH_TIMEOUT="${TRUYVET_NEO4J_FETCH_TIMEOUT:-900}"
PYTHON="${PYTHON:-python3}"
MAIN_CLASS="org.neo4j.server.CommunityEntryPoint"

# The marker lets `start`/`stop` delete RUN_ROOT without ever deleting a directory that
# somebody pointed TRUYVET_NEO4J_DIR at by mistake.
MARKER="$RUN_ROOT/.truyvet-neo4j"
PID_FILE="$RUN_ROOT/run/neo4j.pid"
PORT_FILE="$RUN_ROOT/run/port"
LOG_DIR="$RUN_ROOT/logs"
CONSOLE_LOG="$LOG_DIR/console.log"

say() { printf 'neo4j-server: %s\n' "$*"; }
die() { printf 'neo4j-server: error: %s\n' "$*" >&2; exit 1; }

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

check_run_root() {
  case "$RUN_ROOT" in
    /*) ;;
    *) die "TRUYVET_NEO4J_DIR must be an absolute path" ;;
  esac
  local real
  real="$(realpath -m "$RUN_ROOT")"
  case "$real" in
    / | /tmp | /root | /home | /usr | /var | /etc | "$(realpath -m "$HOME")")
      die "refusing to use $RUN_ROOT as the Neo4j data dir" ;;
  esac
}

# Serialises start/stop on one data dir, so two CI steps (or a developer's two shells)
# cannot both decide the server is down and start two JVMs on one store.
take_lock() {
  command -v flock >/dev/null 2>&1 || return 0
  mkdir -p "$(dirname "$RUN_ROOT")"
  exec 9>"$RUN_ROOT.lock"
  flock -w 300 9 || die "another neo4j-server.sh holds $RUN_ROOT.lock"
}

remove_run_root() {
  [ -e "$RUN_ROOT" ] || return 0
  if [ -f "$MARKER" ] || [ -z "$(ls -A "$RUN_ROOT" 2>/dev/null)" ]; then
    rm -rf "$RUN_ROOT"
  else
    die "$RUN_ROOT exists and was not made by this script; remove it or set TRUYVET_NEO4J_DIR"
  fi
}

# A PID is only trusted while it is still our JVM for this data dir: PIDs get reused.
our_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid
  pid="$(cat "$PID_FILE" 2>/dev/null)" || return 1
  case "$pid" in '' | *[!0-9]*) return 1 ;; esac
  [ -r "/proc/$pid/cmdline" ] || return 1
  local cmd
  cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  case "$cmd" in
    *"$MAIN_CLASS"*"--home-dir=$RUN_ROOT "*) printf '%s\n' "$pid" ;;
    *) return 1 ;;
  esac
}

running_port() {
  if [ -f "$PORT_FILE" ]; then cat "$PORT_FILE"; else printf '%s\n' "$PORT"; fi
}

port_in_use() {
  # Bash's /dev/tcp needs nothing installed; timeout keeps a filtered port from hanging us.
  timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

find_java() {
  local cands=() c major
  [ -n "${TRUYVET_JAVA:-}" ] && cands+=("$TRUYVET_JAVA")
  [ -n "${JAVA_HOME:-}" ] && cands+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && cands+=("$(command -v java)")
  # 5.26 supports Java 17 and 21 only; the machine's default may be another JDK (25).
  for c in /usr/lib/jvm/*-21-*/bin/java /usr/lib/jvm/*-17-*/bin/java /usr/lib/jvm/*/bin/java; do
    [ -x "$c" ] && cands+=("$c")
  done
  for c in "${cands[@]}"; do
    [ -x "$c" ] || continue
    major="$("$c" -XshowSettings:properties -version 2>&1 |
      awk -F' = ' '/java.specification.version/ { print $2; exit }')"
    case "$major" in
      17 | 21) printf '%s\n' "$c"; return 0 ;;
    esac
  done
  die "no Java 17 or 21 found (Neo4j $VERSION needs one): apt-get install openjdk-17-jre-headless, or set TRUYVET_JAVA"
}

ensure_driver() {
  command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON not found"
  if ! "$PYTHON" -c 'import neo4j' >/dev/null 2>&1; then
    say "installing the Neo4j Python driver (pip install neo4j)"
    timeout 300 "$PYTHON" -m pip install -q neo4j >&2 || die "pip install neo4j failed"
  fi
}

jar_count() { find "$LIB_DIR" -maxdepth 1 -name '*.jar' | wc -l; }

fetch_jars() {
  if [ -f "$CACHE_DIR/.complete" ] && [ -d "$LIB_DIR" ]; then
    say "jars: $LIB_DIR ($(jar_count) files, cached)"
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "mvn not found: apt-get install maven"
  [ -f "$POM" ] || die "missing $POM"
  mkdir -p "$CACHE_ROOT"
  # Several data dirs may share one cache: only one of them downloads.
  if command -v flock >/dev/null 2>&1; then
    exec 8>"$CACHE_DIR.lock"
    flock -w "$FETCH_TIMEOUT" 8 || die "timed out waiting for another download into $CACHE_DIR"
    if [ -f "$CACHE_DIR/.complete" ]; then
      say "jars: $LIB_DIR (fetched by another run)"
      return 0
    fi
  fi
  say "fetching Neo4j $VERSION jars from Maven Central with mvn (first run only; ~125 MB)"
  local t0 tmp mvn_log
  t0="$(now)"
  tmp="$(mktemp -d "$CACHE_ROOT/.neo4j-$VERSION.XXXXXX")"
  mvn_log="$tmp/mvn.log"
  # Into a temporary dir and renamed at the end, so an interrupted download never looks
  # like a complete cache. -f keeps Maven's target/ out of the checkout (pom packaging
  # builds nothing anyway).
  if ! timeout "$FETCH_TIMEOUT" mvn -B -ntp -q -f "$POM" \
      -Dneo4j.version="$VERSION" \
      dependency:copy-dependencies \
      -DincludeScope=runtime -DexcludeTypes=pom \
      -DoutputDirectory="$tmp/lib" >"$mvn_log" 2>&1; then
    tail -n 40 "$mvn_log" >&2
    rm -rf "$tmp"
    die "mvn could not resolve Neo4j $VERSION (log above)"
  fi
  [ -f "$tmp/lib/neo4j-$VERSION.jar" ] ||
    { rm -rf "$tmp"; die "resolved set lacks neo4j-$VERSION.jar"; }
  rm -rf "$CACHE_DIR"
  mkdir -p "$CACHE_DIR"
  mv "$tmp/lib" "$LIB_DIR"
  rm -rf "$tmp"
  touch "$CACHE_DIR/.complete"
  say "fetched $(jar_count) jars, $(du -sh "$LIB_DIR" | cut -f1), in $(elapsed "$t0") s"
}

write_conf() {
  mkdir -p "$RUN_ROOT/conf" "$RUN_ROOT/data" "$LOG_DIR" "$RUN_ROOT/run"
  touch "$MARKER"
  cat >"$RUN_ROOT/conf/neo4j.conf" <<EOF
# Written by scripts/neo4j-server.sh for tests; rewritten on every start.
server.directories.data=$RUN_ROOT/data
server.directories.logs=$LOG_DIR
server.directories.run=$RUN_ROOT/run
server.directories.import=$RUN_ROOT/import
server.directories.plugins=$RUN_ROOT/plugins
server.directories.lib=$LIB_DIR
server.default_listen_address=127.0.0.1
server.default_advertised_address=127.0.0.1
server.bolt.enabled=true
server.bolt.listen_address=127.0.0.1:$PORT
server.bolt.advertised_address=127.0.0.1:$PORT
server.bolt.tls_level=DISABLED
server.http.enabled=false
server.https.enabled=false
dbms.security.auth_enabled=true
# The machines have no outside network, and a test server has nothing to report.
dbms.usage_report.enabled=false
server.memory.pagecache.size=$PAGECACHE
db.tx_log.rotation.retention_policy=1 files
# Otherwise each database preallocates a 256 MB transaction log up front.
db.tx_log.preallocate=false
db.logs.query.enabled=OFF
# Neo4j's Bolt shutdown otherwise waits out netty's 5 s quiet period twice.
internal.dbms.bolt.netty_server_shutdown_quiet_period=0
EOF
  printf '%s\n' "$PORT" >"$PORT_FILE"
}

# The password goes through a java @argfile (mode 600, deleted at once) so it never shows
# in `ps` or in this script's output.
set_initial_password() {
  local java="$1" argfile="$RUN_ROOT/run/admin.args" out esc
  esc="${PASSWORD//\\/\\\\}"
  esc="${esc//\"/\\\"}"
  (
    umask 077
    printf '%s\n' "org.neo4j.cli.AdminTool" "dbms" "set-initial-password" "\"$esc\"" >"$argfile"
  )
  if ! out="$(NEO4J_HOME="$RUN_ROOT" NEO4J_CONF="$RUN_ROOT/conf" timeout 120 \
      "$java" -Xmx256m -cp "$LIB_DIR/*" @"$argfile" 2>&1)"; then
    rm -f "$argfile"
    printf '%s\n' "$out" | grep -vF -- "$PASSWORD" >&2 || true
    die "neo4j-admin dbms set-initial-password failed"
  fi
  rm -f "$argfile"
}

# Polls Bolt with the official driver until it answers RETURN 1, the server dies, or the
# deadline passes. Exit codes: 0 ready, 1 timed out, 2 process gone.
wait_ready() {
  local pid="$1" timeout_s="$2" port="$3"
  NEO4J_PASSWORD="$PASSWORD" "$PYTHON" - "$pid" "$timeout_s" "$port" <<'PY'
import os, sys, time, logging
logging.getLogger("neo4j").setLevel(logging.CRITICAL)
from neo4j import GraphDatabase

pid, timeout_s, port = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
uri = f"bolt://127.0.0.1:{port}"
auth = ("neo4j", os.environ["NEO4J_PASSWORD"])
start = time.monotonic()
last_report = 0.0
last_error = "no attempt yet"
while True:
    waited = time.monotonic() - start
    if pid > 0:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            print(f"neo4j-server: process {pid} exited after {waited:.1f} s", flush=True)
            sys.exit(2)
    try:
        with GraphDatabase.driver(uri, auth=auth, connection_timeout=3,
                                  connection_acquisition_timeout=5) as driver:
            driver.verify_connectivity()
            records, _, _ = driver.execute_query("RETURN 1 AS ok", database_="neo4j")
            if records and records[0]["ok"] == 1:
                print(f"neo4j-server: Bolt ready on {uri} after {waited:.1f} s", flush=True)
                sys.exit(0)
    except Exception as exc:  # anything until ready: refused, auth not loaded, db starting
        last_error = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
    if waited >= timeout_s:
        print(f"neo4j-server: not ready after {waited:.0f} s; last error: {last_error}",
              flush=True)
        sys.exit(1)
    if waited - last_report >= 5:
        last_report = waited
        print(f"neo4j-server: waiting for Bolt ({waited:.0f} s) ...", flush=True)
    time.sleep(0.5)
PY
}

log_tail() {
  local f
  for f in "$CONSOLE_LOG" "$LOG_DIR/neo4j.log"; do
    [ -s "$f" ] || continue
    printf -- '--- last lines of %s ---\n' "$f" >&2
    tail -n 40 "$f" | grep -vF -- "$PASSWORD" >&2 || true
  done
  if [ -s "$LOG_DIR/debug.log" ]; then
    printf -- '--- errors in %s ---\n' "$LOG_DIR/debug.log" >&2
    grep -E ' (ERROR|WARN) ' "$LOG_DIR/debug.log" | tail -n 20 | grep -vF -- "$PASSWORD" >&2 || true
  fi
}

kill_pid() {
  local pid="$1" waited=0
  kill -TERM "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$waited" -ge "$STOP_TIMEOUT" ]; then
      say "still running after ${STOP_TIMEOUT} s; sending KILL to $pid"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 1
      break
    fi
    sleep 1
    waited=$((waited + 1))
  done
}

check_password() {
  [ "${#PASSWORD}" -ge 8 ] || die "NEO4J_PASSWORD must have at least 8 characters (Neo4j's minimum)"
  # A leading @ would make neo4j-admin's picocli read the password as a file name, and a
  # newline cannot pass through the java @argfile.
  case "$PASSWORD" in
    @* | *$'\n'*) die "NEO4J_PASSWORD must not start with @ nor contain a newline" ;;
  esac
}

cmd_start() {
  local t_all pid java port
  t_all="$(now)"
  check_run_root
  check_password
  take_lock
  ensure_driver

  if pid="$(our_pid)"; then
    port="$(running_port)"
    say "already running (pid $pid, bolt://127.0.0.1:$port); checking it answers"
    if wait_ready "$pid" "$START_TIMEOUT" "$port"; then
      return 0
    fi
    log_tail
    die "the running server (pid $pid) does not answer; run '$0 stop' and start again"
  fi

  if port_in_use "$PORT"; then
    die "127.0.0.1:$PORT is already taken by another process; set NEO4J_PORT"
  fi

  java="$(find_java)"
  fetch_jars

  # A fresh store on every start: tests must not depend on what a previous run left.
  remove_run_root
  write_conf
  set_initial_password "$java"

  launch "$java"
  say "whole start: $(elapsed "$t_all") s"
}

# Starts the JVM on the data dir as it is and waits for Bolt; on failure kills it and exits 1.
launch() {
  local java="$1" pid
  local t_jvm
  t_jvm="$(now)"
  # The flags are those bin/neo4j would take from the tarball's neo4j.conf
  # (server.jvm.additional), which nothing reads when the main class is run directly.
  # setsid + nohup: the server must outlive the shell or CI step that started it.
  (
    # The lock fds must not leak into the JVM, or the lock would live as long as the server.
    exec 8>&- 9>&-
    cd "$RUN_ROOT"
    exec setsid nohup "$java" \
      -Xms256m -Xmx"$HEAP" \
      -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow -XX:+ExitOnOutOfMemoryError \
      -XX:+UnlockExperimentalVMOptions -XX:+TrustFinalNonStaticFields -XX:+DisableExplicitGC \
      -Djdk.nio.maxCachedBufferSize=1024 -Dio.netty.tryReflectionSetAccessible=true \
      -Djdk.tls.ephemeralDHKeySize=2048 -Djdk.tls.rejectClientInitiatedRenegotiation=true \
      --add-opens=java.base/java.nio=ALL-UNNAMED \
      --add-opens=java.base/java.io=ALL-UNNAMED \
      --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
      --enable-native-access=ALL-UNNAMED \
      -Dlog4j2.disable.jmx=true -Dfile.encoding=UTF-8 \
      -cp "$LIB_DIR/*" "$MAIN_CLASS" \
      --home-dir="$RUN_ROOT" --config-dir="$RUN_ROOT/conf" \
      </dev/null >"$CONSOLE_LOG" 2>&1
  ) &
  pid=$!
  printf '%s\n' "$pid" >"$PID_FILE"
  # setsid execs in place (no fork) unless its caller leads a process group, which a
  # background job of a non-interactive shell never does; if it did fork, $! is setsid's
  # and the JVM is found by its unique --home-dir instead.
  sleep 1
  if ! our_pid >/dev/null; then
    local p
    for p in /proc/[0-9]*; do
      case "$(tr '\0' ' ' <"$p/cmdline" 2>/dev/null)" in
        *"$MAIN_CLASS"*"--home-dir=$RUN_ROOT "*) pid="${p#/proc/}"; break ;;
      esac
    done
    printf '%s\n' "$pid" >"$PID_FILE"
  fi
  say "started Neo4j $VERSION (pid $pid, java $("$java" -XshowSettings:properties -version 2>&1 |
    awk -F' = ' '/java.runtime.version/ { print $2; exit }'), heap $HEAP, data $RUN_ROOT)"
  say "log: $CONSOLE_LOG, $LOG_DIR/neo4j.log"

  local rc=0
  wait_ready "$pid" "$START_TIMEOUT" "$PORT" || rc=$?
  if [ "$rc" -ne 0 ]; then
    log_tail
    if kill -0 "$pid" 2>/dev/null; then
      kill_pid "$pid"
    fi
    rm -f "$PID_FILE"
    die "Neo4j did not come up (data and logs kept in $RUN_ROOT)"
  fi
  say "JVM to ready: $(elapsed "$t_jvm") s"
}

# Stops the server keeping its data, loads an embedded store into its empty database with
# `truyvet push --to neo4j --bulk` (neo4j-admin database import full), starts it again and
# waits until truyvet's constraints and indexes are online. Arguments go to `truyvet push`
# (--home DIR for the embedded store). With no server set up, a new one is made first. A
# refused or failed load leaves the database as it was, and the server is started again.
cmd_import() {
  local t_all t_imp java pid rc=0
  t_all="$(now)"
  check_run_root
  check_password
  take_lock
  ensure_driver
  java="$(find_java)"
  fetch_jars
  if pid="$(our_pid)"; then
    PORT="$(running_port)"
    say "stopping pid $pid for the import (data kept)"
    kill_pid "$pid"
    rm -f "$PID_FILE"
  else
    port_in_use "$PORT" && die "127.0.0.1:$PORT is already taken by another process; set NEO4J_PORT"
    if [ ! -f "$RUN_ROOT/data/dbms/auth.ini" ]; then
      remove_run_root
      write_conf
      set_initial_password "$java"
    fi
  fi
  write_conf
  t_imp="$(now)"
  TRUYVET_JAVA="$java" PYTHONPATH="$REPO_DIR${PYTHONPATH:+:$PYTHONPATH}" \
    "$PYTHON" -m truyvet push --to neo4j --bulk --neo4j-home "$RUN_ROOT" "$@" || rc=$?
  launch "$java"
  [ "$rc" -eq 0 ] || die "nothing imported (the reason is above); the server runs as before"
  say "bulk load: $(elapsed "$t_imp") s"
  build_indexes
  say "whole import: $(elapsed "$t_all") s"
}

# truyvet creates its constraints and indexes on connecting; this waits until they are online.
build_indexes() {
  local t0
  t0="$(now)"
  NEO4J_URI="bolt://127.0.0.1:$PORT" NEO4J_USERNAME=neo4j NEO4J_PASSWORD="$PASSWORD" NEO4J_DATABASE=neo4j \
    PYTHONPATH="$REPO_DIR${PYTHONPATH:+:$PYTHONPATH}" "$PYTHON" - <<'PY' ||
from truyvet.graph.stores import open_store
with open_store("neo4j") as store:
    store.await_indexes()
PY
    die "the constraints or indexes could not be built"
  say "constraints and indexes online in $(elapsed "$t0") s"
}

cmd_stop() {
  check_run_root
  take_lock
  local pid
  if pid="$(our_pid)"; then
    say "stopping pid $pid (TERM, KILL after ${STOP_TIMEOUT} s)"
    local t0
    t0="$(now)"
    kill_pid "$pid"
    say "stopped in $(elapsed "$t0") s"
  else
    say "not running"
  fi
  remove_run_root
}

cmd_status() {
  check_run_root
  local pid port
  if ! pid="$(our_pid)"; then
    say "not running"
    return 3
  fi
  port="$(running_port)"
  ensure_driver
  if wait_ready "$pid" 0 "$port" >/dev/null; then
    say "running (pid $pid), Bolt answers on bolt://127.0.0.1:$port"
    return 0
  fi
  say "process $pid is alive but Bolt on 127.0.0.1:$port does not answer (yet)"
  return 1
}

cmd_env() {
  local port
  port="$(running_port)"
  printf 'export NEO4J_URI=%q NEO4J_USERNAME=neo4j NEO4J_PASSWORD=%q NEO4J_DATABASE=neo4j\n' \
    "bolt://127.0.0.1:$port" "$PASSWORD"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) cmd_env ;;
  import) shift; cmd_import "$@" ;;
  *)
    echo "usage: $0 {start|stop|status|env|import [truyvet push options]}" >&2
    exit 2
    ;;
esac
