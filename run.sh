#!/usr/bin/env bash
# Sets up this machine, builds everything and runs the system: the ledger on its Fabric network.
#
# With Fabric 3.1.5 available (FABRIC_HOME, the cache, or the official download: network-config/network.sh install),
# it brings the five-organisation network up, or resumes the one that is here with its ledger, and keeps it running
# until Ctrl-C, which stops it and keeps the ledger (network-config/network.sh down removes it).
#
# Without Fabric it says why and runs the chaincode alone, as the chaincode service a peer would dial:
#   CHAINCODE_SERVER_ADDRESS  where it listens (default 127.0.0.1:9999)
#   CORE_CHAINCODE_ID_NAME    the package id the peer knows it by (default dawaledger:dev)
#   DAWALEDGER_REGULATOR_MSP  the only MSP InitLedger accepts as the regulator's (default RegulatorMSP)
set -euo pipefail
cd "$(dirname "$0")"

scripts/setup.sh
mvn -B -q -DskipTests package

network=network-config/network.sh
if "$network" install; then
  "$network" up "$@"
  "$network" status || true
  echo "run: the network is up; logs in network-config/build/logs/ ($network logs <node>). Ctrl-C stops it and keeps the ledger."
  trap 'echo; "$network" stop; exit 0' INT TERM
  while true; do sleep 3600 & wait $!; done
fi

address=${CHAINCODE_SERVER_ADDRESS:-127.0.0.1:9999}
echo "run: without Fabric, only the chaincode service runs, on ${address} (Ctrl-C stops it)"
# A clean environment: an inherited CORE_PEER_TLS_ENABLED=true from an admin shell would switch on TLS.
exec env -i PATH="$PATH" CHAINCODE_SERVER_ADDRESS="$address" \
  CORE_CHAINCODE_ID_NAME="${CORE_CHAINCODE_ID_NAME:-dawaledger:dev}" CORE_PEER_TLS_ENABLED=false \
  DAWALEDGER_REGULATOR_MSP="${DAWALEDGER_REGULATOR_MSP:-RegulatorMSP}" \
  java -Xmx256m -XX:+UseSerialGC -jar chaincode/target/dawaledger-chaincode.jar
