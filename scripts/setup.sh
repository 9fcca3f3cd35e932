#!/usr/bin/env bash
# Installs what the build needs on a fresh Debian 12 machine: a Java 17+ JDK, Maven, curl for the network, and
# Chromium with its driver for the page tests.
# Idempotent: does nothing when they are there.
set -euo pipefail

need_install=()
if ! command -v javac >/dev/null 2>&1 || [[ "$(javac -version 2>&1 | sed -E 's/javac ([0-9]+).*/\1/')" -lt 17 ]]; then
  need_install+=(openjdk-17-jdk-headless)
fi
if ! command -v mvn >/dev/null 2>&1; then
  need_install+=(maven)
fi
# curl: network-config/network.sh fetches Fabric's release archive with it, and run.sh waits for the gateway with it.
if ! command -v curl >/dev/null 2>&1; then
  need_install+=(curl)
fi

# chromium and chromedriver: the page tests (gateway-api page/*Test) drive a real headless Chromium.
if ! command -v chromium >/dev/null 2>&1; then
  need_install+=(chromium)
fi
if ! command -v chromedriver >/dev/null 2>&1; then
  need_install+=(chromium-driver)
fi

if ((${#need_install[@]})); then
  echo "setup: installing ${need_install[*]}"
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: need root to install ${need_install[*]} (run as root, or install them yourself)" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_install[@]}"
fi

echo "setup: $(javac -version 2>&1), $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g'), $(chromium --version 2>/dev/null | head -1)"
