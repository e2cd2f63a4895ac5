#!/usr/bin/env bash
# Installs the pinned MLflow server into a project-local venv (.venv/mlflow). Idempotent.
set -euo pipefail
MLFLOW_VERSION="${MLFLOW_VERSION:-3.17.2}"
exec bash "$(dirname "${BASH_SOURCE[0]}")/setup-venv.sh" mlflow "mlflow==$MLFLOW_VERSION" mlflow "$MLFLOW_VERSION" "3.10+"
