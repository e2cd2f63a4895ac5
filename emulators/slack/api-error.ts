/** A Web API refusal: Slack answers HTTP 200 with `{ok:false, error}` (and sometimes `response_metadata.messages`). */
export class SlackApiError extends Error {
  constructor(
    readonly error: string,
    readonly messages: readonly string[] = [],
  ) {
    super(error);
    this.name = 'SlackApiError';
  }
}

/** The JSON body Slack sends for a refusal. */
export function errorBody(err: SlackApiError): Record<string, unknown> {
  return err.messages.length > 0 ? { ok: false, error: err.error, response_metadata: { messages: [...err.messages] } } : { ok: false, error: err.error };
}

/** A required argument is missing: Slack's newer methods answer invalid_arguments with a pointer message. */
export function missingArgument(name: string): SlackApiError {
  return new SlackApiError('invalid_arguments', [`[ERROR] missing required field: ${name}`]);
}
