#!/usr/bin/env bash
# `npm test`: installs what the tests need where missing, then typecheck, lint and jest's two projects, unit and
# integration (jest.config.js; extra args go to jest, e.g. `--selectProjects unit`).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/install-test-deps.sh
npx tsc --noEmit -p tsconfig.json
npm run --silent lint
npx jest "$@"
