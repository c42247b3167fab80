#!/usr/bin/env bash
# A real single-node Apache Kafka (KRaft) on 127.0.0.1, from Kafka's jars on
# Maven Central, run with the machine's java. No Docker, no tarball download:
# see docs/kafka.md and docs/adr/0002-kafka-from-maven-jars.md.
#
#   kafka.sh start    resolve jars if needed, format storage if new, start, wait until it answers
#   kafka.sh stop     SIGTERM, wait, SIGKILL after KAFKA_STOP_TIMEOUT
#   kafka.sh status   prints running / not running; exit 0 / 1
#   kafka.sh wait     wait until the broker answers (exit 1 after KAFKA_START_TIMEOUT)
#   kafka.sh reset    stop and wipe the data (the next start formats anew)
#   kafka.sh resolve  only copy the jars into infra/kafka/.libs
#
# Env: KAFKA_PORT (9092), KAFKA_RUN_DIR (.run/kafka), KAFKA_CONTROLLER_PORT (KAFKA_PORT+1), KAFKA_HEAP
# (-Xmx768m), KAFKA_START_TIMEOUT (90 s), KAFKA_STOP_TIMEOUT (30 s),
# KAFKA_VERSION (default: the one pinned in pom.xml), JAVA (java).
# A second, differently configured broker (e.g. the SASL one of sasl-acl.test.mjs):
# KAFKA_CONFIG_TEMPLATE (infra/kafka/server.properties), KAFKA_LISTENER_NAME (the first
# listener named in the template's listeners=), KAFKA_CONFIG_OVERRIDES (a file appended last,
# e.g. JAAS lines with passwords), KAFKA_SCRAM_FILE (one --add-scram value a line, for format).
set -euo pipefail

KAFKA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$KAFKA_DIR/../.." && pwd)"
# KAFKA_RUN_DIR lets a second broker (the fault suite's private one) keep its own data, pid and log.
RUN_DIR="${KAFKA_RUN_DIR:-$REPO_ROOT/.run/kafka}"
# java runs from the repo root, so a relative run dir is taken from here and made absolute.
[[ "$RUN_DIR" == /* ]] || RUN_DIR="$PWD/$RUN_DIR"
DATA_DIR="$RUN_DIR/data"
LOG_FILE="$RUN_DIR/server.log"
PID_FILE="$RUN_DIR/kafka.pid"
CLUSTER_ID_FILE="$RUN_DIR/cluster.id"
FORMATTED_WITH_FILE="$RUN_DIR/formatted-with"
CONFIG_FILE="$RUN_DIR/server.properties"
LIBS_DIR="$KAFKA_DIR/.libs"
STAMP_FILE="$LIBS_DIR/.resolved"

KAFKA_HOST="127.0.0.1"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}"
KAFKA_HEAP="${KAFKA_HEAP:--Xmx768m}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
JAVA="${JAVA:-java}"
PINNED_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$KAFKA_DIR/pom.xml")"
KAFKA_VERSION="${KAFKA_VERSION:-$PINNED_VERSION}"

# Another template (infra/kafka/server-sasl.properties) runs a differently secured broker
# from the same jars. The client listener kafka.sh binds to KAFKA_PORT is, unless named,
# the first one in the template's listeners= line (PLAINTEXT for the default template).
CONFIG_TEMPLATE="${KAFKA_CONFIG_TEMPLATE:-$KAFKA_DIR/server.properties}"
[[ -f "$CONFIG_TEMPLATE" ]] || { echo "[kafka] ERROR: KAFKA_CONFIG_TEMPLATE $CONFIG_TEMPLATE not found" >&2; exit 1; }
KAFKA_LISTENER_NAME="${KAFKA_LISTENER_NAME:-$(sed -n 's/^listeners=\([A-Za-z0-9_]*\):.*/\1/p' "$CONFIG_TEMPLATE" | tail -n1)}"
KAFKA_LISTENER_NAME="${KAFKA_LISTENER_NAME:-PLAINTEXT}"
# Settings that must not be in a committed file (JAAS lines with passwords): appended last.
CONFIG_OVERRIDES="${KAFKA_CONFIG_OVERRIDES:-}"
# SCRAM users to create when formatting (KRaft keeps them in the metadata log; the
# broker's own inter-broker user must exist before it starts): one --add-scram value a line.
SCRAM_FILE="${KAFKA_SCRAM_FILE:-}"

log() { echo "[kafka] $*" >&2; }
die() { echo "[kafka] ERROR: $*" >&2; exit 1; }

# ---------------------------------------------------------------- jars

# The stamp names the version and the POM's hash, so editing either
# re-resolves, and an unchanged checkout never calls Maven (~0 s).
wanted_stamp() {
  echo "kafka=$KAFKA_VERSION pom=$(sha256sum "$KAFKA_DIR/pom.xml" | cut -c1-16)"
}

resolve_jars() {
  local stamp
  stamp="$(wanted_stamp)"
  if [[ -f "$STAMP_FILE" && "$(cat "$STAMP_FILE")" == "$stamp" ]]; then
    return 0
  fi
  command -v mvn >/dev/null || die "mvn not found: Maven resolves Kafka's jars (apt-get install maven)"
  log "resolving Kafka $KAFKA_VERSION jars from Maven Central into infra/kafka/.libs"
  # Resolve into a scratch folder and swap, so an interrupted run never
  # leaves a half-filled .libs with a valid-looking stamp.
  local tmp="$LIBS_DIR.tmp" mvn_log="$RUN_DIR/maven.log"
  rm -rf "$tmp"
  mkdir -p "$RUN_DIR"
  # Debian's Maven 3.8 prints colour codes even with -q -B, so its output goes
  # to a file and is shown (without the codes) only when something failed.
  if ! mvn -q -B -f "$KAFKA_DIR/pom.xml" \
      -Dkafka.version="$KAFKA_VERSION" \
      dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" >"$mvn_log" 2>&1; then
    sed 's/\x1b\[[0-9;]*m//g' "$mvn_log" | grep -v '^\s*$' >&2 || true
    rm -rf "$tmp"
    die "Maven could not resolve the jars for Kafka $KAFKA_VERSION (is org.apache.kafka:kafka_2.13:$KAFKA_VERSION on Maven Central?)"
  fi
  [[ -f "$tmp/kafka_2.13-$KAFKA_VERSION.jar" ]] || die "resolution finished but kafka_2.13-$KAFKA_VERSION.jar is missing"
  echo "$stamp" >"$tmp/.resolved"
  rm -rf "$LIBS_DIR"
  mv "$tmp" "$LIBS_DIR"
}

classpath() { echo "$LIBS_DIR/*"; }

# ---------------------------------------------------------------- process

# Our broker = the pid in our pid file, alive, and running kafka.Kafka with our
# config. Checking the command line guards against a recycled pid.
our_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "kafka.Kafka $CONFIG_FILE" || return 1
  echo "$pid"
}

# The port the running broker was started with (from its rendered config).
running_port() {
  sed -n "s|^advertised.listeners=$KAFKA_LISTENER_NAME://[^:]*:\\([0-9]*\\)\$|\\1|p" "$CONFIG_FILE" 2>/dev/null | tail -n1
}

port_open() { (exec 3<>"/dev/tcp/$KAFKA_HOST/$1") 2>/dev/null; }

# Sends a Kafka ApiVersions v0 request (every broker version answers v0) and
# checks the reply's correlation id and error code. A broker accepts TCP
# connections before it is ready but only answers requests once it is, so
# this is a true readiness probe, and it needs neither a JVM nor Node.
answers() {
  local port="$1" reply
  reply="$(
    exec 2>/dev/null
    exec 3<>"/dev/tcp/$KAFKA_HOST/$port" || exit 1
    # size=15 | api_key=18 | api_version=0 | correlation_id=0x4b414641 ("KAFA") | client_id="probe"
    printf '\x00\x00\x00\x0f\x00\x12\x00\x00\x4b\x41\x46\x41\x00\x05probe' >&3
    timeout 2 head -c 10 <&3 | od -An -tx1 | tr -d ' \n'
  )" || return 1
  # reply: size (4 bytes, any) | correlation_id | error_code=0
  [[ "$reply" =~ ^[0-9a-f]{8}4b4146410000$ ]]
}

who_listens() {
  ss -ltnp "sport = :$1" 2>/dev/null | tail -n +2 | sed 's/^/    /' || true
}

# The last lines the current start wrote (older runs share the file).
log_hint() {
  echo "[kafka] last lines of $LOG_FILE:" >&2
  awk '/^==== / { n = 0 } { buf[n++] = $0 } END { for (i = (n > 30 ? n - 30 : 0); i < n; i++) print "    " buf[i] }' \
    "$LOG_FILE" >&2 2>/dev/null || true
}

# ---------------------------------------------------------------- storage

write_config() {
  mkdir -p "$RUN_DIR"
  if [[ -n "$CONFIG_OVERRIDES" ]]; then
    [[ -f "$CONFIG_OVERRIDES" ]] || die "KAFKA_CONFIG_OVERRIDES $CONFIG_OVERRIDES not found"
    # The rendered config will hold what the overrides hold (passwords): owner only.
    (umask 077 && : >"$CONFIG_FILE")
    chmod 600 "$CONFIG_FILE"
  fi
  {
    cat "$CONFIG_TEMPLATE"
    echo
    echo "# --- written by infra/kafka/kafka.sh; later keys win ---"
    echo "listeners=$KAFKA_LISTENER_NAME://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT"
    echo "advertised.listeners=$KAFKA_LISTENER_NAME://$KAFKA_HOST:$KAFKA_PORT"
    echo "controller.quorum.voters=1@$KAFKA_HOST:$KAFKA_CONTROLLER_PORT"
    echo "log.dirs=$DATA_DIR"
    if [[ -n "$CONFIG_OVERRIDES" ]]; then
      echo "# --- from KAFKA_CONFIG_OVERRIDES ---"
      cat "$CONFIG_OVERRIDES"
    fi
  } >"$CONFIG_FILE"
}

# --add-scram arguments for the storage tool, one per non-comment line of KAFKA_SCRAM_FILE.
# (Runs in a process substitution: format_storage checks that the file exists.)
scram_args() {
  [[ -n "$SCRAM_FILE" ]] || return 0
  local line
  while IFS= read -r line || [[ -n "$line" ]]; do
    [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
    printf '%s\0%s\0' --add-scram "$line"
  done <"$SCRAM_FILE"
}

# Kafka's cluster id is 16 random bytes in URL-safe base64 without padding,
# the same thing `kafka-storage.sh random-uuid` prints, minus a JVM start.
# Like Kafka's Uuid.randomUuid(), reject an id that starts with '-': the
# storage tool would read it as an option.
new_cluster_id() {
  local id="-"
  while [[ "$id" == -* ]]; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
  done
  echo "$id"
}

version_lt() { [[ "$1" != "$2" && "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n1)" == "$1" ]]; }

# An upgrade keeps working on old data; a downgrade does not (newer
# metadata.version), so say what to do instead of a stack trace.
check_data_version() {
  [[ -f "$DATA_DIR/meta.properties" && -f "$FORMATTED_WITH_FILE" ]] || return 0
  local formatted_with
  formatted_with="$(cat "$FORMATTED_WITH_FILE")"
  if version_lt "$KAFKA_VERSION" "$formatted_with"; then
    die "the data in ${DATA_DIR#"$REPO_ROOT"/} was written by Kafka $formatted_with, newer than $KAFKA_VERSION; run: infra/kafka/kafka.sh reset"
  fi
}

format_storage() {
  [[ -f "$DATA_DIR/meta.properties" ]] && return 0
  [[ -s "$CLUSTER_ID_FILE" ]] || new_cluster_id >"$CLUSTER_ID_FILE"
  log "formatting $DATA_DIR (cluster id $(cat "$CLUSTER_ID_FILE"))"
  mkdir -p "$DATA_DIR"
  local -a extra=()
  [[ -z "$SCRAM_FILE" || -f "$SCRAM_FILE" ]] || die "KAFKA_SCRAM_FILE $SCRAM_FILE not found"
  # Empty unless KAFKA_SCRAM_FILE is set, so the default broker formats exactly as before.
  mapfile -d '' -t extra < <(scram_args)
  ((${#extra[@]} == 0)) || log "adding $((${#extra[@]} / 2)) SCRAM credential(s) from ${SCRAM_FILE#"$REPO_ROOT"/}"
  echo "==== $(date -Is) format storage for Kafka $KAFKA_VERSION ====" >>"$LOG_FILE"
  if ! "$JAVA" -Xmx256m -cp "$(classpath)" \
      -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.properties" \
      kafka.tools.StorageTool format --config "$CONFIG_FILE" \
      --cluster-id "$(cat "$CLUSTER_ID_FILE")" --ignore-formatted "${extra[@]}" >>"$LOG_FILE" 2>&1; then
    log_hint
    die "formatting the storage failed (see $LOG_FILE)"
  fi
  echo "$KAFKA_VERSION" >"$FORMATTED_WITH_FILE"
}

# ---------------------------------------------------------------- commands

wait_ready() {
  local deadline=$((SECONDS + KAFKA_START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if answers "$KAFKA_PORT"; then
      return 0
    fi
    # Fail fast when the JVM died instead of waiting out the timeout.
    if [[ -f "$PID_FILE" ]] && ! our_pid >/dev/null; then
      log_hint
      die "the broker exited during start-up (see $LOG_FILE)"
    fi
    sleep 0.5
  done
  log_hint
  die "the broker did not answer on $KAFKA_HOST:$KAFKA_PORT within ${KAFKA_START_TIMEOUT}s (see $LOG_FILE)"
}

cmd_start() {
  local pid
  if pid="$(our_pid)"; then
    if answers "$KAFKA_PORT"; then
      log "already running (pid $pid) on $KAFKA_HOST:$KAFKA_PORT"
      return 0
    fi
    local running_port
    running_port="$(running_port)"
    if [[ -n "$running_port" && "$running_port" != "$KAFKA_PORT" ]]; then
      die "this repo's broker is already running on port $running_port (pid $pid); run infra/kafka/kafka.sh stop first"
    fi
    log "already starting (pid $pid); waiting"
    wait_ready
    log "ready on $KAFKA_HOST:$KAFKA_PORT"
    return 0
  fi
  rm -f "$PID_FILE"

  local port
  for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    if port_open "$port"; then
      echo "[kafka] ERROR: port $port is already in use by a process that is not this repo's broker:" >&2
      who_listens "$port" >&2
      echo "[kafka] stop it, or pick free ports: KAFKA_PORT=19092 infra/kafka/kafka.sh start" >&2
      exit 1
    fi
  done

  command -v "$JAVA" >/dev/null || die "java not found (Kafka $KAFKA_VERSION needs Java 17+)"
  check_data_version
  resolve_jars
  write_config
  format_storage

  # Keep one previous log; a dev machine starts the broker many times a day.
  if [[ -f "$LOG_FILE" ]] && (($(stat -c %s "$LOG_FILE") > 20 * 1024 * 1024)); then
    mv -f "$LOG_FILE" "$LOG_FILE.1"
  fi
  log "starting Kafka $KAFKA_VERSION on $KAFKA_HOST:$KAFKA_PORT (log: ${LOG_FILE#"$REPO_ROOT"/})"
  echo "==== $(date -Is) start Kafka $KAFKA_VERSION ====" >>"$LOG_FILE"
  # SC2086: KAFKA_HEAP is a list of JVM flags. SC2016: $$, $0 and $@ are the
  # inner shell's, so they must not expand here.
  # shellcheck disable=SC2086,SC2016
  (
    cd "$REPO_ROOT"
    # setsid: the broker outlives this script and its terminal (CI steps,
    # Ctrl-C in the shell that started it). The inner shell writes its own pid
    # and then execs java, so the pid file holds the JVM's pid.
    exec setsid bash -c 'echo $$ >"$0"; exec "$@"' "$PID_FILE" \
      "$JAVA" $KAFKA_HEAP -server \
      -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
      -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
      -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.properties" \
      -Dkafka.logs.dir="$RUN_DIR" \
      -cp "$(classpath)" kafka.Kafka "$CONFIG_FILE" \
      </dev/null >>"$LOG_FILE" 2>&1 &
  )
  # Give the inner shell a moment to write the pid file.
  local tries=50
  while [[ ! -s "$PID_FILE" ]] && ((tries-- > 0)); do sleep 0.1; done
  wait_ready
  log "ready on $KAFKA_HOST:$KAFKA_PORT (pid $(cat "$PID_FILE"))"
}

cmd_stop() {
  local pid
  if ! pid="$(our_pid)"; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  log "stopping (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + KAFKA_STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "still alive after ${KAFKA_STOP_TIMEOUT}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$PID_FILE"
  log "stopped"
}

cmd_status() {
  local pid
  if pid="$(our_pid)"; then
    if answers "$KAFKA_PORT"; then
      echo "running (pid $pid, Kafka $(cat "$FORMATTED_WITH_FILE" 2>/dev/null || echo '?'), $KAFKA_HOST:$KAFKA_PORT)"
      return 0
    fi
    echo "not running: pid $pid is up but does not answer on $KAFKA_HOST:$KAFKA_PORT (starting, or hung; see $LOG_FILE)"
    return 1
  fi
  if port_open "$KAFKA_PORT"; then
    echo "not running (port $KAFKA_PORT is used by another process:"
    who_listens "$KAFKA_PORT"
    echo ")"
    return 1
  fi
  echo "not running"
  return 1
}

cmd_wait() {
  wait_ready
  log "ready on $KAFKA_HOST:$KAFKA_PORT"
}

cmd_reset() {
  cmd_stop
  rm -rf "$DATA_DIR" "$CLUSTER_ID_FILE" "$FORMATTED_WITH_FILE" "$CONFIG_FILE"
  log "data wiped; the next start formats a new cluster"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  wait) cmd_wait ;;
  reset) cmd_reset ;;
  resolve) resolve_jars && log "jars for Kafka $KAFKA_VERSION are in infra/kafka/.libs" ;;
  *)
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2
    exit 2
    ;;
esac
