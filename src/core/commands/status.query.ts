import type { ModelVersion } from '../domain/model-version';
import type { LookupRefusal } from '../outcomes/refusal';
import type { AuditEntry, AuditLog } from '../approvals/audit-log';
import type { RegistryReader } from '../ports/registry.port';
import type { VersionLinks } from '../notifications/stage-change';
import { aliasModelUri } from '../notifications/alias-change';
import { linksOf } from '../notifications/version-links';
import { sortNewestFirst } from './find-version';
import { modelMissing, type ModelHints } from './model-hints';

/** Versions shown by the status query before the rest is summarised as a count. */
export const STATUS_MAX_VERSIONS = 10;
/** Audit entries shown by the status query. */
export const STATUS_MAX_DECISIONS = 5;

export interface VersionStatus {
  readonly version: ModelVersion;
  readonly links: VersionLinks;
}

/** An alias of the model: which version it serves, and the URI deployments load. */
export interface AliasStatus {
  readonly alias: string;
  readonly version: string;
  readonly modelUri: string;
}

/** The status query's result; `found: false` says why. */
export type StatusResult =
  | {
      readonly found: true;
      readonly model: string;
      readonly modelUrl: string;
      readonly versions: readonly VersionStatus[];
      readonly total: number;
      readonly aliases: readonly AliasStatus[];
      readonly decisions: readonly AuditEntry[];
    }
  | { readonly found: false; readonly refusal: LookupRefusal };

/** The status of one model: versions latest first (cut after STATUS_MAX_VERSIONS), aliases and the last decisions. */
export class StatusQuery {
  constructor(private readonly deps: { registry: RegistryReader; audit: AuditLog; hints?: ModelHints }) {}

  async execute(model: string): Promise<StatusResult> {
    const { registry } = this.deps;
    if (!(await registry.getModel(model))) {
      return { found: false, refusal: await modelMissing(model, this.deps.hints) };
    }
    const all = sortNewestFirst(await registry.listVersions(model));
    return {
      found: true,
      model,
      modelUrl: registry.modelUrl(model),
      versions: all.slice(0, STATUS_MAX_VERSIONS).map((v) => ({ version: v, links: linksOf(registry, v) })),
      total: all.length,
      // From every version, not just the ones shown: an alias on an old version matters most.
      aliases: all
        .flatMap((v) => (v.aliases ?? []).map((alias) => ({ alias, version: v.version, modelUri: aliasModelUri(model, alias) })))
        .sort((a, b) => a.alias.localeCompare(b.alias)),
      decisions: await this.deps.audit.recent(model, STATUS_MAX_DECISIONS),
    };
  }
}
