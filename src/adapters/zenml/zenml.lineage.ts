/** LineagePort over the ZenML REST API: model versions, their stage and their run metadata. */
import type { Stage } from '../../core/domain/stage';
import type { LineagePort, LineageVersion } from '../../core/ports/lineage.port';
import type { OutboundLoadSource } from '../http/outbound-load';
import { allPages } from '../http/pagination';
import { ZenmlHttp, type ZenmlHttpOptions } from './zenml.http';
import { AdapterError, hasErrorCode } from '../http/adapter-error';
import { isUuid, linkStyle, modelVersionUrl, type LinkStyle } from './zenml.links';
import {
  ModelVersionRunLinkSchema,
  ModelVersionSchema,
  NoContentSchema,
  pageSchema,
  ProjectSchema,
  ServerInfoSchema,
  type ModelVersionDto,
} from './zenml.schemas';
import { fromZenmlStage, toZenmlStage } from './zenml.stage';
import { metadataTypes } from './zenml.metadata';

/** The project every ZenML server creates. */
export const DEFAULT_PROJECT = 'default';
/** ZenML allows up to 10000 per page; models rarely have more than a few hundred versions. */
const PAGE_SIZE = 500;

/** Settings for the ZenML adapter (ZENML_SERVER_URL, ZENML_API_KEY or ZENML_USERNAME/PASSWORD, ZENML_PROJECT). */
export interface ZenmlLineageOptions extends ZenmlHttpOptions {
  /** Project name or id; `default` when omitted. */
  readonly project?: string;
  /** Base URL for version links, when the dashboard lives elsewhere than the API (e.g. ZenML Pro). */
  readonly dashboardUrl?: string;
}

/** ZenML model versions as the sync sees them. */
export class ZenmlLineageAdapter implements LineagePort {
  private readonly http: ZenmlHttp;
  private readonly project: string;
  private readonly options: ZenmlLineageOptions;
  private projectId: Promise<string> | undefined;
  private links: Promise<LinkStyle> | undefined;

  constructor(options: ZenmlLineageOptions) {
    this.http = new ZenmlHttp(options);
    this.project = options.project ?? DEFAULT_PROJECT;
    this.options = options;
  }

  /** In flight, waiting, shed and shared calls to this ZenML server. */
  get load(): OutboundLoadSource {
    return this.http.load;
  }

  /** Logins made so far (cached token; one more after each 401). */
  get logins(): number {
    return this.http.logins;
  }

  listVersions(modelName: string): Promise<LineageVersion[]> {
    const schema = pageSchema(ModelVersionSchema);
    return allPages(async (page: number | undefined = 1) => {
      const answer = await this.http.call({
        method: 'GET',
        path: '/model_versions',
        // `model` filters by exact model name or id; hydrate brings run_metadata along.
        query: { model: modelName, project: this.project, hydrate: true, sort_by: 'asc:number', page, size: PAGE_SIZE },
        schema,
        subject: `versions of model '${modelName}'`,
        idempotent: true,
      });
      const items: LineageVersion[] = [];
      for (const item of answer.items) items.push(await this.toVersion(item));
      // ZenML numbers pages from 1 and says how many there are.
      return { items, next: page < answer.total_pages ? page + 1 : undefined };
    });
  }

  async getVersion(id: string): Promise<LineageVersion | undefined> {
    if (!isUuid(id)) return undefined;
    try {
      const dto = await this.http.call({
        method: 'GET',
        path: `/model_versions/${id}`,
        query: { hydrate: true },
        schema: ModelVersionSchema,
        subject: `model version '${id}'`,
        idempotent: true,
      });
      return await this.toVersion(dto);
    } catch (e) {
      if (hasErrorCode(e, 'zenml_not_found') && e.remoteCode !== undefined) return undefined;
      throw e;
    }
  }

  async setStage(id: string, stage: Stage): Promise<void> {
    this.assertId(id);
    await this.http.call({
      method: 'PUT',
      path: `/model_versions/${id}`,
      // MLflow is the source of truth: `force` archives whichever version held the stage, instead of the
      // server's RuntimeError (HTTP 500) "Model version N is in production, but `force` flag is False".
      body: { stage: toZenmlStage(stage), force: true },
      schema: ModelVersionSchema,
      subject: `the stage of model version '${id}'`,
      // Setting the same stage twice leaves the same state.
      idempotent: true,
    });
  }

  async setMetadata(id: string, values: Readonly<Record<string, unknown>>): Promise<void> {
    this.assertId(id);
    if (Object.keys(values).length === 0) return;
    const types = metadataTypes(values);
    await this.http.call({
      method: 'POST',
      path: '/run-metadata',
      body: { project: await this.resolveProjectId(), resources: [{ id, type: 'model_version' }], values, types },
      schema: NoContentSchema,
      subject: `metadata of model version '${id}'`,
      // Append-only with latest-wins reads: a repeated write records the same values again, changing nothing.
      idempotent: true,
    });
  }

  async findByPipelineRun(modelName: string, pipelineRunId: string): Promise<LineageVersion[]> {
    if (!isUuid(pipelineRunId)) return [];
    const answer = await this.http.call({
      method: 'GET',
      path: '/model_version_pipeline_runs',
      query: { pipeline_run_id: pipelineRunId, size: PAGE_SIZE },
      schema: pageSchema(ModelVersionRunLinkSchema),
      subject: `model versions of pipeline run '${pipelineRunId}'`,
      idempotent: true,
    });
    const ids = new Set(answer.items.map((link) => (typeof link.body.model_version === 'string' ? link.body.model_version : link.body.model_version.id)));
    const found: LineageVersion[] = [];
    for (const id of ids) {
      const version = await this.getVersion(id);
      if (version && version.modelName === modelName) found.push(version);
    }
    return found.sort((a, b) => a.number - b.number);
  }

  private assertId(id: string): void {
    if (!isUuid(id)) throw new AdapterError('zenml_invalid_request', `'${id}' is not a ZenML model version id (a UUID).`);
  }

  private async toVersion(dto: ModelVersionDto): Promise<LineageVersion> {
    const stage = fromZenmlStage(dto.body.stage);
    if (!stage) {
      throw new AdapterError('zenml_unexpected_response', `ZenML model version '${dto.id}' has a stage this app does not know.`);
    }
    return {
      id: dto.id,
      modelName: dto.body.model.name,
      number: dto.body.number,
      stage,
      metadata: dto.metadata?.run_metadata ?? {},
      url: modelVersionUrl(await this.linkStyle(), dto.body.project_id, dto.id),
    };
  }

  /** The server's info decides the link shape once per adapter; a failed lookup is retried next time. */
  private linkStyle(): Promise<LinkStyle> {
    if (!this.links) {
      const pending = this.http
        .getPublic('/info', ServerInfoSchema, 'the server info')
        .then((info) => linkStyle(info, this.options.serverUrl, this.options.dashboardUrl));
      this.links = pending;
      pending.catch(() => {
        if (this.links === pending) this.links = undefined;
      });
    }
    return this.links;
  }

  /** Run metadata needs the project's UUID, while every filter accepts its name. */
  private resolveProjectId(): Promise<string> {
    if (!this.projectId) {
      const pending = this.http
        .call({
          method: 'GET',
          path: `/projects/${encodeURIComponent(this.project)}`,
          schema: ProjectSchema,
          subject: `project '${this.project}'`,
          idempotent: true,
        })
        .then((p) => p.id);
      this.projectId = pending;
      pending.catch(() => {
        if (this.projectId === pending) this.projectId = undefined;
      });
    }
    return this.projectId;
  }
}
