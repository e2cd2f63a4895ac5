#!/usr/bin/env bash
# One-time (idempotent) setup: node modules, the compiled app in dist/ (what `npm start` and the modelsync bin run),
# and the Python venvs for the real MLflow and ZenML servers.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup-node.sh
node scripts/build.js --if-stale
bash scripts/setup-mlflow.sh
bash scripts/setup-zenml.sh
