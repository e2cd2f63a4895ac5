/**
 * Output hygiene end to end (real Bolt app, signed Slack requests, real MLflow, Notion and Slack emulators): a model
 * whose name and description carry `<!channel>`, `<!here>`, a disguised link and `&` goes through register,
 * promote (approval request), approve (stage-change notice) and status; nothing the Slack emulator received holds
 * a broadcast or a link that came from the data, while the app's own mentions and links are there. A PROMOTION_RULES
 * refusal keeps its channel link and escapes the model name it quotes.
 */
import { parsePromotionRules } from '../../src/slack/policy/promotion-rules';
import { uniqueModelName } from '../support/names';
import type { SentRequest } from '../support/slack-requests';
import { CHANNELS, messageText, startModelApp, USERS, type ModelApp, approveRequest } from './support/model-app';
import { displayedTexts } from './support/slack-markup';

jest.setTimeout(90_000);

/** MLflow refuses '/' and ':' in names, so the disguised link goes into the description. */
const NAME_SUFFIX = '<!channel><!here>&<@U0DAVE>';
const DESCRIPTION = '<https://evil.example|MLflow> <!everyone> *bold* & more';

function responsesOf(app: ModelApp, sent: SentRequest) {
  const id = decodeURIComponent(sent.responseUrl.split('/').pop() ?? '');
  return app.emulator.responses(id);
}

/** Every `<…>` sequence Slack would parse in a mrkdwn text. */
function slackTokens(text: string): string[] {
  return [...text.matchAll(/<([^<>]*)>/g)].map((m) => m[1] as string);
}

describe('hostile model names and descriptions in real Slack traffic', () => {
  let app: ModelApp;
  afterEach(async () => app?.stop());

  it('never reach Slack as broadcasts or links, through register, the approval request, approve, the notice and status', async () => {
    app = await startModelApp();
    const name = `${uniqueModelName('evil')}${NAME_SUFFIX}`;
    const register = await app.slack.command('/model', `register ${name} s3://bucket/model ${DESCRIPTION}`);
    await app.emulator.waitFor(() => responsesOf(app, register).find((r) => (r.text ?? '').includes('Registered')), 30_000);

    const promote = await app.slack.command('/model', `promote ${name} 1 production`);
    const request = await app.emulator.waitFor(() => app.channel(CHANNELS.approvals).find((m) => messageText(m).includes('evil-')), 30_000);
    await app.emulator.waitFor(() => responsesOf(app, promote).find((r) => (r.text ?? '').includes('Approval requested')), 20_000);
    await approveRequest(app, request);
    const notice = await app.emulator.waitFor(() => app.channel(CHANNELS.notify).find((m) => messageText(m).includes('→ *Production*')), 30_000);
    const status = await app.slack.command('/model', `status ${name}`);
    await app.emulator.waitFor(() => responsesOf(app, status).find((r) => (r.text ?? '').includes('version')), 20_000);

    const everything = [
      ...Object.values(app.emulator.allMessages()).flat(),
      ...app.emulator.responses(),
      JSON.parse(register.text || '{}') as unknown,
      JSON.parse(promote.text || '{}') as unknown,
    ];
    // What Slack parses: `text` fallbacks and mrkdwn objects (plain_text such as the header is shown as typed).
    const texts = everything.flatMap((m) => displayedTexts(m).mrkdwn);
    const tokens = texts.flatMap(slackTokens);
    expect(tokens.filter((t) => /^!(channel|here|everyone)/.test(t))).toEqual([]);
    expect(tokens.filter((t) => t.startsWith('@U0DAVE') || /^https?:\/\/evil\.example/.test(t))).toEqual([]);
    // The data is there, escaped (name and the description on the request), and the app's own markup is intact.
    expect(texts.join('\n')).toContain('&lt;!channel&gt;&lt;!here&gt;&amp;&lt;@U0DAVE&gt;');
    expect(messageText(request)).toContain('&lt;https://evil.example|MLflow&gt; &lt;!everyone&gt; *bold* &amp; more');
    expect(displayedTexts(request).plain[0]).toBe(`Promotion request: ${name} v1: None → Production`);
    expect(messageText(notice)).toContain(`<@${USERS.requester}>`);
    expect(messageText(notice)).toContain(`approved by <@${USERS.approver}>`);
    expect(tokens.some((t) => /^https?:\/\/127\.0\.0\.1:\d+\/#\/models\/evil-.*\|MLflow$/.test(t))).toBe(true);
  });

  it('keeps the channel link of a PROMOTION_RULES refusal and escapes the model name it quotes', async () => {
    app = await startModelApp({ settings: { promotionRules: parsePromotionRules(`*:${USERS.requester}@${CHANNELS.approvals}`).rules } });
    const name = `${uniqueModelName('ruled')}<!channel>`;
    const sent = await app.slack.command('/model', `promote ${name} 1 production`);
    const refusal = await app.emulator.waitFor(() => responsesOf(app, sent).find((r) => (r.text ?? '').includes('can only be requested')), 20_000);
    expect(refusal.text).toContain(
      `Stage and alias changes of ${name.replace('<!channel>', '&lt;!channel&gt;')} can only be requested in <#${CHANNELS.approvals}>.`,
    );
    expect([...new Set(displayedTexts(refusal).mrkdwn.flatMap(slackTokens))]).toEqual([`#${CHANNELS.approvals}`]);
  });
});
