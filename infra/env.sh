# Environment shared by the platform's local processes. Variable names are the
# same as in docker-compose.yml, so services run unchanged against either.
# Sourced by ./platform; override any of them in your shell.

# Which copy of the platform this shell drives, so that tests never touch the
# user's data and both can run at once on one machine and one checkout:
#   TJC_INSTANCE unset   the user's own (./platform up): the ports and databases
#                        of infra/services.conf, topics and groups as named in
#                        contracts/, Redis keys under tjc-*, .run/pids and .run/logs;
#   TJC_INSTANCE=test    the test suite's (./platform test): ports +1000 (services
#                        4101-4106, console 4100, sign-in 4107), databases tjc_test_*,
#                        Kafka topics and consumer groups under the namespace
#                        tjc-test, Redis keys under tjc-test*, spans to :5318 (the
#                        scenario suite's receiver), .run/test/{pids,logs}.
# Both share the broker, the PostgreSQL server and the Redis server.
: "${TJC_INSTANCE:=}"
case "$TJC_INSTANCE" in
  "") TJC_PORT_OFFSET=0 ;;
  test)
    TJC_PORT_OFFSET=1000
    : "${KAFKA_TOPIC_NAMESPACE:=tjc-test}"
    : "${REDIS_PREFIX:=tjc-test-kpi}"
    : "${PARTNER_RATE_KEY_PREFIX:=tjc-test:partner-gateway}"
    : "${RATE_LIMIT_KEY_PREFIX:=tjc-test:rate-limit}"
    # The scenario suite receives the test services' spans itself (e2e/src/scenario/otlp-receiver.ts),
    # on a port of its own: a collector of the user's on 4318 keeps receiving the user's platform's.
    OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:5318
    export KAFKA_TOPIC_NAMESPACE REDIS_PREFIX PARTNER_RATE_KEY_PREFIX RATE_LIMIT_KEY_PREFIX OTEL_EXPORTER_OTLP_ENDPOINT
    ;;
  *) echo "[env] TJC_INSTANCE must be unset or 'test', not '$TJC_INSTANCE'" >&2; return 1 2>/dev/null || exit 1 ;;
esac
export TJC_INSTANCE TJC_PORT_OFFSET
# The port of a platform process in this instance, from its port in infra/services.conf.
instance_port() { echo $(( $1 + TJC_PORT_OFFSET )); }
# The database of a service in this instance (tjc_research → tjc_test_research).
instance_db() { if [[ -n "$TJC_INSTANCE" ]]; then echo "${1/#tjc_/tjc_${TJC_INSTANCE}_}"; else echo "$1"; fi; }
: "${KAFKA_BROKERS:=127.0.0.1:9092}"
: "${PGHOST:=127.0.0.1}"
: "${PGPORT:=5432}"
: "${PGUSER:=postgres}"
: "${POSTGRES_ADMIN_URL:=postgresql://${PGUSER}@${PGHOST}:${PGPORT}/postgres}"
: "${REDIS_URL:=redis://127.0.0.1:6379}"
: "${AUTH_DEV_ISSUER:=tjc-dev-issuer}"
: "${AUTH_AUDIENCE:=tjc-platform}"
# The development OpenID Provider (infra/oidc, started by ./platform services):
# the services trust its tokens next to the development issuer's, and the
# console signs in with it (authorization code + PKCE). Point these at the
# center's identity provider to use that instead.
: "${OIDC_PORT:=$(instance_port 3107)}"
: "${AUTH_OIDC_ISSUER:=http://127.0.0.1:${OIDC_PORT}}"
: "${CONSOLE_PORT:=$(instance_port 3100)}"
: "${LOG_LEVEL:=info}"
export KAFKA_BROKERS PGHOST PGPORT PGUSER POSTGRES_ADMIN_URL REDIS_URL AUTH_DEV_ISSUER AUTH_AUDIENCE OIDC_PORT AUTH_OIDC_ISSUER CONSOLE_PORT LOG_LEVEL

# Traces: the services export spans to an OTLP collector (a compose/production collector
# on :4318 when one runs; the scenario suite's receiver on :5318 for the test instance) and
# to Zipkin, the local stack's trace UI (infra/zipkin, started by ./platform like the broker:
# :9411 for yours, :10411 for the test instance's). The console's 追踪 links open TRACE_UI_URL;
# TRACE_UI=jaeger with TRACE_UI_URL=http://127.0.0.1:16686 for compose's Jaeger. ADR 0019.
: "${ZIPKIN_PORT:=$(instance_port 9411)}"
: "${OTEL_TRACES_EXPORTER:=otlp,zipkin}"
: "${OTEL_EXPORTER_ZIPKIN_ENDPOINT:=http://127.0.0.1:${ZIPKIN_PORT}/api/v2/spans}"
: "${TRACE_UI:=zipkin}"
: "${TRACE_UI_URL:=http://127.0.0.1:${ZIPKIN_PORT}}"
export ZIPKIN_PORT OTEL_TRACES_EXPORTER OTEL_EXPORTER_ZIPKIN_ENDPOINT TRACE_UI TRACE_UI_URL
# Metrics: this instance's Prometheus (infra/prometheus) on :9090 (yours) or :10090 (the tests').
: "${PROMETHEUS_PORT:=$(instance_port 9090)}"
export PROMETHEUS_PORT

# Every process of the local stack listens on loopback (the services' HTTP_HOST,
# CONSOLE_HOST and OIDC_HOST all default to 127.0.0.1, and everything here calls
# 127.0.0.1), and the services answer CORS for this instance's console only.
: "${CORS_ORIGINS:=http://127.0.0.1:${CONSOLE_PORT},http://localhost:${CONSOLE_PORT}}"
export CORS_ORIGINS

# Rate limits of the services' APIs (packages/rate-limit; the defaults in code are a
# deployment's). The user's instance allows more writes per principal: the demo year is a
# bulk import (812 training enrolments by one coordinator within seconds). The test
# instance's are out of reach (10^6 per minute per service, class and key: about 16,000
# requests a second, more than two cores can send), so no suite is ever throttled by them,
# while every request still goes through the limiter as deployed. Set whatever the shell
# holds: a value inherited from the user's instance must not throttle a test run.
if [[ "$TJC_INSTANCE" == test ]]; then
  for _limit in READ_PER_PRINCIPAL READ_PER_IP WRITE_PER_PRINCIPAL WRITE_PER_IP EXPORT_PER_PRINCIPAL EXPORT_PER_IP ANONYMOUS_PER_IP; do
    export "RATE_LIMIT_${_limit}=1000000"
  done
  unset _limit
  export RATE_LIMIT_MODE=on
else
  : "${RATE_LIMIT_WRITE_PER_PRINCIPAL:=3000}"
  : "${RATE_LIMIT_WRITE_PER_IP:=6000}"
  export RATE_LIMIT_WRITE_PER_PRINCIPAL RATE_LIMIT_WRITE_PER_IP
fi

# Development secrets are generated on first use and kept in the git-ignored
# .run/secrets/ folder, never in the repository. The umask is set in a
# subshell: a sourced `umask 077` would leave every later file of the caller
# (a fresh PostgreSQL data folder's parent, for one) unreadable to others.
_dev_secret() { # file, bytes
  if [[ ! -s "$1" ]]; then
    (umask 077 && mkdir -p "$(dirname "$1")" && head -c "$2" /dev/urandom | base64 | tr -d '\n/+=' >"$1")
  fi
  cat "$1"
}
# Never with NODE_ENV=production: the services, the console and the development OpenID
# Provider refuse to start with the development issuer there (issue #18.4), so it is not
# made up here; one set by hand still reaches them, and they say why they stop.
if [[ "${NODE_ENV:-}" == production ]]; then
  if [[ -n "${AUTH_DEV_SECRET:-}" ]]; then echo "[env] NODE_ENV=production with AUTH_DEV_SECRET set: the services will refuse to start; unset it" >&2; fi
elif [[ -z "${AUTH_DEV_SECRET:-}" ]]; then
  AUTH_DEV_SECRET="$(_dev_secret "${REPO_ROOT:?}/.run/secrets/auth-dev-secret" 48)"
  export AUTH_DEV_SECRET
fi
# Signs the audit chain's checkpoints (ADR 0012): kept outside the databases it anchors.
if [[ -z "${AUDIT_CHECKPOINT_KEY:-}" ]]; then
  AUDIT_CHECKPOINT_KEY="$(_dev_secret "${REPO_ROOT:?}/.run/secrets/audit-checkpoint-key" 48)"
  export AUDIT_CHECKPOINT_KEY
fi
# The password of every account of the development OpenID Provider.
if [[ -z "${OIDC_DEV_PASSWORD:-}" ]]; then
  OIDC_DEV_PASSWORD="$(_dev_secret "${REPO_ROOT:?}/.run/secrets/oidc-dev-password" 18)"
  export OIDC_DEV_PASSWORD
fi

# Development signing secrets of the partner systems (Standard Webhooks whsec_
# format), generated on first use like the issuer's secret and kept in .run/:
# the partner gateway and the demo both read PARTNER_SECRETS.
if [[ -z "${PARTNER_SECRETS:-}" ]]; then
  _partner_file="${REPO_ROOT:?}/.run/secrets/partner-secrets.json"
  if [[ ! -s "$_partner_file" ]]; then
    mkdir -p "$(dirname "$_partner_file")"
    (
      umask 077
      _whsec() { printf 'whsec_%s' "$(head -c 32 /dev/urandom | base64 | tr -d '\n')"; }
      printf '{"beijing-hq":["%s"],"hebei-center":["%s"],"xiongan-center":["%s"]}\n' "$(_whsec)" "$(_whsec)" "$(_whsec)" >"$_partner_file"
    )
  fi
  PARTNER_SECRETS="$(cat "$_partner_file")"
  export PARTNER_SECRETS
fi

database_url() { echo "postgresql://${2:-$PGUSER}@${PGHOST}:${PGPORT}/$1"; }  # database [role]
# The roles of a service's database (infra/postgres/roles.sql): migrations run as the owner, the service as the app role.
owner_role() { echo "${1}_owner"; }
app_role() { echo "${1}_app"; }
