import type { Stage } from '../domain/stage';
import type { MessageRef } from '../ports/message-ref';

/** GUARD_MODE: what the app does when a protected stage or alias changes outside it. */
export const GUARD_MODES = ['off', 'alert', 'revert'] as const;
export type GuardMode = (typeof GUARD_MODES)[number];
export const DEFAULT_GUARD_MODE: GuardMode = 'alert';

/** The last state of a model the app recorded: each version's stage and each alias's holder. */
export interface RegistrySnapshot {
  readonly versions: Readonly<Record<string, Stage>>;
  /** Undefined when the registry did not report aliases (older servers): aliases are then not compared. */
  readonly aliases?: Readonly<Record<string, string>>;
  /** When it was recorded (ms since the epoch). */
  readonly at: number;
}

/** A version that moved into or out of a protected stage: its stage as recorded (undefined: new since) and now (undefined: deleted). */
export interface StageMove {
  readonly version: string;
  readonly from?: Stage;
  readonly to?: Stage;
}

/** A change of a protected stage or alias that the app did not make, found against the last recorded state. */
export type OutsideChange =
  | {
      readonly kind: 'stage';
      readonly model: string;
      readonly stage: Stage;
      /** The versions in the stage as recorded, and now (numerically sorted). */
      readonly before: readonly string[];
      readonly after: readonly string[];
      readonly moves: readonly StageMove[];
    }
  | { readonly kind: 'alias'; readonly model: string; readonly alias: string; readonly before?: string; readonly after?: string };

/** Where an outside change was found: a reconcile (scheduled or asked for) or an MLflow webhook delivery. */
export type FoundBy = 'sync' | 'webhook';

/** Where an incident stands: open (alert posted), reverted (by the guard or an approver), superseded (the registry moved on). */
export type IncidentStatus = 'open' | 'reverted' | 'superseded';

/** One outside change the guard acted on, stored so the Revert button (on any instance) can act on it once. */
export interface GuardIncident {
  readonly id: string;
  readonly change: OutsideChange;
  readonly foundAt: number;
  readonly foundBy: FoundBy;
  readonly mode: Exclude<GuardMode, 'off'>;
  /** The registry UI page of the model. */
  readonly modelUrl: string;
  status: IncidentStatus;
  /** A chat user ID, or GUARD_ACTOR for the guard's own revert. */
  revertedBy?: string;
  revertedAt?: number;
  /** The approval request opened for the outside change after a revert (revert mode). */
  requestId?: string;
  /** Why a revert did not (fully) happen, for people to act on. */
  problem?: string;
  message?: MessageRef;
}

/** Store key of an incident. */
export function incidentKey(id: string): string {
  return `guard-incident:${id}`;
}
