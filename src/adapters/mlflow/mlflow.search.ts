/** Paginated MLflow searches and the registered-model read they rely on. */
import type { ModelVersion } from '../../core/domain/model-version';
import { isMlflowNotFound } from './mlflow.errors';
import type { MlflowCaller } from './mlflow.http';
import {
  registeredModelResponse,
  searchModelsResponse,
  searchVersionsResponse,
  toModelVersion,
  type MlflowModelVersion,
  type MlflowRegisteredModel,
} from './mlflow.schemas';

/** The largest page both registry searches accept on every backend (registered-model search caps at 1000). */
export const MAX_PAGE_SIZE = 1000;

/** Noun phrase for messages about a registered model. */
export function modelSubject(name: string): string {
  return `registered model named '${name}'`;
}

/** A 404 that MLflow itself gave (not a proxy's "no such path"), i.e. the resource is absent. */
export function isMissing(e: unknown): boolean {
  return isMlflowNotFound(e) && e.mlflowCode !== undefined;
}

/** The registered model as MLflow sends it (with `{alias, version}` aliases); undefined when absent. */
export async function readModel(http: MlflowCaller, name: string): Promise<MlflowRegisteredModel | undefined> {
  try {
    const res = await http.call({
      method: 'GET',
      path: '/registered-models/get',
      query: { name },
      schema: registeredModelResponse,
      subject: modelSubject(name),
      model: name,
      idempotent: true,
    });
    return res.registered_model;
  } catch (e) {
    if (isMissing(e)) return undefined;
    throw e;
  }
}

/** Every registered model matching `filter`, following next_page_token to the end. */
export async function searchAllModels(http: MlflowCaller, filter: string, pageSize: number, subject: string): Promise<MlflowRegisteredModel[]> {
  const all: MlflowRegisteredModel[] = [];
  let pageToken: string | undefined;
  do {
    const page = await http.call({
      method: 'GET',
      path: '/registered-models/search',
      query: { filter, max_results: pageSize, page_token: pageToken },
      schema: searchModelsResponse,
      subject,
      idempotent: true,
    });
    all.push(...page.registered_models);
    // An absent or empty token marks the last page.
    pageToken = page.next_page_token || undefined;
  } while (pageToken);
  return uniqueBy(all, (m) => m.name);
}

/**
 * MLflow's page tokens are offsets: a row created between two pages shifts the next page, repeating a row.
 * Keep the first of each key (a row missed that way is picked up by the next run).
 */
function uniqueBy<T>(rows: readonly T[], key: (row: T) => string): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = key(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Every model version matching `filter` (all pages), sorted by model name, then version number. `model`: the one
 * model the filter selects, if it selects one (so a write to it drops this read from the cache).
 */
export async function searchAllVersions(http: MlflowCaller, filter: string, pageSize: number, subject: string, model?: string): Promise<MlflowModelVersion[]> {
  const all: MlflowModelVersion[] = [];
  let pageToken: string | undefined;
  do {
    const page = await http.call({
      method: 'GET',
      path: '/model-versions/search',
      query: { filter, max_results: pageSize, page_token: pageToken },
      schema: searchVersionsResponse,
      subject,
      model,
      idempotent: true,
    });
    all.push(...page.model_versions);
    pageToken = page.next_page_token || undefined;
  } while (pageToken);
  return uniqueBy(all, (v) => `${v.name}\u0000${v.version}`).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : Number(a.version) - Number(b.version),
  );
}

/** A registered model's aliases as MLflow lists them (undefined: the answer did not carry the field). */
export type ModelAliases = MlflowRegisteredModel['aliases'];

/**
 * Version search answers omit `aliases` (verified on mlflow 3.17.2), while the registered model lists them as
 * `{alias, version}`: one model read per distinct model fills them in, unless `known` already holds that model's
 * answer (read moments before). When the model's answer lists aliases, each version gets its list ([] for none);
 * when it does not carry the field (MLflow leaves out an empty list; some servers never report aliases), the
 * versions' aliases stay unknown rather than become [], so a sync never clears an alias on an absent field.
 */
export async function withAliases(
  http: MlflowCaller,
  versions: readonly MlflowModelVersion[],
  known: (name: string) => { readonly aliases: ModelAliases } | undefined = () => undefined,
): Promise<ModelVersion[]> {
  const byModel = new Map<string, Map<string, string[]> | undefined>();
  for (const name of new Set(versions.map((v) => v.name))) {
    const aliases = (known(name) ?? (await readModel(http, name)))?.aliases;
    if (aliases === undefined) {
      byModel.set(name, undefined);
      continue;
    }
    const perVersion = new Map<string, string[]>();
    for (const a of aliases) perVersion.set(a.version, [...(perVersion.get(a.version) ?? []), a.alias]);
    byModel.set(name, perVersion);
  }
  return versions.map((v) => {
    const mv = toModelVersion(v);
    const perVersion = byModel.get(v.name);
    return perVersion === undefined ? mv : { ...mv, aliases: (perVersion.get(v.version) ?? []).sort() };
  });
}
