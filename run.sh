#!/usr/bin/env bash
# Sets up this machine, builds everything and runs the system.
#
# Today the system is the ledger's chaincode, started as a chaincode service that a Fabric peer dials
# (the network that deploys it is the next step: network-config/). Stop it with Ctrl-C.
#   CHAINCODE_SERVER_ADDRESS  where it listens (default 127.0.0.1:9999)
#   CORE_CHAINCODE_ID_NAME    the package id the peer knows it by (default dawaledger:dev)
#   DAWALEDGER_REGULATOR_MSP  the only MSP InitLedger accepts as the regulator's (default RegulatorMSP)
set -euo pipefail
cd "$(dirname "$0")"

scripts/setup.sh
mvn -B -q -DskipTests package

address=${CHAINCODE_SERVER_ADDRESS:-127.0.0.1:9999}
echo "run: chaincode service on ${address} (Ctrl-C stops it)"
# A clean environment: an inherited CORE_PEER_TLS_ENABLED=true from an admin shell would switch on TLS.
exec env -i PATH="$PATH" CHAINCODE_SERVER_ADDRESS="$address" \
  CORE_CHAINCODE_ID_NAME="${CORE_CHAINCODE_ID_NAME:-dawaledger:dev}" CORE_PEER_TLS_ENABLED=false \
  DAWALEDGER_REGULATOR_MSP="${DAWALEDGER_REGULATOR_MSP:-RegulatorMSP}" \
  java -Xmx256m -XX:+UseSerialGC -jar chaincode/target/dawaledger-chaincode.jar
