import { validationError } from './api-error';
import { newPropertyId } from './ids';
import { OPTION_COLORS, PROPERTY_TYPES, type PropertySchema, type PropertyType, type SelectOption } from './model';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isPropertyType(v: string): v is PropertyType {
  return (PROPERTY_TYPES as readonly string[]).includes(v);
}

/** Finds a property by name or by id (Notion accepts both as keys). */
export function findProperty(props: readonly PropertySchema[], key: string): PropertySchema | undefined {
  return props.find((p) => p.name === key) ?? props.find((p) => p.id === key);
}

/** The type key of a property configuration (`{ rich_text: {} }` → rich_text); undefined when it only renames. */
function configType(key: string, config: Record<string, unknown>): PropertyType | undefined {
  const typeKeys = Object.keys(config).filter((k) => k !== 'name' && k !== 'description' && k !== 'type');
  if (typeKeys.length > 1)
    throw validationError(`body failed validation: body.properties.${key} should define one property type, instead had ${typeKeys.join(', ')}.`);
  const t = typeKeys[0];
  if (t === undefined) return undefined;
  if (!isPropertyType(t))
    throw validationError(
      `body failed validation: body.properties.${key}.${t} is not a property type supported by the emulator (${PROPERTY_TYPES.join(', ')}).`,
    );
  return t;
}

/**
 * Applies a `properties` object of POST /v1/databases (initial_data_source) or PATCH /v1/data_sources/{id}
 * to a schema, in place. Semantics follow Notion's docs: `null` removes, `{name}` renames, a type key adds or
 * changes the type; select options are the full wanted set (existing ones by id or name keep id and colour).
 */
export function applySchemaPatch(props: PropertySchema[], patch: unknown): void {
  if (!isRecord(patch)) throw validationError('body failed validation: body.properties should be an object.');
  for (const [key, config] of Object.entries(patch)) {
    const existing = findProperty(props, key);
    if (config === null) {
      if (!existing) throw validationError(`${key} is not a property that exists.`);
      if (existing.type === 'title') throw validationError('Cannot delete the title property of a data source.');
      props.splice(props.indexOf(existing), 1);
      continue;
    }
    if (!isRecord(config)) throw validationError(`body failed validation: body.properties.${key} should be an object or \`null\`.`);
    const type = configType(key, config);
    const name = typeof config.name === 'string' ? config.name : undefined;
    const description = typeof config.description === 'string' ? config.description : undefined;
    if (name !== undefined && name !== existing?.name && props.some((p) => p.name === name)) {
      throw validationError(`A property named ${name} already exists in this data source.`);
    }
    if (!existing) {
      if (type === undefined) throw validationError(`${key} is not a property that exists.`);
      if (type === 'title' && props.some((p) => p.type === 'title')) throw validationError('A data source can have only one title property.');
      const created: PropertySchema = { id: type === 'title' ? 'title' : newPropertyId(), name: name ?? key, type, description: description ?? null };
      if (type === 'select' || type === 'multi_select') created.options = mergeOptions([], config[type], key);
      props.push(created);
      continue;
    }
    if (name !== undefined) existing.name = name;
    if (description !== undefined) existing.description = description;
    if (type === undefined) continue;
    if (existing.type === 'title' && type !== 'title') throw validationError(`Cannot change the type of the title property ${existing.name}.`);
    if (type === 'title' && existing.type !== 'title') throw validationError('A data source can have only one title property.');
    const previous = existing.type === type ? (existing.options ?? []) : [];
    existing.type = type;
    if (type === 'select' || type === 'multi_select') existing.options = mergeOptions(previous, config[type], key);
    else delete existing.options;
  }
}

/** Options of a select/multi_select config: the wanted set; omitted options are removed, as in Notion. */
function mergeOptions(current: readonly SelectOption[], config: unknown, key: string): SelectOption[] {
  if (config === undefined || (isRecord(config) && config.options === undefined)) return current.map((o) => ({ ...o }));
  if (!isRecord(config) || !Array.isArray(config.options)) throw validationError(`body failed validation: body.properties.${key}.options should be an array.`);
  const out: SelectOption[] = [];
  for (const [i, raw] of config.options.entries()) {
    if (!isRecord(raw)) throw validationError(`body failed validation: body.properties.${key}.options[${i}] should be an object.`);
    const byId = typeof raw.id === 'string' ? current.find((o) => o.id === raw.id) : undefined;
    if (typeof raw.id === 'string' && !byId) throw validationError(`Select option with id ${raw.id} does not exist on ${key}.`);
    const name = typeof raw.name === 'string' ? raw.name : byId?.name;
    if (name === undefined) throw validationError(`body failed validation: body.properties.${key}.options[${i}].name should be defined.`);
    if (name.includes(',')) throw validationError(`Select option names cannot contain commas: "${name}".`);
    const match = byId ?? current.find((o) => o.name === name);
    const color = typeof raw.color === 'string' ? raw.color : undefined;
    if (color !== undefined && !(OPTION_COLORS as readonly string[]).includes(color)) throw validationError(`Invalid select option color: ${color}.`);
    if (match && color !== undefined && color !== match.color) throw validationError(`Cannot update color of select with name: ${match.name}.`);
    if (out.some((o) => o.name === name)) throw validationError(`Duplicate select option name: ${name}.`);
    out.push({
      id: match?.id ?? newPropertyId(),
      name,
      color: match?.color ?? color ?? 'default',
      description: typeof raw.description === 'string' ? raw.description : (match?.description ?? null),
    });
  }
  return out;
}

/** The `properties` object of a data source response. */
export function renderSchema(props: readonly PropertySchema[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of props) {
    const config = p.options ? { options: p.options.map((o) => ({ ...o })) } : p.type === 'number' ? { format: 'number' } : {};
    out[p.name] = { id: p.id, name: p.name, description: p.description, type: p.type, [p.type]: config };
  }
  return out;
}
