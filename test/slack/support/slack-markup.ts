/**
 * What Slack would parse in the app's output, for the output-hygiene tests: every string of a message, view or
 * Mrkdwn, sorted into mrkdwn text (parsed by Slack: `text` fallbacks and `type: mrkdwn` objects) and plain_text (not
 * parsed), and the `<…>` control sequences of mrkdwn checked against what the input's structured fields allow.
 */
import fc from 'fast-check';
import { Mrkdwn } from '../../../src/slack/blocks/mrkdwn';

/** Pieces a hostile or careless user (or a server) puts into names, descriptions, tags and reasons. */
export const HOSTILE_FRAGMENTS = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U123>',
  '<@W0BOB|bob>',
  '<#C123>',
  '<#C123|general>',
  '<!subteam^S1>',
  '<!subteam^S1|@team>',
  '<http://x|y>',
  '<https://evil.example/login|MLflow>',
  '<mailto:a@b.c|mail>',
  '<!date^1^{date}|x>',
  '&',
  '&amp;',
  '&lt;!channel&gt;',
  '<',
  '>',
  '|',
  '*',
  '_',
  '~',
  '`',
  '```',
  '@channel',
  ':warning:',
  '\n',
  '\u00a0',
  'é',
  '🚀',
] as const;

/** A string for any data field: fragments glued to random text, random text, or a long repetition (to be cut). */
export const hostile: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.array(fc.oneof(fc.constantFrom(...HOSTILE_FRAGMENTS), fc.string({ maxLength: 5 })), { minLength: 1, maxLength: 6 }).map((p) => p.join('')),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom(...HOSTILE_FRAGMENTS), fc.integer({ min: 50, max: 700 })).map(([f, n]) => f.repeat(n)),
  },
);

const hostileUrl = fc.oneof(
  fc.constantFrom('https://mlflow.test/#/models/churn/versions/5', 'https://www.notion.so/abc123', 'http://zenml.test/api/v1/model_versions/1'),
  fc.tuple(fc.constantFrom('http://', 'https://', 'HTTPS://', 'http://user:pa55w0rd@', 'javascript:', 'slack://'), hostile).map(([a, b]) => a + b),
  hostile,
);

/** Fields that hold a Slack user ID, a channel ID, a principal (user or user group ID), a URL. */
const USER_ID_KEYS = new Set(['requester', 'decidedBy', 'userId', 'approvedBy', 'by', 'revertedBy']);
const CHANNEL_ID_KEYS = new Set(['channel', 'channels']);
const PRINCIPAL_KEYS = new Set(['principals', 'approvers']);
export const URL_KEYS = new Set(['mlflow', 'notion', 'zenml', 'modelUrl', 'url', 'versionUrl', 'runUrl']);
/** Discriminants and enums (stage names, statuses): the renderers' types fix them, so they keep the fixture's value. */
const KEEP_KEYS = new Set([
  'kind',
  'status',
  'stage',
  'fromStage',
  'toStage',
  'from',
  'to',
  'cause',
  'system',
  'event',
  'reasonCode',
  'code',
  'problem',
  'kinds',
  'added',
  'removed',
  'direction',
  'verdict',
]);
/** Ids the app generates itself (request ids, page ids, message timestamps): not data from outside. */
const OWN_ID_KEYS = new Set(['id', 'pageId', 'ts']);
/** Records whose keys are data (metric names, model names). */
const DATA_KEYED_RECORDS = new Set(['metrics', 'perModel', 'tags']);

/**
 * An arbitrary shaped like `fixture` with hostile text in every string field: IDs and URLs are sometimes valid and
 * sometimes hostile, enums keep their value, booleans and numbers stay (the fixtures cover the branches).
 */
export function like<T>(fixture: T): fc.Arbitrary<T> {
  return likeAt(fixture, '') as fc.Arbitrary<T>;
}

function likeAt(value: unknown, key: string): fc.Arbitrary<unknown> {
  if (typeof value === 'string') {
    if (KEEP_KEYS.has(key) || OWN_ID_KEYS.has(key)) return fc.constant(value);
    if (USER_ID_KEYS.has(key)) return fc.oneof(fc.constantFrom('U0ALICE', 'W0BOB'), hostile);
    if (CHANNEL_ID_KEYS.has(key)) return fc.oneof(fc.constant('C0APPROVALS'), hostile);
    if (PRINCIPAL_KEYS.has(key)) return fc.oneof(fc.constantFrom('U0ALICE', 'W0BOB', 'S0TEAM', '*'), hostile);
    if (URL_KEYS.has(key)) return hostileUrl;
    return hostile;
  }
  if (Array.isArray(value)) {
    return fc.tuple(...value.map((v) => likeAt(v, key)));
  }
  if (value && typeof value === 'object') {
    if (DATA_KEYED_RECORDS.has(key)) {
      const first = Object.values(value)[0];
      return fc.dictionary(hostile, first === undefined ? fc.constant(0) : likeAt(first, ''), { maxKeys: 4 });
    }
    return fc.record(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, likeAt(v, k)])));
  }
  return fc.constant(value);
}

/** The IDs and URLs the input's structured fields hold: the only ones a mention or link in the output may name. */
export interface AllowedRefs {
  readonly users: Set<string>;
  readonly channels: Set<string>;
  readonly groups: Set<string>;
  readonly urls: string[];
}

export function allowedRefs(input: unknown): AllowedRefs {
  const allowed: AllowedRefs = { users: new Set(), channels: new Set(), groups: new Set(), urls: [] };
  const walk = (v: unknown, key: string): void => {
    if (typeof v === 'string') {
      if (USER_ID_KEYS.has(key)) allowed.users.add(v);
      if (CHANNEL_ID_KEYS.has(key)) allowed.channels.add(v);
      if (URL_KEYS.has(key)) allowed.urls.push(v);
      if (PRINCIPAL_KEYS.has(key)) (v.startsWith('S') ? allowed.groups : allowed.users).add(v);
    } else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(input, '');
  return allowed;
}

/** Texts of a renderer's output, by how Slack treats them. */
export interface DisplayedTexts {
  /** Parsed by Slack: message `text`, `type: mrkdwn` objects, Mrkdwn pieces. */
  readonly mrkdwn: string[];
  /** Shown as typed (header, button and modal labels). */
  readonly plain: string[];
  /** Every string found anywhere (ids, values, metadata included). */
  readonly all: string[];
}

export function displayedTexts(output: unknown): DisplayedTexts {
  const texts: DisplayedTexts = { mrkdwn: [], plain: [], all: [] };
  if (typeof output === 'string') {
    texts.mrkdwn.push(output);
    texts.all.push(output);
    return texts;
  }
  const walk = (v: unknown, topLevel: boolean): void => {
    if (v instanceof Mrkdwn) {
      texts.mrkdwn.push(v.text);
      texts.all.push(v.text);
    } else if (typeof v === 'string') texts.all.push(v);
    else if (Array.isArray(v)) v.forEach((x) => walk(x, false));
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.text === 'string') {
        if (o.type === 'plain_text') texts.plain.push(o.text);
        else if (o.type === 'mrkdwn' || (topLevel && o.type === undefined)) texts.mrkdwn.push(o.text);
        else throw new Error(`a text of unknown kind: ${JSON.stringify(o).slice(0, 200)}`);
      }
      for (const x of Object.values(o)) walk(x, false);
    }
  };
  walk(output, true);
  return texts;
}

/** Percent-decodes runs of escapes the way a browser resolves a link; a stray `%` stays as it is. */
function percentDecoded(url: string): string {
  return url.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      // Not UTF-8 as a whole (e.g. a literal %80 in the data): decode the ASCII escapes, keep the rest.
      return run.replace(/%([0-7][0-9A-Fa-f])/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
  });
}

/** The URL a link token points to, as Slack resolves it: entities first, then percent-encoding. */
function linkTarget(target: string): string {
  return percentDecoded(target.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
}

/** A URL field's value as a link should point to it: without credentials (userinfo up to the authority's last @). */
function fieldTarget(url: string): string {
  return percentDecoded(withoutUserinfo(url));
}

function withoutUserinfo(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1');
}

const DATE_TOKEN = /^!date\^-?\d+\^\{date_short_pretty\} \{time\}\|[+-]?\d{4,6}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

/** Why one `<…>` token is not the app's own markup, or undefined when it is. */
function tokenProblem(inner: string, allowed: AllowedRefs): string | undefined {
  if (DATE_TOKEN.test(inner)) return undefined;
  const user = /^@([UW][A-Z0-9]+)$/.exec(inner);
  if (user) return allowed.users.has(user[1] as string) ? undefined : `<${inner}> mentions a user no user field names`;
  const channel = /^#([CGD][A-Z0-9]+)$/.exec(inner);
  if (channel) return allowed.channels.has(channel[1] as string) ? undefined : `<${inner}> names a channel no channel field names`;
  const group = /^!subteam\^(S[A-Z0-9]+)$/.exec(inner);
  if (group) return allowed.groups.has(group[1] as string) ? undefined : `<${inner}> mentions a group no field names`;
  if (/^https?:\/\//i.test(inner)) {
    const bar = inner.indexOf('|');
    const target = bar < 0 ? inner : inner.slice(0, bar);
    if (withoutUserinfo(target) !== target) return `<${inner}> carries credentials`;
    if (!allowed.urls.some((u) => fieldTarget(u) === linkTarget(target))) return `<${inner}> links to a URL no URL field holds`;
    return undefined;
  }
  return `<${inner}> is not markup the app makes`;
}

/** Every problem in one mrkdwn text: tokens that are not the app's own, and `<`/`>` that escaped escaping. */
export function markupProblems(text: string, allowed: AllowedRefs): string[] {
  const problems: string[] = [];
  const rest = text.replace(/<([^<>]*)>/g, (_m, inner: string) => {
    const p = tokenProblem(inner, allowed);
    if (p) problems.push(p);
    return '';
  });
  if (/[<>]/.test(rest)) problems.push(`an unescaped < or > outside any token in ${JSON.stringify(text.slice(0, 120))}`);
  return problems;
}

/** True when some mrkdwn text links to `url` (as Slack would resolve the link). */
export function linksTo(texts: readonly string[], url: string): boolean {
  return texts.some((t) => [...t.matchAll(/<(https?:\/\/[^<>|]*)\|[^<>]*>/gi)].some((m) => linkTarget(m[1] as string) === fieldTarget(url)));
}
