#!/usr/bin/env bash
# Takes the screenshots docs/pages.md shows: runs the page tests (a real headless Chromium against the gateway on the
# embedded ledger's demo world, as ./test.sh runs them) with their screenshots written to docs/screenshots/ instead of
# gateway-api/target/screenshots/.
#
#   scripts/page-screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mvn -B -q -DskipTests -pl gs1,barcode,ledger,chaincode install
mvn -B --no-transfer-progress -pl gateway-api test -Dtest='org.dawaledger.gateway.page.*Test' \
  -Dpage-tests.screenshots="$PWD/docs/screenshots"
ls -1 docs/screenshots
