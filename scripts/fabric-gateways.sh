#!/usr/bin/env bash
# One gateway per organisation on the Fabric network that is up here (network-config/network.sh up), until Ctrl-C or
# SIGTERM, which stops them (the network is left running; ./run.sh --fabric stops it after). Needs the gateway built
# (mvn package; ./run.sh does it).
#
#   organisation  HTTP  gRPC  participants (token.sh)     peer
#   regulator     8081  9081  regulator (Admin)           127.0.0.1:7051
#   manufacturer  8082  9082  manufacturer (User1)        127.0.0.1:8051
#   importer      8083  9083  importer (User1)            127.0.0.1:9051
#   distributor   8084  9084  distributor (User1)         127.0.0.1:10051
#   pharmacy      8085  9085  pharmacy (User1), pharmacy2 (User2)  127.0.0.1:11051
#
# Each gateway's data folder is data/fabric/<organisation>: its local copy of the ledger (kept across restarts, it
# resumes from its height), tokens, kept outcomes, and identities/<participant> linked to the network's crypto
# material. Data of an earlier network (one brought down and up again since) is removed first. A network without
# the demo world's goods is stocked once, when the gateways are ready (FabricDemoWorld, as each organisation's
# identity). Logs: data/fabric/<organisation>/gateway.log.
#
#   DAWALEDGER_FABRIC_DATA                the gateways' data folders' parent (default ./data/fabric)
#   DAWALEDGER_HTTP_BASE / _GRPC_BASE     organisation i (1 to 5, in the order above) listens on base + i
#                                         (default 8080 / 9080)
set -euo pipefail
cd "$(dirname "$0")/.."

ORGS=(regulator manufacturer importer distributor pharmacy)
declare -A MSP=([regulator]=RegulatorMSP [manufacturer]=ManufacturerMSP [importer]=ImporterMSP
  [distributor]=DistributorMSP [pharmacy]=PharmacyMSP)
declare -A PEER_PORT=([regulator]=7051 [manufacturer]=8051 [importer]=9051 [distributor]=10051 [pharmacy]=11051)
# The participants network.sh licenses, by the identity each is bound to.
declare -A PARTICIPANTS=([regulator]="regulator:Admin" [manufacturer]="manufacturer:User1"
  [importer]="importer:User1" [distributor]="distributor:User1" [pharmacy]="pharmacy:User1 pharmacy2:User2")
DATA=${DAWALEDGER_FABRIC_DATA:-$PWD/data/fabric}
HTTP_BASE=${DAWALEDGER_HTTP_BASE:-8080}
GRPC_BASE=${DAWALEDGER_GRPC_BASE:-9080}
NETWORK=$PWD/network-config/build
APP=$PWD/gateway-api/target/quarkus-app
# What it prints names the data folders from the repository's root when they are below it, as commands run there.
SHOWN=${DATA#"$PWD"/}

say() { printf 'gateways: %s\n' "$*"; }
die() { printf 'gateways: %s\n' "$*" >&2; exit 1; }

[[ -f "$APP/quarkus-run.jar" ]] || die "build the gateway first (mvn -B -DskipTests package)"
[[ -f "$NETWORK/ready" ]] || die "no network here: network-config/network.sh up"
domain() { echo "$1.dawaledger.local"; }
tls_ca() { echo "$NETWORK/organizations/peerOrganizations/$(domain "$1")/tlsca/tlsca.$(domain "$1")-cert.pem"; }
msp() { echo "$NETWORK/organizations/peerOrganizations/$(domain "$1")/users/$2@$(domain "$1")/msp"; }
# Organisation i (from 1, in the order of ORGS) listens on base + i.
number() { local i; for i in "${!ORGS[@]}"; do if [[ ${ORGS[$i]} == "$1" ]]; then echo $((i + 1)); fi; done; }
http_port() { echo $((HTTP_BASE + $(number "$1"))); }
grpc_port() { echo $((GRPC_BASE + $(number "$1"))); }

# The channel's genesis block names the network: copies of another one's ledger are of no use (and are refused).
network_id=$(sha256sum "$NETWORK/channel/dawaledger.block" | cut -d' ' -f1)
if [[ -d "$DATA" && "$(cat "$DATA/network" 2>/dev/null)" != "$network_id" ]]; then
  say "$SHOWN holds the gateways of an earlier network; removing it"
  rm -rf "$DATA"
fi
mkdir -p "$DATA"
echo "$network_id" > "$DATA/network"

for org in "${ORGS[@]}"; do
  port=$(http_port "$org")
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "something already listens on port $port ($org's gateway); stop it or set DAWALEDGER_HTTP_BASE"
  fi
done

pids=()
stop() {
  trap - INT TERM
  ((${#pids[@]})) && kill -TERM "${pids[@]}" 2>/dev/null
  wait "${pids[@]}" 2>/dev/null || true
  say "stopped"
}
trap 'echo; stop; exit 0' INT TERM

for org in "${ORGS[@]}"; do
  dir="$DATA/$org"
  mkdir -p "$dir/identities"
  for participant in ${PARTICIPANTS[$org]}; do
    ln -sfn "$(msp "$org" "${participant#*:}")" "$dir/identities/${participant%%:*}"
  done
  java -Xmx384m -XX:+UseSerialGC -Dquarkus.http.port="$(http_port "$org")" \
    -Dquarkus.grpc.server.port="$(grpc_port "$org")" -Ddawaledger.ledger=fabric -Ddawaledger.data-dir="$dir" \
    -Ddawaledger.fabric.peer-endpoint="127.0.0.1:${PEER_PORT[$org]}" \
    -Ddawaledger.fabric.tls-ca-cert="$(tls_ca "$org")" -Ddawaledger.fabric.msp-id="${MSP[$org]}" \
    -jar "$APP/quarkus-run.jar" > "$dir/gateway.log" 2>&1 &
  pids+=($!)
done
say "starting ${#ORGS[@]} gateways (logs in $SHOWN/<organisation>/gateway.log)"

deadline=$((SECONDS + 300))
for i in "${!ORGS[@]}"; do
  org=${ORGS[$i]}
  until curl -sf "http://localhost:$(http_port "$org")/q/health/ready" > /dev/null; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      tail -n 30 "$DATA/$org/gateway.log" >&2
      stop
      die "$org's gateway stopped; its log is above"
    fi
    if ((SECONDS > deadline)); then
      curl -s "http://localhost:$(http_port "$org")/q/health/ready" >&2 || true
      stop
      die "$org's gateway is not ready after 300 s"
    fi
    sleep 0.5
  done
done

java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$APP/app/*:$APP/lib/main/*:$APP/lib/boot/*" \
  org.dawaledger.gateway.ledger.FabricDemoWorld \
  peer="127.0.0.1:${PEER_PORT[regulator]}" tls-ca="$(tls_ca regulator)" \
  regulator="$DATA/regulator/identities/regulator" manufacturer="$DATA/manufacturer/identities/manufacturer" \
  importer="$DATA/importer/identities/importer" pharmacy="$DATA/pharmacy/identities/pharmacy" \
  || { stop; die "the demo world could not be stocked"; }

pharmacy=$(http_port pharmacy)
pack='{"code": "(01)08960001000015(21)PAN000002(10)PAN2401(17)281231"}'
# The pharmacy's copy follows its own peer: wait until it has the goods before saying they are there.
until curl -s -X POST "http://localhost:$pharmacy/api/v1/verify" -H 'Content-Type: application/json' -d "$pack" \
    | grep -q '"verdict":"ACTIVE"'; do
  ((SECONDS < deadline)) || { stop; die "the pharmacy's gateway does not see the demo pack"; }
  sleep 0.5
done

echo
say "ready, one gateway per organisation (Ctrl-C stops them; each one's copy of the ledger stays in its data folder)"
printf '  %-13s %-23s %-16s %-22s %s\n' organisation HTTP gRPC "participants" "data folder"
for org in "${ORGS[@]}"; do
  names=()
  for participant in ${PARTICIPANTS[$org]}; do names+=("${participant%%:*}"); done
  printf '  %-13s %-23s %-16s %-22s %s\n' "$org" "http://localhost:$(http_port "$org")" \
    "localhost:$(grpc_port "$org")" "${names[*]}" "$SHOWN/$org"
done
cat <<EOF

A token for a participant, issued by its organisation's admin on that gateway's data folder, e.g. the pharmacy's:

  DAWALEDGER_DATA_DIR=$SHOWN/pharmacy gateway-api/token.sh issue pharmacy

Verify a demo pack (genuine and active) at the pharmacy's gateway (any organisation's answers alike):

  curl -s -X POST http://localhost:$pharmacy/api/v1/verify -H 'Content-Type: application/json' \\
    -d '$pack'

EOF
wait "${pids[@]}"
