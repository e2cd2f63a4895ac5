#!/usr/bin/env bash
# `npm run demo` on a fresh clone: installs what the demo needs (node modules, the pinned MLflow in .venv/mlflow),
# then starts it. ZenML is not installed here (it is large); the demo starts it when scripts/setup-zenml.sh has run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
if ! command -v python3 >/dev/null 2>&1; then
  echo "demo: python3 (3.10 or newer) is required to run the MLflow server. Install it (e.g. apt-get install python3 python3-venv, or brew install python) and run npm run demo again." >&2
  exit 1
fi
bash scripts/setup-node.sh
bash scripts/setup-mlflow.sh
exec node_modules/.bin/ts-node --transpile-only scripts/demo/demo.main.ts "$@"
