import { ErrorCode, type View, type WebAPIPlatformError, type WebClient } from '@slack/web-api';
import { startSlackEmulator, type SlackEmulator } from '../../../emulators/slack';
import { emulatorClient } from '../../support/slack-clients';

let emu: SlackEmulator;
let client: WebClient;

beforeAll(async () => {
  emu = await startSlackEmulator();
  client = emulatorClient(emu);
});
afterAll(async () => emu.stop());
beforeEach(() => {
  emu.reset();
  emu.seedUser({ id: 'U0ALICE', name: 'alice' });
});

async function slackError(call: Promise<unknown>): Promise<{ error: string; messages: string[] }> {
  try {
    await call;
  } catch (e) {
    const err = e as WebAPIPlatformError;
    if (err.code !== ErrorCode.PlatformError) throw e;
    return { error: err.data.error, messages: err.data.response_metadata?.messages ?? [] };
  }
  throw new Error('expected the call to fail');
}

const section = (text: string, blockId?: string) => ({
  type: 'section' as const,
  ...(blockId ? { block_id: blockId } : {}),
  text: { type: 'mrkdwn' as const, text },
});
const home = (blocks: unknown[]) => ({ type: 'home', blocks }) as unknown as View;

describe('Slack emulator: views.publish and view validation as Slack documents them (docs.slack.dev/reference/views)', () => {
  it('publishes a Home tab per user: one view id across publishes, a stale hash is a hash_conflict', async () => {
    const first = await client.views.publish({ user_id: 'U0ALICE', view: home([section('one')]) });
    expect(first.view).toMatchObject({ type: 'home', id: expect.stringMatching(/^V/) });
    const second = await client.views.publish({ user_id: 'U0ALICE', view: home([section('two')]), hash: first.view?.hash as string });
    expect(second.view?.id).toBe(first.view?.id);
    expect(emu.workspace.homeViews.get('U0ALICE')?.view.blocks).toEqual([section('two')]);
    expect(await slackError(client.views.publish({ user_id: 'U0ALICE', view: home([section('three')]), hash: first.view?.hash as string }))).toMatchObject({
      error: 'hash_conflict',
    });
  });

  it('refuses an unknown user, a modal, a title/submit on a Home tab and more than 100 blocks', async () => {
    expect(await slackError(client.views.publish({ user_id: 'U0NOBODY', view: home([section('x')]) }))).toEqual({
      error: 'invalid_arguments',
      messages: ['invalid `user_id`'],
    });
    const modal = { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [section('x')] } as View;
    expect((await slackError(client.views.publish({ user_id: 'U0ALICE', view: modal }))).messages).toContain('[ERROR] must be home [json-pointer:/view/type]');
    const titled = { ...home([section('x')]), title: { type: 'plain_text', text: 'Home' } } as View;
    expect((await slackError(client.views.publish({ user_id: 'U0ALICE', view: titled }))).messages).toContain(
      '[ERROR] not allowed in a home view [json-pointer:/view/title]',
    );
    const tooMany = home(Array.from({ length: 101 }, (_, i) => section(`b${i}`)));
    expect((await slackError(client.views.publish({ user_id: 'U0ALICE', view: tooMany }))).messages).toContain(
      '[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]',
    );
    expect(emu.workspace.homeViews.size).toBe(0);
  });

  it('refuses duplicate block ids, a modal with an input but no submit, and a select without options', async () => {
    const dup = home([section('a', 'same'), section('b', 'same')]);
    expect((await slackError(client.views.publish({ user_id: 'U0ALICE', view: dup }))).messages).toContain(
      '[ERROR] duplicate block_id: same [json-pointer:/view/blocks/1/block_id]',
    );
    const input = {
      type: 'input',
      block_id: 'pick',
      label: { type: 'plain_text', text: 'Pick' },
      element: { type: 'static_select', action_id: 'pick' },
    };
    const modal = { type: 'modal', title: { type: 'plain_text', text: 'Form' }, blocks: [input] } as unknown as View;
    const err = await slackError(client.views.open({ trigger_id: emu.triggerId(), view: modal }));
    expect(err.messages).toEqual(
      expect.arrayContaining([
        '[ERROR] submit is required when an input block is within the blocks array [json-pointer:/view/submit]',
        '[ERROR] must provide either options or option_groups [json-pointer:/view/blocks/0/element]',
      ]),
    );
  });

  it('takes an external select (options loaded by the app) with a type-ahead minimum and an initial option', async () => {
    const modal = {
      type: 'modal',
      title: { type: 'plain_text', text: 'Form' },
      submit: { type: 'plain_text', text: 'Go' },
      blocks: [
        {
          type: 'input',
          block_id: 'model',
          dispatch_action: true,
          label: { type: 'plain_text', text: 'Model' },
          element: {
            type: 'external_select',
            action_id: 'm',
            min_query_length: 0,
            initial_option: { text: { type: 'plain_text', text: 'churn' }, value: 'churn' },
          },
        },
      ],
    } as unknown as View;
    expect((await client.views.open({ trigger_id: emu.triggerId(), view: modal })).ok).toBe(true);
    const longValue = {
      ...modal,
      blocks: [
        {
          ...(modal.blocks[0] as object),
          element: { type: 'external_select', action_id: 'm', initial_option: { text: { type: 'plain_text', text: 'x' }, value: 'v'.repeat(151) } },
        },
      ],
    } as View;
    expect((await slackError(client.views.open({ trigger_id: emu.triggerId(), view: longValue }))).messages).toContain(
      '[ERROR] must be less than 151 characters [json-pointer:/view/blocks/0/element/initial_option/value]',
    );
  });
});
