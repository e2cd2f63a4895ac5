#!/usr/bin/env bash
# One-time (idempotent) setup: node modules and the Python venvs for the real MLflow (and ZenML) servers.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if ! command -v node >/dev/null 2>&1; then echo "setup: Node.js 20.12+ is required" >&2; exit 1; fi
# `npm install` (not `npm ci`): it follows package-lock.json, but unlike `npm ci` it does not refuse a lock
# that lacks other platforms' optional native packages, which some registry mirrors do not serve.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ] || [ package.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund
fi
bash scripts/setup-mlflow.sh
if [ -f scripts/setup-zenml.sh ]; then bash scripts/setup-zenml.sh; fi
