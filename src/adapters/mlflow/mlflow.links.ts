/**
 * Links into the MLflow web UI. The UI is a single-page app with hash routing
 * (routes `/models/:name` and `/models/:name/versions/:version` in mlflow/server/js model-registry/routes).
 */

/** Builds MLflow UI URLs for models and versions under one UI base URL. */
export class MlflowLinks {
  private readonly base: string;

  /** `uiUrl` is the UI's base (including any `--static-prefix`); trailing slashes are ignored. */
  constructor(uiUrl: string) {
    this.base = uiUrl.replace(/\/+$/, '');
  }

  /** The registered model's page. */
  modelUrl(name: string): string {
    return `${this.base}/#/models/${encodeURIComponent(name)}`;
  }

  /** One version's page. */
  versionUrl(name: string, version: string): string {
    return `${this.modelUrl(name)}/versions/${encodeURIComponent(version)}`;
  }
}
