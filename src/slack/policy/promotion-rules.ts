import type { PromotionRule } from '../../core/approvals/request-policy';

/** The syntax, for error messages and docs. */
export const PROMOTION_RULES_SYNTAX =
  '<model-glob>:<who>[|<who>…][@<channel>[|<channel>…]] joined by ";" (who: U…/W… user, S… group or *), e.g. churn:U123|S456;fraud-*:S789@C0MLOPS';

const PRINCIPAL = /^(?:[UWS][A-Z0-9]{2,}|\*)$/;
const CHANNEL = /^[CGD][A-Z0-9]{2,}$/;

/**
 * Parses PROMOTION_RULES, whose principals and channels are Slack IDs. Every problem is reported (naming the entry
 * by position, never echoing more than the offending token) so the operator can fix all of them at once.
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
