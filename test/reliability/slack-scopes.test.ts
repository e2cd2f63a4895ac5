/**
 * Least privilege, checked against the code: every Slack Web API method the app calls (found by scanning src/) maps
 * to the bot scopes it needs, and manifest.json asks for exactly those scopes — each justified in docs/slack-scopes.md
 * next to the methods that use it. A new method call without a mapping here fails this test until it is reviewed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import manifest from '../../manifest.json';

const ROOT = path.resolve(__dirname, '..', '..');

/** Bot scopes per Web API method (from each method's page on api.slack.com/methods). */
const METHOD_SCOPES: Readonly<Record<string, readonly string[]>> = {
  'chat.postMessage': ['chat:write', 'chat:write.public'],
  'chat.update': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.unfurl': ['links:write'],
  'usergroups.users.list': ['usergroups:read'],
  'users.info': ['users:read'],
  // Modals need only the bot token and a trigger_id.
  'views.open': [],
  'views.update': [],
  // The Home tab: no scope (docs.slack.dev/reference/methods/views.publish); the Home tab must be enabled instead.
  'views.publish': [],
  'auth.test': [],
};

/** Bot scopes per event the manifest subscribes to (from each event's page on docs.slack.dev/reference/events). */
const EVENT_SCOPES: Readonly<Record<string, readonly string[]>> = {
  link_shared: ['links:read'],
  // Delivered to the bot user with no scope of its own (the Home tab's views.publish needs none either).
  app_home_opened: [],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The adapters of the other systems: their SDKs have look-alike calls (Notion's `users.me`) that are not Slack's. */
const NOT_SLACK = ['notion', 'mlflow', 'zenml'].map((a) => path.join(ROOT, 'src', 'adapters', a) + path.sep);

/** `client.chat.postMessage(` and the like, anywhere in src/ outside the other systems' adapters. */
function calledMethods(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const pattern =
    /\b(chat|views|usergroups|users|conversations|auth|reactions|files|team|bots|apps|pins|bookmarks|dnd|reminders|search|admin|oauth)\.([a-zA-Z]+(?:\.[a-zA-Z]+)?)\(/g;
  for (const file of sourceFiles(path.join(ROOT, 'src')).filter((f) => !NOT_SLACK.some((dir) => f.startsWith(dir)))) {
    for (const m of readFileSync(file, 'utf8').matchAll(pattern)) {
      const method = `${m[1]}.${m[2]}`;
      found.set(method, [...(found.get(method) ?? []), path.relative(ROOT, file)]);
    }
  }
  return found;
}

describe('Slack scopes against the code', () => {
  const methods = calledMethods();

  it('knows the scopes of every Web API method the app calls', () => {
    expect([...methods.keys()].filter((m) => !(m in METHOD_SCOPES))).toEqual([]);
    expect(methods.has('chat.postMessage')).toBe(true);
  });

  it('asks in manifest.json for exactly the scopes those methods and the /model command need', () => {
    const needed = new Set<string>([...methods.keys()].flatMap((m) => METHOD_SCOPES[m] ?? []));
    if ((manifest.features.slash_commands ?? []).length > 0) needed.add('commands');
    const events: readonly string[] = manifest.settings.event_subscriptions?.bot_events ?? [];
    expect(events.filter((e) => !(e in EVENT_SCOPES))).toEqual([]);
    for (const e of events) for (const scope of EVENT_SCOPES[e] ?? []) needed.add(scope);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });

  it('justifies each scope in docs/slack-scopes.md next to the methods that use it', () => {
    const doc = readFileSync(path.join(ROOT, 'docs', 'slack-scopes.md'), 'utf8');
    for (const scope of manifest.oauth_config.scopes.bot) {
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${scope}\` |`));
      expect(row).toBeDefined();
      for (const [method, scopes] of Object.entries(METHOD_SCOPES)) {
        if (methods.has(method) && scopes[0] === scope) expect(row).toContain(method);
      }
    }
  });
});
