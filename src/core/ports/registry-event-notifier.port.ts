import type { VersionLinks } from '../notifications/stage-change';

/** A registry change worth telling people about, as posted to the notification channel. */
export type RegistryEventNotice =
  | { readonly kind: 'version_created'; readonly model: string; readonly version: string; readonly at: number; readonly links: VersionLinks }
  | {
      readonly kind: 'alias_set';
      readonly model: string;
      readonly alias: string;
      readonly version: string;
      /** The version that held the alias before, when the app knew it. */
      readonly previousVersion?: string;
      readonly at: number;
      readonly links: VersionLinks;
    }
  | {
      readonly kind: 'alias_removed';
      readonly model: string;
      readonly alias: string;
      /** The version that held the alias, when the app knew it. */
      readonly version?: string;
      readonly at: number;
      /** Links of that version, when it is known. */
      readonly links?: VersionLinks;
    };

/** Posts registry-change notices (implemented in src/slack; a no-op when no notification channel is set). */
export interface RegistryEventNotifier {
  postRegistryEvent(notice: RegistryEventNotice): Promise<void>;
}
