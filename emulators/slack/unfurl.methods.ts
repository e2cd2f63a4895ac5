import { SlackApiError } from './api-error';
import { str, structured, type Args } from './args';
import { problemMessages, validateMessageBlocks } from './block-kit.validation';
import type { SharedLinks, Workspace } from './workspace';

const SOURCES = ['composer', 'conversations_history'];

/** The link_shared event a chat.unfurl call answers: by `channel` + `ts`, or by `unfurl_id` + `source`. */
function sharedLinksOf(ws: Workspace, args: Args): SharedLinks {
  const unfurlId = str(args, 'unfurl_id');
  const source = str(args, 'source');
  if (unfurlId !== undefined || source !== undefined) {
    // Both or neither (docs.slack.dev chat.unfurl: "Both unfurl_id and source must be provided together").
    if (unfurlId === undefined || source === undefined || !SOURCES.includes(source)) {
      throw new SlackApiError('invalid_arguments', ['[ERROR] unfurl_id and source (composer or conversations_history) must be provided together']);
    }
    const found = ws.sharedLinks.get(unfurlId);
    if (!found) throw new SlackApiError('cannot_unfurl_url');
    return found;
  }
  const channel = str(args, 'channel');
  if (channel === undefined) throw new SlackApiError('missing_channel');
  const ts = str(args, 'ts');
  if (ts === undefined) throw new SlackApiError('missing_ts');
  if (!ws.channels.has(channel)) throw new SlackApiError('cannot_find_channel');
  if (!ws.findMessage(channel, ts)) throw new SlackApiError('cannot_find_message');
  const found = [...ws.sharedLinks.values()].find((s) => s.channel === channel && s.ts === ts);
  // The message exists but no link_shared event was sent for it: nothing of it may be unfurled.
  if (!found) throw new SlackApiError('cannot_unfurl_url');
  return found;
}

/** `unfurls`: a JSON map of URL → attachment (`{blocks}` here); blocks are validated as message blocks. */
function unfurlsArg(args: Args): Record<string, Record<string, unknown>> {
  if (args.unfurls === undefined || args.unfurls === '') throw new SlackApiError('missing_unfurls');
  const map = structured(args, 'unfurls', 'invalid_unfurls_format');
  if (map === null || typeof map !== 'object' || Array.isArray(map)) throw new SlackApiError('invalid_unfurls_format');
  const entries = Object.entries(map as Record<string, unknown>);
  if (entries.length === 0) throw new SlackApiError('invalid_unfurls_format');
  for (const [url, unfurl] of entries) {
    if (unfurl === null || typeof unfurl !== 'object' || Array.isArray(unfurl)) throw new SlackApiError('invalid_unfurls_format');
    const blocks = (unfurl as Record<string, unknown>).blocks;
    if (blocks === undefined) continue;
    if (!Array.isArray(blocks)) throw new SlackApiError('cannot_parse_attachment');
    const problems = validateMessageBlocks(blocks);
    if (problems.length > 0)
      throw new SlackApiError(
        'invalid_blocks',
        problemMessages(problems).map((m) => `${m} (unfurl of ${url})`),
      );
  }
  return map as Record<string, Record<string, unknown>>;
}

/**
 * chat.unfurl: attaches the app's previews to links Slack told the app about (link_shared). Each URL must be one of
 * that event's links (cannot_unfurl_url); a second call for the same message replaces the same attachments.
 */
export function chatUnfurl(ws: Workspace, args: Args): Record<string, unknown> {
  const shared = sharedLinksOf(ws, args);
  const unfurls = unfurlsArg(args);
  for (const url of Object.keys(unfurls)) if (!shared.urls.includes(url)) throw new SlackApiError('cannot_unfurl_url');
  shared.unfurls = { ...shared.unfurls, ...unfurls };
  const message = shared.ts === undefined ? undefined : ws.findMessage(shared.channel, shared.ts);
  if (message) message.unfurls = { ...message.unfurls, ...unfurls };
  return {};
}
