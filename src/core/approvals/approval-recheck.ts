import type { ModelVersion } from '../domain/model-version';
import { stageHolders } from '../commands/stage-transition';
import type { RegistryReader } from '../ports/registry.port';
import type { ApprovalRequest } from './approval';
import type { ApprovalChange } from './approval-change';

/** What the request message showed the approver, as MLflow has it now. */
export interface CurrentView {
  /** The version itself; undefined when it was deleted. */
  readonly version?: ModelVersion;
  /** The other versions in the target stage (Staging/Production), numerically sorted. */
  readonly holders: readonly string[];
  /** The version holding the request's alias, when the request moves one. */
  readonly aliasHolder?: string;
}

/** Reads, for an Approve click, everything the request showed: the version's stage, the target's holders, the alias holder. */
export async function readCurrentView(registry: RegistryReader, req: ApprovalRequest): Promise<CurrentView> {
  const version = await registry.getVersion(req.model, req.version);
  const holders = req.toStage === req.fromStage ? [] : (await stageHolders(registry, req.model, req.version, req.toStage)).map((v) => v.version);
  const aliasHolder = req.alias === undefined ? undefined : (await registry.getVersionByAlias(req.model, req.alias))?.version;
  return { version, holders: sortVersions(holders), aliasHolder };
}

/**
 * What changed since the request; empty when everything the approver saw still holds, so approving does exactly
 * what the message said.
 */
export function changesSince(req: ApprovalRequest, now: CurrentView): ApprovalChange[] {
  const changes: ApprovalChange[] = [];
  if (!now.version || now.version.stage !== req.fromStage) {
    changes.push({ kind: 'version_stage', model: req.model, version: req.version, ...(now.version ? { now: now.version.stage } : {}) });
  }
  const then = sortVersions(req.holders);
  if (req.toStage !== req.fromStage && !sameList(then, now.holders)) changes.push({ kind: 'stage_holders', stage: req.toStage, then, now: now.holders });
  if (req.alias !== undefined && req.aliasHolder !== now.aliasHolder) {
    changes.push({
      kind: 'alias_holder',
      alias: req.alias,
      ...(req.aliasHolder === undefined ? {} : { then: req.aliasHolder }),
      ...(now.aliasHolder === undefined ? {} : { now: now.aliasHolder }),
    });
  }
  return changes;
}

function sortVersions(versions: readonly string[]): string[] {
  return [...versions].sort((a, b) => Number(a) - Number(b));
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
