#!/usr/bin/env bash
# Zipkin's server, the local stack's trace UI: the executable jar from Maven Central
# (io.zipkin:zipkin-server, classifier exec), run with the machine's java, spans kept
# in memory. No Docker. The services export to it with OpenTelemetry's Zipkin exporter
# (OTEL_TRACES_EXPORTER=zipkin, set by infra/env.sh); the console's 追踪 links open it.
# See docs/adr/0019-local-trace-ui-zipkin.md.
#
#   zipkin.sh start    resolve the jar if needed, start, wait until /health answers UP
#   zipkin.sh stop     SIGTERM, wait, SIGKILL after ZIPKIN_STOP_TIMEOUT
#   zipkin.sh status   prints running / not running; exit 0 / 1
#   zipkin.sh resolve  only copy the jar into infra/zipkin/.libs
#
# Env: ZIPKIN_PORT (9411), ZIPKIN_RUN_DIR (.run/zipkin), ZIPKIN_HEAP (-Xmx256m),
# ZIPKIN_START_TIMEOUT (120 s), ZIPKIN_STOP_TIMEOUT (20 s), JAVA (java).
set -euo pipefail

ZIPKIN_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$ZIPKIN_DIR/../.." && pwd)"
# Pinned: bump it here (the jar is re-resolved when the version changes).
ZIPKIN_VERSION=3.6.1
ZIPKIN_PORT="${ZIPKIN_PORT:-9411}"
RUN_DIR="${ZIPKIN_RUN_DIR:-$REPO_ROOT/.run/zipkin}"
[[ "$RUN_DIR" == /* ]] || RUN_DIR="$PWD/$RUN_DIR"
ZIPKIN_HEAP="${ZIPKIN_HEAP:--Xmx256m}"
ZIPKIN_START_TIMEOUT="${ZIPKIN_START_TIMEOUT:-120}"
ZIPKIN_STOP_TIMEOUT="${ZIPKIN_STOP_TIMEOUT:-20}"
JAVA="${JAVA:-java}"
LIBS_DIR="$ZIPKIN_DIR/.libs"
JAR="$LIBS_DIR/zipkin-server-$ZIPKIN_VERSION-exec.jar"
PID_FILE="$RUN_DIR/zipkin.pid"
LOG_FILE="$RUN_DIR/zipkin.log"

log() { echo "[zipkin] $*" >&2; }
die() { echo "[zipkin] ERROR: $*" >&2; exit 1; }

resolve() {
  [[ -s "$JAR" ]] && return 0
  command -v mvn >/dev/null || die "mvn not found: Maven resolves Zipkin's jar (apt-get install maven)"
  log "resolving io.zipkin:zipkin-server:$ZIPKIN_VERSION:exec from Maven Central into infra/zipkin/.libs"
  mkdir -p "$RUN_DIR" "$LIBS_DIR"
  local tmp="$LIBS_DIR/.tmp"
  rm -rf "$tmp"
  # Debian's Maven prints colour codes even with -q -B: output goes to a file, shown only on failure.
  if ! mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="io.zipkin:zipkin-server:$ZIPKIN_VERSION:jar:exec" -DoutputDirectory="$tmp" >"$RUN_DIR/maven.log" 2>&1; then
    sed 's/\x1b\[[0-9;]*m//g' "$RUN_DIR/maven.log" | grep -v '^\s*$' >&2 || true
    rm -rf "$tmp"
    die "Maven could not resolve io.zipkin:zipkin-server:$ZIPKIN_VERSION:exec"
  fi
  # Moved into place only when complete, so an interrupted copy is never taken for the jar.
  mv "$tmp/zipkin-server-$ZIPKIN_VERSION-exec.jar" "$JAR"
  rm -rf "$tmp"
}

# Ours = the pid in our pid file, alive, running our jar (guards against a recycled pid).
our_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$JAR" || return 1
  echo "$pid"
}

healthy() { curl -fsS -m 2 "http://127.0.0.1:$ZIPKIN_PORT/health" 2>/dev/null | grep -q '"UP"'; }

cmd_start() {
  local pid
  if pid="$(our_pid)"; then
    healthy && { log "already running (pid $pid) on 127.0.0.1:$ZIPKIN_PORT"; return 0; }
  else
    rm -f "$PID_FILE"
    if (exec 3<>"/dev/tcp/127.0.0.1/$ZIPKIN_PORT") 2>/dev/null; then
      die "port $ZIPKIN_PORT is in use by a process that is not this repo's Zipkin; stop it or set ZIPKIN_PORT"
    fi
    command -v "$JAVA" >/dev/null || die "java not found (Zipkin $ZIPKIN_VERSION needs Java 17+)"
    resolve
    mkdir -p "$RUN_DIR"
    log "starting Zipkin $ZIPKIN_VERSION on 127.0.0.1:$ZIPKIN_PORT (log: ${LOG_FILE#"$REPO_ROOT"/})"
    echo "==== $(date -Is) start Zipkin $ZIPKIN_VERSION ====" >>"$LOG_FILE"
    # shellcheck disable=SC2086,SC2016
    (
      # setsid: Zipkin outlives this script and its terminal, like the broker.
      # Loopback only (the local stack's rule); spans in memory, bounded (MEM_MAX_SPANS).
      exec setsid env QUERY_PORT="$ZIPKIN_PORT" STORAGE_TYPE=mem MEM_MAX_SPANS="${ZIPKIN_MAX_SPANS:-200000}" \
        bash -c 'echo $$ >"$0"; exec "$@"' "$PID_FILE" \
        "$JAVA" $ZIPKIN_HEAP -XX:+UseSerialGC -Djava.awt.headless=true -jar "$JAR" \
        --armeria.ports[0].ip=127.0.0.1 --armeria.ports[0].port="$ZIPKIN_PORT" \
        </dev/null >>"$LOG_FILE" 2>&1 &
    )
    local tries=50
    while [[ ! -s "$PID_FILE" ]] && ((tries-- > 0)); do sleep 0.1; done
  fi
  local deadline=$((SECONDS + ZIPKIN_START_TIMEOUT))
  while ((SECONDS < deadline)); do
    healthy && { log "ready on http://127.0.0.1:$ZIPKIN_PORT/zipkin/ (pid $(cat "$PID_FILE"))"; return 0; }
    our_pid >/dev/null || { tail -n 20 "$LOG_FILE" >&2; die "Zipkin exited during start-up (see $LOG_FILE)"; }
    sleep 0.5
  done
  tail -n 20 "$LOG_FILE" >&2
  die "Zipkin did not answer on 127.0.0.1:$ZIPKIN_PORT within ${ZIPKIN_START_TIMEOUT}s"
}

cmd_stop() {
  local pid
  if ! pid="$(our_pid)"; then rm -f "$PID_FILE"; log "not running"; return 0; fi
  log "stopping (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + ZIPKIN_STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && { log "still alive after ${ZIPKIN_STOP_TIMEOUT}s; sending SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; }
  rm -f "$PID_FILE"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) if pid="$(our_pid)" && healthy; then echo "zipkin: running (pid $pid) on :$ZIPKIN_PORT"; else echo "zipkin: not running"; exit 1; fi ;;
  resolve) resolve ;;
  *) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
