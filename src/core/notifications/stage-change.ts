import type { Stage } from '../domain/stage';
import type { MessageRef } from '../ports/message-ref';

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

/** A version that lost its stage to the one promoted (archived with it). */
export interface ReplacedNotice {
  readonly version: string;
  readonly from: Stage;
  readonly links: VersionLinks;
}

/** The alias the same promotion pointed at the version (under PROMOTION_VOCABULARY=both): told in the same post. */
export interface MovedAliasNotice {
  readonly alias: string;
  /** `models:/<name>@<alias>`. */
  readonly modelUri: string;
  /** The version that held the alias before, if another one did. */
  readonly previousVersion?: string;
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
  /** Versions archived because this one took their stage: told in the same post. */
  readonly replaced?: readonly ReplacedNotice[];
  /** The alias moved by the same promotion: one post for the stage, the alias and the archived holders. */
  readonly alias?: MovedAliasNotice;
  /** The approval request's message, when an approval made the change: the notice is posted in its thread too. */
  readonly thread?: MessageRef;
}
