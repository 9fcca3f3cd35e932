#!/usr/bin/env bash
# The DawaLedger network on one machine: Hyperledger Fabric 3.1.5 run natively (no Docker), every node on 127.0.0.1.
#
#   network.sh install                  find Fabric 3.1.5 (see below) and say where it is
#   network.sh up [--orderers 1|3] [--bft]
#                                       crypto, orderers, peers, channel, chaincode services, the chaincode definition
#                                       approved by every organisation and committed, InitLedger, demo participants;
#                                       returns when a two-organisation write works. A running network is left as is,
#                                       a stopped one is started with its ledger.
#   network.sh down                     stop every process `up` started and remove all generated state
#   network.sh stop | start             stop / restart every process, keeping the ledger
#   network.sh status                   each node's health, the channel height, the chaincode; non-zero when one is down
#   network.sh deploy [--no-build]      build the chaincode and deploy it as the next sequence (the ledger is kept)
#   network.sh logs [node]              the log files (of one node: orderer1, peer-pharmacy, chaincode-regulator, ...)
#   network.sh snapshot [org]           a snapshot of the org's peer's state at its last block; prints its folder
#   network.sh env <org> [user]         shell exports to act as an organisation's admin (or user) with the peer CLI
#   network.sh bench [options]          the ledger's benchmark on this network, written to docs/benchmarks.md
#                                       (--million-packs N, default 1000000; --sweep-packs N, default 30000)
#
# Fabric is taken from, in this order: $FABRIC_HOME (a folder laid out like Fabric's release archive: bin/,
# builders/ccaas/bin/, config/), the cache ${XDG_CACHE_HOME:-$HOME/.cache}/dawaledger/fabric-3.1.5, or a download of
# the official release archive into that cache. It is never built here. docs/network.md explains the rest.
set -euo pipefail

FABRIC_VERSION=3.1.5
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BUILD="$HERE/build"
ORGS_DIR="$BUILD/organizations"
CHANNEL=dawaledger
CHAINCODE=dawaledger
CACHE_HOME="${XDG_CACHE_HOME:-$HOME/.cache}/dawaledger/fabric-$FABRIC_VERSION"
RELEASE_URL="https://github.com/hyperledger/fabric/releases/download/v$FABRIC_VERSION/hyperledger-fabric-linux-amd64-$FABRIC_VERSION.tar.gz"
CHAINCODE_JAR="$ROOT/chaincode/target/dawaledger-chaincode.jar"

# The peer organisations and their ports: peer, peer's chaincode listener, operations, chaincode service.
PEER_ORGS=(regulator manufacturer importer distributor pharmacy)
declare -A MSP=([regulator]=RegulatorMSP [manufacturer]=ManufacturerMSP [importer]=ImporterMSP
  [distributor]=DistributorMSP [pharmacy]=PharmacyMSP)
declare -A PEER_PORT=([regulator]=7051 [manufacturer]=8051 [importer]=9051 [distributor]=10051 [pharmacy]=11051)
declare -A PEER_OPS=([regulator]=9451 [manufacturer]=9452 [importer]=9453 [distributor]=9454 [pharmacy]=9455)
declare -A CC_PORT=([regulator]=7059 [manufacturer]=8059 [importer]=9059 [distributor]=10059 [pharmacy]=11059)
# Orderer i listens on ORDERER_PORT[i], its admin endpoint on +3, operations on ORDERER_OPS[i].
ORDERER_PORT=(_ 7050 7150 7250 7350)
ORDERER_OPS=(_ 9441 9442 9443 9444)
# SmartBFT: orderer i is run by BFT_OPERATOR[i].
BFT_OPERATOR=(_ regulator manufacturer distributor pharmacy)

# No single organisation can endorse a write: any two of the five must agree (docs/network.md says why).
ENDORSEMENT_POLICY="OutOf(2,'RegulatorMSP.peer','ManufacturerMSP.peer','ImporterMSP.peer','DistributorMSP.peer','PharmacyMSP.peer')"

log() { printf 'network: %s\n' "$*"; }
die() { printf 'network: %s\n' "$*" >&2; exit 1; }

# ------------------------------------------------------------------------------------------------- installing Fabric

is_fabric_home() {
  local home=$1
  [[ -x "$home/bin/peer" && -x "$home/bin/orderer" && -x "$home/bin/configtxgen" && -x "$home/bin/cryptogen" \
    && -x "$home/bin/osnadmin" && -x "$home/bin/discover" && -x "$home/builders/ccaas/bin/detect" \
    && -x "$home/builders/ccaas/bin/build" && -x "$home/builders/ccaas/bin/release" && -f "$home/config/core.yaml" \
    && -f "$home/config/orderer.yaml" ]] \
    && "$home/bin/peer" version 2>/dev/null | grep -q "Version: $FABRIC_VERSION\$"
}

# Prints the Fabric home to use, installing it into the cache when needed; fails with the three ways when it cannot.
fabric_home() {
  if [[ -n "${FABRIC_HOME:-}" ]]; then
    is_fabric_home "$FABRIC_HOME" && { echo "$FABRIC_HOME"; return; }
    die "FABRIC_HOME=$FABRIC_HOME is not a Fabric $FABRIC_VERSION home (bin/peer reporting $FABRIC_VERSION, bin/orderer, bin/configtxgen, bin/cryptogen, bin/osnadmin, bin/discover, builders/ccaas/bin/{detect,build,release}, config/core.yaml, config/orderer.yaml)"
  fi
  if is_fabric_home "$CACHE_HOME"; then echo "$CACHE_HOME"; return; fi
  local archive
  archive=$(mktemp --suffix=.tar.gz)
  if curl -fsSL --connect-timeout 10 --max-time 600 -o "$archive" "$RELEASE_URL" 2>/dev/null; then
    mkdir -p "$CACHE_HOME" && tar -xzf "$archive" -C "$CACHE_HOME" && rm -f "$archive"
    is_fabric_home "$CACHE_HOME" && { echo "$CACHE_HOME"; return; }
  fi
  rm -f "$archive"
  die "Fabric $FABRIC_VERSION not found. Provide it one of three ways: set FABRIC_HOME to a folder laid out like Fabric's release archive (bin/, builders/ccaas/bin/, config/); or unpack that archive into $CACHE_HOME; or let this script download $RELEASE_URL (it could not be reached from here)."
}

# ------------------------------------------------------------------------------------------------- paths and helpers

org_domain() { echo "$1.dawaledger.local"; }
peer_dir() { echo "$ORGS_DIR/peerOrganizations/$(org_domain "$1")/peers/peer0.$(org_domain "$1")"; }
peer_tls_ca() { echo "$ORGS_DIR/peerOrganizations/$(org_domain "$1")/tlsca/tlsca.$(org_domain "$1")-cert.pem"; }
user_msp() { echo "$ORGS_DIR/peerOrganizations/$(org_domain "$1")/users/$2@$(org_domain "$1")/msp"; }

# The orderer nodes of the running topology: "name|mspId|orgDomain" for i = 1..n.
orderer_node() {
  local i=$1
  if [[ "$ORDERING" == bft ]]; then
    local operator=${BFT_OPERATOR[$i]}
    echo "bft$i|${operator^}OrdererMSP|orderer.$operator.dawaledger.local"
  else
    echo "orderer$i|OrdererMSP|orderer.dawaledger.local"
  fi
}
orderer_field() { orderer_node "$1" | cut -d'|' -f"$2"; }
orderer_dir() { echo "$ORGS_DIR/ordererOrganizations/$(orderer_field "$1" 3)/orderers/$(orderer_field "$1" 1).$(orderer_field "$1" 3)"; }
orderer_tls_ca() { echo "$ORGS_DIR/ordererOrganizations/$(orderer_field "$1" 3)/tlsca/tlsca.$(orderer_field "$1" 3)-cert.pem"; }
orderer_admin() { echo "$ORGS_DIR/ordererOrganizations/$(orderer_field "$1" 3)/users/Admin@$(orderer_field "$1" 3)"; }
orderer_count() { [[ "$ORDERING" == bft ]] && echo 4 || echo "$ORDERERS"; }

# Every orderer organisation's TLS CA, comma-separated: orderers trust each other across organisations (BFT).
all_orderer_tls_cas() {
  local cas=() i
  for ((i = 1; i <= $(orderer_count); i++)); do cas+=("$(orderer_tls_ca "$i")"); done
  (IFS=,; echo "${cas[*]}" | tr ',' '\n' | sort -u | paste -sd, -)
}

save_topology() {
  mkdir -p "$BUILD"
  printf 'ORDERING=%s\nORDERERS=%s\nSEQUENCE=%s\nPACKAGE_LABEL=%s\n' "$ORDERING" "$ORDERERS" "${SEQUENCE:-0}" \
    "${PACKAGE_LABEL:-}" > "$BUILD/topology.env"
}
load_topology() {
  [[ -f "$BUILD/topology.env" ]] || return 1
  # shellcheck disable=SC1091
  source "$BUILD/topology.env"
}

pid_file() { echo "$BUILD/pids/$1.pid"; }
is_running() { local f; f=$(pid_file "$1"); [[ -f "$f" ]] && kill -0 "$(cat "$f")" 2>/dev/null; }

# Starts a process in the background with a clean environment, logging to build/logs/<name>.log.
spawn() {
  local name=$1; shift
  mkdir -p "$BUILD/logs" "$BUILD/pids"
  is_running "$name" && return 0
  # setsid: the node does not die with the shell that started it, and `down` stops it by its PID.
  setsid env -i PATH="$PATH" HOME="$HOME" "$@" >> "$BUILD/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$(pid_file "$name")"
}

wait_healthy() {
  local name=$1 address=$2 deadline=$((SECONDS + ${3:-60}))
  until curl -fsS "http://$address/healthz" 2>/dev/null | grep -q '"status":"OK"'; do
    is_running "$name" || die "$name stopped while starting; see $BUILD/logs/$name.log"
    ((SECONDS < deadline)) || die "$name is not healthy after ${3:-60}s; see $BUILD/logs/$name.log"
    sleep 0.3
  done
}

# Runs the peer CLI as an organisation's identity (Admin by default).
as_org() {
  local org=$1 user=$2; shift 2
  env FABRIC_CFG_PATH="$BUILD/config" CORE_PEER_TLS_ENABLED=true CORE_PEER_LOCALMSPID="${MSP[$org]}" \
    CORE_PEER_MSPCONFIGPATH="$(user_msp "$org" "$user")" CORE_PEER_TLS_ROOTCERT_FILE="$(peer_tls_ca "$org")" \
    CORE_PEER_ADDRESS="127.0.0.1:${PEER_PORT[$org]}" FABRIC_LOGGING_SPEC=WARNING "$@"
}

orderer_args() { echo "-o 127.0.0.1:${ORDERER_PORT[1]} --tls --cafile $(orderer_tls_ca 1)"; }

# ------------------------------------------------------------------------------------------------- generating state

generate() {
  log "generating crypto material and the channel's genesis block (profile $1)"
  rm -rf "$ORGS_DIR"
  "$FH/bin/cryptogen" generate --config="$HERE/crypto-config.yaml" --output="$ORGS_DIR" > /dev/null
  mkdir -p "$BUILD/config" "$BUILD/channel"
  cp "$FH/config/core.yaml" "$FH/config/orderer.yaml" "$BUILD/config/"
  "$FH/bin/configtxgen" -configPath "$HERE" -profile "$1" -channelID "$CHANNEL" \
    -outputBlock "$BUILD/channel/$CHANNEL.block" > "$BUILD/logs-configtxgen.txt" 2>&1 \
    || { cat "$BUILD/logs-configtxgen.txt" >&2; die "configtxgen failed"; }
}

# ------------------------------------------------------------------------------------------------- nodes

start_orderer() {
  local i=$1 name dir port=${ORDERER_PORT[$1]}
  name=$(orderer_field "$i" 1); dir=$(orderer_dir "$i")
  mkdir -p "$BUILD/data/$name"
  spawn "$name" FABRIC_CFG_PATH="$BUILD/config" GOMEMLIMIT=160MiB FABRIC_LOGGING_SPEC=INFO \
    ORDERER_GENERAL_LISTENADDRESS=127.0.0.1 ORDERER_GENERAL_LISTENPORT="$port" \
    ORDERER_GENERAL_LOCALMSPID="$(orderer_field "$i" 2)" ORDERER_GENERAL_LOCALMSPDIR="$dir/msp" \
    ORDERER_GENERAL_BOOTSTRAPMETHOD=none ORDERER_CHANNELPARTICIPATION_ENABLED=true \
    ORDERER_GENERAL_TLS_ENABLED=true ORDERER_GENERAL_TLS_PRIVATEKEY="$dir/tls/server.key" \
    ORDERER_GENERAL_TLS_CERTIFICATE="$dir/tls/server.crt" ORDERER_GENERAL_TLS_ROOTCAS="[$(all_orderer_tls_cas)]" \
    ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE="$dir/tls/server.crt" \
    ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY="$dir/tls/server.key" \
    ORDERER_GENERAL_CLUSTER_ROOTCAS="[$(all_orderer_tls_cas)]" \
    ORDERER_ADMIN_LISTENADDRESS="127.0.0.1:$((port + 3))" ORDERER_ADMIN_TLS_ENABLED=true \
    ORDERER_ADMIN_TLS_CERTIFICATE="$dir/tls/server.crt" ORDERER_ADMIN_TLS_PRIVATEKEY="$dir/tls/server.key" \
    ORDERER_ADMIN_TLS_ROOTCAS="[$(orderer_tls_ca "$i")]" ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true \
    ORDERER_ADMIN_TLS_CLIENTROOTCAS="[$(orderer_tls_ca "$i")]" \
    ORDERER_FILELEDGER_LOCATION="$BUILD/data/$name/ledger" \
    ORDERER_CONSENSUS_WALDIR="$BUILD/data/$name/wal" ORDERER_CONSENSUS_SNAPDIR="$BUILD/data/$name/snapshot" \
    ORDERER_OPERATIONS_LISTENADDRESS="127.0.0.1:${ORDERER_OPS[$i]}" ORDERER_METRICS_PROVIDER=disabled \
    "$FH/bin/orderer"
}

start_peer() {
  local org=$1 dir port=${PEER_PORT[$1]}
  dir=$(peer_dir "$org")
  mkdir -p "$BUILD/data/peer-$org"
  spawn "peer-$org" FABRIC_CFG_PATH="$BUILD/config" GOMEMLIMIT="${PEER_GOMEMLIMIT:-512MiB}" FABRIC_LOGGING_SPEC="${PEER_LOGGING:-INFO}" \
    CORE_PEER_ID="peer0.$(org_domain "$org")" CORE_PEER_ADDRESS="127.0.0.1:$port" \
    CORE_PEER_LISTENADDRESS="127.0.0.1:$port" CORE_PEER_CHAINCODELISTENADDRESS="127.0.0.1:$((port + 1))" \
    CORE_PEER_CHAINCODEADDRESS="127.0.0.1:$((port + 1))" CORE_PEER_GOSSIP_BOOTSTRAP="127.0.0.1:$port" \
    CORE_PEER_GOSSIP_EXTERNALENDPOINT="127.0.0.1:$port" CORE_PEER_GOSSIP_USELEADERELECTION=false \
    CORE_PEER_GOSSIP_ORGLEADER=true CORE_PEER_GOSSIP_RECONNECTINTERVAL=2s CORE_PEER_GOSSIP_ALIVETIMEINTERVAL=2s \
    CORE_PEER_LOCALMSPID="${MSP[$org]}" CORE_PEER_MSPCONFIGPATH="$dir/msp" \
    CORE_PEER_TLS_ENABLED=true CORE_PEER_TLS_CERT_FILE="$dir/tls/server.crt" \
    CORE_PEER_TLS_KEY_FILE="$dir/tls/server.key" CORE_PEER_TLS_ROOTCERT_FILE="$dir/tls/ca.crt" \
    CORE_PEER_FILESYSTEMPATH="$BUILD/data/peer-$org" CORE_LEDGER_SNAPSHOTS_ROOTDIR="$BUILD/data/peer-$org/snapshots" \
    CORE_OPERATIONS_LISTENADDRESS="127.0.0.1:${PEER_OPS[$org]}" CORE_METRICS_PROVIDER=disabled \
    CORE_VM_ENDPOINT= CORE_CHAINCODE_EXTERNALBUILDERS="[{name: ccaas, path: $FH/builders/ccaas}]" \
    CORE_CHAINCODE_EXECUTETIMEOUT=120s CORE_PEER_GATEWAY_ENDORSEMENTTIMEOUT=120s \
    CORE_PEER_GATEWAY_BROADCASTTIMEOUT=60s \
    "$FH/bin/peer" node start
}

# Each organisation runs the contract as a service for its own peer, which dials it over TLS.
start_chaincode() {
  local org=$1 dir tls
  dir="$ORGS_DIR/peerOrganizations/$(org_domain "$org")/peers/chaincode.$(org_domain "$org")/tls"
  tls="$BUILD/chaincode-tls/$org"
  mkdir -p "$tls"
  # The shim reads the key and certificate twice: as PEM files, and as base64 copies of them.
  base64 -w0 "$dir/server.key" > "$tls/key.b64"
  base64 -w0 "$dir/server.crt" > "$tls/cert.b64"
  spawn "chaincode-$org" CHAINCODE_SERVER_ADDRESS="127.0.0.1:${CC_PORT[$org]}" \
    CORE_CHAINCODE_ID_NAME="$(package_id_of "$org")" DAWALEDGER_REGULATOR_MSP=RegulatorMSP \
    CORE_PEER_TLS_ENABLED=true CORE_TLS_CLIENT_KEY_FILE="$dir/server.key" CORE_TLS_CLIENT_CERT_FILE="$dir/server.crt" \
    CORE_TLS_CLIENT_KEY_PATH="$tls/key.b64" CORE_TLS_CLIENT_CERT_PATH="$tls/cert.b64" \
    CORE_PEER_TLS_ROOTCERT_FILE="$dir/ca.crt" CORE_CHAINCODE_LOGGING_LEVEL=WARNING \
    CORE_CHAINCODE_LOGGING_SHIM=WARNING MALLOC_ARENA_MAX=2 \
    java -Xms32m -Xmx192m -Xss512k -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 \
    -jar "$BUILD/chaincode/dawaledger-chaincode.jar"
}

wait_chaincode() {
  local org=$1 deadline=$((SECONDS + 60))
  until (exec 3<>"/dev/tcp/127.0.0.1/${CC_PORT[$org]}") 2>/dev/null; do
    is_running "chaincode-$org" || die "chaincode-$org stopped while starting; see $BUILD/logs/chaincode-$org.log"
    ((SECONDS < deadline)) || die "chaincode-$org does not listen after 60s"
    sleep 0.3
  done
}

start_nodes() {
  local i org
  for ((i = 1; i <= $(orderer_count); i++)); do start_orderer "$i"; done
  for org in "${PEER_ORGS[@]}"; do start_peer "$org"; done
  if [[ -f "$BUILD/chaincode/package-ids" ]]; then
    for org in "${PEER_ORGS[@]}"; do start_chaincode "$org"; done
  fi
  for ((i = 1; i <= $(orderer_count); i++)); do wait_healthy "$(orderer_field "$i" 1)" "127.0.0.1:${ORDERER_OPS[$i]}"; done
  for org in "${PEER_ORGS[@]}"; do wait_healthy "peer-$org" "127.0.0.1:${PEER_OPS[$org]}"; done
  if [[ -f "$BUILD/chaincode/package-ids" ]]; then
    for org in "${PEER_ORGS[@]}"; do wait_chaincode "$org"; done
  fi
}

stop_all() {
  local f pid
  [[ -d "$BUILD/pids" ]] || return 0
  for f in "$BUILD"/pids/*.pid; do
    [[ -e "$f" ]] || continue
    pid=$(cat "$f")
    kill -TERM "$pid" 2>/dev/null || true
  done
  local deadline=$((SECONDS + 20))
  for f in "$BUILD"/pids/*.pid; do
    [[ -e "$f" ]] || continue
    pid=$(cat "$f")
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$f"
  done
}

# ------------------------------------------------------------------------------------------------- channel

create_channel() {
  local i org
  log "creating channel $CHANNEL on $(orderer_count) orderer(s)"
  for ((i = 1; i <= $(orderer_count); i++)); do
    local admin
    admin=$(orderer_admin "$i")
    "$FH/bin/osnadmin" channel join --channelID "$CHANNEL" --config-block "$BUILD/channel/$CHANNEL.block" \
      -o "127.0.0.1:$((ORDERER_PORT[i] + 3))" --ca-file "$(orderer_tls_ca "$i")" \
      --client-cert "$admin/tls/client.crt" --client-key "$admin/tls/client.key" > /dev/null
  done
  for org in "${PEER_ORGS[@]}"; do
    retry 30 as_org "$org" Admin "$FH/bin/peer" channel join -b "$BUILD/channel/$CHANNEL.block" > /dev/null
  done
}

retry() {
  local tries=$1; shift
  local n=0
  until "$@"; do
    n=$((n + 1))
    ((n < tries)) || return 1
    sleep 1
  done
}

channel_height() {
  as_org regulator Admin "$FH/bin/peer" channel getinfo -c "$CHANNEL" 2>/dev/null \
    | sed -n 's/.*"height":\([0-9]*\).*/\1/p'
}

# ------------------------------------------------------------------------------------------------- chaincode

# Packages the current chaincode build for every organisation: a chaincode-as-a-service package whose connection.json
# names that organisation's own chaincode service and the TLS root it is checked against. The packages differ only in
# connection.json, so each organisation has its own package id for the one chaincode definition.
package_chaincode() {
  local sequence=$1
  [[ -f "$CHAINCODE_JAR" ]] || die "no chaincode build at $CHAINCODE_JAR: run 'mvn -B -DskipTests package' first"
  local work="$BUILD/chaincode/package" hash
  hash=$(sha256sum "$CHAINCODE_JAR" | cut -c1-12)
  # The build and the sequence: each deployment is its own package, run by its own chaincode services.
  PACKAGE_LABEL="${CHAINCODE}_${hash}_$sequence"
  rm -rf "$work" && mkdir -p "$work/src"
  cp "$CHAINCODE_JAR" "$BUILD/chaincode/dawaledger-chaincode.jar"
  for org in "${PEER_ORGS[@]}"; do
    local pkg="$work/$org"
    mkdir -p "$pkg/src"
    local root
    root=$(awk '{printf "%s\\n", $0}' "$ORGS_DIR/peerOrganizations/$(org_domain "$org")/peers/chaincode.$(org_domain "$org")/tls/ca.crt")
    printf '{"address":"127.0.0.1:%s","dial_timeout":"10s","tls_required":true,"root_cert":"%s"}\n' \
      "${CC_PORT[$org]}" "$root" > "$pkg/src/connection.json"
    printf '{"type":"ccaas","label":"%s"}\n' "$PACKAGE_LABEL" > "$pkg/metadata.json"
    # Reproducible archives: the same build gives the same package id.
    tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$pkg/src" -cf - connection.json \
      | gzip -n > "$pkg/code.tar.gz"
    tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$pkg" -cf - metadata.json code.tar.gz \
      | gzip -n > "$work/$org.tgz"
  done
}

install_chaincode() {
  local org
  : > "$BUILD/chaincode/package-ids"
  for org in "${PEER_ORGS[@]}"; do
    local id
    id=$(as_org "$org" Admin "$FH/bin/peer" lifecycle chaincode calculatepackageid "$BUILD/chaincode/package/$org.tgz")
    if ! as_org "$org" Admin "$FH/bin/peer" lifecycle chaincode queryinstalled 2>/dev/null | grep -q "$id"; then
      as_org "$org" Admin "$FH/bin/peer" lifecycle chaincode install "$BUILD/chaincode/package/$org.tgz" > /dev/null
    fi
    echo "$org $id" >> "$BUILD/chaincode/package-ids"
  done
}

# The chaincode service an organisation runs knows the package id its own peer installed.
package_id_of() { awk -v org="$1" '$1 == org {print $2}' "$BUILD/chaincode/package-ids"; }

# Every organisation approves a definition of the chaincode, then a majority's peers commit it.
#   approve_and_commit <name> <version> <sequence> <function printing an organisation's package id>
approve_and_commit() {
  local name=$1 version=$2 sequence=$3 package_id=$4 org
  for org in "${PEER_ORGS[@]}"; do
    # shellcheck disable=SC2046
    as_org "$org" Admin "$FH/bin/peer" lifecycle chaincode approveformyorg $(orderer_args) -C "$CHANNEL" \
      -n "$name" -v "$version" --package-id "$("$package_id" "$org")" --sequence "$sequence" \
      --signature-policy "$ENDORSEMENT_POLICY" > /dev/null 2>"$BUILD/logs/approve-$name-$org.txt" \
      || { cat "$BUILD/logs/approve-$name-$org.txt" >&2; die "approval of $name by $org failed"; }
  done
  local targets=()
  for org in regulator manufacturer importer; do
    targets+=(--peerAddresses "127.0.0.1:${PEER_PORT[$org]}" --tlsRootCertFiles "$(peer_tls_ca "$org")")
  done
  # shellcheck disable=SC2046
  retry 10 as_org regulator Admin "$FH/bin/peer" lifecycle chaincode commit $(orderer_args) -C "$CHANNEL" \
    -n "$name" -v "$version" --sequence "$sequence" --signature-policy "$ENDORSEMENT_POLICY" \
    "${targets[@]}" > /dev/null 2>"$BUILD/logs/commit-$name.txt" \
    || { cat "$BUILD/logs/commit-$name.txt" >&2; die "committing the definition of $name failed"; }
}

committed_sequence() {
  as_org regulator Admin "$FH/bin/peer" lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CHAINCODE" \
    2>/dev/null | sed -n 's/.*Sequence: \([0-9]*\).*/\1/p'
}

start_chaincode_services() {
  local org
  for org in "${PEER_ORGS[@]}"; do start_chaincode "$org"; done
  for org in "${PEER_ORGS[@]}"; do wait_chaincode "$org"; done
}

# ------------------------------------------------------------------------------------------------- the ledger

gs1_check_digit() {
  local digits=$1 sum=0 weight=3 i
  for ((i = ${#digits} - 1; i >= 0; i--)); do
    sum=$((sum + ${digits:i:1} * weight))
    weight=$((4 - weight))
  done
  echo $(((10 - sum % 10) % 10))
}
gln() { echo "$1$(gs1_check_digit "$1")"; }

pem_json() { awk '{printf "%s\\n", $0}' "$1"/signcerts/*.pem; }

# Submits a transaction as an organisation's identity, endorsed by that organisation's peer and the regulator's (or
# the manufacturer's, for the regulator), and waits for it to commit.
invoke() {
  local org=$1 user=$2 args=$3 other=regulator
  [[ "$org" == regulator ]] && other=manufacturer
  # shellcheck disable=SC2046
  as_org "$org" "$user" "$FH/bin/peer" chaincode invoke $(orderer_args) -C "$CHANNEL" -n "$CHAINCODE" \
    --peerAddresses "127.0.0.1:${PEER_PORT[$org]}" --tlsRootCertFiles "$(peer_tls_ca "$org")" \
    --peerAddresses "127.0.0.1:${PEER_PORT[$other]}" --tlsRootCertFiles "$(peer_tls_ca "$other")" \
    --waitForEvent -c "$args" 2>&1
}

query() {
  local org=$1 user=$2 args=$3
  as_org "$org" "$user" "$FH/bin/peer" chaincode query -C "$CHANNEL" -n "$CHAINCODE" -c "$args" 2>&1
}

# The demo participants every fresh network starts with (docs/network.md lists them).
REGULATOR_GLN=$(gln 896000000001)
MANUFACTURER_GLN=$(gln 896000000002)
IMPORTER_GLN=$(gln 896000000003)
DISTRIBUTOR_GLN=$(gln 896000000004)
PHARMACY_GLN=$(gln 896000000005)
PHARMACY2_GLN=$(gln 896000000006)
MANUFACTURER_PREFIX=8960001

register() {
  local gln=$1 role=$2 name=$3 licence=$4 prefixes=$5 org=$6 user=$7
  if query regulator Admin "{\"function\":\"GetParticipant\",\"Args\":[\"$gln\"]}" | grep -q '"gln"'; then
    return 0
  fi
  local out
  out=$(invoke regulator Admin "{\"function\":\"RegisterParticipant\",\"Args\":[\"$gln\",\"$role\",\"$name\",\"$licence\",\"$prefixes\",\"${MSP[$org]}\",\"$(pem_json "$(user_msp "$org" "$user")")\"]}") \
    || die "registering $name failed: $out"
}

initialise_ledger() {
  if query regulator Admin '{"function":"GetParticipant","Args":["'"$REGULATOR_GLN"'"]}' | grep -q '"gln"'; then
    return 0
  fi
  log "initialising the ledger and licensing the demo participants"
  local out
  out=$(invoke regulator Admin "{\"function\":\"InitLedger\",\"Args\":[\"RegulatorMSP\",\"$REGULATOR_GLN\",\"Drug Regulatory Authority of Pakistan\",\"DRAP-HQ-001\"]}") \
    || die "InitLedger failed: $out"
  register "$MANUFACTURER_GLN" MANUFACTURER "Indus Pharmaceuticals Ltd" DML-000123 "[\\\"$MANUFACTURER_PREFIX\\\"]" manufacturer User1
  register "$IMPORTER_GLN" IMPORTER "Karachi Medical Imports (Pvt) Ltd" DIL-000456 "" importer User1
  register "$DISTRIBUTOR_GLN" DISTRIBUTOR "Punjab Drug Distributors" DDL-000789 "" distributor User1
  register "$PHARMACY_GLN" PHARMACY "Shifa Pharmacy, Lahore" PPL-001001 "" pharmacy User1
  register "$PHARMACY2_GLN" PHARMACY "Al-Noor Chemists, Karachi" PPL-001002 "" pharmacy User2
}

# The gateway finds endorsers by gossip; until every peer knows the others, a two-organisation write fails.
wait_for_gossip() {
  local deadline=$((SECONDS + 90)) org
  for org in "${PEER_ORGS[@]}"; do
    until [[ $(discover_peers "$org" | grep -c '"Endpoint"') -ge ${#PEER_ORGS[@]} ]]; do
      ((SECONDS < deadline)) || die "the peers do not see each other by gossip after 90s"
      sleep 1
    done
  done
}

discover_peers() {
  local org=$1
  "$FH/bin/discover" peers --channel "$CHANNEL" --server "127.0.0.1:${PEER_PORT[$org]}" \
    --peerTLSCA "$(peer_tls_ca "$org")" --userKey "$(user_msp "$org" Admin)"/keystore/priv_sk \
    --userCert "$(user_msp "$org" Admin)"/signcerts/Admin@"$(org_domain "$org")"-cert.pem \
    --MSP "${MSP[$org]}" 2>/dev/null || true
}

# ------------------------------------------------------------------------------------------------- benchmark

BASELINE_PORT=12059

# The benchmark's baseline: a chaincode whose one transaction writes one key (network-tests' BaselineContract), under
# the same policy and over the same TLS, served by one JVM that every peer dials.
deploy_baseline() {
  local classpath=$1 work="$BUILD/baseline" tls org
  if as_org regulator Admin "$FH/bin/peer" lifecycle chaincode querycommitted -C "$CHANNEL" -n baseline \
      > /dev/null 2>&1 && is_running chaincode-baseline; then
    return 0
  fi
  log "deploying the baseline chaincode"
  rm -rf "$work" && mkdir -p "$work/src"
  tls="$ORGS_DIR/peerOrganizations/$(org_domain regulator)/peers/chaincode.$(org_domain regulator)/tls"
  printf '{"address":"127.0.0.1:%s","dial_timeout":"10s","tls_required":true,"root_cert":"%s"}\n' "$BASELINE_PORT" \
    "$(awk '{printf "%s\\n", $0}' "$tls/ca.crt")" > "$work/src/connection.json"
  printf '{"type":"ccaas","label":"baseline_1"}\n' > "$work/metadata.json"
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$work/src" -cf - connection.json \
    | gzip -n > "$work/code.tar.gz"
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$work" -cf - metadata.json code.tar.gz \
    | gzip -n > "$work/baseline.tgz"
  local id
  id=$(as_org regulator Admin "$FH/bin/peer" lifecycle chaincode calculatepackageid "$work/baseline.tgz")
  for org in "${PEER_ORGS[@]}"; do
    as_org "$org" Admin "$FH/bin/peer" lifecycle chaincode queryinstalled 2>/dev/null | grep -q "$id" \
      || as_org "$org" Admin "$FH/bin/peer" lifecycle chaincode install "$work/baseline.tgz" > /dev/null
  done
  base64 -w0 "$tls/server.key" > "$work/key.b64"
  base64 -w0 "$tls/server.crt" > "$work/cert.b64"
  spawn chaincode-baseline CHAINCODE_SERVER_ADDRESS="127.0.0.1:$BASELINE_PORT" CORE_CHAINCODE_ID_NAME="$id" \
    CORE_PEER_TLS_ENABLED=true CORE_TLS_CLIENT_KEY_FILE="$tls/server.key" CORE_TLS_CLIENT_CERT_FILE="$tls/server.crt" \
    CORE_TLS_CLIENT_KEY_PATH="$work/key.b64" CORE_TLS_CLIENT_CERT_PATH="$work/cert.b64" \
    CORE_PEER_TLS_ROOTCERT_FILE="$tls/ca.crt" CORE_CHAINCODE_LOGGING_LEVEL=WARNING \
    CORE_CHAINCODE_LOGGING_SHIM=WARNING MALLOC_ARENA_MAX=2 \
    java -Xms32m -Xmx192m -Xss512k -XX:+UseSerialGC -cp "$classpath" org.hyperledger.fabric.contract.ContractRouter
  until (exec 3<>"/dev/tcp/127.0.0.1/$BASELINE_PORT") 2>/dev/null; do
    is_running chaincode-baseline || die "the baseline chaincode stopped; see $BUILD/logs/chaincode-baseline.log"
    sleep 0.3
  done
  BASELINE_PACKAGE_ID=$id
  approve_and_commit baseline 1 1 baseline_package_id
}

baseline_package_id() { echo "$BASELINE_PACKAGE_ID"; }

cmd_bench() {
  FH=$(fabric_home)
  load_topology && is_running peer-regulator || cmd_up
  load_topology
  log "building the benchmark"
  (cd "$ROOT" && mvn -B -q -DskipTests -pl network-tests -am test-compile)
  local cpfile="$BUILD/bench-classpath.txt" classpath
  (cd "$ROOT" && mvn -B -q -pl network-tests dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$cpfile")
  classpath="$ROOT/network-tests/target/test-classes:$(cat "$cpfile")"
  deploy_baseline "$classpath"
  local work
  work=$(mktemp -d)
  log "running (about 10 minutes with a million packs; the figures follow)"
  java -Xmx512m -Dnetwork.script="$HERE/network.sh" -cp "$classpath" org.dawaledger.network.bench.NetworkBenchmark \
    --markdown "$work/tables.md" "$@"
  {
    echo "## Network: the ledger on Fabric 3.1.5 (five organisations, one machine)"
    echo
    echo "Measured by \`network-config/network.sh bench\` (\`NetworkBenchmark\` in network-tests' test sources)."
    echo
    echo "**Method.** The network of \`network.sh up\` ($ORDERING, $(orderer_count) orderer(s), BatchTimeout 500 ms,"
    echo "TLS on every link, a chaincode service JVM per organisation, endorsement by any 2 of 5), and a client using"
    echo "the Fabric Gateway SDK 1.10 as each organisation's identity, through that organisation's own peer. Every"
    echo "write is timed from submit until its commit status comes back from the client's peer; reads are"
    echo "evaluations on the client's peer. p50/p99 are nearest-rank over the calls of one row. The baseline is the"
    echo "simplest chaincode write there is, one key (\`baseline:Put\`, network-tests' \`BaselineContract\`),"
    echo "deployed on the same channel under the same policy and run in the same benchmark run, so the ratios below"
    echo "hold whatever else this noisy machine was doing. Commissioning calls of one batch run one after another:"
    echo "each writes the owner's stock record of the batch, so two at once would conflict (docs/rules.md); calls"
    echo "of different batches may run at once, as the eight-caller row does. Peers run with GOMEMLIMIT"
    echo "${PEER_GOMEMLIMIT:-512MiB}, orderers 160MiB, chaincode services -Xmx192m (docs/network.md)."
    echo
    echo "**Machine.** $(nproc) CPUs, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, $(java -version 2>&1 | head -1)," \
      "every node of the network and the client on it, run $(date -u '+%Y-%m-%d %H:%M UTC')."
    echo
    cat "$work/tables.md"
  } > "$work/section.md"
  "$ROOT/scripts/benchmark-section.py" "$ROOT/docs/benchmarks.md" "$work/section.md" \
    "## Network: the ledger on Fabric 3.1.5 (five organisations, one machine)"
  rm -rf "$work"
  log "wrote docs/benchmarks.md"
}

# ------------------------------------------------------------------------------------------------- commands

cmd_install() {
  FH=$(fabric_home)
  log "Fabric $FABRIC_VERSION at $FH"
}

cmd_up() {
  ORDERING=raft ORDERERS=1
  while (($#)); do
    case $1 in
      --orderers) ORDERERS=$2; [[ "$ORDERERS" == 1 || "$ORDERERS" == 3 ]] || die "--orderers is 1 or 3"; shift 2 ;;
      --bft) ORDERING=bft; shift ;;
      *) die "unknown option $1" ;;
    esac
  done
  FH=$(fabric_home)
  if [[ -f "$BUILD/ready" ]] && load_topology; then
    if is_running peer-regulator; then
      log "the network is up already ($ORDERING, $(orderer_count) orderer(s)); nothing changed"
      return 0
    fi
    # A stopped network holds a ledger: resume it rather than wipe it (down removes it).
    log "a stopped network is here ($ORDERING, $(orderer_count) orderer(s)); starting it with its ledger"
    cmd_start
    return 0
  fi
  [[ -f "$CHAINCODE_JAR" ]] || (cd "$ROOT" && mvn -B -q -DskipTests -pl chaincode -am package)
  local started=$SECONDS profile=DawaLedgerRaft
  [[ "$ORDERERS" == 3 ]] && profile=DawaLedgerRaft3
  [[ "$ORDERING" == bft ]] && profile=DawaLedgerBFT
  rm -rf "$BUILD"
  mkdir -p "$BUILD/logs"
  save_topology
  generate "$profile"
  log "starting $(orderer_count) orderer(s) and ${#PEER_ORGS[@]} peers"
  start_nodes
  create_channel
  log "deploying the chaincode (every organisation approves; policy: any 2 of 5)"
  SEQUENCE=1
  package_chaincode "$SEQUENCE"
  install_chaincode
  start_chaincode_services
  approve_and_commit "$CHAINCODE" "$PACKAGE_LABEL" "$SEQUENCE" package_id_of
  save_topology
  wait_for_gossip
  initialise_ledger
  touch "$BUILD/ready"
  log "ready in $((SECONDS - started))s: channel $CHANNEL, height $(channel_height)"
}

cmd_down() {
  load_topology || true
  stop_all
  rm -rf "$BUILD"
  log "down: every process stopped, generated state removed"
}

cmd_stop() {
  load_topology || die "no network here"
  stop_all
  log "stopped; the ledger is kept (network.sh start)"
}

cmd_start() {
  load_topology || die "no network here: network.sh up"
  FH=$(fabric_home)
  start_nodes
  wait_for_gossip
  log "started: channel $CHANNEL, height $(channel_height)"
}

cmd_status() {
  load_topology || { log "no network here"; return 1; }
  FH=$(fabric_home)
  local down=0 i org
  for ((i = 1; i <= $(orderer_count); i++)); do
    node_status "$(orderer_field "$i" 1)" "127.0.0.1:${ORDERER_OPS[$i]}" || down=1
  done
  for org in "${PEER_ORGS[@]}"; do node_status "peer-$org" "127.0.0.1:${PEER_OPS[$org]}" || down=1; done
  for org in "${PEER_ORGS[@]}"; do
    if is_running "chaincode-$org" && (exec 3<>"/dev/tcp/127.0.0.1/${CC_PORT[$org]}") 2>/dev/null; then
      printf '  %-22s up     127.0.0.1:%s\n' "chaincode-$org" "${CC_PORT[$org]}"
    else
      printf '  %-22s DOWN\n' "chaincode-$org"; down=1
    fi
  done
  ((down)) && { log "something is down"; return 1; }
  log "channel $CHANNEL height $(channel_height); chaincode $CHAINCODE sequence $(committed_sequence), package ${PACKAGE_LABEL}"
}

node_status() {
  local name=$1 address=$2
  if is_running "$name" && curl -fsS "http://$address/healthz" 2>/dev/null | grep -q '"status":"OK"'; then
    printf '  %-22s up     %s/healthz OK\n' "$name" "$address"
  else
    printf '  %-22s DOWN\n' "$name"; return 1
  fi
}

cmd_deploy() {
  load_topology || die "no network here: network.sh up"
  FH=$(fabric_home)
  if [[ "${1:-}" != --no-build ]]; then
    (cd "$ROOT" && mvn -B -q -DskipTests -pl chaincode -am package)
  fi
  SEQUENCE=$(($(committed_sequence) + 1))
  package_chaincode "$SEQUENCE"
  install_chaincode
  local org
  for org in "${PEER_ORGS[@]}"; do
    local f
    f=$(pid_file "chaincode-$org")
    [[ -f "$f" ]] && kill -TERM "$(cat "$f")" 2>/dev/null && sleep 0.5 && rm -f "$f"
  done
  start_chaincode_services
  approve_and_commit "$CHAINCODE" "$PACKAGE_LABEL" "$SEQUENCE" package_id_of
  save_topology
  log "deployed $PACKAGE_LABEL as sequence $SEQUENCE"
}

# A snapshot of an organisation's peer's state at its last block (Fabric's own export), for checks and new peers.
cmd_snapshot() {
  load_topology || die "no network here: network.sh up"
  FH=$(fabric_home)
  local org=${1:-regulator} root height deadline
  [[ -n "${PEER_PORT[$org]:-}" ]] || die "no organisation $org (regulator, manufacturer, importer, distributor, pharmacy)"
  root="$BUILD/data/peer-$org/snapshots/completed/$CHANNEL"
  height=$(as_org "$org" Admin "$FH/bin/peer" channel getinfo -c "$CHANNEL" 2>/dev/null \
    | sed -n 's/.*"height":\([0-9]*\).*/\1/p')
  [[ -n "$height" ]] || die "peer-$org does not answer"
  if [[ ! -f "$root/$((height - 1))/_snapshot_signable_metadata.json" ]]; then
    as_org "$org" Admin "$FH/bin/peer" snapshot submitrequest -c "$CHANNEL" -b 0 \
      --peerAddress "127.0.0.1:${PEER_PORT[$org]}" --tlsRootCertFile "$(peer_tls_ca "$org")" > /dev/null
  fi
  deadline=$((SECONDS + 120))
  until [[ -f "$root/$((height - 1))/_snapshot_signable_metadata.json" ]]; do
    ((SECONDS < deadline)) || die "peer-$org made no snapshot of block $((height - 1)) in 120 s"
    sleep 0.5
  done
  echo "$root/$((height - 1))"
}

cmd_logs() {
  [[ -d "$BUILD/logs" ]] || die "no logs here"
  if (($#)); then tail -n 200 -f "$BUILD/logs/$1.log"; else ls -1 "$BUILD/logs"; fi
}

cmd_env() {
  local org=${1:?org} user=${2:-Admin}
  FH=$(fabric_home)
  cat <<EOF
export PATH="$FH/bin:\$PATH" FABRIC_CFG_PATH="$BUILD/config" CORE_PEER_TLS_ENABLED=true FABRIC_LOGGING_SPEC=WARNING
export CORE_PEER_LOCALMSPID=${MSP[$org]} CORE_PEER_MSPCONFIGPATH="$(user_msp "$org" "$user")"
export CORE_PEER_TLS_ROOTCERT_FILE="$(peer_tls_ca "$org")" CORE_PEER_ADDRESS=127.0.0.1:${PEER_PORT[$org]}
export ORDERER_CA="$(ORDERING=${ORDERING:-raft} ORDERERS=${ORDERERS:-1} orderer_tls_ca 1)"
EOF
}

main() {
  local command=${1:-help}
  (($#)) && shift
  case $command in
    install) cmd_install "$@" ;;
    up) cmd_up "$@" ;;
    down) cmd_down "$@" ;;
    stop) cmd_stop "$@" ;;
    start) cmd_start "$@" ;;
    status) cmd_status "$@" ;;
    deploy) cmd_deploy "$@" ;;
    logs) cmd_logs "$@" ;;
    snapshot) cmd_snapshot "$@" ;;
    env) load_topology || true; cmd_env "$@" ;;
    bench) cmd_bench "$@" ;;
    help | -h | --help) sed -n '2,/^set -euo/{/^set -euo/!p}' "$0" | sed 's/^# \{0,1\}//' ;;
    *) die "unknown command $command (network.sh help)" ;;
  esac
}

main "$@"
