"""Writes benchmark data straight into an MLflow SQLite backend through MLflow's own store API.

MLflow has no bulk-create endpoint, and REST creates ran at 3-11 per second on the loaded 2-core bench machine
(10,000 versions would take most of an hour), so the benchmark calls
mlflow.store.model_registry.sqlalchemy_store.SqlAlchemyStore -- the code the server's REST handlers call, with
the same validation and rows -- while no server has the database open.

Input on stdin, JSON: {"db_uri": "sqlite:///...", "models": [{"name", "tags", "versions", "version_tags"?}],
"version_tags": [{"name", "version", "key", "value"}], "backdate_ms"?}. Output: one JSON line with counts and seconds.
"backdate_ms" makes the rows look that much older (MLflow's creation and last-update times), like a registry whose
versions were made before the last hourly sync: an incremental run then sees only what the benchmark changes.
"""
import json
import sys
import time

import mlflow.store.model_registry.sqlalchemy_store as sqlalchemy_store_module
from mlflow.entities.model_registry import ModelVersionTag, RegisteredModelTag
from mlflow.store.model_registry.dbmodels.models import SqlModelVersionTag
from mlflow.store.model_registry.sqlalchemy_store import SqlAlchemyStore
from mlflow.utils.validation import _validate_model_name, _validate_model_version, _validate_model_version_tag


def set_version_tags(store: SqlAlchemyStore, tags: list) -> int:
    """What SqlAlchemyStore.set_model_version_tag does for one tag (same checks, same row), for all tags in one
    transaction: one commit per tag took 240 s for 11,100 tags on the loaded bench machine."""
    with store.ManagedSessionMaker(read_only=False) as session:
        for tag in tags:
            _validate_model_name(tag["name"])
            version = _validate_model_version(str(tag["version"]))
            _validate_model_version_tag(tag["key"], tag["value"])
            sql_model_version = store._get_sql_model_version(session, tag["name"], version)
            session.merge(
                SqlModelVersionTag(
                    workspace=sql_model_version.workspace,
                    name=tag["name"],
                    version=version,
                    key=tag["key"],
                    value=tag["value"],
                )
            )
    return len(tags)


def main() -> None:
    plan = json.load(sys.stdin)
    started = time.monotonic()
    backdate = int(plan.get("backdate_ms", 0))
    if backdate:
        now = sqlalchemy_store_module.get_current_time_millis
        sqlalchemy_store_module.get_current_time_millis = lambda: now() - backdate
    store = SqlAlchemyStore(plan["db_uri"])
    versions = 0
    for model in plan.get("models", []):
        tags = [RegisteredModelTag(k, v) for k, v in model.get("tags", {}).items()]
        store.create_registered_model(model["name"], tags=tags, description=model.get("description", ""))
        version_tags = [ModelVersionTag(k, v) for k, v in model.get("version_tags", {}).items()]
        for i in range(model["versions"]):
            store.create_model_version(
                model["name"],
                source=f"s3://modelsync-bench/{model['name']}/{i + 1}",
                description=f"bench version {i + 1}",
                tags=version_tags or None,
            )
            versions += 1
    tags = set_version_tags(store, plan.get("version_tags", []))
    print(json.dumps({"models": len(plan.get("models", [])), "versions": versions, "tags": tags, "seconds": time.monotonic() - started}))


if __name__ == "__main__":
    main()
