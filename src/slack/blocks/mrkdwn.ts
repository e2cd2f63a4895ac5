/**
 * Slack text that cannot carry injected markup. Slack parses `&`, `<` and `>` as control characters in every
 * message `text` and every mrkdwn text object, inside code spans too (docs.slack.dev, "Formatting message text":
 * escape them as `&amp;`, `&lt;`, `&gt;`, and only them). Unescaped, a model named `<!channel>` notifies a whole
 * channel and `<https://evil|MLflow>` is a disguised link.
 *
 * `Mrkdwn` is the only text the block builders take. It is made by the `mrkdwn` tag, which escapes every value
 * interpolated into it unless that value is already Mrkdwn, and by the helpers below that build the app's own
 * markup (links, mentions, dates) from validated parts. So data is escaped once, at the edge, and a renderer
 * cannot forget: a plain string does not type-check where Mrkdwn is expected.
 *
 *   mrkdwn`:label: *${model}* → v${version} · ${link(url, 'MLflow')} · by ${mention(userId)}`
 */

const KIT = Symbol('mrkdwn kit');

/** Text safe to send as Slack mrkdwn: data in it is escaped; any markup in it is the app's own. */
export class Mrkdwn {
  private readonly value: string;

  /** Use the `mrkdwn` tag or a helper of this module; the key keeps other code from wrapping raw strings. */
  constructor(key: typeof KIT, value: string) {
    if (key !== KIT) throw new TypeError('Mrkdwn is made by the mrkdwn tag or the helpers in mrkdwn.ts');
    this.value = value;
  }

  /** The text as Slack receives it. */
  get text(): string {
    return this.value;
  }
}

/** What may be interpolated into the tag: Mrkdwn stays as it is, anything else is data and is escaped. */
export type MrkdwnValue = Mrkdwn | string | number;

function trusted(text: string): Mrkdwn {
  return new Mrkdwn(KIT, text);
}

/** Slack's escaping of its three control characters (nothing else is entity-encoded). */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Slack mrkdwn from a template. Formatting in the literal parts (`*bold*`, `_italic_`, code spans, emoji) is kept;
 * `&`, `<` and `>` are escaped everywhere, in the literal parts too (so `<name>` in a usage line shows as typed),
 * and every interpolated value is escaped unless it is Mrkdwn. Tokens (`<…>`) come only from the helpers below.
 */
export function mrkdwn(strings: TemplateStringsArray, ...values: readonly MrkdwnValue[]): Mrkdwn {
  let out = escapeText(strings[0] ?? '');
  values.forEach((v, i) => {
    out += (v instanceof Mrkdwn ? v.text : escapeText(String(v))) + escapeText(strings[i + 1] ?? '');
  });
  return trusted(out);
}

/** One value as escaped mrkdwn. */
export function esc(value: string | number): Mrkdwn {
  return trusted(escapeText(String(value)));
}

/** Joins pieces with a separator (escaped when given as a string). */
export function joinMrkdwn(parts: readonly Mrkdwn[], separator: MrkdwnValue = ''): Mrkdwn {
  const sep = separator instanceof Mrkdwn ? separator.text : escapeText(String(separator));
  return trusted(parts.map((p) => p.text).join(sep));
}

/** Cuts data to `max` characters, marking the cut. Cut data before escaping it; cut Mrkdwn with cutMrkdwn. */
export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Cuts mrkdwn to `max` characters without splitting an entity (`&amp;`) or one of the app's `<…>` tokens: a
 * half token would show as raw markup. Every `<` in Mrkdwn is the start of a token (data `<` is `&lt;`).
 */
export function cutMrkdwn(m: Mrkdwn, max: number): Mrkdwn {
  if (m.text.length <= max) return m;
  let head = m.text.slice(0, max - 1);
  const openToken = head.lastIndexOf('<');
  if (openToken > head.lastIndexOf('>')) head = head.slice(0, openToken);
  const entity = /&[a-z]*$/.exec(head);
  if (entity) head = head.slice(0, entity.index);
  return trusted(`${head}…`);
}

/** Userinfo of a URL (`scheme://user:password@host`, up to the authority's last `@`): credentials, never shown. */
const URL_USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i;

/**
 * A mrkdwn link `<url|label>`. Only http(s) URLs become links (anything else shows the label alone); credentials
 * in the URL are dropped; `|`, `<`, `>` and spaces, which would end the token early, are percent-encoded and `&`
 * is escaped like everywhere else. The label is data and is escaped.
 */
export function link(url: string, label: MrkdwnValue): Mrkdwn {
  const text = label instanceof Mrkdwn ? label : esc(label);
  if (!/^https?:\/\/[^\s/?#]/i.test(url)) return text;
  const target = url
    .replace(URL_USERINFO, '$1')
    .replace(/[|<>\s]/g, (c) => encodeURIComponent(c))
    .replace(/&/g, '&amp;');
  return trusted(`<${target}|${text.text}>`);
}

const USER_ID = /^[UW][A-Z0-9]+$/;
const CHANNEL_ID = /^[CGD][A-Z0-9]+$/;
const GROUP_ID = /^S[A-Z0-9]+$/;

/** A user mention; a value that is not a Slack user ID is shown as escaped text, never as markup. */
export function mention(userId: string): Mrkdwn {
  return USER_ID.test(userId) ? trusted(`<@${userId}>`) : esc(userId);
}

/** A channel link `<#C…>`; a value that is not a channel ID is shown as escaped text. */
export function channelMention(channelId: string): Mrkdwn {
  return CHANNEL_ID.test(channelId) ? trusted(`<#${channelId}>`) : esc(channelId);
}

/** A user group mention `<!subteam^S…>`; a value that is not a group ID is shown as escaped text. */
export function groupMention(groupId: string): Mrkdwn {
  return GROUP_ID.test(groupId) ? trusted(`<!subteam^${groupId}>`) : esc(groupId);
}

/** A date Slack renders in the reader's time zone, with an ISO fallback for clients that cannot. */
export function slackDate(ms: number): Mrkdwn {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return esc('an unknown time');
  const iso = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return trusted(`<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${iso}>`);
}
