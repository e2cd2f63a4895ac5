import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WebClient } from '@slack/web-api';
import { startSlackEmulator, type SlackEmulator } from '../../emulators/slack';
import { restoreSlackHistory, saveSlackHistory } from '../../scripts/demo/slack-history';

describe('the demo channel history across restarts', () => {
  let first: SlackEmulator | undefined;
  let second: SlackEmulator | undefined;
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'demo-history-')), 'slack-history.json');
  afterEach(async () => {
    await first?.stop();
    await second?.stop();
    first = second = undefined;
  });

  it('brings back channel messages with their blocks, leaves ephemeral ones behind, and keeps new ts after the old', async () => {
    first = await startSlackEmulator();
    const emu = first;
    emu.seedUser({ id: 'U0ALICE', name: 'alice' });
    const client = new WebClient(emu.botToken, { slackApiUrl: emu.apiUrl });
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*hello*' } }];
    const posted = await client.chat.postMessage({ channel: 'C0GENERAL', text: 'hello', blocks });
    await client.chat.postEphemeral({ channel: 'C0GENERAL', user: 'U0ALICE', text: 'only for alice' });
    saveSlackHistory(emu, file);

    second = await startSlackEmulator();
    const next = second;
    expect(restoreSlackHistory(next, file)).toBe(1);
    const [restored] = next.messages('C0GENERAL');
    expect(restored).toMatchObject({ ts: posted.ts, text: 'hello', blocks });
    const later = await new WebClient(next.botToken, { slackApiUrl: next.apiUrl }).chat.postMessage({ channel: 'C0GENERAL', text: 'later' });
    expect(Number(later.ts)).toBeGreaterThan(Number(posted.ts));
  });

  it('starts with an empty channel when the saved file is damaged', async () => {
    second = await startSlackEmulator();
    const next = second;
    const bad = path.join(path.dirname(file), 'bad.json');
    writeFileSync(bad, '{not json');
    expect(restoreSlackHistory(next, bad)).toBe(0);
    expect(next.messages('C0GENERAL')).toEqual([]);
  });
});
