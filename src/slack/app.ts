import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import type { Logger } from '../core/ports/logger.port';
import { boltLogger } from '../adapters/log/bolt-logger';
import { createAppErrorHandler } from './app-error.handler';
import { livenessRoute, readinessRoute, type HealthReport } from './http/health.route';
import type { HttpRoute } from './http/http-route';
import { createRouteServer } from './http/route-server';
import { trackInFlightListeners } from './in-flight';
import { createSocketModeReceiver } from './socket-mode.receiver';
import { timeAcks } from './ack-timing';
import type { AckKind } from '../adapters/metrics/app.metrics';

/** Where Slack sends slash commands and interactivity (the manifest's request URL). */
export const SLACK_EVENTS_PATH = '/slack/events';

/** Options of createSlackApp; everything comes from the config, nothing here reads the environment. */
export interface SlackAppOptions {
  /** Required in HTTP mode: Bolt verifies every request's signature with it (bad or older than 5 minutes → 401). */
  readonly signingSecret?: string;
  readonly botToken: string;
  /** App-level token (xapp-…), required for Socket Mode. */
  readonly appToken?: string;
  readonly socketMode: boolean;
  /** Web API base, e.g. the emulator's `http://127.0.0.1:4020/api/`; Slack's own when omitted. */
  readonly slackApiUrl?: string;
  /** Port for start(); in Socket Mode the port of the health/webhook server. */
  readonly port?: number;
  /** Address to listen on (HOST); every interface when omitted. */
  readonly host?: string;
  readonly logger: Logger;
  /**
   * Who the bot token belongs to, as auth.test answered at start (see verifySlackBotToken). Given, Bolt does not call
   * auth.test itself; without it Bolt calls it in its constructor, and a refused token becomes an unhandled rejection.
   */
  readonly identity?: { readonly botId: string; readonly botUserId: string };
  /** Registers the listeners (commands, actions, views) on the app. */
  readonly registerListeners: (app: App) => void;
  /** GET /readyz's answer (GET /healthz calls nothing). */
  readonly readiness: () => Promise<HealthReport>;
  /** More HTTP endpoints, e.g. the MLflow webhook (issue 9). */
  readonly routes?: readonly HttpRoute[];
  /** How the error handler reaches response URLs (tests may observe it); global fetch by default. */
  readonly fetch?: typeof fetch;
  /** Told how long each acknowledgement took (the ack latency in /metrics). */
  readonly onAck?: (kind: AckKind, seconds: number) => void;
}

/** The Bolt app plus start/stop that report the bound port (0 = a free one, for tests). */
export interface SlackAppHandle {
  readonly app: App;
  /** Starts listening; resolves with the HTTP port (in Socket Mode: the health server's port). */
  start(port?: number): Promise<{ port: number }>;
  stop(): Promise<void>;
}

/** Bolt's custom route handlers return void; ours may be async, so failures are caught and logged here. */
function toBoltRoute(route: HttpRoute, logger: Logger) {
  return {
    path: route.path,
    method: route.method,
    handler: (req: Parameters<HttpRoute['handler']>[0], res: Parameters<HttpRoute['handler']>[1]) => {
      Promise.resolve(route.handler(req, res)).catch((err: unknown) => {
        logger.error({ err, path: route.path }, 'HTTP route failed');
        if (!res.headersSent) res.writeHead(500).end();
      });
    },
  };
}

/**
 * Builds the Bolt app: HTTP mode (HTTPReceiver on /slack/events, signature verification always on) or Socket
 * Mode (app token), the Web API pointed at `slackApiUrl`, GET /healthz, GET /readyz and any extra routes, Bolt's logs sent
 * through our logger, and one error handler.
 */
export function createSlackApp(options: SlackAppOptions): SlackAppHandle {
  const { logger } = options;
  if (options.socketMode && !options.appToken) throw new Error('Socket Mode needs an app-level token (SLACK_APP_TOKEN, xapp-…)');
  if (!options.socketMode && !options.signingSecret) throw new Error('HTTP mode needs the signing secret (SLACK_SIGNING_SECRET)');
  const routes = [livenessRoute(), readinessRoute(options.readiness, logger), ...(options.routes ?? [])];
  const common = {
    token: options.botToken,
    ...(options.identity ? { botId: options.identity.botId, botUserId: options.identity.botUserId } : {}),
    logger: boltLogger(logger),
    clientOptions: options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {},
    extendedErrorHandler: true,
    // No listener reads `context.conversation`: Bolt's default store would only add a lookup to every request.
    convoStore: false as const,
  };
  // Socket Mode: our own route server (no custom routes given to Bolt, so it opens no HTTP server of its own).
  const routeServer = options.socketMode ? createRouteServer(routes, logger) : undefined;
  const socket =
    options.socketMode && options.appToken
      ? createSocketModeReceiver({ appToken: options.appToken, slackApiUrl: options.slackApiUrl, logger: common.logger })
      : undefined;
  const app = socket
    ? new App({ ...common, socketMode: true, receiver: socket.receiver })
    : new App({ ...common, signingSecret: options.signingSecret, endpoints: SLACK_EVENTS_PATH, customRoutes: routes.map((r) => toBoltRoute(r, logger)) });
  app.error(createAppErrorHandler(logger, options.fetch));
  if (options.onAck) timeAcks(app, options.onAck);
  const inFlight = trackInFlightListeners();
  app.use(inFlight.middleware);
  options.registerListeners(app);

  return {
    app,
    async start(port = options.port ?? 3000) {
      if (routeServer) {
        const bound = await routeServer.listen(port, options.host);
        try {
          // Resolves once Slack's hello arrives on the WebSocket; rejects when the app token is refused.
          await app.start();
        } catch (e) {
          await routeServer.close();
          throw e;
        }
        return { port: bound };
      }
      // In HTTP mode App.start resolves with the HTTPReceiver's node:http Server.
      const server = (await app.start(options.host === undefined ? port : { port, host: options.host })) as Server;
      return { port: (server.address() as AddressInfo).port };
    },
    async stop() {
      if (socket) await socket.stopAndWait(() => app.stop());
      else await app.stop();
      await routeServer?.close();
      // No new requests arrive now; let the ones already acknowledged finish before the caller closes the store.
      if (!(await inFlight.drain())) logger.warn({}, 'stopped with Slack listeners still running');
    },
  };
}
