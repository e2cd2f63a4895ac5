import { aliasNameProblem, bareAlias } from '../../core/commands/alias-name';
import { aliasProblemText } from './alias-problem';
import type { Token } from './slash-subcommand';

/** A parse failure of one argument: what was wrong and what would be right. */
export interface ArgError {
  readonly ok: false;
  readonly error: string;
}

const VERSION_PATTERN = /^[1-9]\d*$/;

export function argError(error: string): ArgError {
  return { ok: false, error };
}

export function isArgError<T>(value: T | ArgError): value is ArgError {
  return (value as Partial<ArgError>).ok === false;
}

/** A registered model name. */
export function modelArg(token: Token | undefined): { readonly value: string } | ArgError {
  if (!token) return argError('Which model? Give the registered model name.');
  if (!token.quoted && token.value.startsWith('-')) return argError(`\`${token.value}\` looks like an option, not a model name.`);
  return { value: token.value };
}

/** A model name and a version number (`v5` is read as 5). */
export function modelAndVersion(rest: readonly Token[]): { readonly model: string; readonly version: string } | ArgError {
  const model = modelArg(rest[0]);
  if (isArgError(model)) return model;
  const raw = rest[1]?.value;
  if (raw === undefined) return argError(`Which version of ${model.value}? Give the version number after the name.`);
  const version = raw.replace(/^v(?=\d)/i, '');
  if (!VERSION_PATTERN.test(version)) return argError(`The version must be a whole number such as 5, not \`${raw}\`.`);
  return { model: model.value, version };
}

/** An alias as MLflow accepts it; a leading @ is allowed and dropped. */
export function aliasArg(token: Token | undefined, missing: string): { readonly value: string } | ArgError {
  if (!token) return argError(missing);
  const alias = bareAlias(token.value);
  const problem = aliasNameProblem(alias);
  return problem ? argError(aliasProblemText(alias, problem)) : { value: alias };
}

/**
 * An error when words are left over, so a typo is never silently dropped. After a model name, the likely cause is a
 * name with spaces typed without quotes, so the error says how to write one.
 */
export function noExtra(extra: readonly Token[], afterModel?: string): ArgError | undefined {
  if (extra.length === 0) return undefined;
  const list = extra.map((t) => `\`${t.value}\``).join(' ');
  const hint = afterModel === undefined ? '' : ` A model name with spaces goes in quotes: "${[afterModel, ...extra.map((t) => t.value)].join(' ')}".`;
  return argError(`Unexpected extra argument${extra.length === 1 ? '' : 's'} ${list}.${hint}`);
}
