#!/usr/bin/env bash
# The local stack's Prometheus (Debian's `prometheus` package; ./platform installs it with
# apt-get as root when missing, like Chromium), scraping every service of this instance
# (infra/services.conf, ports per instance) with the alert rules of alerts.yml.
#
#   prometheus.sh start   write the config for this instance, start, wait until ready
#   prometheus.sh stop    SIGTERM, wait, SIGKILL after 20 s
#   prometheus.sh status  running / not running; exit 0 / 1
#   prometheus.sh check   promtool: the rules and the alert tests (alerts.test.yml); no server
#
# Env: PROMETHEUS_PORT (9090), PROMETHEUS_RUN_DIR (.run/prometheus), TJC_PORT_OFFSET (0; 1000
# for the test instance), PROMETHEUS_INTERVAL (10s; how often it scrapes and evaluates).
set -euo pipefail

PROM_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$PROM_DIR/../.." && pwd)"
PORT="${PROMETHEUS_PORT:-9090}"
RUN_DIR="${PROMETHEUS_RUN_DIR:-$REPO_ROOT/.run/prometheus}"
OFFSET="${TJC_PORT_OFFSET:-0}"
INTERVAL="${PROMETHEUS_INTERVAL:-10s}"
PID_FILE="$RUN_DIR/prometheus.pid"
LOG_FILE="$RUN_DIR/prometheus.log"
CONFIG="$RUN_DIR/prometheus.yml"

log() { echo "[prometheus] $*" >&2; }
die() { echo "[prometheus] ERROR: $*" >&2; exit 1; }

our_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid; pid="$(cat "$PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "--config.file=$CONFIG" || return 1
  echo "$pid"
}
ready() { curl -fsS -m 2 "http://127.0.0.1:$PORT/-/ready" >/dev/null 2>&1; }

# One target per service of infra/services.conf, labelled with its name like its own metrics.
write_config() {
  mkdir -p "$RUN_DIR/data"
  {
    echo "# Written by infra/prometheus/prometheus.sh for this instance; do not edit."
    echo "global: { scrape_interval: $INTERVAL, evaluation_interval: $INTERVAL }"
    echo "rule_files: ['$PROM_DIR/alerts.yml']"
    echo "scrape_configs:"
    echo "  - job_name: tjc-services"
    echo "    static_configs:"
    local name port rest
    while read -r name port rest; do
      [[ -z "$name" || "$name" == \#* ]] && continue
      echo "      - { targets: ['127.0.0.1:$((port + OFFSET))'], labels: { service: '$name' } }"
    done <"$REPO_ROOT/infra/services.conf"
  } >"$CONFIG"
  promtool check config "$CONFIG" >/dev/null || die "the generated $CONFIG does not pass promtool check config"
}

cmd_start() {
  command -v prometheus >/dev/null || die "prometheus not found: apt-get install -y prometheus (./platform does it as root)"
  if pid="$(our_pid)"; then ready && { log "already running (pid $pid) on 127.0.0.1:$PORT"; return 0; }; else
    rm -f "$PID_FILE"
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && die "port $PORT is in use by a process that is not this repo's Prometheus; stop it or set PROMETHEUS_PORT"
    write_config
    log "starting Prometheus on 127.0.0.1:$PORT (log: ${LOG_FILE#"$REPO_ROOT"/})"
    # setsid: it outlives this script and its terminal, like the broker. Loopback only; 2 days of data.
    (exec setsid bash -c 'echo $$ >"$0"; exec "$@"' "$PID_FILE" prometheus --config.file="$CONFIG" \
      --storage.tsdb.path="$RUN_DIR/data" --storage.tsdb.retention.time=2d \
      --web.listen-address="127.0.0.1:$PORT" --web.enable-lifecycle </dev/null >>"$LOG_FILE" 2>&1 &)
    local tries=50; while [[ ! -s "$PID_FILE" ]] && ((tries-- > 0)); do sleep 0.1; done
  fi
  local deadline=$((SECONDS + 60))
  while ((SECONDS < deadline)); do
    ready && { log "ready on http://127.0.0.1:$PORT/ (pid $(cat "$PID_FILE"))"; return 0; }
    our_pid >/dev/null || { tail -n 20 "$LOG_FILE" >&2; die "Prometheus exited during start-up (see $LOG_FILE)"; }
    sleep 0.3
  done
  die "Prometheus is not ready on 127.0.0.1:$PORT after 60 s (see $LOG_FILE)"
}

cmd_stop() {
  local pid
  if ! pid="$(our_pid)"; then rm -f "$PID_FILE"; log "not running"; return 0; fi
  log "stopping (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 20))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  rm -f "$PID_FILE"
}

cmd_check() {
  command -v promtool >/dev/null || die "promtool not found: apt-get install -y prometheus"
  (cd "$PROM_DIR" && promtool check rules alerts.yml && promtool test rules alerts.test.yml)
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) if pid="$(our_pid)" && ready; then echo "prometheus: running (pid $pid) on :$PORT"; else echo "prometheus: not running"; exit 1; fi ;;
  check) cmd_check ;;
  *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
