import type { Stage } from '../domain/stage';

/** Who made a stage change. */
export type StageActor = { readonly kind: 'user'; readonly userId: string; readonly approvedBy?: string } | { readonly kind: 'external' };

/** Why the stage changed, as the notification explains it. */
export type StageChangeCause =
  | 'promoted' // a promotion to an unprotected stage
  | 'approved' // an approval request was approved
  | 'archived' // an archive command
  | 'replaced' // archived because another version took its stage
  | 'external'; // found by a sync: changed in the MLflow UI or API

/** Links of one version in the three systems; null when that system has no twin (yet). */
export interface VersionLinks {
  readonly mlflow: string;
  readonly notion: string | null;
  readonly zenml: string | null;
}

/** One stage change, as posted to the notification channel. */
export interface StageChangeNotice {
  readonly model: string;
  readonly version: string;
  readonly from: Stage;
  readonly to: Stage;
  readonly actor: StageActor;
  readonly cause: StageChangeCause;
  /** Milliseconds since the epoch. */
  readonly at: number;
  readonly links: VersionLinks;
}
