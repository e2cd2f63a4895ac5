import { createSecretRedactor } from '../adapters/log/secret-redactor';
import { stripUrlCredentials } from '../adapters/log/url-credentials';

/**
 * Everything the CLI prints passes here: URL userinfo is always removed, and once the config is loaded every
 * configured secret (tokens, passwords, credentials written into URLs) is replaced wherever it appears.
 */
export class OutputGuard {
  private redact: (text: string) => string = (text) => text;

  /** Secrets to remove from now on (secretValues of the loaded config). */
  learn(secrets: readonly string[]): void {
    this.redact = createSecretRedactor(secrets);
  }

  clean(text: string): string {
    return stripUrlCredentials(this.redact(text));
  }

  /** A writer that prints only cleaned text. */
  wrap(write: (text: string) => void): (text: string) => void {
    return (text) => write(this.clean(text));
  }
}
