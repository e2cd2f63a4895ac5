#!/usr/bin/env bash
# Everything the test suite needs, installed only where missing (idempotent, seconds when done before):
# Debian's redis-server (multi-instance store/lock tests) and chromium (the playground's browser test,
# driven by playwright-core, which downloads no browser), node modules, and the MLflow and ZenML venvs.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
need_apt=()
command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    # Not fatal: the tests that need them fail with this same install command in their message.
    echo "install-test-deps: missing ${need_apt[*]}; install with: sudo apt-get install ${need_apt[*]}" >&2
  fi
fi
bash scripts/setup.sh
