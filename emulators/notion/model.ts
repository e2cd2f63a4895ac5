/** Property types the emulator implements (the ones modelsync and the demo use, plus a few neighbours). */
export const PROPERTY_TYPES = ['title', 'rich_text', 'select', 'multi_select', 'url', 'date', 'number', 'checkbox', 'email', 'phone_number'] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];

/** Notion's option colours. */
export const OPTION_COLORS = ['default', 'gray', 'brown', 'orange', 'yellow', 'green', 'blue', 'purple', 'pink', 'red'] as const;

/** One select / multi_select option. */
export interface SelectOption {
  id: string;
  name: string;
  color: string;
  description: string | null;
}

/** One column of a data source schema. */
export interface PropertySchema {
  id: string;
  name: string;
  type: PropertyType;
  description: string | null;
  /** Only for select and multi_select. */
  options?: SelectOption[];
}

/** A rich text item as stored (and returned) by Notion. */
export interface RichTextItem {
  type: 'text';
  text: { content: string; link: { url: string } | null };
  annotations: {
    bold: boolean;
    italic: boolean;
    strikethrough: boolean;
    underline: boolean;
    code: boolean;
    color: string;
  };
  plain_text: string;
  href: string | null;
}

/** A date value as stored. */
export interface DateValue {
  start: string;
  end: string | null;
  time_zone: string | null;
}

/** Stored value of one property; select values keep the option id so renamed options follow. */
export type StoredValue =
  | { type: 'title' | 'rich_text'; items: RichTextItem[] }
  | { type: 'select'; optionId: string | null }
  | { type: 'multi_select'; optionIds: string[] }
  | { type: 'url' | 'email' | 'phone_number'; value: string | null }
  | { type: 'date'; value: DateValue | null }
  | { type: 'number'; value: number | null }
  | { type: 'checkbox'; value: boolean };

/** A database (container) in API version 2025-09-03. */
export interface DatabaseRecord {
  id: string;
  title: string;
  parentPageId: string | null;
  dataSourceIds: string[];
  createdTime: string;
  lastEditedTime: string;
}

/** A data source: the schema plus its rows. */
export interface DataSourceRecord {
  id: string;
  databaseId: string;
  title: string;
  properties: PropertySchema[];
  createdTime: string;
  lastEditedTime: string;
  /** User ids (absent in data files written before authors were kept). */
  createdBy?: string;
  lastEditedBy?: string;
}

/** A page (row) of a data source. Values are keyed by property id so renames keep them. */
export interface PageRecord {
  id: string;
  dataSourceId: string;
  /** Insertion order: breaks ties between equal (minute-precision) created times. */
  seq: number;
  createdTime: string;
  lastEditedTime: string;
  /** The user (an integration's bot, or a person) who created the page and who edited it last. */
  createdBy?: string;
  lastEditedBy?: string;
  inTrash: boolean;
  values: Record<string, StoredValue>;
}

/** Everything the emulator knows; serialisable as JSON for persistence. */
export interface EmulatorData {
  databases: Record<string, DatabaseRecord>;
  dataSources: Record<string, DataSourceRecord>;
  pages: Record<string, PageRecord>;
  seq: number;
}

/** A fresh, empty workspace. */
export function emptyData(): EmulatorData {
  return { databases: {}, dataSources: {}, pages: {}, seq: 0 };
}

/** Notion reports created/last-edited times rounded down to the minute. */
export function notionTimestamp(now: Date): string {
  const d = new Date(now.getTime());
  d.setUTCSeconds(0, 0);
  return d.toISOString();
}
