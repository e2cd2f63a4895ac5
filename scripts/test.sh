#!/usr/bin/env bash
# `npm test`: installs what the tests need where missing, then typecheck, lint and jest (extra args go to jest).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/install-test-deps.sh
npx tsc --noEmit -p tsconfig.json
npm run --silent lint
npx jest "$@"
