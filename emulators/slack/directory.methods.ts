import { missingArgument, SlackApiError } from './api-error';
import { bool, str, type Args } from './args';
import type { Workspace } from './workspace';

/** auth.test: who the token belongs to (Bolt calls it at start to learn the bot user id). */
export function authTest(ws: Workspace): Record<string, unknown> {
  const id = ws.identity;
  return {
    url: `https://${id.teamDomain}.slack.com/`,
    team: id.teamDomain,
    user: id.botName,
    team_id: id.teamId,
    user_id: id.botUserId,
    bot_id: id.botId,
    is_enterprise_install: false,
  };
}

/** users.info: a seeded user, or user_not_found. */
export function usersInfo(ws: Workspace, args: Args): Record<string, unknown> {
  const userId = str(args, 'user');
  const u = userId === undefined ? undefined : ws.users.get(userId);
  if (!u) throw new SlackApiError('user_not_found');
  const realName = u.realName ?? u.name;
  return {
    user: {
      id: u.id,
      team_id: ws.identity.teamId,
      name: u.name,
      deleted: u.deleted === true,
      real_name: realName,
      tz: u.tz ?? 'Europe/Berlin',
      is_bot: u.isBot === true,
      is_app_user: false,
      is_admin: false,
      is_owner: false,
      profile: {
        real_name: realName,
        display_name: u.name,
        ...(u.email ? { email: u.email } : {}),
      },
    },
  };
}

/** usergroups.users.list: member ids of a seeded group (S…), or no_such_subteam. */
export function usergroupsUsersList(ws: Workspace, args: Args): Record<string, unknown> {
  const groupId = str(args, 'usergroup');
  if (groupId === undefined) throw missingArgument('usergroup');
  const group = ws.usergroups.get(groupId);
  if (!group) throw new SlackApiError('no_such_subteam');
  const active = group.users.filter((u) => bool(args, 'include_disabled') || ws.users.get(u)?.deleted !== true);
  return { users: active };
}

/** conversations.info: a known channel, or channel_not_found. */
export function conversationsInfo(ws: Workspace, args: Args): Record<string, unknown> {
  const raw = str(args, 'channel');
  if (raw === undefined) throw new SlackApiError('channel_not_found');
  const id = ws.channels.has(raw) ? raw : undefined;
  const c = id === undefined ? undefined : ws.channels.get(id);
  if (!c) throw new SlackApiError('channel_not_found');
  return {
    channel: {
      id: c.id,
      name: c.name,
      is_channel: c.id.startsWith('C'),
      is_group: c.id.startsWith('G'),
      is_im: c.id.startsWith('D'),
      is_private: c.isPrivate === true,
      ...(c.user === undefined ? {} : { user: c.user }),
      is_archived: false,
      is_member: true,
      created: 1_700_000_000,
    },
  };
}
