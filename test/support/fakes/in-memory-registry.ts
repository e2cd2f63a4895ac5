import type { ModelVersion, RegisteredModel } from '../../../src/core/domain/model-version';
import type { Stage } from '../../../src/core/domain/stage';
import type { NewModelVersion, RegistryPort, RunSummary } from '../../../src/core/ports/registry.port';

/** An in-memory RegistryPort for unit tests of the core (integration tests use the real MLflow server). */
export class InMemoryRegistry implements RegistryPort {
  readonly models = new Map<string, { description: string; tags: Record<string, string>; aliases: Map<string, string> }>();
  readonly versions = new Map<string, ModelVersion[]>();
  readonly runs = new Map<string, RunSummary>();
  /** Counts calls by method name, so tests can assert "no writes". */
  readonly calls: string[] = [];
  /** Methods that throw the given error while set. */
  readonly failing = new Map<string, Error>();
  private clock = 1_700_000_000_000;

  constructor(readonly uiUrl = 'http://mlflow.test') {}

  private touch(method: string): void {
    this.calls.push(method);
    const err = this.failing.get(method);
    if (err) throw err;
  }

  writes(): string[] {
    return this.calls.filter((c) => !/^(list|get)/.test(c));
  }

  async listModelsWithTag(tag: string): Promise<RegisteredModel[]> {
    this.touch('listModelsWithTag');
    return [...this.models.entries()].filter(([, m]) => m.tags[tag] === 'true').map(([name, m]) => ({ name, description: m.description, tags: { ...m.tags } }));
  }
  async listVersionsWithTag(tag: string): Promise<ModelVersion[]> {
    this.touch('listVersionsWithTag');
    return [...this.versions.values()].flat().filter((v) => v.tags[tag] === 'true');
  }
  async listVersionsChangedSince(sinceMs: number): Promise<ModelVersion[]> {
    this.touch('listVersionsChangedSince');
    return [...this.versions.values()]
      .flat()
      .filter((v) => v.lastUpdatedAt >= sinceMs)
      .map(({ aliases: _aliases, ...v }) => v);
  }
  async getModels(names: readonly string[]): Promise<RegisteredModel[]> {
    this.touch('getModels');
    return names.flatMap((name) => {
      const m = this.models.get(name);
      return m ? [{ name, description: m.description, tags: { ...m.tags }, aliases: Object.fromEntries(m.aliases) }] : [];
    });
  }
  async listVersions(name: string): Promise<ModelVersion[]> {
    this.touch('listVersions');
    return [...(this.versions.get(name) ?? [])];
  }
  async listVersionsOfModels(models: readonly RegisteredModel[]): Promise<ModelVersion[]> {
    this.touch('listVersionsOfModels');
    return models.flatMap((m) => [...(this.versions.get(m.name) ?? [])]);
  }
  async getModel(name: string): Promise<RegisteredModel | undefined> {
    this.touch('getModel');
    const m = this.models.get(name);
    return m ? { name, description: m.description, tags: { ...m.tags } } : undefined;
  }
  async getVersion(name: string, version: string): Promise<ModelVersion | undefined> {
    this.touch('getVersion');
    return this.versions.get(name)?.find((v) => v.version === version);
  }
  async createModel(name: string, tags: Readonly<Record<string, string>> = {}, description = ''): Promise<boolean> {
    this.touch('createModel');
    if (this.models.has(name)) return false;
    this.models.set(name, { description, tags: { ...tags }, aliases: new Map() });
    this.versions.set(name, []);
    return true;
  }
  async setModelTag(name: string, key: string, value: string): Promise<void> {
    this.touch('setModelTag');
    this.requireModel(name).tags[key] = value;
  }
  async createVersion(input: NewModelVersion): Promise<ModelVersion> {
    this.touch('createVersion');
    this.requireModel(input.name);
    const list = this.versions.get(input.name) as ModelVersion[];
    const mv: ModelVersion = {
      name: input.name,
      version: String(list.length + 1),
      stage: 'None',
      description: input.description ?? '',
      source: input.source,
      runId: input.runId ?? '',
      createdAt: (this.clock += 1000),
      lastUpdatedAt: this.clock,
      userId: '',
      status: 'READY',
      tags: { ...(input.tags ?? {}) },
      aliases: [],
    };
    list.push(mv);
    return mv;
  }
  async transitionStage(name: string, version: string, stage: Stage, archiveExisting: boolean): Promise<ModelVersion> {
    this.touch('transitionStage');
    if (archiveExisting && (stage === 'Production' || stage === 'Staging')) {
      for (const v of this.versions.get(name) ?? []) if (v.stage === stage && v.version !== version) this.replace({ ...v, stage: 'Archived' });
    }
    return this.replace({ ...this.requireVersion(name, version), stage });
  }
  async setVersionTag(name: string, version: string, key: string, value: string): Promise<void> {
    this.touch('setVersionTag');
    const v = this.requireVersion(name, version);
    this.replace({ ...v, tags: { ...v.tags, [key]: value } });
  }
  async deleteVersionTag(name: string, version: string, key: string): Promise<void> {
    this.touch('deleteVersionTag');
    const v = this.requireVersion(name, version);
    const tags = { ...v.tags };
    delete tags[key];
    this.replace({ ...v, tags });
  }
  async updateVersionDescription(name: string, version: string, description: string): Promise<ModelVersion> {
    this.touch('updateVersionDescription');
    return this.replace({ ...this.requireVersion(name, version), description });
  }
  async setAlias(name: string, alias: string, version: string): Promise<void> {
    this.touch('setAlias');
    this.requireModel(name).aliases.set(alias, version);
    this.syncAliases(name);
  }
  async deleteAlias(name: string, alias: string): Promise<void> {
    this.touch('deleteAlias');
    this.requireModel(name).aliases.delete(alias);
    this.syncAliases(name);
  }
  async getVersionByAlias(name: string, alias: string): Promise<ModelVersion | undefined> {
    this.touch('getVersionByAlias');
    const version = this.models.get(name)?.aliases.get(alias);
    return version === undefined ? undefined : this.versions.get(name)?.find((v) => v.version === version);
  }
  async deleteVersion(name: string, version: string): Promise<void> {
    this.touch('deleteVersion');
    this.versions.set(
      name,
      (this.versions.get(name) ?? []).filter((v) => v.version !== version),
    );
  }
  async getRun(runId: string): Promise<RunSummary | undefined> {
    this.touch('getRun');
    return this.runs.get(runId);
  }
  versionUrl(name: string, version: string): string {
    return `${this.uiUrl}/#/models/${encodeURIComponent(name)}/versions/${version}`;
  }
  modelUrl(name: string): string {
    return `${this.uiUrl}/#/models/${encodeURIComponent(name)}`;
  }
  runUrl(runId: string): string {
    return `${this.uiUrl}/#/runs/${runId}`;
  }
  linkTarget(url: string): { model: string; version?: string } | undefined {
    const m = /#\/models\/([^/]+)(?:\/versions\/(\d+))?$/.exec(url.startsWith(this.uiUrl) ? url : '');
    if (!m) return undefined;
    return m[2] === undefined ? { model: decodeURIComponent(m[1] as string) } : { model: decodeURIComponent(m[1] as string), version: m[2] };
  }

  /** Test helper: a managed model with versions 1..n (all stage None). */
  async seedManaged(name: string, n: number, managedTag = 'zenml.mlflow_notion_managed'): Promise<void> {
    await this.createModel(name, { [managedTag]: 'true' });
    for (let i = 1; i <= n; i += 1) await this.createVersion({ name, source: `s3://models/${name}/${i}`, description: `${name} v${i}` });
    this.calls.length = 0;
  }

  private requireModel(name: string) {
    const m = this.models.get(name);
    if (!m) throw new Error(`no model ${name}`);
    return m;
  }
  private requireVersion(name: string, version: string): ModelVersion {
    const v = this.versions.get(name)?.find((x) => x.version === version);
    if (!v) throw new Error(`no version ${name} ${version}`);
    return v;
  }
  private replace(mv: ModelVersion): ModelVersion {
    const list = this.versions.get(mv.name) ?? [];
    this.versions.set(
      mv.name,
      list.map((v) => (v.version === mv.version ? mv : v)),
    );
    return mv;
  }
  private syncAliases(name: string): void {
    const aliases = this.requireModel(name).aliases;
    for (const v of this.versions.get(name) ?? []) {
      this.replace({ ...v, aliases: [...aliases.entries()].filter(([, ver]) => ver === v.version).map(([a]) => a) });
    }
  }
}
