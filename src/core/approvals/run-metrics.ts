import type { ModelVersion } from '../domain/model-version';
import type { Logger } from '../ports/logger.port';
import type { RegistryReader } from '../ports/registry.port';

/**
 * The metrics of a version's source run, as an approver is shown them (the request, a rollback's two holders).
 * A run that cannot be read shows no metrics rather than stopping the request: the approver still decides.
 */
export async function runMetricsOf(registry: Pick<RegistryReader, 'getRun'>, mv: ModelVersion, logger: Logger, what: string): Promise<Record<string, number>> {
  if (!mv.runId) return {};
  try {
    return { ...((await registry.getRun(mv.runId))?.metrics ?? {}) };
  } catch (e) {
    logger.warn({ model: mv.name, version: mv.version, err: e }, what);
    return {};
  }
}
