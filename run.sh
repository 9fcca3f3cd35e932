#!/usr/bin/env bash
# Sets up this machine, builds everything and runs the system.
#
#   ./run.sh            the gateway on the embedded ledger (nothing else to install): http://localhost:8080.
#                       Its ledger, CAs and keys live in ./data (ignored by git) and survive a restart; a new
#                       ledger is seeded with a small demo world. DAWALEDGER_DATA_DIR and QUARKUS_HTTP_PORT override.
#   ./run.sh --fabric   the ledger on its Fabric network: with Fabric 3.1.5 available (FABRIC_HOME, the cache, or the
#                       official download: network-config/network.sh install) it brings the five-organisation network
#                       up, or resumes the one that is here with its ledger, and runs one gateway per organisation on
#                       it (scripts/fabric-gateways.sh: HTTP 8081-8085, gRPC 9081-9085, data in data/fabric/<org>),
#                       stocking a new network with the demo world's goods; until Ctrl-C, which stops the gateways
#                       and the network and keeps the ledger (network-config/network.sh down removes it). Without
#                       Fabric it says why and runs the chaincode alone, as the chaincode service a peer would dial:
#     CHAINCODE_SERVER_ADDRESS  where it listens (default 127.0.0.1:9999)
#     CORE_CHAINCODE_ID_NAME    the package id the peer knows it by (default dawaledger:dev)
#     DAWALEDGER_REGULATOR_MSP  the only MSP InitLedger accepts as the regulator's (default RegulatorMSP)
set -euo pipefail
cd "$(dirname "$0")"

scripts/setup.sh
echo "run: building (mvn package)"
mvn -B -q -DskipTests package

if [[ "${1:-}" == --fabric ]]; then
  shift
  network=network-config/network.sh
  if "$network" install; then
    "$network" up "$@"
    "$network" status || true
    echo "run: the network is up; logs in network-config/build/logs/ ($network logs <node>)."
    scripts/fabric-gateways.sh &
    gateways=$!
    trap 'kill -TERM "$gateways" 2>/dev/null || true' INT TERM
    # However the gateways end (Ctrl-C, or one that fails to start), the network is stopped with its ledger kept.
    status=0
    while kill -0 "$gateways" 2>/dev/null; do wait "$gateways" && status=0 || status=$?; done
    echo "run: stopping the network (its ledger is kept; $network down removes it)"
    "$network" stop
    exit "$status"
  fi

  address=${CHAINCODE_SERVER_ADDRESS:-127.0.0.1:9999}
  echo "run: without Fabric, only the chaincode service runs, on ${address} (Ctrl-C stops it)"
  # A clean environment: an inherited CORE_PEER_TLS_ENABLED=true from an admin shell would switch on TLS.
  exec env -i PATH="$PATH" CHAINCODE_SERVER_ADDRESS="$address" \
    CORE_CHAINCODE_ID_NAME="${CORE_CHAINCODE_ID_NAME:-dawaledger:dev}" CORE_PEER_TLS_ENABLED=false \
    DAWALEDGER_REGULATOR_MSP="${DAWALEDGER_REGULATOR_MSP:-RegulatorMSP}" \
    java -Xmx256m -XX:+UseSerialGC -jar chaincode/target/dawaledger-chaincode.jar
fi

port=${QUARKUS_HTTP_PORT:-8080}
export DAWALEDGER_DATA_DIR=${DAWALEDGER_DATA_DIR:-$PWD/data}
if curl -s -o /dev/null "http://localhost:$port/"; then
  echo "run: something already answers on port $port (another gateway?); stop it or set QUARKUS_HTTP_PORT" >&2
  exit 1
fi
echo "run: starting the gateway on the embedded ledger in $DAWALEDGER_DATA_DIR (port $port)"
java -Xmx512m -jar gateway-api/target/quarkus-app/quarkus-run.jar &
gateway=$!
trap 'kill "$gateway" 2>/dev/null; wait "$gateway" 2>/dev/null; exit 0' INT TERM

until curl -sf "http://localhost:$port/q/health/ready" > /dev/null; do
  kill -0 "$gateway" 2>/dev/null || { echo "run: the gateway stopped; its log is above" >&2; exit 1; }
  sleep 0.5
done
cat <<EOF

run: the gateway is ready (Ctrl-C stops it; the ledger stays in $DAWALEDGER_DATA_DIR)
  check a medicine      http://localhost:$port/   (the public page, in English and Urdu)
  staff pages           http://localhost:$port/sign-in   (a token: gateway-api/token.sh issue pharmacy;
                        or manufacturer, importer, regulator)
  verify a pack         POST http://localhost:$port/api/v1/verify
  gRPC verification     localhost:9000 (dawaledger.v1.Verification, gateway-api/src/main/proto)
  API description       http://localhost:$port/q/openapi
  health                http://localhost:$port/q/health
  metrics               http://localhost:$port/q/metrics

Verify a demo pack (genuine and active):

  curl -s -X POST http://localhost:$port/api/v1/verify -H 'Content-Type: application/json' \\
    -d '{"code": "(01)08960001000015(21)PAN000002(10)PAN2401(17)281231"}'

EOF
wait "$gateway"
