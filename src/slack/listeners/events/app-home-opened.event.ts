import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../listener-deps';

/**
 * app_home_opened: publish the person's Home tab (Bolt has already acknowledged the event). Only the Home tab: the
 * same event fires for the Messages tab, which needs nothing.
 */
export function appHomeOpenedCallback(deps: ListenerDeps) {
  return async ({ event }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home' || !deps.home) return;
    await deps.home.opened(event.user);
  };
}
