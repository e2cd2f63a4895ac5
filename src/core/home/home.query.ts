import type { ApprovalRequest } from '../approvals/approval';
import type { DecisionPolicy } from '../approvals/approver-policy';
import { sortNewestFirst } from '../commands/find-version';
import type { ModelVersion, RegisteredModel } from '../domain/model-version';
import { describeError } from '../errors';
import type { RegistryReader } from '../ports/registry.port';
import type { LastSync, LastSyncStore } from '../sync/last-sync';

/** Managed models shown on one person's overview (more are counted, not listed: a view holds 100 blocks). */
export const HOME_MAX_MODELS = 20;
/** Requests listed per section. */
export const HOME_MAX_REQUESTS = 10;

/** One managed model as the overview shows it: who holds Production and Staging, and its aliases. */
export interface ModelHolders {
  readonly name: string;
  readonly url: string;
  readonly production: readonly string[];
  readonly staging: readonly string[];
  readonly aliases: readonly { readonly alias: string; readonly version: string }[];
}

/** The models part: read, or why not (the rest of the overview still shows). */
export type ModelsPart =
  { readonly ok: true; readonly models: readonly ModelHolders[]; readonly total: number } | { readonly ok: false; readonly reason: string };

/** One person's overview: what waits for them, what they asked for, the managed models, the last sync. */
export interface HomeOverview {
  readonly userId: string;
  /** Pending requests this person may approve (never their own). */
  readonly waitingForYou: readonly ApprovalRequest[];
  readonly waitingCount: number;
  /** Pending requests this person made. */
  readonly yourRequests: readonly ApprovalRequest[];
  readonly yourCount: number;
  readonly models: ModelsPart;
  readonly lastSync?: LastSync;
}

export interface HomeQueryDeps {
  /** The cached registry (a few seconds old is fine here; shed first under overload). */
  readonly registry: RegistryReader;
  readonly managedTag: string;
  readonly pending: () => Promise<ApprovalRequest[]>;
  /** The approval policy: a request is "waiting for you" only if you may approve it. */
  readonly policy: DecisionPolicy;
  readonly lastSync?: LastSyncStore;
}

/** A person's overview, for the chat layer's home screen. Read-only. */
export class HomeQuery {
  constructor(private readonly deps: HomeQueryDeps) {}

  async overview(userId: string): Promise<HomeOverview> {
    const [pending, models, lastSync] = await Promise.all([this.deps.pending(), this.models(), this.deps.lastSync?.last()]);
    const mayApprove = await Promise.all(pending.map(async (r) => r.requester !== userId && (await this.deps.policy.mayApprove(userId, r)).allowed));
    const waiting = pending.filter((_, i) => mayApprove[i]);
    const mine = pending.filter((r) => r.requester === userId);
    return {
      userId,
      waitingForYou: waiting.slice(0, HOME_MAX_REQUESTS),
      waitingCount: waiting.length,
      yourRequests: mine.slice(0, HOME_MAX_REQUESTS),
      yourCount: mine.length,
      models,
      ...(lastSync ? { lastSync } : {}),
    };
  }

  /** The users a request concerns: its requester and, of `candidates`, those who may approve it. */
  async concerned(request: ApprovalRequest, candidates: readonly string[]): Promise<string[]> {
    const rights = await Promise.all(
      candidates.map(async (u) => u === request.requester || (await this.deps.policy.mayApprove(u, request).catch(() => ({ allowed: false }))).allowed),
    );
    return candidates.filter((_, i) => rights[i]);
  }

  private async models(): Promise<ModelsPart> {
    const { registry, managedTag } = this.deps;
    try {
      const [tagged, taggedVersions] = await Promise.all([registry.listModelsWithTag(managedTag), registry.listVersionsWithTag(managedTag)]);
      const byName = new Map<string, RegisteredModel>(tagged.map((m) => [m.name, m]));
      for (const v of taggedVersions) if (!byName.has(v.name)) byName.set(v.name, { name: v.name, description: '', tags: {} });
      const names = [...byName.keys()].sort((a, b) => a.localeCompare(b));
      const shown = names.slice(0, HOME_MAX_MODELS).map((n) => byName.get(n) as RegisteredModel);
      // One batched search for every shown model's versions (not one per model).
      const versions = shown.length === 0 ? [] : await registry.listVersionsOfModels(shown);
      return { ok: true, models: shown.map((m) => holdersOf(registry.modelUrl(m.name), m.name, versions)), total: names.length };
    } catch (e) {
      return { ok: false, reason: describeError(e) };
    }
  }
}

function holdersOf(url: string, name: string, all: readonly ModelVersion[]): ModelHolders {
  const versions = sortNewestFirst(all.filter((v) => v.name === name));
  return {
    name,
    url,
    production: versions.filter((v) => v.stage === 'Production').map((v) => v.version),
    staging: versions.filter((v) => v.stage === 'Staging').map((v) => v.version),
    aliases: versions.flatMap((v) => (v.aliases ?? []).map((alias) => ({ alias, version: v.version }))).sort((a, b) => a.alias.localeCompare(b.alias)),
  };
}
