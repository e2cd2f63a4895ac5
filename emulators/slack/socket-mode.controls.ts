import type { SlackEmulator } from './slack-emulator';
import type { DeliverOptions, DisconnectReason, EnvelopeType, SocketAck, SocketConnectionInfo, SocketModeHub } from './socket-mode';
import { actorOf, blockActionPayload, slashCommandPayload, type SocketActionSpec, type SocketCommandSpec } from './socket-mode.payloads';

/** What a delivered slash command or click produced: the ack and the URLs the payload carried. */
export interface SocketDelivery {
  readonly ack: SocketAck;
  /** The payload's response_url (bound to the channel and user, so replies show in history). */
  readonly responseUrl: string;
  readonly triggerId: string;
}

/** Programmatic Socket Mode controls of the emulator (what Slack does on its side of the link). */
export interface SocketModeControls {
  /** Delivers a slash command in a `slash_commands` envelope; resolves with the ack (rejects after 3 s without). */
  deliverCommand(spec: SocketCommandSpec, options?: DeliverOptions): Promise<SocketDelivery>;
  /** Delivers a button click (block_actions) in an `interactive` envelope. */
  deliverAction(spec: SocketActionSpec, options?: DeliverOptions): Promise<SocketDelivery>;
  /** Delivers any payload in an envelope of the given type. */
  deliver(type: EnvelopeType, payload: Record<string, unknown>, options?: DeliverOptions): Promise<SocketAck>;
  /** Sends a `disconnect` message on every open link (closed by the emulator after graceMs, 10 s by default). */
  disconnect(reason: DisconnectReason, graceMs?: number): void;
  /** Every link opened so far, oldest first. */
  connections(): SocketConnectionInfo[];
  openConnections(): SocketConnectionInfo[];
  /** Every ack received, in order. */
  acks(): SocketAck[];
}

/** Binds the hub to the emulator's response URLs, trigger ids and stored messages. */
export function createSocketModeControls(hub: SocketModeHub, emu: SlackEmulator): SocketModeControls {
  const context = (a: ReturnType<typeof actorOf>, messageTs?: string) => ({
    identity: emu.workspace.identity,
    responseUrl: emu.responseUrl(undefined, { channel: a.channelId, user: a.userId, messageTs }),
    triggerId: emu.triggerId(),
    message: messageTs ? emu.workspace.findMessage(a.channelId, messageTs) : undefined,
  });
  return {
    async deliverCommand(spec, options) {
      const ctx = context(actorOf(spec));
      const ack = await hub.deliver('slash_commands', slashCommandPayload(spec, ctx), options);
      return { ack, responseUrl: ctx.responseUrl, triggerId: ctx.triggerId };
    },
    async deliverAction(spec, options) {
      const ctx = context(actorOf(spec), spec.messageTs);
      const ack = await hub.deliver('interactive', blockActionPayload(spec, ctx), { acceptsResponsePayload: false, ...options });
      return { ack, responseUrl: ctx.responseUrl, triggerId: ctx.triggerId };
    },
    deliver: (type, payload, options) => hub.deliver(type, payload, options),
    disconnect: (reason, graceMs) => hub.disconnect(reason, graceMs),
    connections: () => hub.connections(),
    openConnections: () => hub.openConnections(),
    acks: () => hub.acks(),
  };
}
