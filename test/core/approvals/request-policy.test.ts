import { loadConfig, ConfigError } from '../../../src/config';
import { matchesPattern } from '../../../src/core/approvals/request-policy';
import { parsePromotionRules } from '../../../src/slack/policy/promotion-rules';
import { said } from '../../support/said';
import { coreHarness } from '../support/core-harness';

const inChannel = (userId: string, channelId = 'CASKED') => ({ userId, channelId });

describe('PROMOTION_RULES syntax', () => {
  it('reads model globs, users, groups, * and optional channels', () => {
    expect(parsePromotionRules('churn:U123|S456; fraud-*:S789@C0MLOPS|G0PRIV ;open:*')).toEqual({
      rules: [
        { pattern: 'churn', principals: ['U123', 'S456'], channels: [] },
        { pattern: 'fraud-*', principals: ['S789'], channels: ['C0MLOPS', 'G0PRIV'] },
        { pattern: 'open', principals: ['*'], channels: [] },
      ],
      problems: [],
    });
  });

  it('lists every malformed entry with what to write instead', () => {
    const { rules, problems } = parsePromotionRules('churn;fraud:alice;x:U1@;y:U123@#general;z:U123@C1@C2');
    expect(rules).toEqual([]);
    expect(problems).toEqual([
      expect.stringMatching(/^entry 1 \(`churn`\) needs a model pattern and who may ask, separated by ":"; write <model-glob>:/),
      'entry 2 (`fraud:alice`): `alice` is not a Slack user ID (U…/W…), user group ID (S…) or *',
      'entry 3 (`x:U1@`): `U1` is not a Slack user ID (U…/W…), user group ID (S…) or *',
      'entry 3 (`x:U1@`) has "@" but no channel ID after it',
      'entry 4 (`y:U123@#general`): `#general` is not a Slack channel ID (C…/G…/D…)',
      'entry 5 (`z:U123@C1@C2`) has more than one "@": list the channels after a single "@", separated by "|"',
      'entry 5 (`z:U123@C1@C2`): `C1` is not a Slack channel ID (C…/G…/D…)',
    ]);
  });

  it('fails the start with a PROMOTION_RULES problem and accepts a good value', () => {
    const base = { MLFLOW_TRACKING_URI: 'http://127.0.0.1:5000', NOTION_API_TOKEN: 'secret_abc', NOTION_DATABASE_ID: '0123456789abcdef0123456789abcdef' };
    let caught: unknown;
    try {
      loadConfig({ ...base, PROMOTION_RULES: 'churn:bob' }, 'cli');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems).toEqual(['PROMOTION_RULES entry 1 (`churn:bob`): `bob` is not a Slack user ID (U…/W…), user group ID (S…) or *']);
    expect(loadConfig({ ...base, PROMOTION_RULES: 'churn:U123' }, 'cli').approvals.promotionRules).toEqual([
      { pattern: 'churn', principals: ['U123'], channels: [] },
    ]);
  });

  it('matches * as any run of characters and everything else literally', () => {
    expect(matchesPattern('fraud-*', 'fraud-eu')).toBe(true);
    expect(matchesPattern('fraud-*', 'fraud')).toBe(false);
    expect(matchesPattern('*-v*-prod', 'churn-v2-prod')).toBe(true);
    expect(matchesPattern('a*a', 'a')).toBe(false);
    expect(matchesPattern('churn.', 'churnX')).toBe(false);
    expect(matchesPattern('*', '')).toBe(true);
  });
});

describe('per-model request rules in /model promote, archive and alias', () => {
  const rules = parsePromotionRules('churn:UALICE|SRELEASE@CMLOPS;fraud-*:UBOB').rules;

  it('lets a listed user or group member ask from the allowed channel, and refuses others with the reason', async () => {
    const h = coreHarness({ promotionRules: rules }, { SRELEASE: ['UCAROL'] });
    await h.registry.seedManaged('churn', 2);
    const promote = (ctx: { userId: string; channelId: string }) =>
      h.core.commands.execute({ kind: 'promote', model: 'churn', version: '1', stage: 'Staging' }, ctx);

    const notListed = await promote(inChannel('UDAVE', 'CMLOPS'));
    expect(notListed).toEqual({
      kind: 'refused',
      command: 'promote',
      refusal: { code: 'not_allowed_to_request', model: 'churn', principals: ['UALICE', 'SRELEASE'] },
    });
    expect(said(notListed)).toBe('You may not request stage or alias changes of churn: the promotion rules allow only <@UALICE>, <!subteam^SRELEASE>.');
    const elsewhere = await promote(inChannel('UALICE', 'CRANDOM'));
    expect(elsewhere).toEqual({ kind: 'refused', command: 'promote', refusal: { code: 'channel_not_allowed', model: 'churn', channels: ['CMLOPS'] } });
    expect(said(elsewhere)).toBe('Stage and alias changes of churn can only be requested in <#CMLOPS>.');
    expect(h.registry.writes()).toEqual([]);
    expect(await promote(inChannel('UCAROL', 'CMLOPS'))).toMatchObject({ kind: 'promote', result: { kind: 'approved' } });
    const archive = await h.core.commands.execute({ kind: 'archive', model: 'churn', version: '2' }, inChannel('UDAVE', 'CMLOPS'));
    expect(archive).toMatchObject({ kind: 'refused', command: 'archive', refusal: { code: 'not_allowed_to_request' } });
    const alias = await h.core.commands.execute({ kind: 'alias', model: 'churn', version: '2', alias: 'shadow' }, inChannel('UDAVE', 'CMLOPS'));
    expect(alias).toMatchObject({ kind: 'refused', command: 'alias', refusal: { code: 'not_allowed_to_request' } });
  });

  it('leaves models no rule matches open to everyone, and never limits read-only commands', async () => {
    const h = coreHarness({ promotionRules: rules });
    await h.registry.seedManaged('ranker', 1);
    await h.registry.seedManaged('churn', 1);
    expect(await h.core.commands.execute({ kind: 'promote', model: 'ranker', version: '1', stage: 'Staging' }, inChannel('UDAVE'))).toMatchObject({
      result: { kind: 'approved' },
    });
    expect(await h.core.commands.execute({ kind: 'status', model: 'churn' }, inChannel('UDAVE'))).toMatchObject({ kind: 'status', result: { found: true } });
  });
});
