import type { CommandContext } from '../commands/command';
import { isListed, mentionPrincipal } from '../policy/principals';
import type { DirectoryPort } from '../ports/directory.port';
import type { DecisionRight } from './approver-policy';

/**
 * One PROMOTION_RULES entry: who may ask to change the stage or alias of the models whose name matches `pattern`
 * (`*` matches any run of characters), optionally only from some channels.
 */
export interface PromotionRule {
  readonly pattern: string;
  /** User IDs (U…/W…), user group IDs (S…), or `*` for anyone. */
  readonly principals: readonly string[];
  /** Channel IDs (C…/G…/D…) the request must come from; empty = any channel. */
  readonly channels: readonly string[];
}

/** The syntax, for error messages and docs. */
export const PROMOTION_RULES_SYNTAX =
  '<model-glob>:<who>[|<who>…][@<channel>[|<channel>…]] joined by ";" (who: U…/W… user, S… group or *), e.g. churn:U123|S456;fraud-*:S789@C0MLOPS';

const PRINCIPAL = /^(?:[UWS][A-Z0-9]{2,}|\*)$/;
const CHANNEL = /^[CGD][A-Z0-9]{2,}$/;

/**
 * Parses PROMOTION_RULES. Every problem is reported (naming the entry by position, never echoing more than the
 * offending token) so the operator can fix all of them at once.
 */
export function parsePromotionRules(raw: string): { readonly rules: readonly PromotionRule[]; readonly problems: readonly string[] } {
  const rules: PromotionRule[] = [];
  const problems: string[] = [];
  const entries = raw
    .split(';')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  entries.forEach((entry, i) => {
    const where = `entry ${i + 1} (\`${entry.slice(0, 80)}\`)`;
    const colon = entry.lastIndexOf(':');
    if (colon <= 0) {
      problems.push(`${where} needs a model pattern and who may ask, separated by ":"; write ${PROMOTION_RULES_SYNTAX}`);
      return;
    }
    const pattern = entry.slice(0, colon).trim();
    const [whoPart = '', channelPart, ...extra] = entry.slice(colon + 1).split('@');
    const principals = whoPart
      .split('|')
      .map((s) => s.trim())
      .filter(Boolean);
    const channels = (channelPart ?? '')
      .split('|')
      .map((s) => s.trim())
      .filter(Boolean);
    if (extra.length > 0) problems.push(`${where} has more than one "@": list the channels after a single "@", separated by "|"`);
    if (principals.length === 0) problems.push(`${where} names nobody: give user IDs (U…/W…), user group IDs (S…) or * after the ":"`);
    const badWho = principals.find((p) => !PRINCIPAL.test(p));
    if (badWho !== undefined) problems.push(`${where}: \`${badWho.slice(0, 40)}\` is not a Slack user ID (U…/W…), user group ID (S…) or *`);
    if (channelPart !== undefined && channels.length === 0) problems.push(`${where} has "@" but no channel ID after it`);
    const badChannel = channels.find((c) => !CHANNEL.test(c));
    if (badChannel !== undefined) problems.push(`${where}: \`${badChannel.slice(0, 40)}\` is not a Slack channel ID (C…/G…/D…)`);
    rules.push({ pattern, principals, channels });
  });
  return { rules: problems.length === 0 ? rules : [], problems };
}

/** True when `name` matches a glob where `*` stands for any run of characters and everything else is literal. */
export function matchesPattern(pattern: string, name: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === name;
  const first = parts[0] as string;
  const last = parts[parts.length - 1] as string;
  if (!name.startsWith(first) || name.length < first.length + last.length || !name.endsWith(last)) return false;
  let at = first.length;
  const end = name.length - last.length;
  for (const middle of parts.slice(1, -1)) {
    const found = name.indexOf(middle, at);
    if (found < 0 || found + middle.length > end) return false;
    at = found + middle.length;
  }
  return true;
}

/**
 * Who may REQUEST a stage or alias change of which model (PROMOTION_RULES). The first rule whose pattern matches
 * the model decides; a model no rule matches is open to everyone (the approvers still decide protected stages).
 */
export class RequestPolicy {
  constructor(
    private readonly rules: readonly PromotionRule[],
    private readonly directory: DirectoryPort,
  ) {}

  async mayRequest(model: string, ctx: CommandContext): Promise<DecisionRight> {
    const rule = this.rules.find((r) => matchesPattern(r.pattern, model));
    if (!rule) return { allowed: true };
    if (rule.channels.length > 0 && !rule.channels.includes(ctx.channelId)) {
      const channels = rule.channels.map((c) => `<#${c}>`);
      return { allowed: false, reason: `Stage and alias changes of ${model} can only be requested in ${channels.join(' or ')}.`, mentions: channels };
    }
    if (await isListed(this.directory, ctx.userId, rule.principals)) return { allowed: true };
    const who = rule.principals.map(mentionPrincipal);
    return {
      allowed: false,
      reason: `You may not request stage or alias changes of ${model}: the promotion rules allow only ${who.join(', ')}.`,
      mentions: who,
    };
  }
}
