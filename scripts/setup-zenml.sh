#!/usr/bin/env bash
# Installs the pinned ZenML server (zenml[server]) into its own project-local venv (.venv/zenml), apart from
# MLflow's venv so the two dependency sets cannot clash. Idempotent: a venv holding the pinned version is kept.
set -euo pipefail
ZENML_VERSION="${ZENML_VERSION:-0.98.0}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv/zenml"
PY="${PYTHON:-python3}"

if ! command -v "$PY" >/dev/null 2>&1; then
  echo "setup-zenml: python3 is required (3.10-3.13). Install it, then run: npm run setup" >&2
  exit 1
fi
if [ -x "$VENV/bin/zenml" ] && "$VENV/bin/python" -c "import importlib.metadata as m,sys; import fastapi, uvicorn; sys.exit(0 if m.version('zenml')=='$ZENML_VERSION' else 1)" 2>/dev/null; then
  echo "setup-zenml: zenml[server] $ZENML_VERSION already installed in .venv/zenml"
  exit 0
fi
echo "setup-zenml: installing zenml[server]==$ZENML_VERSION into .venv/zenml (takes a minute or two)…"
"$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "zenml[server]==$ZENML_VERSION"
"$VENV/bin/python" -c "import importlib.metadata as m; print('setup-zenml: zenml', m.version('zenml'))"
