#!/usr/bin/env bash
# Creates the partner principals (SASL/SCRAM-SHA-512) and the ACLs of
# docs/partners.md section 6 on the docker-compose broker. Run by the one-shot
# `kafka-partners` service (docker compose --profile partners up kafka-partners),
# inside the apache/kafka image, in the kafka container's network namespace, so
# it talks to the broker's PLAINTEXT listener 127.0.0.1:9092 (ANONYMOUS, a super
# user on the dev broker only).
#
# Passwords are read from /secrets/kafka-<principal> (the git-ignored
# ./.run/compose-secrets, mounted read-only); create them first, see docs/kafka.md.
# The same model is proven without Docker by infra/kafka/sasl-acl.test.mjs; this
# script itself needs Docker and has not been run on the (Docker-less) dev machines.
set -euo pipefail

BOOTSTRAP="${KAFKA_BOOTSTRAP:-127.0.0.1:9092}"
BIN=/opt/kafka/bin
INBOUND=tjc.partner.inbound.v1
PARTNERS=(beijing-hq hebei-center xiongan-center)
GATEWAY=tjc-partner-gateway

password_of() {
  local file="/secrets/kafka-$1"
  [[ -s "$file" ]] || { echo "missing $file (./.run/compose-secrets/kafka-$1); see docs/kafka.md" >&2; exit 1; }
  tr -d '\n' <"$file"
}

for user in "${PARTNERS[@]/#/partner-}" "$GATEWAY"; do
  # Idempotent: re-running replaces the credential with the file's password.
  "$BIN/kafka-configs.sh" --bootstrap-server "$BOOTSTRAP" --alter --entity-type users --entity-name "$user" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=$(password_of "$user")]"
done

# Partners: WRITE and DESCRIBE on the inbound topic, nothing else (deny by default).
for p in "${PARTNERS[@]}"; do
  "$BIN/kafka-acls.sh" --bootstrap-server "$BOOTSTRAP" --add --allow-principal "User:partner-$p" \
    --operation Write --operation Describe --topic "$INBOUND" --resource-pattern-type literal
done
# The gateway: READ and DESCRIBE on the inbound topic, READ on its group.
"$BIN/kafka-acls.sh" --bootstrap-server "$BOOTSTRAP" --add --allow-principal "User:$GATEWAY" \
  --operation Read --operation Describe --topic "$INBOUND" --group partner-gateway

"$BIN/kafka-acls.sh" --bootstrap-server "$BOOTSTRAP" --list --topic "$INBOUND"
