#!/usr/bin/env bash
# The organisation admin's bearer tokens for this gateway (see TokenCommand): run beside it, on the same data folder.
#   gateway-api/token.sh issue PARTICIPANT   prints a new token (shown once)
#   gateway-api/token.sh revoke ID           revokes a token; the gateway refuses it at once
#   gateway-api/token.sh list                every token: id, participant, issued, status
# DAWALEDGER_DATA_DIR: the gateway's data folder (default ./data, as ./run.sh uses). Build first (./run.sh does).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export DAWALEDGER_DATA_DIR=${DAWALEDGER_DATA_DIR:-$here/../data}
app=("$here"/target/quarkus-app/app/*.jar)
if [[ ! -f "${app[0]}" ]]; then
  echo "token: build the gateway first (./run.sh, or mvn -pl gateway-api -am package)" >&2
  exit 2
fi
exec java -cp "${app[0]}" org.dawaledger.gateway.auth.TokenCommand "$@"
