import type { RegistryLinkTarget } from '../../core/ports/registry.port';

/**
 * Links into the MLflow web UI. The UI is a single-page app with hash routing
 * (routes `/models/:name` and `/models/:name/versions/:version` in mlflow/server/js model-registry/routes, and
 * `/runs/:runUuid`, the run page that finds the run's experiment itself, in experiment-tracking/routes).
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

  /** A run's page (MLflow's direct route: no experiment id needed). */
  runUrl(runId: string): string {
    return `${this.base}/#/runs/${encodeURIComponent(runId)}`;
  }

  /**
   * The model (and version) a UI address points at: same host and UI base path as this UI (http or https), hash
   * route `/models/<name>` or `/models/<name>/versions/<n>`, a query after the route ignored (`?o=…`). Anything
   * else, including other routes of the same UI, is undefined.
   */
  linkTarget(url: string): RegistryLinkTarget | undefined {
    let page: URL;
    let base: URL;
    try {
      page = new URL(url.replace(/&amp;/g, '&'));
      base = new URL(this.base);
    } catch {
      return undefined;
    }
    if (!/^https?:$/.test(page.protocol) || page.host.toLowerCase() !== base.host.toLowerCase()) return undefined;
    if (page.pathname.replace(/\/+$/, '') !== base.pathname.replace(/\/+$/, '')) return undefined;
    const route = /^#\/models\/([^/?]+)(?:\/versions\/([^/?]+))?\/?(?:\?.*)?$/.exec(page.hash);
    if (!route) return undefined;
    const model = safeDecode(route[1] ?? '');
    const version = route[2] === undefined ? undefined : safeDecode(route[2]);
    if (!model || (version !== undefined && !/^[1-9]\d*$/.test(version))) return undefined;
    return version === undefined ? { model } : { model, version };
  }
}

function safeDecode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}
