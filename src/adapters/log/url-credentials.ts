/**
 * Credentials written into URLs (`http://user:password@host`, `redis://:password@host`): settings such as
 * MLFLOW_TRACKING_URI or REDIS_URL may carry them, and a URL is printed, logged and linked in many places. These
 * helpers drop them from text and list them as secrets for the log redactor.
 */
import { REDACTED } from './secret-redactor';

/** Scheme and userinfo of a URL at the start of a string: userinfo runs to the authority's last `@`. */
const LEADING_USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i;
/** The same anywhere in a text (a log line, an error message): the authority ends at whitespace, quotes or brackets. */
const USERINFO_IN_TEXT = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#"'<>`]*@/gi;

/** The URL without its userinfo (`http://u:p@host/x` → `http://host/x`). */
export function withoutCredentials(url: string): string {
  return url.replace(LEADING_USERINFO, '$1');
}

/** Every URL in the text with its userinfo replaced by a marker, so a reader sees that something was removed. */
export function stripUrlCredentials(text: string): string {
  return text.replace(USERINFO_IN_TEXT, `$1${REDACTED}@`);
}

/**
 * The secret parts of a URL's userinfo, as written (percent-encoded) and decoded, since a client sends and may
 * log the decoded form: the password, or the user name when there is no password (a token such as
 * `https://TOKEN@host`). A user name next to a password is not secret and is left alone.
 */
export function urlCredentialSecrets(url: string | undefined): string[] {
  if (!url) return [];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  const secret = parsed.password || parsed.username;
  if (!secret) return [];
  const spellings = [secret];
  try {
    spellings.push(decodeURIComponent(secret));
  } catch {
    // A malformed escape: only the written form can appear.
  }
  return [...new Set(spellings)];
}
