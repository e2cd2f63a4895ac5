import type { ModelVersion, RegisteredModel } from '../../core/domain/model-version';
import { isActiveStage, type Stage } from '../../core/domain/stage';
import type { NewModelVersion, RegistryLinkTarget, RegistryPort, RunSummary } from '../../core/ports/registry.port';
import { AdmissionGate, type AdmissionSettings } from '../http/admission-gate';
import { outboundLoadSource, type OutboundLoadSource } from '../http/outbound-load';
import { ReadCoalescer } from '../http/read-coalescer';
import { hasErrorCode } from '../http/adapter-error';
import { equalsClause, inClause, tagEqualsClause } from './mlflow.filter';
import {
  DEFAULT_ADMISSION,
  DEFAULT_READ_CACHE_MS,
  MLFLOW_MODES,
  MlflowHttp,
  type MlflowCaller,
  type MlflowCallMode,
  type MlflowClientSettings,
} from './mlflow.http';
import { MlflowLinks } from './mlflow.links';
import {
  emptyResponse,
  modelVersionResponse,
  registeredModelResponse,
  runResponse,
  toModelVersion,
  toRegisteredModel,
  toRunSummary,
  type MlflowModelVersion,
} from './mlflow.schemas';
import {
  isMissing,
  MAX_PAGE_SIZE,
  modelSubject,
  readModel,
  readModels,
  searchAllModels,
  searchAllVersions,
  searchVersionsChangedSince,
  withAliases,
  type ModelAliases,
  type ModelBatching,
} from './mlflow.search';

/** Settings of the MLflow adapter, as MLflow's own clients name them (MLFLOW_TRACKING_URI, …). */
export interface MlflowRegistryOptions extends MlflowClientSettings {
  /** Tracking server base URL (runs live here). */
  readonly trackingUri: string;
  /** Registry server base URL when it differs from the tracking server. */
  readonly registryUri?: string;
  /** Base URL of the web UI for links; defaults to the tracking URI. */
  readonly uiUrl?: string;
  /** Search page size, 1..1000 (default 1000); small values exist so tests can prove pagination. */
  readonly pageSize?: number;
  /** Model names per `name IN (…)` version search (default 100); small values let tests prove batching. */
  readonly namesPerQuery?: number;
  /** Calls in flight and waiting, and wait budgets (defaults: DEFAULT_ADMISSION, sized for one MLflow worker). */
  readonly admission?: Partial<AdmissionSettings>;
  /** How long answers of `cachedReads` views are reused (default 5 s; 0: identical reads in flight still share). */
  readonly readCacheMs?: number;
}

/** Keeps each `name IN (…)` filter well under URL length limits. */
const DEFAULT_NAMES_PER_QUERY = 100;
/** Distinct cached reads kept at most (a few KB each). */
const MAX_CACHED_READS = 1_000;

/** What every view of one registry shares: the clients, the one admission gate and the read cache. */
export class MlflowConnection {
  readonly registry: MlflowHttp;
  readonly tracking: MlflowHttp;
  readonly admission: AdmissionGate;
  readonly coalescer: ReadCoalescer;
  readonly links: MlflowLinks;
  readonly pageSize: number;
  readonly namesPerQuery: number;
  readonly load: OutboundLoadSource;

  constructor(options: MlflowRegistryOptions) {
    this.admission = new AdmissionGate({ ...DEFAULT_ADMISSION, ...options.admission });
    this.coalescer = new ReadCoalescer({ ttlMs: options.readCacheMs ?? DEFAULT_READ_CACHE_MS, maxEntries: MAX_CACHED_READS });
    const common = {
      token: options.token,
      username: options.username,
      password: options.password,
      timeoutMs: options.timeoutMs,
      retries: options.retries,
      retryBaseDelayMs: options.retryBaseDelayMs,
      onResponse: options.onResponse,
      admission: this.admission,
      coalescer: this.coalescer,
    };
    this.tracking = new MlflowHttp({ ...common, baseUrl: options.trackingUri });
    this.registry = options.registryUri ? new MlflowHttp({ ...common, baseUrl: options.registryUri }) : this.tracking;
    const ui = new URL(options.uiUrl ?? options.trackingUri);
    ui.username = '';
    ui.password = '';
    this.links = new MlflowLinks(ui.href);
    const size = options.pageSize ?? MAX_PAGE_SIZE;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
      throw new RangeError(`MLflow pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${size}`);
    }
    this.pageSize = size;
    this.namesPerQuery = options.namesPerQuery ?? DEFAULT_NAMES_PER_QUERY;
    this.load = outboundLoadSource('mlflow', this.admission, this.coalescer);
  }
}

/** The aliases of models read moments before, as `withAliases` takes them (even without an `aliases` field). */
function knownAliases(models: readonly RegisteredModel[]): (name: string) => { aliases: ModelAliases } | undefined {
  const byName = new Map(models.map((m) => [m.name, m]));
  return (name) => {
    const model = byName.get(name);
    if (!model) return undefined;
    return { aliases: model.aliases && Object.entries(model.aliases).map(([alias, version]) => ({ alias, version })) };
  };
}

const versionSubject = (name: string, version: string): string => `version ${version} of model '${name}'`;

/** Tags as MLflow's create calls take them. */
function tagList(tags: Readonly<Record<string, string>> | undefined): { key: string; value: string }[] {
  return Object.entries(tags ?? {}).map(([key, value]) => ({ key, value }));
}

/**
 * The MLflow Model Registry over its REST API: the RegistryPort the sync core reads and writes. Each instance is a
 * view in one mode (who waits, fresh or cached reads); `withMode` gives another view of the same connection, so
 * every view shares one admission gate and one read cache.
 */
export class MlflowRegistry implements RegistryPort {
  readonly connection: MlflowConnection;
  readonly mode: MlflowCallMode;
  private readonly registry: MlflowCaller;
  private readonly tracking: MlflowCaller;
  private readonly links: MlflowLinks;
  private readonly pageSize: number;
  private readonly namesPerQuery: number;

  /** From settings (a new connection; interactive mode unless told otherwise), or as a view of a connection. */
  constructor(source: MlflowRegistryOptions | MlflowConnection, mode: MlflowCallMode = MLFLOW_MODES.interactive) {
    const conn = source instanceof MlflowConnection ? source : new MlflowConnection(source);
    this.connection = conn;
    this.mode = mode;
    this.registry = conn.registry.as(mode);
    this.tracking = conn.tracking.as(mode);
    this.links = conn.links;
    this.pageSize = conn.pageSize;
    this.namesPerQuery = conn.namesPerQuery;
  }

  /** The same registry (same gate, same cache) with every call in `mode`. */
  withMode(mode: MlflowCallMode): MlflowRegistry {
    return new MlflowRegistry(this.connection, mode);
  }

  /** In flight, waiting, shed and coalesced calls of this MLflow (all views together). */
  get load(): OutboundLoadSource {
    return this.connection.load;
  }

  async listModelsWithTag(tag: string): Promise<RegisteredModel[]> {
    const { filter } = tagEqualsClause(tag, 'true');
    const models = await searchAllModels(this.registry, filter, this.pageSize, `registered models tagged '${tag}'`);
    return models.map(toRegisteredModel).filter((m) => m.tags[tag] === 'true');
  }

  /** Aliases come from `knownModels` where given, else from batched model reads (one per 100 models, not one each). */
  async listVersionsWithTag(tag: string, knownModels: readonly RegisteredModel[] = []): Promise<ModelVersion[]> {
    const { filter } = tagEqualsClause(tag, 'true');
    const found = await searchAllVersions(this.registry, filter, this.pageSize, `model versions tagged '${tag}'`);
    const tagged = found.filter((v) => v.tags.some((t) => t.key === tag && t.value === 'true'));
    return withAliases(this.registry, tagged, this.batching, knownAliases(knownModels));
  }

  async listVersionsChangedSince(sinceMs: number): Promise<ModelVersion[]> {
    return (await searchVersionsChangedSince(this.registry, sinceMs, this.pageSize)).map(toModelVersion);
  }

  async getModels(names: readonly string[]): Promise<RegisteredModel[]> {
    return [...(await readModels(this.registry, [...new Set(names)], this.batching)).values()].map(toRegisteredModel);
  }

  private get batching(): ModelBatching {
    return { namesPerQuery: this.namesPerQuery, pageSize: this.pageSize };
  }

  async listVersions(name: string): Promise<ModelVersion[]> {
    const clause = equalsClause('name', name);
    const found = await searchAllVersions(this.registry, clause.filter, this.pageSize, `versions of model '${name}'`, name);
    // LIKE fallbacks match look-alike names; exact comparison is cheap, so always apply it.
    return withAliases(
      this.registry,
      found.filter((v) => v.name === name),
      this.batching,
    );
  }

  /**
   * One `name IN (…)` search per batch of names instead of one search per model: a reconcile of 50 models makes
   * 1 request instead of 50 (verified on mlflow 3.17.2: mixed 'single' and "double" quoted names are accepted).
   */
  async listVersionsOfModels(models: readonly RegisteredModel[]): Promise<ModelVersion[]> {
    const byName = new Map(models.map((m) => [m.name, m]));
    const names = [...byName.keys()];
    const found: MlflowModelVersion[] = [];
    const oneByOne: string[] = [];
    for (let i = 0; i < names.length; i += this.namesPerQuery) {
      const { filter, rest } = inClause('name', names.slice(i, i + this.namesPerQuery));
      oneByOne.push(...rest);
      if (filter) found.push(...(await searchAllVersions(this.registry, filter, this.pageSize, `versions of ${names.length} models`)));
    }
    // The listed models' answers are at hand: use them as they are, even without an `aliases` field.
    const listed = await withAliases(
      this.registry,
      found.filter((v) => byName.has(v.name)),
      this.batching,
      knownAliases(models),
    );
    for (const name of oneByOne) listed.push(...(await this.listVersions(name)));
    return listed;
  }

  async getModel(name: string): Promise<RegisteredModel | undefined> {
    const raw = await readModel(this.registry, name);
    return raw && toRegisteredModel(raw);
  }

  async getVersion(name: string, version: string): Promise<ModelVersion | undefined> {
    try {
      const res = await this.registry.call({
        method: 'GET',
        path: '/model-versions/get',
        query: { name, version },
        schema: modelVersionResponse,
        subject: versionSubject(name, version),
        model: name,
        idempotent: true,
      });
      return toModelVersion(res.model_version);
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
  }

  async createModel(name: string, tags?: Readonly<Record<string, string>>, description?: string): Promise<boolean> {
    try {
      await this.registry.call({
        method: 'POST',
        path: '/registered-models/create',
        body: { name, tags: tagList(tags), description },
        schema: registeredModelResponse,
        subject: modelSubject(name),
        model: name,
        idempotent: false,
      });
      return true;
    } catch (e) {
      // MLflow answers HTTP 400 RESOURCE_ALREADY_EXISTS (not 409) for a duplicate name.
      if (hasErrorCode(e, 'mlflow_already_exists')) return false;
      throw e;
    }
  }

  async setModelTag(name: string, key: string, value: string): Promise<void> {
    await this.registry.call({
      method: 'POST',
      path: '/registered-models/set-tag',
      body: { name, key, value },
      schema: emptyResponse,
      subject: modelSubject(name),
      model: name,
      idempotent: true,
    });
  }

  async createVersion(input: NewModelVersion): Promise<ModelVersion> {
    const res = await this.registry.call({
      method: 'POST',
      path: '/model-versions/create',
      body: {
        name: input.name,
        source: input.source,
        run_id: input.runId,
        description: input.description,
        tags: tagList(input.tags),
      },
      schema: modelVersionResponse,
      subject: `a new version of model '${input.name}'`,
      model: input.name,
      idempotent: false,
    });
    return toModelVersion(res.model_version);
  }

  /**
   * MLflow answers 500 to archive_existing_versions=true unless the target is Staging or Production, so the flag is
   * only sent for those. Not retried on 5xx or timeouts: a repeat after a hidden success would archive whatever
   * entered the stage in between, and MLflow's own 500s here are deterministic.
   */
  async transitionStage(name: string, version: string, stage: Stage, archiveExistingVersions: boolean): Promise<ModelVersion> {
    const res = await this.registry.call({
      method: 'POST',
      path: '/model-versions/transition-stage',
      body: { name, version, stage, archive_existing_versions: archiveExistingVersions && isActiveStage(stage) },
      schema: modelVersionResponse,
      subject: versionSubject(name, version),
      model: name,
      idempotent: false,
    });
    return toModelVersion(res.model_version);
  }

  async setVersionTag(name: string, version: string, key: string, value: string): Promise<void> {
    await this.registry.call({
      method: 'POST',
      path: '/model-versions/set-tag',
      body: { name, version, key, value },
      schema: emptyResponse,
      subject: versionSubject(name, version),
      model: name,
      idempotent: true,
    });
  }

  async deleteVersionTag(name: string, version: string, key: string): Promise<void> {
    await this.registry.call({
      method: 'DELETE',
      path: '/model-versions/delete-tag',
      body: { name, version, key },
      schema: emptyResponse,
      subject: versionSubject(name, version),
      model: name,
      idempotent: true,
    });
  }

  async updateVersionDescription(name: string, version: string, description: string): Promise<ModelVersion> {
    const res = await this.registry.call({
      method: 'PATCH',
      path: '/model-versions/update',
      body: { name, version, description },
      schema: modelVersionResponse,
      subject: versionSubject(name, version),
      model: name,
      idempotent: true,
    });
    return toModelVersion(res.model_version);
  }

  async setAlias(name: string, alias: string, version: string): Promise<void> {
    await this.registry.call({
      method: 'POST',
      path: '/registered-models/alias',
      body: { name, alias, version },
      schema: emptyResponse,
      subject: versionSubject(name, version),
      model: name,
      idempotent: true,
    });
  }

  async deleteAlias(name: string, alias: string): Promise<void> {
    await this.registry.call({
      method: 'DELETE',
      path: '/registered-models/alias',
      body: { name, alias },
      schema: emptyResponse,
      subject: `alias '${alias}' of model '${name}'`,
      model: name,
      idempotent: true,
    });
  }

  async getVersionByAlias(name: string, alias: string): Promise<ModelVersion | undefined> {
    try {
      const res = await this.registry.call({
        method: 'GET',
        path: '/registered-models/alias',
        query: { name, alias },
        schema: modelVersionResponse,
        subject: `alias '${alias}' of model '${name}'`,
        model: name,
        idempotent: true,
      });
      return toModelVersion(res.model_version);
    } catch (e) {
      if (isMissing(e)) return undefined;
      // An unknown alias on an existing model is HTTP 400 INVALID_PARAMETER_VALUE "Registered model alias x not found."
      if (hasErrorCode(e, 'mlflow_invalid_parameter') && /alias .* not found/i.test(e.message)) return undefined;
      throw e;
    }
  }

  /** Throws mlflow_not_found when the version is already gone. */
  async deleteVersion(name: string, version: string): Promise<void> {
    await this.registry.call({
      method: 'DELETE',
      path: '/model-versions/delete',
      body: { name, version },
      schema: emptyResponse,
      subject: versionSubject(name, version),
      model: name,
      idempotent: true,
    });
  }

  async getRun(runId: string): Promise<RunSummary | undefined> {
    try {
      const res = await this.tracking.call({
        method: 'GET',
        path: '/runs/get',
        query: { run_id: runId },
        schema: runResponse,
        subject: `run '${runId}'`,
        idempotent: true,
      });
      return toRunSummary(runId, res.run);
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
  }

  versionUrl(name: string, version: string): string {
    return this.links.versionUrl(name, version);
  }

  modelUrl(name: string): string {
    return this.links.modelUrl(name);
  }

  runUrl(runId: string): string {
    return this.links.runUrl(runId);
  }

  linkTarget(url: string): RegistryLinkTarget | undefined {
    return this.links.linkTarget(url);
  }
}
