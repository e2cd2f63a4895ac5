/** The smallest environment loadConfig accepts in CLI mode, and the problems it lists for variations of it. */
import { ConfigError, loadConfig } from '../../src/config';

export const BASE_ENV = {
  MLFLOW_TRACKING_URI: 'http://127.0.0.1:5000/',
  NOTION_API_TOKEN: 'ntn_supersecret_value',
  NOTION_DATABASE_ID: '0123456789abcdef0123456789abcdef',
} as const;

/** The problems loadConfig lists for BASE_ENV plus `env` (none: an empty list). */
export function configProblems(env: Record<string, string>, mode: 'app' | 'cli' = 'cli'): readonly string[] {
  try {
    loadConfig({ ...BASE_ENV, ...env }, mode);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}
