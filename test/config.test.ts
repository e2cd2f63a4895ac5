import { ConfigError, loadConfig, secretValues } from '../src/config';

const base = {
  MLFLOW_TRACKING_URI: 'http://127.0.0.1:5000/',
  NOTION_API_TOKEN: 'ntn_supersecret_value',
  NOTION_DATABASE_ID: '0123456789abcdef0123456789abcdef',
};
const slack = { SLACK_BOT_TOKEN: 'xoxb-123-secret', SLACK_SIGNING_SECRET: 'signing-secret-value', APPROVERS: 'U0APPROVER' };

function problemsOf(env: Record<string, string>, mode: 'app' | 'cli' = 'cli'): readonly string[] {
  try {
    loadConfig(env, mode);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig(base, 'cli');
    expect(c.mlflow).toMatchObject({ trackingUri: 'http://127.0.0.1:5000', registryUri: 'http://127.0.0.1:5000', uiUrl: 'http://127.0.0.1:5000' });
    expect(c.sync).toEqual({ onWrite: true, managedTag: 'zenml.mlflow_notion_managed', cron: '0 * * * *', reportQuiet: true, fullSyncEvery: 24 });
    expect(c.approvals.protectedStages).toEqual(['Production']);
    expect(c.approvals.ttlMs).toBe(24 * 3_600_000);
    expect(c.zenml).toBeUndefined();
    expect(c.slack).toBeUndefined();
    expect(Object.isFrozen(c.mlflow)).toBe(true);
  });

  it('says an MLflow server URL is needed when given a local path like ./mlruns', () => {
    const problems = problemsOf({ ...base, MLFLOW_TRACKING_URI: './mlruns' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/MLFLOW_TRACKING_URI must be the http\(s\) URL of an MLflow server/);
    expect(problems[0]).toMatch(/mlflow server/);
  });

  it('lists every problem at once and never echoes a value', () => {
    const env = {
      MLFLOW_TRACKING_URI: 'file:///secret-path',
      NOTION_API_TOKEN: 'ntn_supersecret_value',
      NOTION_DATABASE_ID: 'not-an-id-secret',
      SLACK_BOT_TOKEN: 'xoxp-user-token-secret',
      SYNC_ON_WRITE: 'maybe',
      PROTECTED_STAGES: 'Production,Gold',
      MLFLOW_TRACKING_USERNAME: 'alice',
    };
    const problems = problemsOf(env, 'app');
    const text = problems.join('\n');
    expect(problems.length).toBeGreaterThanOrEqual(7);
    for (const name of [
      'MLFLOW_TRACKING_URI',
      'NOTION_DATABASE_ID',
      'SLACK_BOT_TOKEN',
      'SYNC_ON_WRITE',
      'PROTECTED_STAGES',
      'MLFLOW_TRACKING_PASSWORD',
      'SLACK_SIGNING_SECRET',
    ]) {
      expect(text).toContain(name);
    }
    for (const value of Object.values(env)) expect(text).not.toContain(value);
  });

  it('requires Slack settings in app mode only', () => {
    expect(problemsOf(base, 'cli')).toEqual([]);
    expect(problemsOf({ ...base, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'signing-secret-value' }, 'cli')).toEqual([]);
    const problems = problemsOf(base, 'app');
    expect(problems.some((p) => p.startsWith('SLACK_BOT_TOKEN is required'))).toBe(true);
    expect(problems.some((p) => p.startsWith('SLACK_SIGNING_SECRET is required'))).toBe(true);
  });

  it('chooses Socket Mode when only an app token is given', () => {
    const c = loadConfig({ ...base, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', APPROVERS: 'U0APPROVER' }, 'app');
    expect(c.slack?.socketMode).toBe(true);
    expect(loadConfig({ ...base, ...slack }, 'app').slack?.socketMode).toBe(false);
  });

  it('accepts ZenML with either an API key or a username, and asks for credentials otherwise', () => {
    expect(loadConfig({ ...base, ZENML_SERVER_URL: 'http://127.0.0.1:8237', ZENML_USERNAME: 'default', ZENML_PASSWORD: '' }, 'cli').zenml).toMatchObject({
      project: 'default',
      username: 'default',
    });
    expect(problemsOf({ ...base, ZENML_SERVER_URL: 'http://127.0.0.1:8237' })[0]).toMatch(/ZenML needs credentials/);
    expect(problemsOf({ ...base, ZENML_API_KEY: 'k' })[0]).toMatch(/ZENML_SERVER_URL is required/);
  });

  it('parses protected stages case-insensitively and "off" as none', () => {
    expect(loadConfig({ ...base, PROTECTED_STAGES: 'staging, PRODUCTION' }, 'cli').approvals.protectedStages).toEqual(['Staging', 'Production']);
    expect(loadConfig({ ...base, PROTECTED_STAGES: 'off' }, 'cli').approvals.protectedStages).toEqual([]);
  });

  it('rejects malformed approvers', () => {
    expect(problemsOf({ ...base, ...slack, APPROVERS: 'U123ABC, @alice' }, 'app')[0]).toMatch(/APPROVERS must be/);
    expect(loadConfig({ ...base, ...slack, APPROVERS: 'U123ABC, S999XYZ' }, 'app').slack?.approvers).toEqual(['U123ABC', 'S999XYZ']);
  });

  describe('APPROVERS left empty', () => {
    const noApprovers = { ...base, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'signing-secret-value' };

    it('is a start-up error while a stage or an alias is protected, listing what to write', () => {
      const problems = problemsOf(noApprovers, 'app');
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(
        /^APPROVERS is empty, but entering or leaving Production \(PROTECTED_STAGES\) and moving @champion \(PROTECTED_ALIASES\) need an approval/,
      );
      expect(problems[0]).toContain('APPROVERS=U0123ABCD,S0456EFGH');
      expect(problems[0]).toContain('APPROVERS=anyone-but-requester');
      expect(problems[0]).toContain('PROTECTED_STAGES=off and PROTECTED_ALIASES=off');
      expect(problemsOf({ ...noApprovers, APPROVERS: '  ' }, 'app')[0]).toMatch(/^APPROVERS is empty/);
    });

    it('names only what is protected: a protected alias alone is enough to need approvers', () => {
      const problems = problemsOf({ ...noApprovers, PROTECTED_STAGES: 'off', PROTECTED_ALIASES: 'champion, prod-eu' }, 'app');
      expect(problems).toEqual([expect.stringMatching(/^APPROVERS is empty, but moving @champion, @prod-eu \(PROTECTED_ALIASES\) needs an approval/)]);
      expect(problemsOf({ ...noApprovers, PROTECTED_STAGES: 'Staging', PROTECTED_ALIASES: 'off' }, 'app')[0]).toMatch(
        /^APPROVERS is empty, but entering or leaving Staging \(PROTECTED_STAGES\) needs an approval/,
      );
    });

    it('keeps the open behaviour only when APPROVERS=anyone-but-requester is written out', () => {
      const c = loadConfig({ ...noApprovers, APPROVERS: 'anyone-but-requester' }, 'app');
      expect(c.slack?.approvers).toEqual([]);
      expect(c.approvals.protectedStages).toEqual(['Production']);
      expect(loadConfig({ ...noApprovers, APPROVERS: ' Anyone-But-Requester ' }, 'app').slack?.approvers).toEqual([]);
    });

    it('refuses anyone-but-requester mixed with listed approvers', () => {
      expect(problemsOf({ ...noApprovers, APPROVERS: 'U0BOB,anyone-but-requester' }, 'app')).toEqual([
        'APPROVERS=anyone-but-requester stands alone: either list who may approve or write only anyone-but-requester',
      ]);
    });

    it('is fine with nothing protected, and in the CLI (which never approves)', () => {
      expect(loadConfig({ ...noApprovers, PROTECTED_STAGES: 'off', PROTECTED_ALIASES: 'off' }, 'app').slack?.approvers).toEqual([]);
      expect(loadConfig(noApprovers, 'cli').slack?.approvers).toEqual([]);
    });
  });

  it('reads SYNC_ADMINS (users and groups, default none) and rejects a malformed entry without echoing it', () => {
    expect(loadConfig({ ...base, ...slack }, 'app').slack?.syncAdmins).toEqual([]);
    expect(loadConfig({ ...base, ...slack, SYNC_ADMINS: 'U0NINA, S0NOTION' }, 'app').slack?.syncAdmins).toEqual(['U0NINA', 'S0NOTION']);
    const problems = problemsOf({ ...base, ...slack, SYNC_ADMINS: 'U0NINA,#notion-admins' }, 'app');
    expect(problems).toEqual(['SYNC_ADMINS must be a comma-separated list of Slack user IDs (U…/W…) or user group IDs (S…); one entry is neither']);
  });

  it('listens on every interface unless HOST names an address, and refuses a host name', () => {
    expect(loadConfig(base, 'cli').server).toEqual({ port: 3000, host: undefined });
    expect(loadConfig({ ...base, HOST: '127.0.0.1', PORT: '8080' }, 'cli').server).toEqual({ port: 8080, host: '127.0.0.1' });
    expect(loadConfig({ ...base, HOST: '::' }, 'cli').server.host).toBe('::');
    expect(problemsOf({ ...base, HOST: 'build-box-7' })).toEqual([expect.stringMatching(/^HOST must be the IP address to listen on, e.g. 127\.0\.0\.1/)]);
  });

  it('collects every secret for log redaction', () => {
    const c = loadConfig({ ...base, ...slack, MLFLOW_TRACKING_TOKEN: 'mlflow-token-123', REDIS_URL: 'redis://:redispass@127.0.0.1:6379' }, 'app');
    expect(secretValues(c).sort()).toEqual(['mlflow-token-123', 'ntn_supersecret_value', 'redispass', 'signing-secret-value', 'xoxb-123-secret'].sort());
  });

  it('counts credentials written into any URL setting as secrets, percent-encoded and decoded', () => {
    const c = loadConfig(
      {
        ...base,
        ...slack,
        MLFLOW_TRACKING_URI: 'http://alice:tr%40ck%2Fpw@mlflow.test:5000',
        MLFLOW_REGISTRY_URI: 'https://bob:registry-pw@registry.test',
        MLFLOW_UI_URL: 'https://ui-token-only@ui.test',
        ZENML_SERVER_URL: 'http://zen:zenml-url-pw@zenml.test',
        ZENML_API_KEY: 'zenml-key-1',
        REDIS_URL: 'redis://:r%3Ad%40s@127.0.0.1:6379',
      },
      'app',
    );
    const secrets = secretValues(c);
    for (const s of ['tr%40ck%2Fpw', 'tr@ck/pw', 'registry-pw', 'ui-token-only', 'zenml-url-pw', 'r%3Ad%40s', 'r:d@s']) {
      expect(secrets).toContain(s);
    }
    // A user name next to a password is not a secret (it would blank out ordinary words in every log line).
    expect(secrets).not.toContain('alice');
  });

  it('refuses credentials in NOTION_API_URL and SLACK_API_URL, whose clients cannot send them, without printing them', () => {
    const problems = problemsOf(
      { ...base, ...slack, NOTION_API_URL: 'http://n:notion-url-pw@notion.test', SLACK_API_URL: 'http://slack-token-as-user@slack.test/api/' },
      'app',
    );
    expect(problems).toEqual([
      'NOTION_API_URL must not contain a user name or password: the client authenticates with NOTION_API_TOKEN and cannot send URL credentials',
      'SLACK_API_URL must not contain a user name or password: the client authenticates with SLACK_BOT_TOKEN and cannot send URL credentials',
    ]);
  });
});
