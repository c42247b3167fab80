# Environment shared by the platform's local processes. Variable names are the
# same as in docker-compose.yml, so services run unchanged against either.
# Sourced by ./platform; override any of them in your shell.
: "${KAFKA_BROKERS:=127.0.0.1:9092}"
: "${PGHOST:=127.0.0.1}"
: "${PGPORT:=5432}"
: "${PGUSER:=postgres}"
: "${POSTGRES_ADMIN_URL:=postgresql://${PGUSER}@${PGHOST}:${PGPORT}/postgres}"
: "${REDIS_URL:=redis://127.0.0.1:6379}"
: "${AUTH_ISSUER:=tjc-dev-issuer}"
: "${AUTH_AUDIENCE:=tjc-platform}"
: "${LOG_LEVEL:=info}"
export KAFKA_BROKERS PGHOST PGPORT PGUSER POSTGRES_ADMIN_URL REDIS_URL AUTH_ISSUER AUTH_AUDIENCE LOG_LEVEL

# The development issuer's secret is generated on first use and kept in the
# git-ignored .run/ folder: never in the repository.
if [[ -z "${AUTH_DEV_SECRET:-}" && -z "${AUTH_JWKS_URL:-}" ]]; then
  _secret_file="${REPO_ROOT:?}/.run/secrets/auth-dev-secret"
  if [[ ! -s "$_secret_file" ]]; then
    mkdir -p "$(dirname "$_secret_file")"
    umask 077
    head -c 48 /dev/urandom | base64 | tr -d '\n/+=' >"$_secret_file"
  fi
  AUTH_DEV_SECRET="$(cat "$_secret_file")"
  export AUTH_DEV_SECRET
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

database_url() { echo "postgresql://${PGUSER}@${PGHOST}:${PGPORT}/$1"; }
