import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';
import type { Logger } from '../../core/ports/logger.port';
import { createSecretRedactor, REDACTED } from './secret-redactor';
import { stripUrlCredentials } from './url-credentials';

/** Field names whose values are secrets wherever they appear (top level and two levels down). */
export const SECRET_KEYS = [
  'token',
  'botToken',
  'appToken',
  'bot_token',
  'access_token',
  'refresh_token',
  'authorization',
  'Authorization',
  'password',
  'secret',
  'signingSecret',
  'signing_secret',
  'client_secret',
  'api_key',
  'apiKey',
  'cookie',
] as const;

const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

/** Options of createLogger. */
export interface LoggerOptions {
  /** pino level: trace, debug, info, warn, error, fatal or silent. */
  readonly level: string;
  /** Secret values from the config (see secretValues in src/config.ts); any log line containing one is scrubbed. */
  readonly secrets: readonly string[];
  /** Where lines go; stdout when omitted (tests pass a capturing stream). */
  readonly destination?: DestinationStream;
  /** Bound as `name` on every line. */
  readonly name?: string;
}

/** The app's logger: a pino logger that satisfies the core Logger port. */
export type AppLogger = PinoLogger & Logger;

/**
 * JSON logs on pino. Secrets are removed three ways: by key path (fields named token, password, …), by value
 * (any configured secret anywhere in the final line, including error messages and Bolt's own text logs), and
 * as URL userinfo (`http://user:password@host` in any line keeps only the host).
 */
export function createLogger(options: LoggerOptions): AppLogger {
  const scrub = createSecretRedactor(options.secrets);
  return pino(
    {
      level: options.level,
      name: options.name,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      // errWithCause keeps the whole cause chain, so a wrapped adapter error still shows what went wrong below it.
      serializers: { err: pino.stdSerializers.errWithCause, error: pino.stdSerializers.errWithCause },
      hooks: { streamWrite: (line) => stripUrlCredentials(scrub(line)) },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
