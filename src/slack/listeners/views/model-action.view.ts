import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { CommandContext } from '../../../core/commands/command';
import type { ModelPickerQuery } from '../../../core/commands/model-picker.query';
import { describeError, isBusy } from '../../../core/errors';
import { failureMessage } from '../../blocks/answer.blocks';
import { modalRefusal, modalResult, modalWorking } from '../../blocks/model-modal.blocks';
import type { SlashReply } from '../../commands/slash-commands';
import { ACTION_BLOCK_ID, MODEL_BLOCK_ID, VERSION_BLOCK_ID } from '../../views/model-modal.ids';
import { commandOfChoice, readModalChoice, type ModalChoice, type ViewErrors } from '../../views/model-submission';
import { plainOfMrkdwn } from '../../views/plain-text';
import type { ListenerDeps } from '../listener-deps';

/** Slack closes a submission unanswered after 3 s: what is known this long after it arrived is answered in the ack. */
const ACK_BY_MS = 2_400;

type Chosen = Extract<ModalChoice, { ok: true }>;
type Settled<T> = { readonly done: true; readonly value: T } | { readonly done: true; readonly error: unknown } | { readonly done: false };

/** The promise's result, or `done: false` if it takes longer than `ms` (it keeps running). */
function within<T>(p: Promise<T>, ms: number): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), Math.max(0, ms));
  });
  const settled = p.then(
    (value): Settled<T> => ({ done: true, value }),
    (error: unknown): Settled<T> => ({ done: true, error }),
  );
  return Promise.race([settled, late]).finally(() => clearTimeout(timer));
}

/** Whether the model and version were among those the modal offers (managed model, one of its listed versions). */
async function offeredProblems(picker: ModelPickerQuery, choice: Chosen): Promise<ViewErrors> {
  if (!(await picker.isOffered(choice.model))) return { [MODEL_BLOCK_ID]: `"${choice.model}" is not a managed model offered here; pick one from the list.` };
  if (!(await picker.isVersionOffered(choice.model, choice.version))) {
    return { [VERSION_BLOCK_ID]: `Version ${choice.version} is not offered for ${choice.model}; choose one from the list.` };
  }
  if (choice.action.command === 'rollback') {
    // A rollback is of the stage the chosen version holds: choosing another version would roll back something else.
    const stage = await picker.stageOf(choice.model, choice.version);
    if (stage !== choice.action.stage) {
      return {
        [VERSION_BLOCK_ID]: `Version ${choice.version} is in ${stage ?? 'no stage'}, not ${choice.action.stage}; choose the version in ${choice.action.stage} to roll it back.`,
      };
    }
  }
  return {};
}

function summaryOf(choice: Chosen): string {
  return `${choice.action.label.replace(/ \(.*\)$/, '')}: ${choice.model} v${choice.version}${choice.alias ? ` @${choice.alias}` : ''}`;
}

/**
 * The `/model` modal submitted. Nothing in the payload is trusted: the context is the one stored when the modal
 * opened (FormSessions), the action must be one offered, the model a managed one and the version one of its listed
 * versions. Then the very same declared sub-command the typed command would be runs through the same runner (policy
 * first, then the use case). Answered within Slack's 3 s: wrong choices and refusals known in time show inline next
 * to the field (`response_action: errors`, the modal stays open); otherwise the modal shows the command's answer,
 * or "working" and then the answer (or why the choice was refused) once the work finishes. Nothing runs unchecked:
 * when MLflow is slow the check just finishes after the ack.
 */
export function modelActionViewCallback(deps: ListenerDeps) {
  return async ({ ack, view, body, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const started = Date.now();
    const errors = (e: ViewErrors) => ack({ response_action: 'errors', errors: e });
    const { picker, forms } = deps;
    const ctx: CommandContext | undefined = forms && (await forms.contextOf(view.root_view_id ?? view.id, body.user.id).catch(() => undefined));
    if (!picker || !ctx) {
      await errors({ [MODEL_BLOCK_ID]: 'This form is out of date or was not opened by you; type /model to open a new one.' });
      return;
    }
    const choice = readModalChoice(view.state.values);
    if (!choice.ok) {
      await errors(choice.errors);
      return;
    }
    // Checked, then run, as one piece of change work; whatever is known by ACK_BY_MS is answered in the ack.
    const command = commandOfChoice(choice);
    const work = deps.work.run('change', async (): Promise<Checked> => {
      const problems = await offeredProblems(picker, choice);
      if (Object.keys(problems).length > 0) return { kind: 'not_offered', problems };
      return { kind: 'ran', reply: await deps.commands.reply(command, ctx) };
    });
    const early = await within(work, ACK_BY_MS - (Date.now() - started));
    if (early.done && 'value' in early && early.value.kind === 'not_offered') {
      await errors(early.value.problems);
      return;
    }
    if (early.done && 'value' in early && early.value.kind === 'ran' && early.value.reply.refused) {
      await errors({ [ACTION_BLOCK_ID]: plainOfMrkdwn(early.value.reply.message.text) });
      return;
    }
    if (early.done && 'error' in early && isBusy(early.error)) {
      await errors({ [ACTION_BLOCK_ID]: describeError(early.error) });
      return;
    }
    if (early.done) {
      await ack({ response_action: 'update', view: modalResult(answerOf(early, deps)) });
      return;
    }
    await ack({ response_action: 'update', view: modalWorking(summaryOf(choice)) });
    let late: Settled<Checked>;
    try {
      late = { done: true, value: await work };
    } catch (error) {
      late = { done: true, error };
    }
    try {
      await client.views.update({ view_id: view.id, view: modalResult(answerOf(late, deps)) });
    } catch (e) {
      deps.logger.warn({ err: e }, '/model modal answer not shown');
    }
  };
}

/** What the submission's work found: a choice that was not offered (nothing ran), or the command's reply. */
type Checked = { readonly kind: 'not_offered'; readonly problems: ViewErrors } | { readonly kind: 'ran'; readonly reply: SlashReply };

function answerOf(settled: Settled<Checked>, deps: ListenerDeps): SlashReply['message'] {
  if (settled.done && 'value' in settled) {
    return settled.value.kind === 'ran' ? settled.value.reply.message : modalRefusal(Object.values(settled.value.problems));
  }
  const error = settled.done && 'error' in settled ? settled.error : undefined;
  if (!isBusy(error)) deps.logger.error({ err: error, view: 'model_action' }, '/model modal command failed');
  return failureMessage('The command failed', error);
}
