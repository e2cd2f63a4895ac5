import { aliasNameProblem, bareAlias } from '../../core/commands/alias-name';
import type { ModelCommand } from '../../core/commands/command';
import { parseStage, STAGES } from '../../core/domain/stage';
import { nearest } from './nearest';
import { SUBCOMMANDS, USAGE, type Subcommand } from './usage';

/** A parse failure: what was wrong, the right form, and whether to show the full help. */
export interface ParseError {
  readonly error: string;
  readonly usage?: string;
  readonly showHelp: boolean;
}

export type ParseResult = { readonly ok: true; readonly command: ModelCommand } | ({ readonly ok: false } & ParseError);

interface Token {
  readonly value: string;
  /** Offset just after the token in the original text (the register description keeps its own spacing). */
  readonly end: number;
}

const VERSION_PATTERN = /^[1-9]\d*$/;
const URI_PATTERN = /^[a-z][a-z0-9+.-]*:\S+$/i;
const RUNS_URI_PATTERN = /^runs:\/([^/\s]+)\/(\S+)$/;
const STAGE_CHOICES = STAGES.map((s) => s.toLowerCase()).join('|');

/** Parses the text after `/model` into a command, or a precise error with the right form. Pure. */
export function parseModelCommand(text: string): ParseResult {
  const tokens = tokenize(text);
  const [first, ...rest] = tokens;
  if (!first) return { ok: true, command: { kind: 'help' } };
  const sub = first.value.toLowerCase();
  if (!isSubcommand(sub)) {
    const guess = nearest(sub, SUBCOMMANDS) as Subcommand | undefined;
    const hint = guess ? ` Did you mean \`/model ${guess}\`?` : '';
    return { ok: false, error: `Unknown sub-command \`${first.value}\`.${hint}`, usage: guess ? USAGE[guess] : undefined, showHelp: true };
  }
  switch (sub) {
    case 'help':
      return { ok: true, command: { kind: 'help' } };
    case 'list':
      return noExtra(sub, rest) ?? { ok: true, command: { kind: 'list' } };
    case 'status': {
      const model = modelArg(sub, rest[0]);
      if ('error' in model) return model;
      return noExtra(sub, rest.slice(1)) ?? { ok: true, command: { kind: 'status', model: model.value } };
    }
    case 'archive': {
      const mv = modelAndVersion(sub, rest);
      if ('error' in mv) return mv;
      return noExtra(sub, rest.slice(2)) ?? { ok: true, command: { kind: 'archive', model: mv.model, version: mv.version } };
    }
    case 'promote': {
      const mv = modelAndVersion(sub, rest);
      if ('error' in mv) return mv;
      const raw = rest[2]?.value;
      if (raw === undefined) return fail(sub, `Which stage? Give one of ${STAGE_CHOICES} after the version.`);
      const stage = parseStage(raw);
      if (!stage) return fail(sub, `Unknown stage \`${raw}\`: use one of ${STAGE_CHOICES} (any case).`);
      return noExtra(sub, rest.slice(3)) ?? { ok: true, command: { kind: 'promote', model: mv.model, version: mv.version, stage } };
    }
    case 'alias': {
      const mv = modelAndVersion(sub, rest);
      if ('error' in mv) return mv;
      const alias = aliasArg(sub, rest[2], `Which alias? Give it after the version, e.g. \`/model alias ${mv.model} ${mv.version} champion\`.`);
      if ('error' in alias) return alias;
      return noExtra(sub, rest.slice(3)) ?? { ok: true, command: { kind: 'alias', model: mv.model, version: mv.version, alias: alias.value } };
    }
    case 'unalias': {
      const model = modelArg(sub, rest[0]);
      if ('error' in model) return model;
      const alias = aliasArg(sub, rest[1], `Which alias? Give it after the model name, e.g. \`/model unalias ${model.value} challenger\`.`);
      if ('error' in alias) return alias;
      return noExtra(sub, rest.slice(2)) ?? { ok: true, command: { kind: 'unalias', model: model.value, alias: alias.value } };
    }
    case 'register':
      return parseRegister(text, rest);
    case 'sync':
      return parseSync(rest);
  }
}

function parseRegister(text: string, rest: Token[]): ParseResult {
  const model = modelArg('register', rest[0]);
  if ('error' in model) return model;
  const source = rest[1];
  if (!source) return fail('register', 'Give the model source after the name: a URI such as s3://bucket/model or runs:/RUN_ID/PATH.');
  let runId: string | undefined;
  if (source.value.toLowerCase().startsWith('runs:')) {
    const m = RUNS_URI_PATTERN.exec(source.value);
    if (!m) return fail('register', `\`${source.value}\` is not a run URI: write runs:/RUN_ID/PATH, e.g. runs:/4f2a…/model.`);
    runId = m[1];
  } else if (!URI_PATTERN.test(source.value)) {
    return fail('register', `\`${source.value}\` is not a source URI: give a URI with a scheme (s3://…, gs://…, file:///…, models:/…) or runs:/RUN_ID/PATH.`);
  }
  const description = text.slice(source.end).trim();
  return { ok: true, command: { kind: 'register', model: model.value, source: source.value, runId, description } };
}

function parseSync(rest: Token[]): ParseResult {
  let model: string | undefined;
  let cleanupOrphans = false;
  for (const t of rest) {
    if (t.value === '--cleanup-orphans') cleanupOrphans = true;
    else if (t.value.startsWith('-')) return fail('sync', `Unknown option \`${t.value}\`: the only option is --cleanup-orphans.`);
    else if (model === undefined) model = t.value;
    else return fail('sync', `Unexpected extra argument \`${t.value}\`: sync takes at most one model name.`);
  }
  return { ok: true, command: { kind: 'sync', model, cleanupOrphans } };
}

function modelAndVersion(sub: Subcommand, rest: Token[]): { model: string; version: string } | ({ ok: false } & ParseError) {
  const model = modelArg(sub, rest[0]);
  if ('error' in model) return model;
  const raw = rest[1]?.value;
  if (raw === undefined) return fail(sub, `Which version of ${model.value}? Give the version number after the name.`);
  const version = raw.replace(/^v(?=\d)/i, '');
  if (!VERSION_PATTERN.test(version)) return fail(sub, `The version must be a whole number such as 5, not \`${raw}\`.`);
  return { model: model.value, version };
}

/** An alias as MLflow accepts it; a leading @ is allowed and dropped. */
function aliasArg(sub: Subcommand, token: Token | undefined, missing: string): { value: string } | ({ ok: false } & ParseError) {
  if (!token) return fail(sub, missing);
  const alias = bareAlias(token.value);
  const problem = aliasNameProblem(alias);
  return problem ? fail(sub, problem) : { value: alias };
}

function modelArg(sub: Subcommand, token: Token | undefined): { value: string } | ({ ok: false } & ParseError) {
  if (!token) return fail(sub, 'Which model? Give the registered model name.');
  if (token.value.startsWith('-')) return fail(sub, `\`${token.value}\` looks like an option, not a model name.`);
  return { value: token.value };
}

function noExtra(sub: Subcommand, extra: Token[]): ({ ok: false } & ParseError) | undefined {
  if (extra.length === 0) return undefined;
  const list = extra.map((t) => `\`${t.value}\``).join(' ');
  return fail(sub, `Unexpected extra argument${extra.length === 1 ? '' : 's'} ${list}.`);
}

function fail(sub: Subcommand, error: string): { ok: false } & ParseError {
  return { ok: false, error, usage: USAGE[sub], showHelp: false };
}

function isSubcommand(word: string): word is Subcommand {
  return (SUBCOMMANDS as readonly string[]).includes(word);
}

/** Splits on whitespace; Slack may send non-breaking spaces and smart quotes, so \s (Unicode) is used. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(/\S+/g)) tokens.push({ value: m[0], end: (m.index ?? 0) + m[0].length });
  return tokens;
}
