#!/usr/bin/env bash
# Installs the pinned MLflow server into a project-local venv (.venv/mlflow).
# Idempotent: a venv that already holds the pinned version is left alone.
set -euo pipefail
MLFLOW_VERSION="${MLFLOW_VERSION:-3.17.2}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv/mlflow"
PY="${PYTHON:-python3}"

if ! command -v "$PY" >/dev/null 2>&1; then
  echo "setup-mlflow: python3 is required (3.10+). Install it, then run: npm run setup" >&2
  exit 1
fi
if [ -x "$VENV/bin/mlflow" ] && "$VENV/bin/python" -c "import importlib.metadata as m,sys; sys.exit(0 if m.version('mlflow')=='$MLFLOW_VERSION' else 1)" 2>/dev/null; then
  echo "setup-mlflow: mlflow $MLFLOW_VERSION already installed in .venv/mlflow"
  exit 0
fi
echo "setup-mlflow: installing mlflow==$MLFLOW_VERSION into .venv/mlflow (takes a minute or two)…"
"$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "mlflow==$MLFLOW_VERSION"
"$VENV/bin/mlflow" --version
