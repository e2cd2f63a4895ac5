import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EnvFileError, parseEnvFile, withEnvFile } from '../../src/config/env-file';

function failure(text: string): EnvFileError {
  try {
    parseEnvFile(text, '/srv/modelsync/.env');
  } catch (e) {
    if (e instanceof EnvFileError) return e;
    throw e;
  }
  throw new Error('expected an EnvFileError');
}

describe('parseEnvFile', () => {
  it("reads NAME=value lines as Node's parser does: comments, export, quotes, inline comments, multi-line quoted values", () => {
    const text = [
      '# modelsync settings',
      '',
      'MLFLOW_TRACKING_URI=http://127.0.0.1:5000',
      'export SLACK_BOT_TOKEN=xoxb-1-2',
      'export   APPROVERS = U0BOB,S0MLOPS   # the ML leads',
      'SLACK_SIGNING_SECRET="has # inside"',
      "NOTION_API_TOKEN='ntn_single'",
      'PROMOTION_GATES="production: accuracy>=0.9;',
      '  @champion: f1>=0.8"',
      'LOG_LEVEL=',
      '\tSYNC_CRON=0 * * * *',
    ].join('\r\n');
    expect(parseEnvFile(text, '.env')).toEqual({
      MLFLOW_TRACKING_URI: 'http://127.0.0.1:5000',
      SLACK_BOT_TOKEN: 'xoxb-1-2',
      APPROVERS: 'U0BOB,S0MLOPS',
      SLACK_SIGNING_SECRET: 'has # inside',
      NOTION_API_TOKEN: 'ntn_single',
      PROMOTION_GATES: 'production: accuracy>=0.9;\n  @champion: f1>=0.8',
      LOG_LEVEL: '',
      SYNC_CRON: '0 * * * *',
    });
  });

  it('names the file and the line of a line without =, and never repeats the line (it may hold a secret)', () => {
    const e = failure('MLFLOW_TRACKING_URI=http://127.0.0.1:5000\n\nxoxb-pasted-secret-token\nLOG_LEVEL=info');
    expect(e.message).toMatch(/^\/srv\/modelsync\/\.env line 3: there is no = sign \(write NAME=value\)\. Lines are NAME=value, # comments or blank/);
    expect(e.line).toBe(3);
    expect(e.message).not.toContain('xoxb-pasted');
  });

  it('refuses a name Node would read differently (spaces, colons, a leading digit)', () => {
    expect(failure('SLACK BOT TOKEN=xoxb-1').message).toMatch(/line 1: the name before = must be letters, digits and _/);
    expect(failure('A=1\nAPPROVERS: U0BOB=x').message).toMatch(/line 2: the name before =/);
    expect(failure('1PORT=3000').message).toMatch(/line 1: the name/);
  });

  it('refuses a quote that never closes, naming the line it opened on, and text after a closing quote', () => {
    expect(failure('A=1\nSLACK_SIGNING_SECRET="abc\nLOG_LEVEL=info').message).toMatch(/line 2: the " that opens the value is never closed/);
    const after = failure('A=1\nB=2\nSLACK_SIGNING_SECRET="ab\\"cd"');
    expect(after.message).toMatch(/line 3: text follows the closing "/);
    expect(after.message).not.toContain('cd');
  });
});

describe('withEnvFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'modelsync-envfile-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads .env in the working directory; a variable of the process wins, even when set to empty', () => {
    writeFileSync(path.join(dir, '.env'), 'LOG_LEVEL=debug\nPORT=4000\nAPPROVERS=U0FILE\n');
    const loaded = withEnvFile({ PORT: '5000', APPROVERS: '' }, dir);
    expect(loaded.file).toBe(path.join(dir, '.env'));
    expect(loaded.env).toEqual({ LOG_LEVEL: 'debug', PORT: '5000', APPROVERS: '' });
  });

  it('is a no-op without a .env, and with MODELSYNC_ENV_FILE=off', () => {
    expect(withEnvFile({ PORT: '1' }, dir)).toEqual({ env: { PORT: '1' } });
    writeFileSync(path.join(dir, '.env'), 'LOG_LEVEL=debug\n');
    expect(withEnvFile({ MODELSYNC_ENV_FILE: 'off' }, dir)).toEqual({ env: { MODELSYNC_ENV_FILE: 'off' } });
  });

  it('reads the file MODELSYNC_ENV_FILE names, and says so when it is missing', () => {
    writeFileSync(path.join(dir, 'prod.env'), 'LOG_LEVEL=warn\n');
    expect(withEnvFile({ MODELSYNC_ENV_FILE: 'prod.env' }, dir).env.LOG_LEVEL).toBe('warn');
    expect(() => withEnvFile({ MODELSYNC_ENV_FILE: 'missing.env' }, dir)).toThrow(
      `${path.join(dir, 'missing.env')}: no such file (named by MODELSYNC_ENV_FILE; write MODELSYNC_ENV_FILE=off to read none)`,
    );
  });
});
