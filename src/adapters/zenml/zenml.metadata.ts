/** ZenML run-metadata type tags (MetadataTypeEnum) for plain JSON values. */
import { AdapterError } from '../http/adapter-error';

/** The MetadataTypeEnum strings this adapter writes. */
export type ZenmlMetadataType = 'str' | 'int' | 'float' | 'bool' | 'list' | 'dict';

/** The `types` map that must mirror `values` in a run-metadata request; top-level null is refused by ZenML. */
export function metadataTypes(values: Readonly<Record<string, unknown>>): Record<string, ZenmlMetadataType> {
  const types: Record<string, ZenmlMetadataType> = {};
  for (const [key, value] of Object.entries(values)) types[key] = typeOf(key, value);
  return types;
}

function typeOf(key: string, value: unknown): ZenmlMetadataType {
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number' && Number.isFinite(value)) return Number.isInteger(value) ? 'int' : 'float';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object' && value !== null) return 'dict';
  throw new AdapterError(
    'zenml_invalid_request',
    `ZenML metadata '${key}' must be a string, finite number, boolean, list or object (write '' to clear a value).`,
  );
}
