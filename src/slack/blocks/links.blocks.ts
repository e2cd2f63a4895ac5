import type { VersionLinks } from '../../core/notifications/stage-change';
import { joinMrkdwn, link, mrkdwn, type Mrkdwn } from './block-kit';

/** "MLflow · Notion · ZenML" with a note for each system that has no twin yet. */
export function threeLinks(links: VersionLinks): Mrkdwn {
  return joinMrkdwn(
    [
      link(links.mlflow, 'MLflow'),
      links.notion ? link(links.notion, 'Notion') : mrkdwn`Notion: _no page yet (next sync creates it)_`,
      links.zenml ? link(links.zenml, 'ZenML') : mrkdwn`ZenML: _not linked_`,
    ],
    ' · ',
  );
}
