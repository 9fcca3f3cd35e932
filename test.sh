#!/usr/bin/env bash
# Sets up this machine and runs every test: unit tests of every module, then the integration tests
# against the packaged chaincode service.
set -euo pipefail
cd "$(dirname "$0")"

scripts/setup.sh
mvn -B --no-transfer-progress verify "$@"
