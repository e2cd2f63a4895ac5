import type { ModelVersion } from '../domain/model-version';
import type { Stage } from '../domain/stage';
import type { OutsideChange, RegistrySnapshot, StageMove } from './guard-types';

/** The model's state as the guard compares it: each version's stage, each alias's holder (when the registry said). */
export function snapshotOf(versions: readonly ModelVersion[], at: number): RegistrySnapshot {
  const stages: Record<string, Stage> = {};
  let aliases: Record<string, string> | undefined = {};
  for (const v of versions) {
    stages[v.version] = v.stage;
    if (v.aliases === undefined) aliases = undefined;
    else if (aliases) for (const a of v.aliases) aliases[a] = v.version;
  }
  return { versions: stages, ...(aliases === undefined ? {} : { aliases }), at };
}

/** PROTECTED_STAGES and PROTECTED_ALIASES, as the guard watches them. */
export interface Watched {
  readonly stages: readonly Stage[];
  readonly aliases: readonly string[];
}

function holdersOf(snapshot: RegistrySnapshot, stage: Stage): string[] {
  return Object.entries(snapshot.versions)
    .filter(([, s]) => s === stage)
    .map(([v]) => v)
    .sort((a, b) => Number(a) - Number(b));
}

/** Every protected stage or alias whose holders differ between the recorded state and now. */
export function diffProtected(model: string, before: RegistrySnapshot, now: RegistrySnapshot, watched: Watched): OutsideChange[] {
  const changes: OutsideChange[] = [];
  for (const stage of watched.stages) {
    const was = holdersOf(before, stage);
    const is = holdersOf(now, stage);
    if (was.join(',') === is.join(',')) continue;
    const moved = [...new Set([...was, ...is])].filter((v) => was.includes(v) !== is.includes(v));
    const moves: StageMove[] = moved.map((v) => ({ version: v, from: before.versions[v], to: now.versions[v] }));
    changes.push({ kind: 'stage', model, stage, before: was, after: is, moves });
  }
  // MLflow leaves an empty alias list out of its answer, so a model recorded before its first alias has none on
  // record: once the registry reports aliases for it, that absence meant "none" (an alias set outside is found). An
  // answer without aliases after one with them is not compared: it cannot tell "none left" from "not reported".
  if (now.aliases) {
    for (const alias of watched.aliases) {
      const was = before.aliases?.[alias];
      const is = now.aliases[alias];
      if (was !== is) changes.push({ kind: 'alias', model, alias, ...(was === undefined ? {} : { before: was }), ...(is === undefined ? {} : { after: is }) });
    }
  }
  return changes;
}

/** True when the registry still shows what the change left behind (so reverting it restores exactly what was). */
export function stillAsFound(change: OutsideChange, now: RegistrySnapshot): boolean {
  if (change.kind === 'alias') return now.aliases === undefined || now.aliases[change.alias] === change.after;
  return holdersOf(now, change.stage).join(',') === change.after.join(',');
}

/** The holders of the changed target now (for a "no longer applies" answer). */
export function holdersNow(change: OutsideChange, now: RegistrySnapshot): readonly string[] {
  if (change.kind === 'alias') {
    const v = now.aliases?.[change.alias];
    return v === undefined ? [] : [v];
  }
  return holdersOf(now, change.stage);
}
