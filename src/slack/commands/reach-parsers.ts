import type { ModelCommand } from '../../core/commands/command';
import { MAX_PATTERN_CHARS, NOTICE_KINDS, type NoticeKind } from '../../core/subscriptions/subscription';
import { argError, isArgError, modelArg, noExtra, type ArgError } from './args';
import type { CommandArgs, Parsed, Token } from './slash-subcommand';

/** The parsers of subscribe, unsubscribe, subscriptions and diff (words after the name → command). Pure. */
type ParserOf<K extends ModelCommand['kind']> = (args: CommandArgs) => Parsed<Extract<ModelCommand, { kind: K }>>;

const KIND_CHOICES = NOTICE_KINDS.join('|');
const VERSION_PATTERN = /^[1-9]\d*$/;

/** A kind as typed: plural or singular, any case; `all` for every kind. */
function kindOf(word: string): readonly NoticeKind[] | undefined {
  const w = word.toLowerCase();
  if (w === 'all') return NOTICE_KINDS;
  return NOTICE_KINDS.filter((k) => k === w || k === `${w}s`);
}

/** The kinds after the pattern (spaces or commas between them); none typed means every kind. */
function kindsArg(tokens: readonly Token[]): readonly NoticeKind[] | ArgError {
  const words = tokens.flatMap((t) => t.value.split(',')).filter(Boolean);
  if (words.length === 0) return NOTICE_KINDS;
  const kinds: NoticeKind[] = [];
  for (const word of words) {
    const found = kindOf(word);
    if (!found || found.length === 0) return argError(`Unknown notice kind \`${word}\`: use ${KIND_CHOICES} (or leave it out for all of them).`);
    kinds.push(...found);
  }
  return [...new Set(kinds)];
}

/** A model name or glob. */
function patternArg(token: Token | undefined, verb: string): { readonly value: string } | ArgError {
  if (!token) return argError(`Which models? Give a model name or a pattern such as \`churn-*\` (\`*\` for every model) after ${verb}.`);
  const model = modelArg(token);
  if (isArgError(model)) return model;
  if (model.value.length > MAX_PATTERN_CHARS)
    return argError(`The model pattern is ${model.value.length} characters long; at most ${MAX_PATTERN_CHARS} are allowed.`);
  return model;
}

function subscriptionParser<K extends 'subscribe' | 'unsubscribe'>(kind: K): ParserOf<K> {
  return ({ tokens }) => {
    const pattern = patternArg(tokens[0], kind);
    if (isArgError(pattern)) return pattern;
    const kinds = kindsArg(tokens.slice(1));
    if (isArgError(kinds)) return kinds;
    return { ok: true, command: { kind, pattern: pattern.value, kinds } as Extract<ModelCommand, { kind: K }> };
  };
}

export const parseSubscribe: ParserOf<'subscribe'> = subscriptionParser('subscribe');
export const parseUnsubscribe: ParserOf<'unsubscribe'> = subscriptionParser('unsubscribe');
export const parseSubscriptions: ParserOf<'subscriptions'> = ({ tokens }) => noExtra(tokens) ?? { ok: true, command: { kind: 'subscriptions' } };

/** A version number (`v5` is read as 5). */
function versionArg(token: Token | undefined, which: string, model: string): { readonly value: string } | ArgError {
  if (!token) return argError(`Which ${which} version of ${model}? Give two version numbers, e.g. \`/model diff ${model} 4 5\`.`);
  const version = token.value.replace(/^v(?=\d)/i, '');
  if (!VERSION_PATTERN.test(version)) return argError(`The version must be a whole number such as 5, not \`${token.value}\`.`);
  return { value: version };
}

export const parseDiff: ParserOf<'diff'> = ({ tokens }) => {
  const model = modelArg(tokens[0]);
  if (isArgError(model)) return model;
  const left = versionArg(tokens[1], 'first', model.value);
  if (isArgError(left)) return left;
  const right = versionArg(tokens[2], 'second', model.value);
  if (isArgError(right)) return right;
  if (left.value === right.value) return argError(`Give two different versions to compare, not v${left.value} twice.`);
  return noExtra(tokens.slice(3)) ?? { ok: true, command: { kind: 'diff', model: model.value, left: left.value, right: right.value } };
};
