/**
 * Alias names as MLflow 3.17.2 accepts them (mlflow/utils/validation.py): `^[\w\-]*$` with Python's Unicode `\w`
 * (letters, digits, `_`), at most 255 characters, not `latest` (any case), not `v<digits>` / `V<digits>`
 * (reserved for version references such as models:/name@v3).
 */
export const MAX_ALIAS_CHARS = 255;
const ALIAS_PATTERN = /^[\p{L}\p{N}_-]+$/u;
const VERSION_ALIAS_PATTERN = /^[vV]\p{Nd}+$/u;

/** Why `name` cannot be an alias (a sentence), or undefined when MLflow would accept it. A leading `@` is not part of the name. */
export function aliasNameProblem(name: string): string | undefined {
  if (name === '') return 'An alias name cannot be empty.';
  if (!ALIAS_PATTERN.test(name)) return `\`${name}\` is not a valid alias: use only letters, digits, underscores (_) and dashes (-).`;
  if ([...name].length > MAX_ALIAS_CHARS) return `An alias name can have at most ${MAX_ALIAS_CHARS} characters.`;
  if (name.toLowerCase() === 'latest') return '`latest` is reserved by MLflow (models:/name@latest means the newest version); choose another alias.';
  if (VERSION_ALIAS_PATTERN.test(name)) return `\`${name}\` is reserved by MLflow for version references (models:/name@v3); choose another alias.`;
  return undefined;
}

/** Strips one leading `@` (people write `@champion`). */
export function bareAlias(input: string): string {
  return input.startsWith('@') ? input.slice(1) : input;
}
