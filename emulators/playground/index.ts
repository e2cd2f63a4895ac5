/** The demo playground: a Slack-like page whose backend sends Slack's signed requests to the app. */
export { startPlayground, type Playground, type PlaygroundOptions, type PlaygroundUser, type PlaygroundLinks, type NotionRow } from './playground.server';
export { signRequest, slashCommandBody, blockActionsBody, viewSubmissionBody, type PlaygroundActor } from './playground.requests';
