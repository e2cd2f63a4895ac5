/**
 * A promotion that moves a stage *and* an alias (PROMOTION_VOCABULARY=both) and archives the previous holder is one
 * post in the notification channel, not one for the stage and one for the alias (issue 15, "a change and its
 * consequences are one post"). End to end: signed slash commands and button clicks into the real Bolt app, the Slack
 * emulator behind the real WebClient, real MLflow, the Notion emulator; the posts are counted in the emulator.
 */
import type { StoredMessage } from '../../emulators/slack';
import { createManagedModel, mlflowRest } from '../support/mlflow-seed';
import { mlflowTestUrl, uniqueModelName } from '../support/names';
import type { SentRequest } from '../support/slack-requests';
import { CHANNELS, messageText, startModelApp, USERS, type ModelApp, approveRequest } from './support/model-app';

jest.setTimeout(90_000);

/** A model with v1 in Production holding @champion and v2 in None, mirrored in Notion. */
async function seedModel(app: ModelApp): Promise<string> {
  const name = uniqueModelName('both');
  await createManagedModel(mlflowTestUrl(), { name, versions: 2, managedTag: app.sync.managedTag });
  await app.sync.registry.transitionStage(name, '1', 'Production', false);
  await mlflowRest(mlflowTestUrl(), 'POST', 'registered-models/alias', { name, alias: 'champion', version: '1' });
  await app.sync.reconciler.reconcile({ model: name });
  return name;
}

/** Messages about `name` in a channel (not ephemeral), thread replies included. */
const about = (app: ModelApp, channel: string, name: string): StoredMessage[] => app.channel(channel).filter((m) => messageText(m).includes(name));

async function answered(app: ModelApp, sent: SentRequest, includes: string): Promise<void> {
  const id = decodeURIComponent(sent.responseUrl.split('/').pop() ?? '');
  await app.emulator.waitFor(() => app.emulator.responses(id).find((r) => messageText(r as never).includes(includes)), 20_000);
}

async function aliasesInMlflow(name: string): Promise<Record<string, string>> {
  const got = await mlflowRest<{ registered_model: { aliases?: { alias: string; version: string }[] } }>(mlflowTestUrl(), 'GET', 'registered-models/get', {
    name,
  });
  return Object.fromEntries((got.registered_model.aliases ?? []).map((a) => [a.alias, a.version]));
}

describe('a promotion that moves a stage and an alias is one post', () => {
  let app: ModelApp;
  beforeAll(async () => {
    app = await startModelApp({ settings: { vocabulary: 'both' } });
  });
  afterAll(async () => app.stop());

  it('approved: Production + @champion + the archived v1 in one notification-channel post, with the three links, and one thread reply', async () => {
    const name = await seedModel(app);
    const asked = await app.slack.command('/model', `promote ${name} 2 production`);
    await answered(app, asked, 'Approval requested');
    const request = await app.emulator.waitFor(() => about(app, CHANNELS.approvals, name).find((m) => m.threadTs === undefined), 20_000);
    expect(messageText(request)).toContain('@champion');

    await approveRequest(app, request);
    // The request is edited to "Approved" after the promotion and its notices are done.
    await app.emulator.waitFor(() => {
      const m = app.channel(CHANNELS.approvals).find((x) => x.ts === request.ts);
      return m && messageText(m).includes('*Approved*') ? m : undefined;
    }, 20_000);
    expect((await app.sync.registry.getVersion(name, '2'))?.stage).toBe('Production');
    expect((await app.sync.registry.getVersion(name, '1'))?.stage).toBe('Archived');
    expect(await aliasesInMlflow(name)).toEqual({ champion: '2' });

    const posts = about(app, CHANNELS.notify, name);
    expect(posts).toHaveLength(1);
    const text = messageText(posts[0] as StoredMessage);
    expect(text).toContain(`*${name}* v2: None → *Production*`);
    expect(text).toContain('`@champion` → *v2* (was v1)');
    expect(text).toContain(`\`models:/${name}@champion\` now serves v2`);
    expect(text).toContain(`*${name}* v1: Production → *Archived*, replaced by v2`);
    expect(text).toContain(`Requested by <@${USERS.requester}>, approved by <@${USERS.approver}>`);
    expect(text).toMatch(new RegExp(`<http://127\\.0\\.0\\.1:\\d+/#/models/${name}/versions/2\\|MLflow>`));
    expect(text).toMatch(/\|Notion>/);
    // The notification's text (what a phone shows) names the alias and the archived holder too.
    expect(posts[0]?.text).toBe(
      `${name} v2: None → Production and @champion (was v1) (by <@${USERS.requester}>, approved by <@${USERS.approver}>); archived v1`,
    );

    const replies = about(app, CHANNELS.approvals, name).filter((m) => m.threadTs === request.ts);
    expect(replies).toHaveLength(1);
    expect(messageText(replies[0] as StoredMessage)).toContain('`@champion` → *v2* (was v1)');
  });

  it('at once (unprotected Staging + @challenger): one post for both', async () => {
    const name = await seedModel(app);
    const sent = await app.slack.command('/model', `promote ${name} 2 staging`);
    await answered(app, sent, 'Staging');
    expect((await app.sync.registry.getVersion(name, '2'))?.stage).toBe('Staging');
    expect(await aliasesInMlflow(name)).toEqual({ champion: '1', challenger: '2' });
    const posts = about(app, CHANNELS.notify, name);
    expect(posts).toHaveLength(1);
    expect(messageText(posts[0] as StoredMessage)).toContain(`*${name}* v2: None → *Staging*`);
    expect(messageText(posts[0] as StoredMessage)).toContain('`@challenger` → *v2*');
    expect(posts[0]?.text).toBe(`${name} v2: None → Staging and @challenger (by <@${USERS.requester}>)`);
  });
});
