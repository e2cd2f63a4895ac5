/** Structured logging as the core needs it; the adapter (pino) redacts secrets. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** A logger that drops everything (tests and library use). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
