/** MLflow stage ↔ ZenML ModelStages (lower-case strings; `latest` is a query alias, never stored). */
import { assertNever } from '../../core/errors';
import type { Stage } from '../../core/domain/stage';

/** The ZenML stage a given MLflow stage maps to. */
export function toZenmlStage(stage: Stage): 'none' | 'staging' | 'production' | 'archived' {
  switch (stage) {
    case 'None':
      return 'none';
    case 'Staging':
      return 'staging';
    case 'Production':
      return 'production';
    case 'Archived':
      return 'archived';
    default:
      return assertNever(stage, 'stage');
  }
}

/** The MLflow stage of a ZenML stage value; null (never promoted) is None; undefined for values we do not know. */
export function fromZenmlStage(value: string | null | undefined): Stage | undefined {
  switch (value ?? 'none') {
    case 'none':
      return 'None';
    case 'staging':
      return 'Staging';
    case 'production':
      return 'Production';
    case 'archived':
      return 'Archived';
    default:
      return undefined;
  }
}
