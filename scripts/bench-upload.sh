#!/usr/bin/env bash
# Measures commissioning a batch's serials through the gateway's upload API (issue 9) and writes the section
# "Gateway: commissioning 1,000,000 serials through the upload API" of docs/benchmarks.md (other sections are left
# alone):
#   - embedded: the gateway (quarkus-run.jar, -Xmx256m as scripts/bench-gateway.sh runs it) on a new data folder with
#     the demo world; the demo manufacturer, by a token token.sh issues, registers a batch of N units of the demo
#     product over REST and uploads its N serials as one CSV (POST /api/v1/batches/{gtin}/{lot}/serial-uploads); the
#     job is polled (GET /api/v1/serial-uploads/{id}) and its progress printed until it is DONE; then the job's count,
#     the manufacturer's stock holding of the batch and a sample of the serials (VerifyPack over REST) are checked.
#     The baseline, in the same run: N packs commissioned straight on the ledger (BenchmarkLedger, the gateway not
#     running, each on a new data folder with the demo world), 5,000 per call (the job's chunk) and 10,000 per call;
#   - Fabric (network-config/network.sh up, brought up if it is not running, and down again at the end if this script
#     brought it up): the manufacturer's gateway alone, in Fabric mode on its peer, does the same upload; the
#     baseline, in the same run and before it, is CommissionPacks of N packs of another batch straight through the
#     Fabric Gateway SDK as the same identity, 5,000 per call (CommissionBaseline in network-tests' test sources).
# For each upload: the request's own time (receiving and spooling the serials, the contract's trial of the first
# chunk), the time from POST until the job is DONE, the job's chunks (p50/p99 from the gateway's log), the gateway's
# CPU seconds and its resident memory (VmRSS every 0.5 s, VmHWM). With 1,000,000 serials on 2 CPUs shared with other
# work (load average 8 to 16), measured: the embedded part 5.3 minutes, the Fabric part 14.3 (46 s of it bringing the
# network up), and the build before them 2 to 3; about 22 minutes in all. Not a test: its figures depend on the
# machine and on what else runs on it.
#
# Options:
#   --packs N            serials uploaded, and packs of each baseline (default 1,000,000, the upload API's limit)
#   --no-fabric          the embedded part only (by default Fabric too, when Fabric 3.1.5 can be found:
#                        network-config/network.sh install)
#   --network-lock FILE  hold flock(1) on FILE while the network is used (from before network.sh up until after it is
#                        down again), for a machine where several people share the network
#   --xmx SIZE           the gateway's -Xmx (default 256m)
# BENCH_HTTP_PORT / BENCH_GRPC_PORT: the gateway's ports (default 8096 / 9096).
set -euo pipefail
cd "$(dirname "$0")/.."

section="Gateway: commissioning 1,000,000 serials through the upload API"
packs=1000000 fabric=auto lock= xmx=256m
while (($#)); do
  case $1 in
    --packs) packs=$2; shift 2 ;;
    --no-fabric) fabric=no; shift ;;
    --network-lock) lock=$2; shift 2 ;;
    --xmx) xmx=$2; shift 2 ;;
    *) echo "bench: unknown option $1 (see the head of $0)" >&2; exit 2 ;;
  esac
done
((packs >= 1 && packs <= 1000000)) || { echo "bench: --packs is 1 to 1,000,000 (the upload's limit)" >&2; exit 2; }
if [[ $fabric == auto ]]; then
  fabric=no
  network-config/network.sh install >/dev/null 2>&1 && fabric=yes
fi
command -v jq >/dev/null || { echo "bench: needs jq" >&2; exit 1; }
http_port=${BENCH_HTTP_PORT:-8096}
grpc_port=${BENCH_GRPC_PORT:-9096}
api=http://localhost:$http_port/api/v1
started=$(date +%s)

work=$(mktemp -d /tmp/bench-upload.XXXXXX)
results=$work/results.tsv
: >"$results"
server= sampler= network_started=no
stop_server() {
  local process
  for process in $sampler $server; do
    kill "$process" 2>/dev/null || true
    wait "$process" 2>/dev/null || true
  done
  sampler= server=
}
cleanup() {
  stop_server
  if [[ $network_started == yes ]]; then
    network-config/network.sh down >/dev/null 2>&1 9>&- || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

for port in "$http_port" "$grpc_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "bench: something already listens on port $port; stop it or set BENCH_HTTP_PORT / BENCH_GRPC_PORT" >&2
    exit 1
  fi
done

echo "bench: building the gateway and the benchmark's clients" >&2
modules=gateway-api
[[ $fabric == yes ]] && modules=gateway-api,network-tests
# Each module's test class path into its own target/ (a relative file parameter is taken from the module's folder).
mvn -B -q -DskipTests -pl "$modules" -am package dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt
classpath="gateway-api/target/test-classes:gateway-api/target/classes:$(cat gateway-api/target/bench-classpath.txt)"
app=gateway-api/target/quarkus-app
# The job's chunk size, as the gateway is configured by default.
chunk=$(sed -n 's/^ *@WithDefault("\([0-9]*\)")$/\1/p' \
  gateway-api/src/main/java/org/dawaledger/gateway/commissioning/SerialUploadConfig.java | head -1)
say() { echo "bench: $*" >&2; }
record() { printf '%s\t%s\n' "$1" "$2" >>"$results"; say "  $2"; }
now() { date +%s.%N; }
grouped() { printf '%.0f\n' "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'; }

# ------------------------------------------------------------------------------------------------ the gateway

# Starts the gateway on a data folder: DATA LOG, then the environment of its mode (NAME=VALUE ...).
start_gateway() {
  local data=$1 log=$2
  shift 2
  say "starting the gateway (-Xmx$xmx) on ports $http_port and $grpc_port"
  # The anonymous rate limit (per client address; the sample's checks come from 127.0.0.1) is raised out of the way.
  env "$@" DAWALEDGER_DATA_DIR="$data" QUARKUS_HTTP_PORT="$http_port" QUARKUS_GRPC_SERVER_PORT="$grpc_port" \
    DAWALEDGER_ANONYMOUS_PER_SECOND=1000000000 DAWALEDGER_ANONYMOUS_BURST=1000000000 \
    java "-Xmx$xmx" -jar "$app/quarkus-run.jar" >"$log" 2>&1 9>&- &
  server=$!
  for _ in $(seq 1200); do
    curl -sf -o /dev/null "http://localhost:$http_port/q/health/ready" && return 0
    kill -0 "$server" 2>/dev/null || { say "the gateway stopped; its log ends:"; tail -30 "$log" >&2; exit 1; }
    sleep 0.5
  done
  say "the gateway is not ready after 600 s; its log ends:"
  tail -30 "$log" >&2
  exit 1
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
status_kb() { awk -v key="$1:" '$1 == key {print $2}' "/proc/$server/status"; }

# The whole upload through the gateway that runs now, on data folder DATA with log LOG, as row TARGET: a new batch of
# the demo product, its serials as one CSV, the job followed until it ends, then the checks.
upload() {
  local target=$1 data=$2 log=$3 token gln lot gtin=08960001000015 auth reply code request_s t0 id job state
  local shown=0 done_serials cpu_before ticks rss_idle
  token=$(DAWALEDGER_DATA_DIR=$data gateway-api/token.sh issue manufacturer)
  auth="Authorization: Bearer $token"
  gln=$(curl -sf "$api/me" -H "$auth" | jq -r '.participant.gln // .gln')
  lot=U$((RANDOM % 90000 + 10000))
  say "$target: registering batch $gtin/$lot of $packs units over REST, as the manufacturer ($gln)"
  reply=$(curl -s -X POST "$api/batches" -H "$auth" -H 'Content-Type: application/json' \
    -d "{\"gtin\": \"$gtin\", \"lot\": \"$lot\", \"expiry\": \"301231\", \"quantity\": \"$packs\"}")
  [[ $(jq -r .validation <<<"$reply") == VALID ]] || { say "RegisterBatch answered $reply"; exit 1; }
  { echo serial; seq 1 "$packs" | awk -v lot="$lot" '{printf "%s-%07d\n", lot, $1}'; } >"$work/serials.csv"

  rss_idle=$(status_kb VmRSS)
  (while [[ -r /proc/$server/status ]]; do
    awk '/^VmRSS:/ {print $2}' "/proc/$server/status" 2>/dev/null
    sleep 0.5
  done) >"$work/rss-$target.txt" &
  sampler=$!
  cpu_before=$(cpu_ticks)
  say "$target: uploading $packs serials as one CSV ($(du -h "$work/serials.csv" | cut -f1))"
  t0=$(now)
  code=$(curl -s -o "$work/accepted.json" -w '%{http_code} %{time_total}' -X POST \
    "$api/batches/$gtin/$lot/serial-uploads" -H "$auth" -H 'Content-Type: text/csv' \
    --data-binary @"$work/serials.csv")
  request_s=${code#* }
  [[ ${code% *} == 202 ]] || { say "the upload answered ${code% *}: $(cat "$work/accepted.json")"; exit 1; }
  id=$(jq -r .id "$work/accepted.json")
  say "$target: accepted as job $id in ${request_s} s; following it"
  while :; do
    sleep 1
    job=$(curl -s "$api/serial-uploads/$id" -H "$auth")
    state=$(jq -r .state <<<"$job")
    [[ $state == DONE || $state == FAILED ]] && break
    kill -0 "$server" 2>/dev/null || { say "the gateway stopped; its log ends:"; tail -30 "$log" >&2; exit 1; }
    if (( $(date +%s) - ${t0%.*} >= shown + 5 )); then
      shown=$(( $(date +%s) - ${t0%.*} ))
      done_serials=$(jq -r .commissioned <<<"$job")
      say "$target:   $(grouped "$done_serials") of $(grouped "$packs") serials commissioned" \
        "($(jq -r '"\(.chunks.done) of \(.chunks.total)"' <<<"$job") chunks), ${shown} s," \
        "$(grouped "$(awk -v n="$done_serials" -v s="$(now)" -v t="$t0" 'BEGIN {print n / (s - t)}')")/s"
    fi
  done
  ticks=$(( $(cpu_ticks) - cpu_before ))
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  sampler=
  [[ $state == DONE ]] || { say "the job failed: $job"; exit 1; }
  say "$target: DONE; checking the ledger"
  python3 scripts/bench-upload-report.py check "$api" "$token" "$gtin" "$lot" "$packs" "$gln" >"$work/check.json" \
    || { say "the check failed"; exit 1; }
  record "$target" "$(jq -c -n --argjson job "$job" --argjson check "$(cat "$work/check.json")" \
    --argjson chunks "$(python3 scripts/bench-upload-report.py chunks "$log" "$id")" \
    --arg t0 "$t0" --arg request "$request_s" --arg cpu "$ticks" --arg idle "$rss_idle" \
    --arg max "$(sort -n "$work/rss-$target.txt" | tail -1)" --arg hwm "$(status_kb VmHWM)" --arg lot "$lot" \
    '{kind: "upload", lot: $lot, packs: $job.total, commissioned: $job.commissioned, chunk: $job.chunks.size,
      request_s: ($request | tonumber), t0: ($t0 | tonumber), created: $job.createdAt, started: $job.startedAt,
      finished: $job.finishedAt, cpu_s: (($cpu | tonumber) / 100), rss_idle_kb: ($idle | tonumber),
      rss_max_kb: ($max | tonumber), rss_hwm_kb: ($hwm | tonumber), chunks: $chunks, check: $check}')"
}

# ------------------------------------------------------------------------------------------------ embedded

# A baseline straight on the embedded ledger: PER_CALL, on a new data folder, the gateway not running.
ledger_baseline() {
  local per_call=$1
  say "embedded baseline: $packs packs straight on the ledger, $per_call per call (BenchmarkLedger, new data folder)"
  rm -rf "$work/ledger"
  # Its progress is shown; the ledger's log of every transaction is not.
  record ledger "$(java -Xmx512m -cp "$classpath" org.dawaledger.gateway.ledger.BenchmarkLedger commission \
    "$work/ledger" "$packs" "$per_call" 2> >(grep --line-buffered '^bench:' >&2) | jq -c '. + {kind: "ledger"}')"
  rm -rf "$work/ledger"
}

load_embedded_start=$(cut -d' ' -f1-3 /proc/loadavg)
embedded_started=$(date +%s)
ledger_baseline "$chunk"
start_gateway "$work/embedded" "$work/embedded.log"
upload embedded "$work/embedded" "$work/embedded.log"
stop_server
rm -rf "$work/embedded"
ledger_baseline 10000
load_embedded_end=$(cut -d' ' -f1-3 /proc/loadavg)
embedded_minutes=$(awk -v s=$(( $(date +%s) - embedded_started )) 'BEGIN {printf "%.1f", s / 60}')

# ------------------------------------------------------------------------------------------------ Fabric

load_fabric_start= load_fabric_end= fabric_minutes= network_up_s=
if [[ $fabric == yes ]]; then
  if [[ -n $lock ]]; then
    say "waiting for the network's lock ($lock)"
    # On descriptor 9, which every command started under it closes (9>&-): nothing that outlives the script holds it.
    exec 9>"$lock"
    flock 9
    say "holding the network's lock"
  fi
  load_fabric_start=$(cut -d' ' -f1-3 /proc/loadavg)
  fabric_started=$(date +%s)
  network=$PWD/network-config/build
  if [[ -f $network/ready ]]; then
    say "the network is up already; using it (and leaving it up)"
  else
    say "bringing the network up (network-config/network.sh up)"
    network_started=yes
    network-config/network.sh up >&2 9>&-
  fi
  network_up_s=$(( $(date +%s) - fabric_started ))
  org=manufacturer.dawaledger.local
  msp() { echo "$network/organizations/peerOrganizations/$1.dawaledger.local/users/$2@$1.dawaledger.local/msp"; }
  tls_ca=$network/organizations/peerOrganizations/$org/tlsca/tlsca.$org-cert.pem
  say "stocking the demo world's goods (FabricDemoWorld; nothing changes if the network has them)"
  java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$app/app/*:$app/lib/main/*:$app/lib/boot/*" \
    org.dawaledger.gateway.ledger.FabricDemoWorld peer=127.0.0.1:7051 \
    tls-ca="$network/organizations/peerOrganizations/regulator.dawaledger.local/tlsca/tlsca.regulator.dawaledger.local-cert.pem" \
    regulator="$(msp regulator Admin)" manufacturer="$(msp manufacturer User1)" importer="$(msp importer User1)" \
    pharmacy="$(msp pharmacy User1)" >&2 9>&-

  say "Fabric baseline: $packs packs straight through the Fabric Gateway SDK, $chunk per call (CommissionBaseline)"
  baseline=$(java -Xmx512m -Dnetwork.script="$PWD/network-config/network.sh" \
    -cp "network-tests/target/test-classes:$(cat network-tests/target/bench-classpath.txt)" \
    org.dawaledger.network.bench.CommissionBaseline --gtin 08960001000015 --packs "$packs" --per-call "$chunk" \
    9>&- | tail -1)
  record sdk "$(jq -c '. + {kind: "sdk"}' <<<"$baseline")"

  data=$work/fabric-manufacturer
  mkdir -p "$data/identities"
  ln -s "$(msp manufacturer User1)" "$data/identities/manufacturer"
  start_gateway "$data" "$work/fabric.log" QUARKUS_PROFILE=fabric DAWALEDGER_FABRIC_PEER_ENDPOINT=127.0.0.1:8051 \
    DAWALEDGER_FABRIC_TLS_CA_CERT="$tls_ca" DAWALEDGER_FABRIC_MSP_ID=ManufacturerMSP
  upload fabric "$data" "$work/fabric.log"
  stop_server
  if [[ $network_started == yes ]]; then
    say "taking the network down (network-config/network.sh down)"
    network-config/network.sh down >&2 9>&-
    network_started=no
  fi
  load_fabric_end=$(cut -d' ' -f1-3 /proc/loadavg)
  fabric_minutes=$(awk -v s=$(( $(date +%s) - fabric_started )) 'BEGIN {printf "%.1f", s / 60}')
  if [[ -n $lock ]]; then
    flock -u 9
    exec 9>&-
  fi
fi

# ------------------------------------------------------------------------------------------------ the section

cat >"$work/meta.env" <<EOF
packs=$packs
chunk=$chunk
xmx=$xmx
fabric=$fabric
network_lock=$([[ -n $lock ]] && echo yes || echo no)
cpus=$(nproc)
ram_gib=$(free -g | awk '/^Mem:/ {print $2}')
java=$(java -version 2>&1 | head -1)
loadavg_embedded_start=$load_embedded_start
loadavg_embedded_end=$load_embedded_end
loadavg_fabric_start=$load_fabric_start
loadavg_fabric_end=$load_fabric_end
embedded_minutes=$embedded_minutes
fabric_minutes=$fabric_minutes
network_up_s=$network_up_s
date=$(date -u '+%Y-%m-%d %H:%M UTC')
minutes=$(( ($(date +%s) - started + 59) / 60 ))
EOF
python3 scripts/bench-upload-report.py section "$results" "$work/meta.env" "$section" >"$work/section.md"
cat "$work/section.md"
scripts/benchmark-section.py docs/benchmarks.md "$work/section.md" "## $section"
say "wrote section \"$section\" of docs/benchmarks.md"
