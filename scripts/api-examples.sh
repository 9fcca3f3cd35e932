#!/usr/bin/env bash
# Writes docs/api.md: every example in it is run here, against a new gateway on the embedded ledger's demo world
# (the jar ./run.sh builds), and its output is the real one. Needs ports 8080 and 9000 free, curl and jq; installs
# grpcurl (Go module proxy) into build/tools/ when it is not on PATH.
#
#   scripts/api-examples.sh            build the gateway if needed, run the examples, write docs/api.md
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

jar=gateway-api/target/quarkus-app/quarkus-run.jar
[[ -f $jar ]] || mvn -B -q -DskipTests -pl gateway-api -am package
if ! command -v grpcurl > /dev/null; then
  if [[ ! -x build/tools/grpcurl ]]; then
    echo "api-examples: installing grpcurl into build/tools/" >&2
    GOBIN=$root/build/tools go install github.com/fullstorydev/grpcurl/cmd/grpcurl@v1.9.4
  fi
  PATH=$root/build/tools:$PATH
fi
if curl -s -o /dev/null http://localhost:8080/; then
  echo "api-examples: port 8080 is taken (a gateway of ./run.sh?); stop it first" >&2
  exit 1
fi

data=$(mktemp -d /tmp/api-examples.XXXXXX)
export DAWALEDGER_DATA_DIR=$data
java -Xmx512m -jar "$jar" > "$data/gateway.log" 2>&1 &
gateway=$!
# Under set -e a failing wait would end the trap before the clean-up (and exit 143): it may fail.
trap 'kill $gateway 2> /dev/null; wait $gateway 2> /dev/null || true; rm -rf "$data"' EXIT
until curl -sf http://localhost:8080/q/health/ready > /dev/null; do
  kill -0 $gateway 2> /dev/null || { cat "$data/gateway.log" >&2; exit 1; }
  sleep 0.5
done

out=docs/api.md.new
exec 3> "$out"
say() { printf '%s\n' "$@" >&3; }
# Shows a command as typed and what it printed. Variables it sets stay set for the next ones.
run() {
  printf '```console\n$ %s\n' "$1" >&3
  eval "$1" >&3 2>&1 || true
  printf '```\n\n' >&3
}
quiet() { eval "$1" > /dev/null; }
api=http://localhost:8080/api/v1
json='-H "Content-Type: application/json"'
grpc='grpcurl -plaintext -import-path gateway-api/src/main/proto'
export api

say '# The gateway'"'"'s API' ''
say 'Each organisation runs a gateway (`gateway-api/`): REST and gRPC over its local copy of the ledger; the'
say 'contract'"'"'s read transactions run on that copy, writes go to the ledger as the signed-in party. `./run.sh`'
say 'starts one on the embedded ledger with the demo world at `http://localhost:8080` (gRPC on port 9000).'
say 'The API description, with an example body for every call, is at `/q/openapi` (`/q/openapi?format=json`);'
say 'health at `/q/health/live` and `/q/health/ready`; Prometheus metrics at `/q/metrics`'
say '(`http_server_requests_seconds` per endpoint and status; `dawaledger_chaincode_seconds` per chaincode'
say 'transaction, kind and outcome: `VALID`, a validation code, or the contract'"'"'s error code).' ''
say "Every example on this page was run by \`scripts/api-examples.sh\` against a new demo world on $(date -u +%Y-%m-%d),"
say 'and shows its real output (some piped through `jq` to keep it short). The demo world: the regulator DRAP'
say '(GLN 8960000000016), manufacturer Indus Pharmaceuticals (8960000000023, GS1 company prefix 8960001), importer'
say '(8960000000030), distributor (8960000000047) and Shifa Pharmacy (8960000000054); Panadol 500 mg'
say '(GTIN 08960001000015) lot PAN2401 of 100 packs `PAN000001`…, 50 of them at the pharmacy and `PAN000001`'
say 'dispensed; lot PAN2399 recalled; an import of Augmentin (04012345000016) lot AUG2405 awaiting clearance.' ''

say '## Calls, answers and errors' ''
say '- **Sign-in.** Writes, and every read but verification and recalls, need `Authorization: Bearer <token>`. A'
say '  token names exactly one participant of the gateway'"'"'s wallet (on the embedded ledger: `regulator`,'
say '  `manufacturer`, `importer`, `distributor`, `pharmacy`); the organisation'"'"'s admin issues and revokes tokens'
say '  beside the running gateway with `gateway-api/token.sh issue PARTICIPANT | revoke ID | list` (the gateway keeps'
say '  only a hash and refuses a revoked token at once). No field of a request names an identity.'
say '- **Writes** answer `{"result", "transactionId", "block", "validation"}`: the contract'"'"'s answer and where it'
say '  was committed. A write that lost a race (MVCC conflict) is submitted again, up to 3 times; one that lost every'
say '  time is a 409 with the validation code (`MVCC_READ_CONFLICT`) and changed nothing. With an `Idempotency-Key`'
say '  header (1–255 characters) a retry answers the first committed outcome instead of writing again; the same key'
say '  with another request is a 422 `IDEMPOTENCY_KEY_REUSED`.'
say '- **Reads** answer the contract'"'"'s JSON as it is (docs/rules.md), with the block it reflects in the'
say '  `Ledger-Block` header. Listings take `pageSize` (1–1000, default 100) and `bookmark` (the previous page'"'"'s).'
say '- **Errors** are `application/problem+json` (RFC 9457): `type`, `title`, `status`, `detail`, `code` (the'
say '  contract'"'"'s error code, or the gateway'"'"'s own: `UNAUTHENTICATED`, `INVALID_SCAN`, `MALFORMED_JSON`,'
say '  `IDEMPOTENCY_KEY_REUSED`, `RATE_LIMITED`) and `field` where one input is at fault. Bodies are read strictly:'
say '  an unknown field, a repeated key, or a number where text is due is a 400 `MALFORMED_JSON` naming the field.'
say '  The HTTP status follows the code, and over gRPC the matching status with the description `[CODE] detail`:'
say ''
say '| HTTP | gRPC | codes |'
say '|---|---|---|'
say '| 400 | INVALID_ARGUMENT | `INVALID_ARGUMENT`, `INVALID_TRANSACTION_TIME`, `TOO_MANY_ITEMS`, `DUPLICATE_SERIAL`, `EXPIRY_IN_PAST`, `INVALID_SCAN`, `MALFORMED_JSON` |'
say '| 401 | UNAUTHENTICATED | `UNAUTHENTICATED` (no token, or one this gateway did not issue or revoked) |'
say '| 403 | PERMISSION_DENIED | `CALLER_NOT_REGISTERED`, `CALLER_NOT_ACTIVE`, `ROLE_NOT_PERMITTED`, `NOT_OWNER`, `NOT_CUSTODIAN`, `NOT_RECEIVER`, `CANCEL_NOT_ALLOWED`, `UNDO_BY_DIFFERENT_PARTY`, `ACCESS_DENIED` |'
say '| 404 | NOT_FOUND | every `…_NOT_FOUND` |'
say '| 409 | FAILED_PRECONDITION (`…_ALREADY_EXISTS`: ALREADY_EXISTS) | every other refusal by the ledger'"'"'s current state, e.g. `BATCH_RECALLED`, `IMPORT_NOT_PENDING`, `ALERT_ALREADY_RESOLVED`; a validation code |'
say '| 422 | — | `IDEMPOTENCY_KEY_REUSED` |'
say '| 429 | RESOURCE_EXHAUSTED | `ALERT_LIMIT_REACHED`, `RATE_LIMITED` |'
say '| 500 | INTERNAL | `INTERNAL_ERROR` |'
say ''
say '### Every call' ''
say '| call | who and what | contract transaction |'
say '|---|---|---|'
curl -s 'http://localhost:8080/q/openapi?format=json' | jq -r '.paths | to_entries[] | .key as $p | .value
  | to_entries[] | "| `\(.key | ascii_upcase) \($p)` | \(.value.description // "" | (split(". ")[0] // "") | gsub("\\|"; "/")) | \((.value.summary // "" | capture("\\((?<t>[A-Za-z, ]+)\\)$") | .t) // "") |"' >&3
say ''

say '## Anyone: verify a pack' ''
say '`POST /api/v1/verify` takes a raw scan, `{"code": "…"}` (any of the four forms `gs1`'\''s `Gs1Scan.parse` reads: a'
say 'GS1 element string with or without a symbology identifier, `]d2` DataMatrix, `]C1` GS1-128, `]Q3` QR, `]e0`'
say 'DataBar or `]J1` DotCode, and GS separators; the bracketed `(01)…` form; or a GS1 Digital Link URI; at most 1,000'
say 'characters, a leading byte order mark and trailing CR/LF ignored), or the fields `{"gtin", "serial", "lot",'
say '"expiry"}` (without a serial only the batch is checked). A scan may lack lot, expiry or serial: what it has is'
say 'checked (a misread is a 400 `INVALID_SCAN` naming the field) and passed to the contract as is, so a GTIN with a'
say 'serial is judged by the serial, and a GTIN alone or with only its expiry (a 1D barcode) is judged at product level:'
say 'verdict `LOT_REQUIRED` (`level: "PRODUCT"`) with the product'\''s name and status, unless the product is unknown,'
say 'unapproved or withdrawn, which comes first. A two-digit expiry year is read in GS1'\''s sliding'
say 'window around the current year. It answers the verdict, the identifier as parsed and'
say 'the block the answer reflects. An anonymous answer tells the verdict and the product, never who holds or sold'
say 'the pack. Anonymous verification is limited per client address (`dawaledger.anonymous.burst`, default 200, refilled'
say 'at `dawaledger.anonymous.per-second`, default 50; then a 429 `RATE_LIMITED` with `Retry-After`, over gRPC'
say 'RESOURCE_EXHAUSTED). Signed-in parties are not limited, and their failed verifications raise alerts as them;'
say 'with an `Idempotency-Key` header (gRPC: `idempotency_key`) a retried scan hears the alert its first try raised'
say 'instead of raising another, as a scanner'"'"'s offline queue needs.' ''
say '### A patient checks a pack: genuine and active' ''
run "curl -s -X POST \$api/verify $json -d '{\"code\": \"(01)08960001000015(21)PAN000002(10)PAN2401(17)281231\"}' | jq"
say '### The same product scanned as a GS1 Digital Link (`GET /01/…` resolves one too): a pack dispensed already' ''
run "curl -s -H 'Accept: application/json' 'http://localhost:8080/01/08960001000015/10/PAN2401/21/PAN000001?17=281231' | jq '{verdict: .verdict.verdict, findings: .verdict.findings, block}'"
say '### A pack of a recalled batch, and an import the regulator has not cleared' ''
run "curl -s -X POST \$api/verify $json -d '{\"gtin\": \"08960001000015\", \"serial\": \"PANR00003\", \"lot\": \"PAN2399\", \"expiry\": \"281231\"}' | jq '.verdict | {verdict, recallReason, batchStatus}'"
run "curl -s -X POST \$api/verify $json -d '{\"gtin\": \"04012345000016\", \"lot\": \"AUG2405\", \"expiry\": \"281231\"}' | jq '.verdict | {verdict, level, batchStatus}'"
say '### A 1D barcode: a GTIN alone checks the product, not the pack' ''
run "curl -s -X POST \$api/verify $json -d '{\"code\": \"(01)08960001000015\"}' | jq '.verdict | {verdict, findings, level, productName, productStatus}'"
say '### A misread scan: a 400 naming the field' ''
run "curl -s -X POST \$api/verify $json -d '{\"code\": \"(01)08960001000016(21)PAN000002\"}' | jq"
say '### Over gRPC: `dawaledger.v1.Verification`' ''
say 'For scanners: `Verify` (unary) and `VerifyStream` (bidirectional: scans in, answers out in order, each with'
say 'its `request_id`), in [`verification.proto`](../gateway-api/src/main/proto/dawaledger/v1/verification.proto).'
say 'A unary request that cannot be judged fails with INVALID_ARGUMENT; in a stream it is answered with a `problem`'
say 'and the stream goes on.' ''
run "$grpc -proto dawaledger/v1/verification.proto -d '{\"code\": \"(01)08960001000015(21)PAN000002(10)PAN2401(17)281231\", \"request_id\": \"till-1\"}' localhost:9000 dawaledger.v1.Verification/Verify"
run "$grpc -proto dawaledger/v1/verification.proto -d '{\"code\": \"]d2010896000100001521PAN000003\", \"request_id\": \"a\"} {\"code\": \"(01)08960001000015(21)NOSUCH1\", \"request_id\": \"b\"}' localhost:9000 dawaledger.v1.Verification/VerifyStream | jq -c '{requestId, verdict, problem}'"

say '## The manufacturer: products, batches, commissioning, shipping' ''
say 'The organisation'"'"'s admin issues the manufacturer'"'"'s system a token once:' ''
run 'MANUFACTURER=$(gateway-api/token.sh issue manufacturer); echo ${MANUFACTURER:0:13}…'
say 'A new product under its company prefix waits for the regulator'"'"'s approval:' ''
run "curl -s -X POST \$api/products -H \"Authorization: Bearer \$MANUFACTURER\" $json -d '{\"gtin\": \"08960001000022\", \"name\": \"Panadol Extra\", \"strength\": \"500 mg + 65 mg\", \"dosageForm\": \"tablet\", \"registrationNumber\": \"REG-067893\"}' | jq '{status: .result.status, transactionId, block, validation}'"
say 'A batch of an approved product, its serials commissioned (up to the contract'"'"'s limit per call; a whole'
say 'batch'"'"'s serials go through the serial upload), and a shipment to the distributor:' ''
run "curl -s -X POST \$api/batches -H \"Authorization: Bearer \$MANUFACTURER\" $json -d '{\"gtin\": \"08960001000015\", \"lot\": \"PAN2403\", \"expiry\": \"290630\", \"quantity\": \"3\"}' | jq '.result | {gtin, lot, expiry, status}'"
run "curl -s -X POST \$api/batches/08960001000015/PAN2403/packs -H \"Authorization: Bearer \$MANUFACTURER\" $json -d '{\"serials\": [\"P2403A\", \"P2403B\", \"P2403C\"]}' | jq -c .result"
run "SHIPMENT=\$(curl -s -X POST \$api/shipments -H \"Authorization: Bearer \$MANUFACTURER\" $json -d '{\"receiverGln\": \"8960000000047\", \"packs\": [{\"gtin\": \"08960001000015\", \"serial\": \"P2403A\"}, {\"gtin\": \"08960001000015\", \"serial\": \"P2403B\"}]}' | jq -r .result.shipmentId); echo \$SHIPMENT"
say '### Serial upload: a whole batch'"'"'s serials as a job' ''
say '`POST /api/v1/batches/{gtin}/{lot}/serial-uploads` takes up to 1,000,000 serials as `text/csv` (one a line, an'
say 'optional `serial` header) or JSON (`{"serials": […]}`), streamed into the data folder and checked as they arrive:'
say 'a malformed or repeated serial, an empty or oversized body is refused naming the line, and nothing is'
say 'commissioned. The contract dry-runs the first chunk, so a wrong party or a batch that may not take serials gets'
say 'its code at once. Accepted, it answers 202 with the job; the job commissions chunk by chunk (5,000 serials) in'
say 'the background, writes its progress after every chunk, and after a restart resumes where it was, deciding from'
say 'the ledger'"'"'s blocks whether the chunk in flight had committed, so no serial is commissioned twice. The demo'
say 'batch PAN2402 has 1,000,000 units awaiting serials.' ''
run "seq 1 200000 | awk '{printf \"PAN2402-%07d\\n\", \$1}' > /tmp/serials.csv; wc -l < /tmp/serials.csv"
run "UPLOAD=\$(curl -s -X POST \$api/batches/08960001000015/PAN2402/serial-uploads -H \"Authorization: Bearer \$MANUFACTURER\" -H 'Content-Type: text/csv' -H 'Idempotency-Key: line-4-PAN2402-part-1' --data-binary @/tmp/serials.csv | jq -r .id); echo \$UPLOAD"
run "sleep 2; curl -s \$api/serial-uploads/\$UPLOAD -H \"Authorization: Bearer \$MANUFACTURER\" | jq -c '{state, total, commissioned, chunks}'"
run "for i in \$(seq 120); do [ \"\$(curl -s \$api/serial-uploads/\$UPLOAD -H \"Authorization: Bearer \$MANUFACTURER\" | jq -r .state)\" = DONE ] && break; sleep 1; done; curl -s \$api/serial-uploads/\$UPLOAD -H \"Authorization: Bearer \$MANUFACTURER\" | jq '{state, total, commissioned, chunks, detail}'"
say 'The same upload retried with its key answers the first job; a bad line is refused before any job:' ''
run "curl -s -X POST \$api/batches/08960001000015/PAN2402/serial-uploads -H \"Authorization: Bearer \$MANUFACTURER\" -H 'Content-Type: text/csv' -H 'Idempotency-Key: line-4-PAN2402-part-1' --data-binary @/tmp/serials.csv | jq -c '{id, state, commissioned}'"
run "printf 'serial\\nPAN2402-X1\\nPAN 2402\\n' | curl -s -X POST \$api/batches/08960001000015/PAN2402/serial-uploads -H \"Authorization: Bearer \$MANUFACTURER\" -H 'Content-Type: text/csv' --data-binary @- | jq -c '{status, code, field, detail}'"
run "curl -s -X POST \$api/verify $json -d '{\"gtin\": \"08960001000015\", \"serial\": \"PAN2402-0200000\", \"lot\": \"PAN2402\"}' | jq -c '{verdict: .verdict.verdict, block}'"
say 'Someone else'"'"'s product, or a role the contract does not let register one:' ''
run "curl -s -X POST \$api/batches -H \"Authorization: Bearer \$MANUFACTURER\" $json -d '{\"gtin\": \"04012345000016\", \"lot\": \"X1\", \"expiry\": \"290630\", \"quantity\": \"3\"}' | jq '{status, code, detail}'"

say '## The distributor: receiving and shipping on' ''
run 'DISTRIBUTOR=$(gateway-api/token.sh issue distributor)'
run "curl -s \"\$api/shipments?receiver=8960000000047&status=IN_TRANSIT\" -H \"Authorization: Bearer \$DISTRIBUTOR\" | jq '.records[] | {shipmentId, shipperGln, packs: (.packs | length), status}'"
run "curl -s -X POST \$api/shipments/\$SHIPMENT/receipt -H \"Authorization: Bearer \$DISTRIBUTOR\" | jq '{status: .result.status, block}'"
run "TO_PHARMACY=\$(curl -s -X POST \$api/shipments -H \"Authorization: Bearer \$DISTRIBUTOR\" $json -d '{\"receiverGln\": \"8960000000054\", \"packs\": [{\"gtin\": \"08960001000015\", \"serial\": \"P2403A\"}]}' | jq -r .result.shipmentId); echo \$TO_PHARMACY"

say '## The pharmacy: receiving, verifying and dispensing' ''
run 'PHARMACY=$(gateway-api/token.sh issue pharmacy); gateway-api/token.sh list'
run "curl -s -X POST \$api/shipments/\$TO_PHARMACY/receipt -H \"Authorization: Bearer \$PHARMACY\" | jq -c '.result | {status, receiverGln}'"
say 'A signed-in verification hears the ledger'"'"'s whole answer; one that fails raises an alert as the pharmacy:' ''
run "curl -s -X POST \$api/verify -H \"Authorization: Bearer \$PHARMACY\" $json -d '{\"code\": \"(01)08960001000015(21)FAKE0001(10)PAN2401(17)281231\"}' | jq '{verdict: .verdict.verdict, alert: .alert | {alertId, code, status}}'"
say 'Dispensing answers each pack on its own; a second dispense of a pack is refused and raises an alert:' ''
run "curl -s -X POST \$api/dispense -H \"Authorization: Bearer \$PHARMACY\" $json -d '{\"packs\": [{\"gtin\": \"08960001000015\", \"serial\": \"P2403A\", \"lot\": \"PAN2403\", \"expiry\": \"290630\"}, {\"gtin\": \"08960001000015\", \"serial\": \"PAN000001\"}]}' | jq"
say 'A till that lost the answer retries with its `Idempotency-Key`, and hears the first outcome (same transaction):' ''
run "curl -s -X POST \$api/dispense -H \"Authorization: Bearer \$PHARMACY\" -H 'Idempotency-Key: till-1-sale-0042' $json -d '{\"packs\": [{\"gtin\": \"08960001000015\", \"serial\": \"PAN000011\"}]}' | jq -c '{code: .result[0].code, transactionId, block}'"
run "curl -s -X POST \$api/dispense -H \"Authorization: Bearer \$PHARMACY\" -H 'Idempotency-Key: till-1-sale-0042' $json -d '{\"packs\": [{\"gtin\": \"08960001000015\", \"serial\": \"PAN000011\"}]}' | jq -c '{code: .result[0].code, transactionId, block}'"
say 'Over gRPC (`dawaledger.v1.Packs`, [`packs.proto`](../gateway-api/src/main/proto/dawaledger/v1/packs.proto)), the token in the `authorization` metadata:' ''
run "$grpc -proto dawaledger/v1/packs.proto -H \"authorization: Bearer \$PHARMACY\" -d '{\"packs\": [{\"gtin\": \"08960001000015\", \"serial\": \"PAN000012\"}], \"idempotency_key\": \"till-1-sale-0043\"}' localhost:9000 dawaledger.v1.Packs/Dispense"
say 'Without a token, and as a party that may not dispense:' ''
run "curl -s -X POST \$api/dispense $json -d '{\"packs\": [{\"gtin\": \"08960001000015\", \"serial\": \"PAN000013\"}]}' | jq -c '{status, code}'"
run "curl -s -X POST \$api/dispense -H \"Authorization: Bearer \$DISTRIBUTOR\" $json -d '{\"packs\": [{\"gtin\": \"08960001000015\", \"serial\": \"PAN000013\"}]}' | jq -c '{status, code, detail}'"
run "$grpc -proto dawaledger/v1/packs.proto -d '{\"packs\": [{\"gtin\": \"08960001000015\", \"serial\": \"PAN000013\"}]}' localhost:9000 dawaledger.v1.Packs/Dispense"

say '## The importer: foreign products and import declarations' ''
run 'IMPORTER=$(gateway-api/token.sh issue importer)'
run "curl -s -X POST \$api/imports -H \"Authorization: Bearer \$IMPORTER\" $json -d '{\"gtin\": \"04012345000016\", \"lot\": \"AUG2406\", \"expiry\": \"290930\", \"quantity\": \"2000\", \"permitNumber\": \"DRAP-IMP-2026-5521\", \"portOfEntry\": \"Karachi Port\", \"foreignManufacturer\": \"Beecham Pharmaceuticals (Pte) Ltd\"}' | jq '.result | {gtin, lot, status, origin}'"
run "curl -s \"\$api/imports?importer=8960000000030\" -H \"Authorization: Bearer \$IMPORTER\" | jq -c '.records[] | {lot, status}'"

say '## The regulator: approvals, clearances, alerts, recalls and audit' ''
run 'REGULATOR=$(gateway-api/token.sh issue regulator)'
say 'Every licence on the ledger, in GLN order (regulator only):' ''
run "curl -s \"\$api/participants?pageSize=10\" -H \"Authorization: Bearer \$REGULATOR\" | jq -c '.records[] | {gln, role, legalName, status}'"
say 'Products awaiting approval, and the approval:' ''
run "curl -s \$api/products/pending -H \"Authorization: Bearer \$REGULATOR\" | jq -c '.records[] | {gtin, name, ownerGln}'"
run "curl -s -X POST \$api/products/08960001000022/approval -H \"Authorization: Bearer \$REGULATOR\" $json -d '{\"reason\": \"Registration REG-067893 confirmed\"}' | jq -c '.result | {gtin, status}'"
say 'Its regulated price: the maximum retail price per pack, in paisa (text, so no floating point), from a date on,'
say 'with the notification as reference. Every verification of the product then shows the price in force that day.' ''
run "curl -s -X POST \$api/products/08960001000022/price -H \"Authorization: Bearer \$REGULATOR\" $json -d '{\"paisa\": \"5200\", \"effectiveFrom\": \"2026-12-01\", \"reference\": \"S.R.O. 1301(I)/2026\"}' | jq -c '.result'"
say 'Imports awaiting clearance; one released, one rejected:' ''
run "curl -s \$api/imports -H \"Authorization: Bearer \$REGULATOR\" | jq -c '.records[] | {gtin, lot, ownerGln, status}'"
run "curl -s -X POST \$api/imports/04012345000016/AUG2405/clearance -H \"Authorization: Bearer \$REGULATOR\" $json -d '{\"decision\": \"RELEASE\", \"reason\": \"samples passed, CoA DRAP-CL-2026-0877\"}' | jq -c '.result | {lot, status}'"
run "curl -s -X POST \$api/imports/04012345000016/AUG2406/clearance -H \"Authorization: Bearer \$REGULATOR\" $json -d '{\"decision\": \"REJECT\", \"reason\": \"permit does not cover this lot\"}' | jq -c '.result | {lot, status}'"
say 'Watching recalls, clearances and alerts as they are committed (server-sent events; `GET /api/v1/events`): the'
say 'regulator sees everything, anyone else recalls and withdrawals, and a party also its own clearances and alerts.'
say 'Here a watcher runs while the regulator triages the open alerts and recalls a batch:' ''
run "curl -s -N --max-time 4 \$api/events -H \"Authorization: Bearer \$REGULATOR\" > /tmp/events.txt & sleep 1"
run "curl -s \"\$api/alerts?status=OPEN\" -H \"Authorization: Bearer \$REGULATOR\" | jq -c '.records[] | {alertId, code, gtin, serial, raisedBy}'"
quiet "ALERT=\$(curl -s \"\$api/alerts?status=OPEN\" -H \"Authorization: Bearer \$REGULATOR\" | jq -r '.records[0].alertId')"
run "curl -s -X POST \$api/alerts/\$ALERT/resolution -H \"Authorization: Bearer \$REGULATOR\" $json -d '{\"finding\": \"FALSIFIED\", \"note\": \"lab report DRAP-LAB-2026-311\"}' | jq -c '.result | {alertId, status, finding}'"
run "curl -s -X POST \$api/batches/08960001000015/PAN2403/recall -H \"Authorization: Bearer \$REGULATOR\" $json -d '{\"reason\": \"DRAP notification 2026-RC-014: dissolution failure\"}' | jq -c '.result | {lot, status, statusReason}'"
run "sleep 3; cat /tmp/events.txt"
say 'The same over gRPC (`dawaledger.v1.Events/WatchEvents`, [`events.proto`](../gateway-api/src/main/proto/dawaledger/v1/events.proto)), from a block on:' ''
run "timeout 3 $grpc -proto dawaledger/v1/events.proto -d '{\"from_block\": 1}' localhost:9000 dawaledger.v1.Events/WatchEvents | jq -c '{id, type, block}'"
say 'The audit trail of a pack, and a participant'"'"'s licence:' ''
run "curl -s \$api/packs/08960001000015/P2403A/history -H \"Authorization: Bearer \$REGULATOR\" | jq -c '.records[] | {action, partyGln, toStatus, timestamp}'"
run "curl -s -X PUT \$api/participants/8960000000047/status -H \"Authorization: Bearer \$REGULATOR\" $json -d '{\"status\": \"SUSPENDED\", \"reason\": \"inspection DRAP-INS-2026-118\"}' | jq -c '.result | {gln, status}'"
run "curl -s -X POST \$api/shipments -H \"Authorization: Bearer \$DISTRIBUTOR\" $json -d '{\"receiverGln\": \"8960000000054\", \"packs\": [{\"gtin\": \"08960001000015\", \"serial\": \"P2403B\"}]}' | jq -c '{status, code}'"
run "curl -s -X PUT \$api/participants/8960000000047/status -H \"Authorization: Bearer \$REGULATOR\" $json -d '{\"status\": \"ACTIVE\", \"reason\": \"inspection passed\"}' | jq -c '.result | {gln, status}'"
say 'A pharmacy may not do the regulator'"'"'s work:' ''
run "curl -s -X POST \$api/batches/08960001000015/PAN2401/recall -H \"Authorization: Bearer \$PHARMACY\" $json -d '{\"reason\": \"I say so\"}' | jq -c '{status, code, detail}'"
run "curl -s \$api/alerts -H \"Authorization: Bearer \$PHARMACY\" | jq -c '{status, code}'"

exec 3>&-
mv "$out" docs/api.md
echo "api-examples: wrote docs/api.md" >&2
