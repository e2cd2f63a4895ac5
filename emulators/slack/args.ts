import { SlackApiError } from './api-error';

/** Arguments of one Web API call after body parsing. */
export type Args = Record<string, unknown>;

/** A string argument, or undefined when absent or empty. */
export function str(args: Args, name: string): string | undefined {
  const v = args[name];
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A boolean argument: form bodies send "true"/"1". */
export function bool(args: Args, name: string): boolean {
  const v = args[name];
  return v === true || v === 'true' || v === '1' || v === 1;
}

/**
 * A structured argument (blocks, view…): form bodies carry it JSON-encoded in a string, JSON bodies as is.
 * Undecodable JSON is answered with `formatError` (invalid_blocks_format for blocks, as Slack does).
 */
export function structured(args: Args, name: string, formatError: string): unknown {
  const v = args[name];
  if (typeof v !== 'string') return v;
  if (v.trim() === '') return undefined;
  try {
    return JSON.parse(v);
  } catch {
    throw new SlackApiError(formatError, [`[ERROR] ${name} is not valid JSON [json-pointer:/${name}]`]);
  }
}

/** Replaces JSON-encoded structured fields by their decoded values, so recorded calls are easy to assert on. */
export function decodeForRecord(args: Args): Args {
  const out: Args = { ...args };
  for (const key of ['blocks', 'attachments', 'view', 'metadata', 'unfurls']) {
    const v = out[key];
    if (typeof v === 'string') {
      try {
        out[key] = JSON.parse(v);
      } catch {
        // keep the raw string: the call itself is answered with a format error
      }
    }
  }
  return out;
}
