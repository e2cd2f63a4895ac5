/**
 * The notification `text` of the four channel messages (stage change, registry event, alias change, approval
 * request) is what Slack shows in notifications and parses as mrkdwn: a model named `<!channel>` must not notify
 * the channel through it (issue 12). The property test covers every field; this pins the reported case.
 */
import { aliasChangeMessage } from '../../../src/slack/blocks/alias-change.blocks';
import { approvalRequestMessage } from '../../../src/slack/blocks/approval-request.blocks';
import { registryEventMessage } from '../../../src/slack/blocks/registry-event.blocks';
import { stageChangeMessage } from '../../../src/slack/blocks/stage-change.blocks';
import { ALIAS_CHANGES, APPROVAL_REQUESTS, STAGE_CHANGES } from '../support/renderer-fixtures';

const EVIL = '<!channel> <!here|here> <https://evil.example|MLflow> &';

describe('notification text of channel messages', () => {
  const texts = (): Record<string, string> => ({
    stageChange: stageChangeMessage({ ...(STAGE_CHANGES[0] as (typeof STAGE_CHANGES)[number]), model: EVIL, version: EVIL }).text,
    registryEvent: registryEventMessage({
      kind: 'alias_set',
      model: EVIL,
      alias: EVIL,
      version: EVIL,
      at: 0,
      links: (STAGE_CHANGES[0] as (typeof STAGE_CHANGES)[number]).links,
    }).text,
    aliasChange: aliasChangeMessage({ ...(ALIAS_CHANGES[0] as (typeof ALIAS_CHANGES)[number]), model: EVIL, alias: EVIL, modelUri: `models:/${EVIL}` }).text,
    approvalRequest: approvalRequestMessage({ ...(APPROVAL_REQUESTS[0] as (typeof APPROVAL_REQUESTS)[number]), model: EVIL, alias: EVIL }).text,
  });

  it('escapes a model name holding <!channel>, <!here> and a disguised link', () => {
    for (const [renderer, text] of Object.entries(texts())) {
      expect({ renderer, text }).toEqual({ renderer, text: expect.not.stringContaining('<!channel>') });
      expect(text).not.toContain('<!here');
      expect(text).not.toContain('<https://evil.example');
      expect(text).toContain('&lt;!channel&gt; &lt;!here|here&gt; &lt;https://evil.example|MLflow&gt; &amp;');
    }
  });

  it('keeps the mention of who acted in the stage-change and approval-request text', () => {
    expect(stageChangeMessage(STAGE_CHANGES[0] as (typeof STAGE_CHANGES)[number]).text).toContain('(by <@U0ALICE>, approved by <@U0BOB>)');
    expect(stageChangeMessage(STAGE_CHANGES[2] as (typeof STAGE_CHANGES)[number]).text).toContain('(by <@U0ALICE>)');
    expect(stageChangeMessage(STAGE_CHANGES[5] as (typeof STAGE_CHANGES)[number]).text).toBe(
      'churn v6: Staging → Production (by <@U0ALICE>, approved by <@U0BOB>); archived v5',
    );
    expect(approvalRequestMessage(APPROVAL_REQUESTS[0] as (typeof APPROVAL_REQUESTS)[number]).text).toContain('(requested by <@U0ALICE>)');
  });

  it('tells a promotion that moved the stage and an alias as one message: the stage, the alias, the archived holder', () => {
    const both = stageChangeMessage(STAGE_CHANGES[6] as (typeof STAGE_CHANGES)[number]);
    expect(both.text).toBe('churn v7: None → Production and @champion (was v6) (by <@U0ALICE>, approved by <@U0BOB>); archived v6');
    const sections = JSON.stringify(both.blocks);
    expect(sections).toContain('`@champion` → *v7* (was v6) · `models:/churn@champion` now serves v7');
    expect(sections).toContain('v6: Production → *Archived*, replaced by v7');
  });
});
