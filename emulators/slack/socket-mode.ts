import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Workspace } from './workspace';

/** Path prefix of the WebSocket URLs apps.connections.open hands out: /__socket/<ticket>. */
export const SOCKET_PREFIX = '/__socket/';

/** Slack expects an envelope to be acknowledged within 3 seconds (then it retries or shows the user an error). */
export const SOCKET_ACK_TIMEOUT_MS = 3_000;

/** How long after a `disconnect` message the emulator closes the link itself, as Slack does (~10 s). */
export const DEFAULT_DISCONNECT_GRACE_MS = 10_000;

/** Why Slack asks a client to go: `warning` (link closes in ~10 s), `refresh_requested`, `link_disabled` (Socket Mode off). */
export type DisconnectReason = 'warning' | 'refresh_requested' | 'link_disabled';

/** Envelope types Slack sends over Socket Mode. */
export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

/** The client's acknowledgement: `{envelope_id, payload?}` (the payload plays the role of an HTTP response body). */
export interface SocketAck {
  readonly envelope_id: string;
  readonly payload?: Record<string, unknown>;
  /** Which connection answered, and how long after delivery. */
  readonly connectionId: string;
  readonly ms: number;
}

/** One WebSocket link as the emulator tracks it. */
export interface SocketConnectionInfo {
  readonly id: string;
  readonly openedAt: string;
  closedAt?: string;
  /** Reasons of the disconnect messages sent on this link. */
  readonly disconnectsSent: DisconnectReason[];
}

/** Options of one delivery. */
export interface DeliverOptions {
  readonly acceptsResponsePayload?: boolean;
  readonly retryAttempt?: number;
  readonly retryReason?: string;
  /** Rejects when no ack arrives in time; Slack's 3 s unless told otherwise. */
  readonly ackTimeoutMs?: number;
}

interface Link {
  readonly info: SocketConnectionInfo;
  readonly socket: WebSocket;
}

interface PendingAck {
  readonly resolve: (ack: SocketAck) => void;
  readonly sentAt: number;
}

/**
 * The Socket Mode side of the emulator: single-use tickets from apps.connections.open, the WebSocket endpoint
 * on the emulator's HTTP server (hello on connect), envelope delivery with ack tracking, and disconnect messages.
 */
export class SocketModeHub {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  private readonly links: Link[] = [];
  private readonly pending = new Map<string, PendingAck>();
  private readonly received: SocketAck[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly ws: Workspace,
    private readonly baseUrl: () => string,
  ) {}

  /** apps.connections.open: a fresh WebSocket URL (Slack's are wss://…/link/?ticket=…&app_id=…). */
  open(): string {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    const wsBase = this.baseUrl().replace(/^http/, 'ws');
    return `${wsBase}${SOCKET_PREFIX}${ticket}?app_id=${encodeURIComponent(this.ws.identity.appId)}`;
  }

  /** Takes an HTTP upgrade on /__socket/<ticket>; an unknown or used ticket is refused with 401. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const ticket = decodeURIComponent(url.pathname.slice(SOCKET_PREFIX.length));
    if (!url.pathname.startsWith(SOCKET_PREFIX) || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (client) => this.accept(client));
  }

  private accept(socket: WebSocket): void {
    const info: SocketConnectionInfo = { id: `L${randomBytes(6).toString('hex')}`, openedAt: new Date().toISOString(), disconnectsSent: [] };
    this.links.push({ info, socket });
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.onClientMessage(info.id, data.toString());
    });
    socket.on('close', () => {
      info.closedAt = new Date().toISOString();
      this.ws.emit('change');
    });
    socket.on('error', () => socket.terminate());
    // The first message on every link; clients treat the link as ready only after it.
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.openLinks().length,
        debug_info: { host: 'applink-emulator', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.ws.identity.appId },
      }),
    );
    this.ws.emit('change');
  }

  private onClientMessage(connectionId: string, text: string): void {
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      return; // Slack ignores what it cannot parse; so does the emulator.
    }
    if (typeof msg !== 'object' || msg === null || typeof (msg as { envelope_id?: unknown }).envelope_id !== 'string') return;
    const { envelope_id, payload } = msg as { envelope_id: string; payload?: unknown };
    const waiting = this.pending.get(envelope_id);
    const ack: SocketAck = {
      envelope_id,
      ...(payload && typeof payload === 'object' && Object.keys(payload).length > 0 ? { payload: payload as Record<string, unknown> } : {}),
      connectionId,
      ms: waiting ? Date.now() - waiting.sentAt : 0,
    };
    this.received.push(ack);
    this.pending.delete(envelope_id);
    waiting?.resolve(ack);
    this.ws.emit('change');
  }

  private openLinks(): Link[] {
    return this.links.filter((l) => l.info.closedAt === undefined && l.socket.readyState === l.socket.OPEN);
  }

  /**
   * Sends `{envelope_id, type, payload, accepts_response_payload}` on the newest open link and resolves with the
   * client's ack; rejects when no link is open or no ack comes within the ack timeout.
   */
  deliver(type: EnvelopeType, payload: Record<string, unknown>, options: DeliverOptions = {}): Promise<SocketAck> {
    const link = this.openLinks().at(-1);
    if (!link) return Promise.reject(new Error('Slack emulator: no open Socket Mode connection to deliver to'));
    const envelopeId = randomUUID();
    const timeoutMs = options.ackTimeoutMs ?? SOCKET_ACK_TIMEOUT_MS;
    return new Promise<SocketAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.pending.delete(envelopeId);
        reject(new Error(`Slack emulator: envelope ${envelopeId} (${type}) not acknowledged within ${timeoutMs} ms`));
      }, timeoutMs);
      this.timers.add(timer);
      this.pending.set(envelopeId, {
        sentAt: Date.now(),
        resolve: (ack) => {
          clearTimeout(timer);
          this.timers.delete(timer);
          resolve(ack);
        },
      });
      link.socket.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: options.acceptsResponsePayload ?? type === 'slash_commands',
          ...(options.retryAttempt !== undefined ? { retry_attempt: options.retryAttempt, retry_reason: options.retryReason ?? 'timeout' } : {}),
        }),
      );
    });
  }

  /** Sends `{type:"disconnect", reason}` on every open link; the emulator closes them itself after graceMs. */
  disconnect(reason: DisconnectReason, graceMs = DEFAULT_DISCONNECT_GRACE_MS): void {
    for (const link of this.openLinks()) {
      link.info.disconnectsSent.push(reason);
      link.socket.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-emulator' } }));
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        link.socket.close(1000, reason);
      }, graceMs);
      timer.unref();
      this.timers.add(timer);
    }
    this.ws.emit('change');
  }

  /** Every link ever opened, oldest first. */
  connections(): SocketConnectionInfo[] {
    return this.links.map((l) => ({ ...l.info, disconnectsSent: [...l.info.disconnectsSent] }));
  }

  /** Links open right now. */
  openConnections(): SocketConnectionInfo[] {
    return this.openLinks().map((l) => ({ ...l.info, disconnectsSent: [...l.info.disconnectsSent] }));
  }

  /** Every ack received, in order. */
  acks(): SocketAck[] {
    return [...this.received];
  }

  /** Forgets past links' records and acks (open links stay open). */
  reset(): void {
    const open = new Set(this.openLinks());
    this.links.splice(0, this.links.length, ...open);
    this.received.length = 0;
  }

  /** Closes every link and timer (emulator stop). */
  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const l of this.links) l.socket.terminate();
    this.wss.close();
  }
}
