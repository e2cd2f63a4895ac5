#!/usr/bin/env bash
# Installs node modules when missing or older than package.json / package-lock.json. Idempotent.
# `npm install` (not `npm ci`): it follows package-lock.json, but unlike `npm ci` it does not refuse a lock
# that lacks other platforms' optional native packages, which some registry mirrors do not serve.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if ! command -v node >/dev/null 2>&1; then echo "setup: Node.js 20.18.1+ is required" >&2; exit 1; fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ] || [ package.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund
fi
