import { STAGES } from '../../core/domain/stage';
import { NotionSchemaConflictError } from './notion.errors';

/** Property names of the ZenML mlflow_notion flavor's data model (plus Aliases, issue 9, and Last decision, issue 14). */
export const PROP = {
  modelName: 'Model Name',
  version: 'Version',
  stage: 'Stage',
  sourceUri: 'Model Source URI',
  description: 'Description',
  createdAt: 'Created At',
  mlflowUrl: 'MLflow Model URL',
  zenmlUrl: 'ZenML Model URL',
  aliases: 'Aliases',
  lastDecision: 'Last decision',
} as const;

/** Notion gives the title property of every data source the id "title"; pages and filters may use it as key. */
export const TITLE_PROPERTY_ID = 'title';

type WantedType = 'title' | 'rich_text' | 'select' | 'url' | 'date' | 'multi_select';

/** The non-title columns the sync writes, with their types. */
const WANTED: ReadonlyArray<{ name: string; type: WantedType }> = [
  { name: PROP.version, type: 'rich_text' },
  { name: PROP.stage, type: 'select' },
  { name: PROP.sourceUri, type: 'url' },
  { name: PROP.description, type: 'rich_text' },
  { name: PROP.createdAt, type: 'date' },
  { name: PROP.mlflowUrl, type: 'url' },
  { name: PROP.zenmlUrl, type: 'url' },
  { name: PROP.aliases, type: 'multi_select' },
  { name: PROP.lastDecision, type: 'rich_text' },
];

/** Colours of the Stage options when modelsync creates them. */
const STAGE_COLORS: Readonly<Record<string, string>> = { None: 'gray', Staging: 'yellow', Production: 'green', Archived: 'brown' };

/** A data source property as the schema planner needs it (validated from the API response). */
export interface ExistingProperty {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly options?: ReadonlyArray<{ readonly id: string; readonly name: string }>;
}

/** What ensureSchema must send, if anything. */
export interface SchemaPlan {
  /** The `properties` of PATCH /v1/data_sources/{id}; null when the schema is already right. */
  readonly patch: Record<string, unknown> | null;
  /** True when the plan renames the title property to "Model Name" (only allowed on an empty data source). */
  readonly renamesTitle: boolean;
}

/**
 * Plans the schema change: adds missing columns and missing Stage options, never removes or retypes anything.
 * The title property keeps a user's name unless `mayRenameTitle` (the data source has no rows yet) — on a
 * database in use, renaming would surprise people and break their views, so the sync writes the title by id.
 * Throws NotionSchemaConflictError when a column has the right name but the wrong type.
 */
export function planSchema(existing: readonly ExistingProperty[], mayRenameTitle: boolean): SchemaPlan {
  const byName = new Map(existing.map((p) => [p.name, p]));
  const patch: Record<string, unknown> = {};
  const title = existing.find((p) => p.type === 'title');
  const named = byName.get(PROP.modelName);
  if (named && named.type !== 'title') throw new NotionSchemaConflictError(PROP.modelName, 'title', named.type);
  let renamesTitle = false;
  if (title && title.name !== PROP.modelName && mayRenameTitle) {
    patch[title.id] = { name: PROP.modelName };
    renamesTitle = true;
  }
  for (const want of WANTED) {
    const have = byName.get(want.name);
    if (have && have.type !== want.type) throw new NotionSchemaConflictError(want.name, want.type, have.type);
    if (want.type === 'select') {
      const names = new Set((have?.options ?? []).map((o) => o.name));
      const missing = STAGES.filter((s) => !names.has(s));
      if (missing.length === 0) continue;
      // The options array replaces the whole set: send the existing ones by id so none is lost.
      const options = [...(have?.options ?? []).map((o) => ({ id: o.id })), ...missing.map((name) => ({ name, color: STAGE_COLORS[name] }))];
      patch[want.name] = { select: { options } };
      continue;
    }
    if (!have) patch[want.name] = { [want.type]: {} };
  }
  return { patch: Object.keys(patch).length > 0 ? patch : null, renamesTitle };
}
