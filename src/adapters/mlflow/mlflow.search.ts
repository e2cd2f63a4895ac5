/** Paginated MLflow searches and the registered-model read they rely on. */
import type { ModelVersion } from '../../core/domain/model-version';
import { allPages, eachPage } from '../http/pagination';
import { inClause } from './mlflow.filter';
import { hasErrorCode } from '../http/adapter-error';
import type { z } from 'zod';
import type { MlflowCall, MlflowCaller } from './mlflow.http';
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
  return hasErrorCode(e, 'mlflow_not_found') && e.remoteCode !== undefined;
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

/** A paginated MLflow list: a GET whose answer carries `next_page_token` (searches, webhooks). */
export type MlflowListCall<S extends z.ZodType<{ readonly next_page_token?: string }>> = Omit<MlflowCall<S>, 'method' | 'idempotent'>;

/** Every row of a paginated MLflow list, following next_page_token until it is absent or empty (the last page). */
export function listAll<S extends z.ZodType<{ readonly next_page_token?: string }>, T>(
  http: MlflowCaller,
  call: MlflowListCall<S>,
  rows: (page: z.output<S>) => readonly T[],
): Promise<T[]> {
  return allPages(async (pageToken: string | undefined) => {
    const page = await http.call({ ...call, method: 'GET', query: { ...call.query, page_token: pageToken }, idempotent: true });
    return { items: rows(page), next: page.next_page_token || undefined };
  });
}

/** Every registered model matching `filter`, all pages. */
export async function searchAllModels(http: MlflowCaller, filter: string, pageSize: number, subject: string): Promise<MlflowRegisteredModel[]> {
  const query = { filter, max_results: pageSize };
  const all = await listAll(http, { path: '/registered-models/search', query, schema: searchModelsResponse, subject }, (p) => p.registered_models);
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
  const query = { filter, max_results: pageSize };
  const all = await listAll(http, { path: '/model-versions/search', query, schema: searchVersionsResponse, subject, model }, (p) => p.model_versions);
  return uniqueBy(all, (v) => `${v.name}\u0000${v.version}`).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : Number(a.version) - Number(b.version),
  );
}

/** A registered model's aliases as MLflow lists them (undefined: the answer did not carry the field). */
export type ModelAliases = MlflowRegisteredModel['aliases'];

/** How registered models are read in batches: `name IN (…)` searches of `namesPerQuery` names, `pageSize` rows a page. */
export interface ModelBatching {
  readonly namesPerQuery: number;
  readonly pageSize: number;
}

/**
 * The registered models of these names, keyed by name (an absent one is missing from the map). One name is one
 * `registered-models/get` (shared with the read cache of the commands); more are `name IN (…)` searches, one per
 * batch (verified on mlflow 3.17.2: registered-model search accepts IN on `name` and lists each model's aliases),
 * so version-tagged models cost one request per batch, not one per model. Names the grammar cannot quote exactly
 * are read one by one.
 */
export async function readModels(http: MlflowCaller, names: readonly string[], batching: ModelBatching): Promise<Map<string, MlflowRegisteredModel>> {
  const found = new Map<string, MlflowRegisteredModel>();
  const oneByOne: string[] = names.length === 1 ? [...names] : [];
  if (names.length > 1) {
    for (let i = 0; i < names.length; i += batching.namesPerQuery) {
      const { filter, rest } = inClause('name', names.slice(i, i + batching.namesPerQuery));
      oneByOne.push(...rest);
      if (filter) for (const m of await searchAllModels(http, filter, batching.pageSize, `${names.length} registered models`)) found.set(m.name, m);
    }
  }
  for (const name of oneByOne) {
    const m = await readModel(http, name);
    if (m) found.set(name, m);
  }
  return found;
}

/**
 * Version search answers omit `aliases` (verified on mlflow 3.17.2), while the registered model lists them as
 * `{alias, version}`: the models not in `known` (answers read moments before) are read in batches (`readModels`).
 * When the model's answer lists aliases, each version gets its list ([] for none); when it does not carry the field
 * (MLflow leaves out an empty list; some servers never report aliases), the versions' aliases stay unknown rather
 * than become [], so a sync never clears an alias on an absent field.
 */
export async function withAliases(
  http: MlflowCaller,
  versions: readonly MlflowModelVersion[],
  batching: ModelBatching,
  known: (name: string) => { readonly aliases: ModelAliases } | undefined = () => undefined,
): Promise<ModelVersion[]> {
  const names = [...new Set(versions.map((v) => v.name))];
  const unknown = names.filter((n) => known(n) === undefined);
  const read = unknown.length > 0 ? await readModels(http, unknown, batching) : new Map<string, MlflowRegisteredModel>();
  const byModel = new Map<string, Map<string, string[]> | undefined>();
  for (const name of names) byModel.set(name, perVersionAliases((known(name) ?? read.get(name))?.aliases));
  return versions.map((v) => {
    const mv = toModelVersion(v);
    const perVersion = byModel.get(v.name);
    return perVersion === undefined ? mv : { ...mv, aliases: (perVersion.get(v.version) ?? []).sort() };
  });
}

function perVersionAliases(aliases: ModelAliases): Map<string, string[]> | undefined {
  if (aliases === undefined) return undefined;
  const perVersion = new Map<string, string[]>();
  for (const a of aliases) perVersion.set(a.version, [...(perVersion.get(a.version) ?? []), a.alias]);
  return perVersion;
}

/**
 * Versions of every model whose last change (MLflow's `last_updated_timestamp`) is at or after `sinceMs`, newest
 * first, aliases not filled in. MLflow cannot filter on that timestamp but orders by it (verified on mlflow
 * 3.17.2: `last_updated_timestamp` is an `order_by` key, not a filter key), so pages are read until one reaches
 * past `sinceMs`: a quiet registry costs one request. Creating, describing, moving between stages and deleting a
 * version moves the timestamp; tags and aliases do not.
 */
export async function searchVersionsChangedSince(http: MlflowCaller, sinceMs: number, pageSize: number): Promise<MlflowModelVersion[]> {
  const changed: MlflowModelVersion[] = [];
  const pages = eachPage(async (pageToken: string | undefined) => {
    const page = await http.call({
      method: 'GET',
      path: '/model-versions/search',
      query: { order_by: 'last_updated_timestamp DESC', max_results: pageSize, page_token: pageToken },
      schema: searchVersionsResponse,
      subject: 'recently changed model versions',
      idempotent: true,
    });
    return { items: page.model_versions, next: page.next_page_token || undefined };
  });
  for await (const rows of pages) {
    let older = false;
    for (const v of rows) {
      if ((v.last_updated_timestamp ?? 0) >= sinceMs) changed.push(v);
      else older = true;
    }
    if (older) break;
  }
  return uniqueBy(changed, (v) => `${v.name}\u0000${v.version}`);
}
