#!/usr/bin/env bash
# Installs one pinned Python package into its own project-local venv (.venv/<name>), so MLflow's and ZenML's
# dependency sets cannot clash. Idempotent: a venv that already holds the pinned version (and imports the
# modules named in CHECK_IMPORTS) is left alone.
# Usage: setup-venv.sh <name> <pip requirement> <distribution> <version> <python versions, for the message> [CHECK_IMPORTS]
set -euo pipefail
NAME="$1"; REQUIREMENT="$2"; DIST="$3"; VERSION="$4"; PYTHONS="$5"; CHECK_IMPORTS="${6:-}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv/$NAME"
PY="${PYTHON:-python3}"

if ! command -v "$PY" >/dev/null 2>&1; then
  echo "setup-$NAME: python3 is required ($PYTHONS). Install it, then run: npm run setup" >&2
  exit 1
fi
imports="${CHECK_IMPORTS:+import $CHECK_IMPORTS;}"
if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import importlib.metadata as m,sys; $imports sys.exit(0 if m.version('$DIST')=='$VERSION' else 1)" 2>/dev/null; then
  echo "setup-$NAME: $REQUIREMENT already installed in .venv/$NAME"
  exit 0
fi
echo "setup-$NAME: installing $REQUIREMENT into .venv/$NAME (takes a minute or two)…"
"$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$REQUIREMENT"
"$VENV/bin/python" -c "import importlib.metadata as m; print('setup-$NAME: $DIST', m.version('$DIST'))"
