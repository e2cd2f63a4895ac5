#!/usr/bin/env bash
# `npm run demo` on a fresh clone: installs what the demo needs (node modules, the pinned MLflow in .venv/mlflow),
# compiles the demo once, then starts it. ZenML is not installed here (it is large); the demo starts it when
# scripts/setup-zenml.sh has run. Flags and DEMO_* variables: npm run demo -- --help.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
if ! command -v python3 >/dev/null 2>&1; then
  echo "demo: python3 (3.10 or newer) is required to run the MLflow server. Install it (e.g. apt-get install python3 python3-venv, or brew install python) and run npm run demo again." >&2
  exit 1
fi
bash scripts/setup-node.sh
bash scripts/setup-mlflow.sh
# Plain JavaScript starts in a second where TypeScript on the fly took several: compiled (without type checks,
# like ts-node --transpile-only) on the first start and again only when a source file changed.
STAMP=dist/demo/.tsbuildinfo
if [ ! -f "$STAMP" ] || [ -n "$(find src emulators scripts tsconfig.json tsconfig.demo.json package-lock.json -newer "$STAMP" \( -name '*.ts' -o -name '*.json' \) -print -quit)" ]; then
  echo "demo: compiling the demo (first start, or sources changed)…"
  node_modules/.bin/tsc -p tsconfig.demo.json
  touch "$STAMP"
fi
exec node dist/demo/scripts/demo/demo.main.js "$@"
