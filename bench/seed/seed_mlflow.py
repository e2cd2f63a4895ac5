"""Writes benchmark data straight into an MLflow SQLite backend through MLflow's own store API.

MLflow has no bulk-create endpoint, and REST creates ran at 3-11 per second on the loaded 2-core bench machine
(10,000 versions would take most of an hour), so the benchmark calls
mlflow.store.model_registry.sqlalchemy_store.SqlAlchemyStore -- the code the server's REST handlers call, with
the same validation and rows -- while no server has the database open.

Input on stdin, JSON: {"db_uri": "sqlite:///...", "models": [{"name", "tags", "versions", "version_tags"?}],
"version_tags": [{"name", "version", "key", "value"}], "backdate_ms"?, "bulk"?}. Output: one JSON line with counts and seconds.
"bulk": true writes the same rows as the store's create calls (registered_models, model_versions and their tag
tables, with the columns create_model_version fills) as a few multi-row INSERTs in one transaction: one create
call per version ran at about 25 per second on the loaded bench machine, 100,000 versions in over an hour. The
store object still creates and migrates the schema, and names, versions and tags go through MLflow's validators.
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


def bulk_insert(store: SqlAlchemyStore, models: list, version_tags: list, backdate: int) -> tuple:
    """The rows SqlAlchemyStore.create_registered_model / create_model_version / set_model_version_tag write, for
    every model, version and tag at once (version N of a model created N ms after version N-1)."""
    from mlflow.store.model_registry.dbmodels.models import SqlModelVersion, SqlRegisteredModel, SqlRegisteredModelTag
    from mlflow.utils.workspace_utils import DEFAULT_WORKSPACE_NAME

    def rows_for(table, rows):
        # The workspace column exists from MLflow 3.x's schema on; its default is the default workspace.
        if "workspace" in table.c:
            for row in rows:
                row["workspace"] = DEFAULT_WORKSPACE_NAME
        return rows

    now = int(time.time() * 1000) - backdate
    model_rows, model_tag_rows, version_rows, version_tag_rows = [], [], [], []
    for m, model in enumerate(models):
        _validate_model_name(model["name"])
        created = now - 10_000_000 + m * 1_000
        model_rows.append({"name": model["name"], "creation_time": created, "last_updated_time": created + model["versions"], "description": ""})
        for key, value in model.get("tags", {}).items():
            model_tag_rows.append({"name": model["name"], "key": key, "value": value})
        for i in range(model["versions"]):
            source = f"s3://modelsync-bench/{model['name']}/{i + 1}"
            version_rows.append({
                "name": model["name"], "version": i + 1, "creation_time": created + i + 1, "last_updated_time": created + i + 1,
                "description": f"bench version {i + 1}", "user_id": None, "current_stage": "None", "source": source,
                "storage_location": source, "run_id": None, "run_link": None, "status": "READY", "status_message": None,
            })
            for key, value in model.get("version_tags", {}).items():
                version_tag_rows.append({"name": model["name"], "version": i + 1, "key": key, "value": value})
    for tag in version_tags:
        _validate_model_version_tag(tag["key"], tag["value"])
        version_tag_rows.append({"name": tag["name"], "version": int(_validate_model_version(str(tag["version"]))), "key": tag["key"], "value": tag["value"]})
    with store.ManagedSessionMaker(read_only=False) as session:
        for table, rows in (
            (SqlRegisteredModel.__table__, model_rows),
            (SqlRegisteredModelTag.__table__, model_tag_rows),
            (SqlModelVersion.__table__, version_rows),
            (SqlModelVersionTag.__table__, version_tag_rows),
        ):
            for start in range(0, len(rows), 5_000):
                session.execute(table.insert(), rows_for(table, rows[start:start + 5_000]))
    return len(version_rows), len(version_tags)


def main() -> None:
    plan = json.load(sys.stdin)
    started = time.monotonic()
    backdate = int(plan.get("backdate_ms", 0))
    if backdate:
        now = sqlalchemy_store_module.get_current_time_millis
        sqlalchemy_store_module.get_current_time_millis = lambda: now() - backdate
    store = SqlAlchemyStore(plan["db_uri"])
    if plan.get("bulk"):
        versions, tags = bulk_insert(store, plan.get("models", []), plan.get("version_tags", []), backdate)
        print(json.dumps({"models": len(plan.get("models", [])), "versions": versions, "tags": tags, "seconds": time.monotonic() - started}))
        return
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
