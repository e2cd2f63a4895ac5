import type { ModelVersion } from '../domain/model-version';
import { describeError } from '../errors';
import type { LookupRefusal } from '../outcomes/refusal';
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

/** A registration that did nothing: its source run does not exist. */
export interface RegisterRefused {
  readonly refused: LookupRefusal;
}

export type RegisterOutcome = RegisterResult | RegisterRefused;

export interface RegisterDeps {
  readonly registry: RegistryPort;
  readonly sync: SyncService;
  readonly managedTag: string;
  readonly syncOnWrite: boolean;
}

/** Registers a version: model (if new) and version in MLflow, both tagged managed, then synced at once. */
export class RegisterUseCase {
  constructor(private readonly deps: RegisterDeps) {}

  async execute(input: { model: string; source: string; runId?: string; description: string }, ctx: CommandContext): Promise<RegisterOutcome> {
    const { registry, managedTag } = this.deps;
    // MLflow creates a version whatever run id it is given: a typo would leave a version with no lineage.
    if (input.runId !== undefined && !(await registry.getRun(input.runId))) {
      return { refused: { code: 'run_missing', model: input.model, runId: input.runId } };
    }
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
