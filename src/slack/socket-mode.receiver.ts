import { SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';

/** How long stop() waits for the WebSocket close handshake before giving up on it. */
export const SOCKET_CLOSE_TIMEOUT_MS = 5_000;

/** Options of createSocketModeReceiver. */
export interface SocketModeReceiverOptions {
  readonly appToken: string;
  /** Web API base for apps.connections.open; Slack's own when omitted. */
  readonly slackApiUrl?: string;
  readonly logger: BoltLogger;
}

/** Bolt's Socket Mode receiver plus a stop that waits until the link is really closed. */
export interface SocketModeTransport {
  readonly receiver: SocketModeReceiver;
  /** Stops the app through `stopApp` and resolves once the client reports itself disconnected (or after the timeout). */
  stopAndWait(stopApp: () => Promise<unknown>): Promise<void>;
}

/**
 * Builds the receiver ourselves rather than letting App do it: its `client` is then reachable, so stop can wait for
 * the close handshake. Bolt's receiver.stop() only starts it, and a peer that goes away mid-handshake otherwise leaves
 * the client's 30 s close timer running.
 */
export function createSocketModeReceiver(options: SocketModeReceiverOptions): SocketModeTransport {
  const receiver = new SocketModeReceiver({
    appToken: options.appToken,
    logger: options.logger,
    // The Socket Mode client has its own WebClient; only these options reach it (apps.connections.open).
    installerOptions: { clientOptions: options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {} },
  });
  return {
    receiver,
    async stopAndWait(stopApp) {
      let timer: NodeJS.Timeout | undefined;
      const disconnected = new Promise<void>((resolve) => {
        receiver.client.once('disconnected', () => resolve());
        timer = setTimeout(resolve, SOCKET_CLOSE_TIMEOUT_MS);
      });
      try {
        await stopApp();
        await disconnected;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
