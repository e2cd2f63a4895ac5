import { ModelsyncError } from '../../core/errors';

/** Slack refused or could not take a call the app made on its own (post, update). */
export class SlackCallError extends ModelsyncError {
  readonly code = 'slack_call_failed' as const;
  readonly system = 'slack' as const;
}

/** True for SlackCallError. */
export function isSlackCallError(e: unknown): e is SlackCallError {
  return e instanceof SlackCallError;
}

/** Runs a Web API call, turning its failure into a sentence that names the method, Slack's error code and the fix. */
export async function slackCall<T>(method: string, hint: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    const code = (e as { data?: { error?: unknown } }).data?.error;
    const what = typeof code === 'string' ? code : 'no answer';
    throw new SlackCallError(`Slack refused ${method} (${what}): ${hint}`, { cause: e });
  }
}
