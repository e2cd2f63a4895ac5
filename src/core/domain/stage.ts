/** The four MLflow registry stages, spelled as MLflow canonicalises them. */
export const STAGES = ['None', 'Staging', 'Production', 'Archived'] as const;
export type Stage = (typeof STAGES)[number];

/** Parses a stage name case-insensitively ("production", "PRODUCTION" → "Production"); undefined when unknown. */
export function parseStage(input: string): Stage | undefined {
  const wanted = input.trim().toLowerCase();
  return STAGES.find((s) => s.toLowerCase() === wanted);
}

/** True for a value MLflow would return as `current_stage`. */
export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

/**
 * MLflow's active stages: the only targets for which a transition may archive the versions already there
 * (archive_existing_versions; MLflow answers 500 when it is sent with None or Archived).
 */
export const ACTIVE_STAGES: readonly Stage[] = ['Staging', 'Production'];

/** True when a transition to `stage` can archive the versions already in it. */
export function isActiveStage(stage: Stage): boolean {
  return ACTIVE_STAGES.includes(stage);
}
