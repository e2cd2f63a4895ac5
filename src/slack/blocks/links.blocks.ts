import type { VersionLinks } from '../../core/notifications/stage-change';
import { link } from './block-kit';

/** "MLflow · Notion · ZenML" with a note for each system that has no twin yet. */
export function threeLinks(links: VersionLinks): string {
  const parts = [link(links.mlflow, 'MLflow')];
  parts.push(links.notion ? link(links.notion, 'Notion') : 'Notion: _no page yet (next sync creates it)_');
  parts.push(links.zenml ? link(links.zenml, 'ZenML') : 'ZenML: _not linked_');
  return parts.join(' · ');
}
