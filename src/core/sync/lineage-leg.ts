import { TAG_ZENML_MODEL_URL, type ModelVersion } from '../domain/model-version';
import type { Stage } from '../domain/stage';
import type { LineagePort, LineageVersion } from '../ports/lineage.port';
import type { LineageApplyInput, LineageApplyResult, LineageResolution, LineageRun, LineageStep } from './lineage-step';

/** Tag ZenML's MLflow model registry writes on the MLflow version: the pipeline run that registered it. */
export const TAG_ZENML_PIPELINE_RUN = 'zenml_pipeline_run_uuid';
export const META_REGISTRY_LINKS = 'registry_links';
export const META_NOTION_SYNC_ERROR = 'notion_sync_error';
export const ZENML_MISSING_HINT =
  'no ZenML model version is linked to it (e.g. it was created in the MLflow UI); register it through a ZenML pipeline to get lineage';

/** ZenML keeps one holder of these stages per model. */
const EXCLUSIVE_STAGES: readonly Stage[] = ['Production', 'Staging'];

/** The ZenML leg over the LineagePort: maps MLflow versions to their ZenML twins and keeps them in step. */
export class ZenmlLineageLeg implements LineageStep {
  constructor(private readonly port: LineagePort) {}

  async prepare(versions: readonly ModelVersion[]): Promise<LineageRun> {
    const byModel = new Map<string, LineageVersion[] | Error>();
    for (const name of new Set(versions.map((v) => v.name))) {
      try {
        byModel.set(name, await this.port.listVersions(name));
      } catch (e) {
        byModel.set(name, e instanceof Error ? e : new Error(String(e)));
      }
    }
    return new ZenmlLineageRun(this.port, byModel, exclusiveHolders(versions));
  }
}

/** For each model and exclusive stage, the MLflow version ZenML should show (the newest holder). */
function exclusiveHolders(versions: readonly ModelVersion[]): Map<string, string> {
  const holders = new Map<string, string>();
  for (const v of versions) {
    if (!EXCLUSIVE_STAGES.includes(v.stage)) continue;
    const key = `${v.name}\u0000${v.stage}`;
    const current = holders.get(key);
    if (current === undefined || Number(v.version) > Number(current)) holders.set(key, v.version);
  }
  return holders;
}

class ZenmlLineageRun implements LineageRun {
  constructor(
    private readonly port: LineagePort,
    private readonly byModel: ReadonlyMap<string, LineageVersion[] | Error>,
    private readonly holders: ReadonlyMap<string, string>,
  ) {}

  /**
   * The twin, by explicit links first (ZenML's registry_links, then the MLflow zenml_model_url tag), then by the
   * pipeline run ZenML recorded — never by equal version numbers: the two counters are independent.
   */
  async resolve(version: ModelVersion, mlflowUrl: string): Promise<LineageResolution> {
    const known = this.byModel.get(version.name);
    if (known instanceof Error) throw known;
    const candidates = known ?? [];
    const linked =
      candidates.find((z) => linksOf(z)?.mlflow_model_url === mlflowUrl) ?? candidates.find((z) => (version.tags[TAG_ZENML_MODEL_URL] ?? '').includes(z.id));
    if (linked) return { url: linked.url, twin: linked };

    const runId = version.tags[TAG_ZENML_PIPELINE_RUN];
    if (runId) {
      const found = (await this.port.findByPipelineRun(version.name, runId)).filter((z) => {
        const other = linksOf(z)?.mlflow_model_url;
        return other === undefined || other === mlflowUrl;
      });
      if (found.length === 1) return { url: (found[0] as LineageVersion).url, twin: found[0] };
      if (found.length > 1) {
        return {
          url: null,
          gap: `pipeline run ${runId} produced ${found.length} ZenML versions of ${version.name}; link one by setting the MLflow tag ${TAG_ZENML_MODEL_URL}`,
        };
      }
    }
    return { url: null, gap: ZENML_MISSING_HINT };
  }

  async apply(version: ModelVersion, resolution: LineageResolution, input: LineageApplyInput, dryRun: boolean): Promise<LineageApplyResult> {
    const twin = resolution.twin as LineageVersion;
    const changed: string[] = [];
    const notes: string[] = [];
    let stageBefore: Stage | undefined;

    if (twin.stage !== version.stage) {
      const holder = this.holders.get(`${version.name}\u0000${version.stage}`);
      if (EXCLUSIVE_STAGES.includes(version.stage) && holder !== version.version) {
        notes.push(`${version.name}: MLflow has several versions in ${version.stage}; ZenML keeps one, so it shows v${holder}`);
      } else {
        stageBefore = twin.stage;
        if (!dryRun) await this.port.setStage(twin.id, version.stage);
        changed.push('stage');
      }
    }

    const metadata: Record<string, unknown> = {};
    const links = { mlflow_model_url: input.mlflowUrl, notion_page_url: input.notionUrl ?? linksOf(twin)?.notion_page_url ?? null };
    const current = linksOf(twin);
    if (!current || current.mlflow_model_url !== links.mlflow_model_url || (current.notion_page_url ?? null) !== links.notion_page_url) {
      metadata[META_REGISTRY_LINKS] = links;
    }
    const recordedError = typeof twin.metadata[META_NOTION_SYNC_ERROR] === 'string' ? (twin.metadata[META_NOTION_SYNC_ERROR] as string) : '';
    const wantedError = input.notionError ?? '';
    if (recordedError !== wantedError) metadata[META_NOTION_SYNC_ERROR] = wantedError;
    if (Object.keys(metadata).length > 0) {
      if (!dryRun) await this.port.setMetadata(twin.id, metadata);
      changed.push(...Object.keys(metadata));
    }
    return { changed, stageBefore, notes };
  }
}

function linksOf(z: LineageVersion): { mlflow_model_url?: string; notion_page_url?: string | null } | undefined {
  const raw = z.metadata[META_REGISTRY_LINKS];
  return raw !== null && typeof raw === 'object' ? (raw as { mlflow_model_url?: string; notion_page_url?: string | null }) : undefined;
}
