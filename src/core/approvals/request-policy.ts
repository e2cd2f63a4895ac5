import type { CommandContext } from '../commands/command';
import type { DirectoryPort } from '../ports/directory.port';
import type { DecisionRight } from './approver-policy';

/**
 * One PROMOTION_RULES entry: who may ask to change the stage or alias of the models whose name matches `pattern`
 * (`*` matches any run of characters), optionally only from some channels. Principals and channels are the chat
 * platform's IDs (parsed and checked in src/slack/policy/promotion-rules.ts).
 */
export interface PromotionRule {
  readonly pattern: string;
  /** Who may ask, as the directory reads principals (Slack: user IDs, user group IDs, or `*` for anyone). */
  readonly principals: readonly string[];
  /** Channel IDs the request must come from; empty = any channel. */
  readonly channels: readonly string[];
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
      return { allowed: false, refusal: { code: 'channel_not_allowed', model, channels: rule.channels } };
    }
    if (await this.directory.isListed(ctx.userId, rule.principals)) return { allowed: true };
    return { allowed: false, refusal: { code: 'not_allowed_to_request', model, principals: rule.principals } };
  }
}
