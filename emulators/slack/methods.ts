import type { Args } from './args';
import * as chat from './chat.methods';
import * as conversations from './conversations.methods';
import * as directory from './directory.methods';
import { chatUnfurl } from './unfurl.methods';
import * as views from './views.methods';
import type { Workspace } from './workspace';

/** A Web API method: returns the fields of an ok answer or throws SlackApiError. */
export type MethodHandler = (ws: Workspace, args: Args) => Record<string, unknown>;

/** The Web API methods the emulator implements, by their Slack names. */
export const METHODS: Readonly<Record<string, MethodHandler>> = {
  'auth.test': directory.authTest,
  'chat.postMessage': chat.postMessage,
  'chat.update': chat.update,
  'chat.postEphemeral': chat.postEphemeral,
  'chat.unfurl': chatUnfurl,
  'views.open': views.open,
  'views.update': views.update,
  'views.publish': views.publish,
  'users.info': directory.usersInfo,
  'usergroups.users.list': directory.usergroupsUsersList,
  'conversations.info': directory.conversationsInfo,
  'conversations.open': conversations.conversationsOpen,
  'conversations.replies': conversations.conversationsReplies,
};
