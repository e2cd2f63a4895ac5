import type { ModelCommand } from '../../core/commands/command';
import { parseStage, STAGES, type Stage } from '../../core/domain/stage';
import type { HistoryTarget } from '../../core/history/history-target';
import { aliasArg, argError, isArgError, modelAndVersion, modelArg, noExtra, type ArgError } from './args';
import type { CommandArgs, Parsed } from './slash-subcommand';
import { STAGE_WORDS, typedStage } from './stage-words';
import { typedName } from './command-text';

/** Each model sub-command's parser: the words after its name → its command, or what was wrong. Pure. */
type ParserOf<K extends ModelCommand['kind']> = (args: CommandArgs) => Parsed<Extract<ModelCommand, { kind: K }>>;

const RUNS_URI_PATTERN = /^runs:\/([^/\s]+)\/(\S+)$/;
const URI_PATTERN = /^[a-z][a-z0-9+.-]*:\S+$/i;

export const parseRegister: ParserOf<'register'> = ({ tokens, text }) => {
  const model = modelArg(tokens[0]);
  if (isArgError(model)) return model;
  const source = tokens[1];
  if (!source) return argError('Give the model source after the name: a URI such as s3://bucket/model or runs:/RUN_ID/PATH.');
  let runId: string | undefined;
  if (source.value.toLowerCase().startsWith('runs:')) {
    const m = RUNS_URI_PATTERN.exec(source.value);
    if (!m) return argError(`\`${source.value}\` is not a run URI: write runs:/RUN_ID/PATH, e.g. runs:/4f2a…/model.`);
    runId = m[1];
  } else if (!URI_PATTERN.test(source.value)) {
    return argError(`\`${source.value}\` is not a source URI: give a URI with a scheme (s3://…, gs://…, file:///…, models:/…) or runs:/RUN_ID/PATH.`);
  }
  // The description is the rest of the text as typed (its own spacing kept).
  const description = text.slice(source.end).trim();
  return { ok: true, command: { kind: 'register', model: model.value, source: source.value, runId, description } };
};

export const parsePromote: ParserOf<'promote'> = ({ tokens }) => {
  const mv = modelAndVersion(tokens);
  if (isArgError(mv)) return mv;
  const raw = tokens[2]?.value;
  if (raw === undefined) return argError(`Which stage? Give one of ${STAGE_WORDS} after the version.`);
  const stage = typedStage(raw);
  if (!stage) return argError(`Unknown stage \`${raw}\`: use one of ${STAGE_WORDS}.`);
  return noExtra(tokens.slice(3)) ?? { ok: true, command: { kind: 'promote', model: mv.model, version: mv.version, stage } };
};

export const parseArchive: ParserOf<'archive'> = ({ tokens }) => {
  const mv = modelAndVersion(tokens);
  if (isArgError(mv)) return mv;
  return noExtra(tokens.slice(2)) ?? { ok: true, command: { kind: 'archive', model: mv.model, version: mv.version } };
};

export const parseAlias: ParserOf<'alias'> = ({ tokens }) => {
  const mv = modelAndVersion(tokens);
  if (isArgError(mv)) return mv;
  const alias = aliasArg(tokens[2], `Which alias? Give it after the version, e.g. \`/model alias ${typedName(mv.model)} ${mv.version} champion\`.`);
  if (isArgError(alias)) return alias;
  return noExtra(tokens.slice(3)) ?? { ok: true, command: { kind: 'alias', model: mv.model, version: mv.version, alias: alias.value } };
};

export const parseUnalias: ParserOf<'unalias'> = ({ tokens }) => {
  const model = modelArg(tokens[0]);
  if (isArgError(model)) return model;
  const alias = aliasArg(tokens[1], `Which alias? Give it after the model name, e.g. \`/model unalias ${typedName(model.value)} challenger\`.`);
  if (isArgError(alias)) return alias;
  return noExtra(tokens.slice(2)) ?? { ok: true, command: { kind: 'unalias', model: model.value, alias: alias.value } };
};

export const parseStatus: ParserOf<'status'> = ({ tokens }) => {
  const model = modelArg(tokens[0]);
  if (isArgError(model)) return model;
  return noExtra(tokens.slice(1), model.value) ?? { ok: true, command: { kind: 'status', model: model.value } };
};

export const parseList: ParserOf<'list'> = ({ tokens }) => noExtra(tokens) ?? { ok: true, command: { kind: 'list' } };

export const parseSync: ParserOf<'sync'> = ({ tokens }) => {
  let model: string | undefined;
  let cleanupOrphans = false;
  let full = false;
  for (const t of tokens) {
    if (t.value === '--cleanup-orphans') cleanupOrphans = true;
    else if (t.value === '--full') full = true;
    else if (t.value.startsWith('-')) return argError(`Unknown option \`${t.value}\`: the options are --full and --cleanup-orphans.`);
    else if (model === undefined) model = t.value;
    else return argError(`Unexpected extra argument \`${t.value}\`: sync takes at most one model name.`);
  }
  return { ok: true, command: { kind: 'sync', model, cleanupOrphans, ...(full ? { full } : {}) } };
};

/** A stage or `@alias` after the model name (`stages` limits which stages make sense). */
function targetArg(raw: string, stages: readonly Stage[], example: string): HistoryTarget | ArgError {
  const choices = `${stages.map((s) => s.toLowerCase()).join('|')}|@alias`;
  if (raw.startsWith('@')) {
    const alias = aliasArg({ value: raw, end: raw.length }, `Which alias? e.g. ${example}`);
    return isArgError(alias) ? alias : { kind: 'alias', alias: alias.value };
  }
  const stage = parseStage(raw);
  if (stage && stages.includes(stage)) return { kind: 'stage', stage };
  const hint = stage ? '' : ` (an alias is written with @, e.g. @${raw})`;
  return argError(`\`${raw}\` is not one of ${choices}${hint}.`);
}

export const parseRollback: ParserOf<'rollback'> = ({ tokens }) => {
  const model = modelArg(tokens[0]);
  if (isArgError(model)) return model;
  const raw = tokens[1]?.value;
  const target = raw === undefined ? ({ kind: 'stage', stage: 'Production' } as const) : targetArg(raw, ['Production', 'Staging'], `@champion`);
  if (isArgError(target)) return target;
  return noExtra(tokens.slice(2)) ?? { ok: true, command: { kind: 'rollback', model: model.value, target } };
};

export const parseHistory: ParserOf<'history'> = ({ tokens }) => {
  const model = modelArg(tokens[0]);
  if (isArgError(model)) return model;
  const raw = tokens[1]?.value;
  const target = raw === undefined ? undefined : targetArg(raw, STAGES, '@champion');
  if (target !== undefined && isArgError(target)) return target;
  return noExtra(tokens.slice(2)) ?? { ok: true, command: { kind: 'history', model: model.value, ...(target === undefined ? {} : { target }) } };
};

/** Help ignores what follows it. */
export const parseHelp: ParserOf<'help'> = () => ({ ok: true, command: { kind: 'help' } });
