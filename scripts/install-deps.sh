#!/usr/bin/env bash
# Installs every Debian package and npm module Boucle needs to build, run and test.
# Idempotent and quiet when everything is already there, so `make` can call it each time.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build ccache pkg-config
  libboost-dev libboost-system-dev nlohmann-json3-dev libsqlite3-dev sqlite3
  libsodium-dev libspdlog-dev libfmt-dev libcli11-dev
  libcmark-gfm-dev libcmark-gfm-extensions-dev zlib1g-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libcurl4-openssl-dev python3-aiosmtpd
  chromium
)
# A machine may already carry a Node.js with its own npm (which conflicts with Debian's npm).
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm modules of the web app and the browser tests, from its lock file.
if [ -f web/package.json ]; then
  if [ ! -d web/node_modules ] || [ web/package.json -nt web/node_modules/.installed ] ||
     { [ -f web/package-lock.json ] && [ web/package-lock.json -nt web/node_modules/.installed ]; }; then
    echo "install-deps: npm modules for web/"
    (cd web && { [ -f package-lock.json ] && npm ci --no-audit --no-fund --loglevel=error ||
                 npm install --no-audit --no-fund --loglevel=error; } && touch node_modules/.installed)
  fi
fi
