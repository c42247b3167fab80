#!/usr/bin/env bash
# The local stack's helper daemons (Zipkin, Prometheus): one way to start a
# process that outlives its script, know it is ours, and stop it. Sourced by
# infra/zipkin/zipkin.sh and infra/prometheus/prometheus.sh; sets no options.
# (infra/kafka/kafka.sh keeps its own, older copy of the same ideas, with the
# broker's own readiness probe.)

# The pid in PID_FILE when it is alive and its command line contains $1 (guards
# against a recycled pid); fails otherwise.
daemon_pid() { # pattern
  [[ -f "$PID_FILE" ]] || return 1
  local pid; pid="$(cat "$PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$1" || return 1
  echo "$pid"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Runs "$@" detached (setsid: it outlives this script and its terminal), its
# output appended to LOG_FILE; PID_FILE holds the process's own pid (the inner
# shell writes its pid, then execs the command).
daemon_spawn() { # command...
  # shellcheck disable=SC2016
  (exec setsid bash -c 'echo $$ >"$0"; exec "$@"' "$PID_FILE" "$@" </dev/null >>"$LOG_FILE" 2>&1 &)
  local tries=50
  while [[ ! -s "$PID_FILE" ]] && ((tries-- > 0)); do sleep 0.1; done
}

# Waits until `$2` (a command) succeeds, failing fast if the process dies.
daemon_wait() { # seconds, ready-command, pattern
  local deadline=$((SECONDS + $1))
  while ((SECONDS < deadline)); do
    $2 && return 0
    daemon_pid "$3" >/dev/null || { tail -n 20 "$LOG_FILE" >&2; return 2; }
    sleep 0.3
  done
  tail -n 20 "$LOG_FILE" >&2
  return 1
}

# SIGTERM, then SIGKILL after $2 seconds.
daemon_stop() { # pattern, timeout
  local pid
  if ! pid="$(daemon_pid "$1")"; then rm -f "$PID_FILE"; log "not running"; return 0; fi
  log "stopping (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + $2))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then log "still alive after $2 s; sending SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$PID_FILE"
}
