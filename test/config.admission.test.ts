import { loadConfig, secretValues } from '../src/config';
import { BASE_ENV as base, configProblems as problemsOf } from './support/config-env';

describe('loadConfig: admission in front of MLflow and ZenML, the read cache and /metrics', () => {
  it('defaults to limits sized for one MLflow worker, a 5 s read cache and no metrics token', () => {
    const c = loadConfig({ ...base, ZENML_SERVER_URL: 'http://127.0.0.1:8237', ZENML_API_KEY: 'zenkey-0123456789' }, 'cli');
    expect(c.mlflow.admission).toEqual({ maxInFlight: 4, maxQueued: 100, readMaxWaitMs: 2_000, priorityMaxWaitMs: 15_000 });
    expect(c.mlflow.readCacheMs).toBe(5_000);
    expect(c.zenml?.admission).toEqual({ maxInFlight: 4, maxQueued: 100, readMaxWaitMs: 15_000, priorityMaxWaitMs: 15_000 });
    expect(c.server.metricsToken).toBeUndefined();
  });

  it('reads every setting; 0 turns the read cache off and makes the queue refuse whatever finds no free slot', () => {
    const c = loadConfig(
      {
        ...base,
        MLFLOW_MAX_IN_FLIGHT: '8',
        MLFLOW_MAX_QUEUED: '0',
        MLFLOW_READ_MAX_WAIT_MS: '2500',
        MLFLOW_PRIORITY_MAX_WAIT_MS: '20000',
        MLFLOW_READ_CACHE_MS: '0',
        ZENML_SERVER_URL: 'http://127.0.0.1:8237',
        ZENML_API_KEY: 'zenkey-0123456789',
        ZENML_MAX_IN_FLIGHT: '2',
        ZENML_MAX_QUEUED: '50',
        ZENML_MAX_WAIT_MS: '5000',
        METRICS_TOKEN: 'metrics-token-0123456789abcdef',
      },
      'cli',
    );
    expect(c.mlflow.admission).toEqual({ maxInFlight: 8, maxQueued: 0, readMaxWaitMs: 2_500, priorityMaxWaitMs: 20_000 });
    expect(c.mlflow.readCacheMs).toBe(0);
    expect(c.zenml?.admission).toEqual({ maxInFlight: 2, maxQueued: 50, readMaxWaitMs: 5_000, priorityMaxWaitMs: 5_000 });
    expect(c.server.metricsToken).toBe('metrics-token-0123456789abcdef');
    expect(secretValues(c)).toContain('metrics-token-0123456789abcdef');
  });

  it('names each bad value and what would be right, without echoing it', () => {
    const problems = problemsOf({
      MLFLOW_MAX_IN_FLIGHT: '0',
      MLFLOW_MAX_QUEUED: '-1',
      MLFLOW_READ_MAX_WAIT_MS: 'soon',
      MLFLOW_READ_CACHE_MS: '1.5',
      ZENML_MAX_IN_FLIGHT: 'four',
      METRICS_TOKEN: 'short',
    });
    expect(problems).toEqual([
      'MLFLOW_MAX_IN_FLIGHT must be a whole number of at least 1',
      'MLFLOW_MAX_QUEUED must be a whole number (0 or more)',
      'MLFLOW_READ_MAX_WAIT_MS must be a whole number of at least 1',
      'MLFLOW_READ_CACHE_MS must be a whole number (0 or more)',
      'ZENML_MAX_IN_FLIGHT must be a whole number of at least 1',
      'METRICS_TOKEN must be at least 16 characters (the bearer token Prometheus sends to GET /metrics; e.g. `openssl rand -hex 32`)',
    ]);
    expect(problems.join('\n')).not.toMatch(/soon|four|short/);
  });
});
