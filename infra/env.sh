# Environment shared by the platform's local processes. Variable names are the
# same as in docker-compose.yml, so services run unchanged against either.
# Sourced by ./platform; override any of them in your shell.
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
: "${OIDC_PORT:=3107}"
: "${AUTH_OIDC_ISSUER:=http://127.0.0.1:${OIDC_PORT}}"
: "${LOG_LEVEL:=info}"
export KAFKA_BROKERS PGHOST PGPORT PGUSER POSTGRES_ADMIN_URL REDIS_URL AUTH_DEV_ISSUER AUTH_AUDIENCE OIDC_PORT AUTH_OIDC_ISSUER LOG_LEVEL

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
if [[ -z "${AUTH_DEV_SECRET:-}" ]]; then
  AUTH_DEV_SECRET="$(_dev_secret "${REPO_ROOT:?}/.run/secrets/auth-dev-secret" 48)"
  export AUTH_DEV_SECRET
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

database_url() { echo "postgresql://${PGUSER}@${PGHOST}:${PGPORT}/$1"; }
