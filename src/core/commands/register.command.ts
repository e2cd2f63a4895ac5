import type { ModelVersion } from '../domain/model-version';
import { describeError } from '../errors';
import type { RegistryPort } from '../ports/registry.port';
import type { VersionLinks } from '../notifications/stage-change';
import { linksOf } from '../notifications/version-links';
import type { SyncService } from '../sync/sync.service';
import { syncProblemsOf } from '../sync/sync-report';
import type { CommandContext } from './command';

/** Result of a registration: the new version with its links, and any mirror problem of the sync-on-write. */
export interface RegisterResult {
  readonly version: ModelVersion;
  readonly createdModel: boolean;
  readonly links: VersionLinks;
  readonly syncProblems: readonly string[];
}

export interface RegisterDeps {
  readonly registry: RegistryPort;
  readonly sync: SyncService;
  readonly managedTag: string;
  readonly syncOnWrite: boolean;
}

/** Registers a version: model (if new) and version in MLflow, both tagged managed, then synced at once. */
export class RegisterUseCase {
  constructor(private readonly deps: RegisterDeps) {}

  async execute(input: { model: string; source: string; runId?: string; description: string }, ctx: CommandContext): Promise<RegisterResult> {
    const { registry, managedTag } = this.deps;
    const createdModel = await registry.createModel(input.model, { [managedTag]: 'true' });
    const created = await registry.createVersion({
      name: input.model,
      source: input.source,
      runId: input.runId,
      description: input.description || undefined,
      tags: { [managedTag]: 'true', 'modelsync.registered_by': ctx.userId },
    });
    const syncProblems: string[] = [];
    if (this.deps.syncOnWrite) {
      try {
        const report = await this.deps.sync.syncVersion(input.model, created.version);
        syncProblems.push(...syncProblemsOf(report));
      } catch (e) {
        syncProblems.push(describeError(e));
      }
    }
    const version = (await registry.getVersion(input.model, created.version)) ?? created;
    return { version, createdModel, links: linksOf(registry, version), syncProblems };
  }
}
