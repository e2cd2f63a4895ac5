"""Runs a tiny real ZenML pipeline that produces a new version of a ZenML model, the way a training pipeline does.

ZenML links the pipeline run to the model version it creates (GET /api/v1/model_version_pipeline_runs); ZenML's
MLflow model registry tags the MLflow version it registers with that run's id (`zenml_pipeline_run_uuid`).
Tests use the printed ids to seed that link without a real training job.

Usage: python run_pipeline.py MODEL_NAME   (client settings come from ZENML_STORE_URL / ZENML_STORE_* and
ZENML_CONFIG_PATH). Prints one JSON line: {"run_id", "run_name", "model_version_id", "number"}.
"""

import json
import sys

from zenml import Model, pipeline, step


@step
def train() -> int:
    """Stands in for training; returns a fake score artifact."""
    return 42


def main() -> None:
    """Runs the pipeline once for the model named on the command line."""
    model_name = sys.argv[1]

    @pipeline(name="modelsync_seed_training", model=Model(name=model_name), enable_cache=False)
    def training() -> None:
        train()

    run = training()
    version = run.model_version
    print(
        json.dumps(
            {
                "run_id": str(run.id),
                "run_name": run.name,
                "model_version_id": str(version.id) if version else None,
                "number": version.number if version else None,
            }
        )
    )


if __name__ == "__main__":
    main()
