import { LogLevel, WebClient, type Logger, type WebClientOptions } from '@slack/web-api';
import type { SlackEmulator } from '../../emulators/slack';

/** A @slack/logger that drops everything: the WebClient logs every refused call at error level. */
export const quietSlackLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  setLevel() {},
  getLevel: () => LogLevel.ERROR,
  setName() {},
};

/** A real WebClient pointed at the emulator with its bot token; no retries unless asked for. */
export function emulatorClient(emu: SlackEmulator, options: WebClientOptions & { token?: string } = {}): WebClient {
  const { token = emu.botToken, ...rest } = options;
  return new WebClient(token, { slackApiUrl: emu.apiUrl, logger: quietSlackLogger, retryConfig: { retries: 0 }, ...rest });
}
