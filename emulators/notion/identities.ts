import { createHash } from 'node:crypto';
import { NotionApiError } from './api-error';

/** A workspace user as the emulator knows it: an integration's bot, or a person editing in the Notion UI. */
export interface EmulatedUser {
  readonly id: string;
  readonly type: 'bot' | 'person';
  readonly name: string;
}

/**
 * The person the emulator's admin side acts as when a test does not name one: "someone edited this page in
 * the Notion app". Fixed, so data files and tests can refer to it.
 */
export const DEFAULT_PERSON: EmulatedUser = { id: '00000000-0000-4000-8000-0000000e0001', type: 'person', name: 'Avery Person' };

/** Who created records whose author was never stored (data files written before authors were kept). */
export const UNKNOWN_AUTHOR_ID = '00000000-0000-4000-8000-00000000dead';

/**
 * The bot user id of an integration token. Derived from the token, so the same token keeps its identity
 * across restarts of a persisted workspace (pages it created stay its pages), and two tokens never share one.
 */
export function botIdForToken(token: string): string {
  const hex = createHash('sha256').update(`notion-emulator-bot:${token}`).digest('hex');
  // Shaped like a v4 UUID, as Notion's ids are.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The integrations the emulator accepts: each bearer token is one internal integration with its own bot user. */
export class Integrations {
  private readonly byToken = new Map<string, EmulatedUser>();

  /** Registers (or returns) the bot user of `token`. */
  add(token: string, name = 'modelsync'): EmulatedUser {
    const existing = this.byToken.get(token);
    if (existing) return existing;
    const bot: EmulatedUser = { id: botIdForToken(token), type: 'bot', name };
    this.byToken.set(token, bot);
    return bot;
  }

  /** The bot behind an `Authorization` header; 401 unauthorized otherwise, worded as Notion words it. */
  authenticate(header: string | undefined): EmulatedUser {
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
    const bot = token === undefined ? undefined : this.byToken.get(token);
    if (!bot) throw new NotionApiError(401, 'unauthorized', 'API token is invalid.');
    return bot;
  }

  /** The bot user of a known token (undefined for an unknown one). */
  botOf(token: string): EmulatedUser | undefined {
    return this.byToken.get(token);
  }
}

/** A partial user, as Notion puts it in `created_by` / `last_edited_by`: only `object` and `id`. */
export function partialUser(id: string): { object: 'user'; id: string } {
  return { object: 'user', id };
}

/** The emulated workspace's id and name, as a bot user reports them. */
export const WORKSPACE = { id: '00000000-0000-4000-8000-0000000c0de0', name: 'Emulated workspace' } as const;

/**
 * GET /v1/users/me: the token's bot user. An internal integration's bot is owned by the workspace
 * (`bot.owner: {type: "workspace", workspace: true}`), with the workspace's id, name and upload limit.
 */
export function renderBotUser(bot: EmulatedUser): Record<string, unknown> {
  return {
    object: 'user',
    id: bot.id,
    name: bot.name,
    avatar_url: null,
    type: 'bot',
    bot: {
      owner: { type: 'workspace', workspace: true },
      workspace_id: WORKSPACE.id,
      workspace_name: WORKSPACE.name,
      workspace_limits: { max_file_upload_size_in_bytes: 5 * 1024 * 1024 },
    },
  };
}
