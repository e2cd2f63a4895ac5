import { boltLogger } from '../../../src/adapters/log/bolt-logger';
import { createLogger } from '../../../src/adapters/log/logger';
import { createSecretRedactor } from '../../../src/adapters/log/secret-redactor';
import { stripUrlCredentials, urlCredentialSecrets, withoutCredentials } from '../../../src/adapters/log/url-credentials';

const SECRET = 'ntn_S3cr3t"value\\with-quotes';
const TOKEN = 'xoxb-1234-5678-abcdefghijkl';

function capture(level = 'debug') {
  const lines: string[] = [];
  const logger = createLogger({ level, secrets: [SECRET, TOKEN, 'ab'], destination: { write: (s: string) => void lines.push(s) } });
  return { logger, raw: () => lines.join(''), parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('logger', () => {
  it('replaces a configured secret value anywhere in a line, including JSON-escaped and inside messages', () => {
    const c = capture();
    c.logger.info({ url: `https://x.test/?t=${encodeURIComponent(TOKEN)}`, note: `got ${SECRET}` }, `calling with ${TOKEN}`);
    const raw = c.raw();
    expect(raw).not.toContain(TOKEN);
    expect(raw).not.toContain(JSON.stringify(SECRET).slice(1, -1));
    expect(c.parsed()[0]).toMatchObject({ msg: 'calling with [redacted]', note: 'got [redacted]' });
  });

  it('redacts fields named like secrets whatever their value', () => {
    const c = capture();
    c.logger.info({ token: 'unknown-token-value', headers: { authorization: 'Bearer abc123' }, config: { notion: { apiKey: 'k-999' } } }, 'x');
    expect(c.parsed()[0]).toMatchObject({ token: '[redacted]', headers: { authorization: '[redacted]' }, config: { notion: { apiKey: '[redacted]' } } });
  });

  it('keeps the cause chain of a logged error, scrubbed of secrets', () => {
    const c = capture();
    const err = new Error('sync failed', { cause: new Error(`401 for token ${TOKEN}`) });
    c.logger.error({ err }, 'boom');
    const line = c.parsed()[0] as { err: { message: string; stack: string } };
    expect(line.err.message).toContain('sync failed');
    expect(JSON.stringify(line)).toContain('401 for token [redacted]');
  });

  it('drops credentials written into any URL in a line: message, fields, errors and their causes', () => {
    const c = capture();
    const url = 'http://alice:P4ss-w0rd@mlflow.test:5000/api';
    const err = new Error(`request to ${url} failed`, { cause: new Error('redis://:r3dis-pw@127.0.0.1:6379 refused') });
    c.logger.error({ err, baseUrl: url, nested: { redis: 'rediss://default:r3dis-pw@cache.test' } }, `calling ${url}`);
    const raw = c.raw();
    for (const leaked of ['alice', 'P4ss-w0rd', 'r3dis-pw', 'default:']) expect(raw).not.toContain(leaked);
    expect(c.parsed()[0]).toMatchObject({ msg: 'calling http://[redacted]@mlflow.test:5000/api', baseUrl: 'http://[redacted]@mlflow.test:5000/api' });
    expect(raw).toContain('redis://[redacted]@127.0.0.1:6379 refused');
  });

  it('finds URL credentials as secrets and strips them from URLs and text', () => {
    expect(urlCredentialSecrets('http://u:p%40ss%2Fw@h')).toEqual(['p%40ss%2Fw', 'p@ss/w']);
    expect(urlCredentialSecrets('https://ghp_token123@h/x')).toEqual(['ghp_token123']);
    expect(urlCredentialSecrets('http://h:80/x')).toEqual([]);
    expect(urlCredentialSecrets('not a url')).toEqual([]);
    expect(withoutCredentials('http://u:p@q@h/x@y')).toBe('http://h/x@y');
    expect(stripUrlCredentials('see http://u:p@h/a and "https://t@h2?x=a@b" or mail a@b.c')).toBe(
      'see http://[redacted]@h/a and "https://[redacted]@h2?x=a@b" or mail a@b.c',
    );
  });

  it('does not redact secrets too short to be told from ordinary text', () => {
    expect(createSecretRedactor(['ab'])('a label')).toBe('a label');
  });

  it('drops lines below the configured level', () => {
    const c = capture('warn');
    c.logger.info({}, 'quiet');
    c.logger.warn({}, 'loud');
    expect(c.parsed().map((l) => l.msg)).toEqual(['loud']);
  });

  it("sends Bolt's variadic text logs through the same redaction, with errors as err", () => {
    const c = capture();
    const bolt = boltLogger(c.logger);
    bolt.setName('web-api:WebClient:0');
    bolt.warn('http request failed', `token=${TOKEN}`, new Error('ETIMEDOUT'));
    const line = c.parsed()[0] as Record<string, unknown> & { err: { message: string } };
    expect(line).toMatchObject({ level: 40, component: 'web-api:WebClient:0', msg: 'http request failed token=[redacted]' });
    expect(line.err.message).toBe('ETIMEDOUT');
  });
});
