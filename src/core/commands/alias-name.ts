import type { AliasNameProblem } from '../outcomes/refusal';

/**
 * Alias names as MLflow 3.17.2 accepts them (mlflow/utils/validation.py): `^[\w\-]*$` with Python's Unicode `\w`
 * (letters, digits, `_`), at most 255 characters, not `latest` (any case), not `v<digits>` / `V<digits>`
 * (reserved for version references such as models:/name@v3).
 */
export const MAX_ALIAS_CHARS = 255;
const ALIAS_PATTERN = /^[\p{L}\p{N}_-]+$/u;
const VERSION_ALIAS_PATTERN = /^[vV]\p{Nd}+$/u;

/** Why `name` cannot be an alias, or undefined when MLflow would accept it. A leading `@` is not part of the name. */
export function aliasNameProblem(name: string): AliasNameProblem | undefined {
  if (name === '') return 'empty';
  if (!ALIAS_PATTERN.test(name)) return 'characters';
  if ([...name].length > MAX_ALIAS_CHARS) return 'too_long';
  if (name.toLowerCase() === 'latest') return 'reserved_latest';
  if (VERSION_ALIAS_PATTERN.test(name)) return 'reserved_version';
  return undefined;
}

/** Strips one leading `@` (people write `@champion`). */
export function bareAlias(input: string): string {
  return input.startsWith('@') ? input.slice(1) : input;
}
