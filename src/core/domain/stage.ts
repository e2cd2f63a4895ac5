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
