import type { ModelVersion } from '../domain/model-version';
import { stageHolders } from '../commands/stage-transition';
import type { RegistryPort } from '../ports/registry.port';
import type { ApprovalRequest } from './approval';

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
export async function readCurrentView(registry: RegistryPort, req: ApprovalRequest): Promise<CurrentView> {
  const version = await registry.getVersion(req.model, req.version);
  const holders = req.toStage === req.fromStage ? [] : (await stageHolders(registry, req.model, req.version, req.toStage)).map((v) => v.version);
  const aliasHolder = req.alias === undefined ? undefined : (await registry.getVersionByAlias(req.model, req.alias))?.version;
  return { version, holders: sortVersions(holders), aliasHolder };
}

/**
 * What changed since the request, one clause each ("@champion is now on version 7, not 5"); empty when everything
 * the approver saw still holds, so approving does exactly what the message said.
 */
export function changesSince(req: ApprovalRequest, now: CurrentView): string[] {
  const changes: string[] = [];
  if (!now.version || now.version.stage !== req.fromStage) {
    const what = now.version ? `it is now in ${now.version.stage}` : 'it no longer exists';
    changes.push(`Version ${req.version} of ${req.model} changed stage since the request (${what})`);
  }
  const then = sortVersions(req.holders);
  if (req.toStage !== req.fromStage && !sameList(then, now.holders)) changes.push(holdersChange(req, then, now.holders));
  if (req.alias !== undefined && req.aliasHolder !== now.aliasHolder) changes.push(aliasChange(req.alias, req.aliasHolder, now.aliasHolder));
  return changes;
}

/** The sentence a superseded request shows: what changed, that nothing was done, and what to do. */
export function supersededReason(changes: readonly string[]): string {
  return `${changes.join('; ')}; nothing was done. Ask again if still wanted.`;
}

function holdersChange(req: ApprovalRequest, then: readonly string[], now: readonly string[]): string {
  if (then.length === 0) return `${versionList(now)} entered ${req.toStage} since the request (it showed none)`;
  if (now.length === 0) return `${req.toStage} is now empty (the request showed ${versionList(then)} there)`;
  return `${req.toStage} is now held by ${versionList(now)}, not ${versionList(then)}`;
}

function aliasChange(alias: string, then: string | undefined, now: string | undefined): string {
  if (then === undefined) return `@${alias} was set on version ${now} since the request (it was on no version)`;
  if (now === undefined) return `@${alias} was removed from version ${then} since the request`;
  return `@${alias} is now on version ${now}, not ${then}`;
}

function versionList(versions: readonly string[]): string {
  return `${versions.length === 1 ? 'version' : 'versions'} ${versions.join(', ')}`;
}

function sortVersions(versions: readonly string[]): string[] {
  return [...versions].sort((a, b) => Number(a) - Number(b));
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
