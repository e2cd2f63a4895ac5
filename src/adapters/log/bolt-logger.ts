import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../../core/ports/logger.port';

/**
 * Bolt and @slack/web-api log through the @slack/logger interface (variadic text); this adapter sends those
 * lines through our logger so they are JSON, levelled and scrubbed of secrets like everything else.
 * Filtering by level stays with our logger; setLevel only records what Bolt asked for.
 */
export function boltLogger(logger: Logger, initialName = 'bolt'): SlackLogger {
  let name = initialName;
  let level: LogLevel = LogLevel.DEBUG;
  const emit = (method: 'debug' | 'info' | 'warn' | 'error', msgs: unknown[]): void => {
    const err = msgs.find((m): m is Error => m instanceof Error);
    const text = msgs
      .filter((m) => !(m instanceof Error))
      .map((m) => (typeof m === 'string' ? m : safeJson(m)))
      .join(' ');
    logger[method]({ component: name, ...(err ? { err } : {}) }, text || err?.message);
  };
  return {
    debug: (...msgs) => emit('debug', msgs),
    info: (...msgs) => emit('info', msgs),
    warn: (...msgs) => emit('warn', msgs),
    error: (...msgs) => emit('error', msgs),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: (n) => {
      name = n;
    },
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
