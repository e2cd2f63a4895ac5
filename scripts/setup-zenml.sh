#!/usr/bin/env bash
# Installs the pinned ZenML server (zenml[server]) into its own venv (.venv/zenml), apart from MLflow's. Idempotent.
set -euo pipefail
ZENML_VERSION="${ZENML_VERSION:-0.98.0}"
# fastapi and uvicorn come only with the [server] extra: a client-only install must not pass as installed.
exec bash "$(dirname "${BASH_SOURCE[0]}")/setup-venv.sh" zenml "zenml[server]==$ZENML_VERSION" zenml "$ZENML_VERSION" "3.10-3.13" "fastapi, uvicorn"
