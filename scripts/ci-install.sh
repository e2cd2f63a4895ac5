#!/usr/bin/env bash
# What CI needs on a fresh machine besides `npm run setup`: system packages from Debian.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
need_apt=()
command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)
# Debian's chromium for the playground's browser test (driven by playwright-core, which downloads no browser).
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
bash scripts/setup.sh
